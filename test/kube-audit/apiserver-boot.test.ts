// The boot hook the kube-apiserver program calls (src/kube/programs.ts): audit set-up from argv and the
// process's own files, returning the hook to serve with or the "command failed" error text.
import { describe, expect, it } from 'vitest';
import type { ApiServerBoot } from '../../src/kube/programs';
import { auditApiServerBoot } from '../../src/kube/audit';
import { controlPlane, exercisePod, LOG_PATH, POLICY_PATH, type ControlPlane } from './harness';

/** Boot the exercise-3 pod's container with `argv` as its command, 5 s into the world. */
function bootIn(cp: ControlPlane, argv: string[]) {
  const pod = exercisePod();
  pod.spec.containers[0].command = argv;
  const out = cp.boot(pod, { now: 5_000_000_000 });
  if (out.stage !== 'boot') throw new Error(`no boot: ${JSON.stringify(out)}`);
  return { result: out.result, stderr: out.stderr, stdout: out.stdout };
}

const argvOf = (edit: (cmd: string[]) => string[] = (c) => c): string[] => edit([...exercisePod().spec.containers[0].command]);

describe('auditApiServerBoot', () => {
  it('fits the program’s ApiServerBoot contract', () => {
    const boot: ApiServerBoot = auditApiServerBoot();
    expect(typeof boot.boot).toBe('function');
  });

  it('returns an audit hook for the exercise 3 configuration', () => {
    const cp = controlPlane();
    const { result } = bootIn(cp, argvOf());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.audit).not.toBeNull();
    expect(result.config.logTarget).toMatchObject({ kind: 'file', hostPath: '/var/log/kubernetes/audit/logs/apiserver.log' });
    expect(cp.read(LOG_PATH)).toBe('');
  });

  it('returns no hook when no policy is configured (nothing is audited)', () => {
    const { result } = bootIn(controlPlane(), argvOf((c) => c.filter((a) => !a.startsWith('--audit-policy-file='))));
    expect(result).toMatchObject({ ok: true, audit: null });
  });

  it.each([
    ['an unmounted policy', (c: string[]) => c.map((a) => (a.startsWith('--audit-policy-file=') ? '--audit-policy-file=/etc/kubernetes/audit/policy.yaml' : a)),
      'loading audit policy file: failed to read file path "/etc/kubernetes/audit/policy.yaml": open /etc/kubernetes/audit/policy.yaml: no such file or directory'],
    ['a bad log format', (c: string[]) => [...c, '--audit-log-format=yaml'], 'invalid audit log format yaml, allowed formats are "legacy,json"'],
    ['two validation errors', (c: string[]) => [...c, '--audit-log-format=yaml', '--audit-log-maxbackup=-2'],
      '[invalid audit log format yaml, allowed formats are "legacy,json", --audit-log-maxbackup -2 can\'t be a negative number]'],
  ])('%s: the err= text for run.go:74', (_name, edit, error) => {
    expect(bootIn(controlPlane(), argvOf(edit)).result).toEqual({ ok: false, error });
  });

  it('logs the lenient-decoding warning on stderr and still serves', () => {
    const cp = controlPlane();
    cp.put(POLICY_PATH, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resource: [pods]\n');
    const { result, stderr } = bootIn(cp, argvOf());
    expect(result.ok).toBe(true);
    expect(stderr).toEqual(['W0119 20:02:23.000000       1 reader.go:81] Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].resource"\n']);
  });

  it('--audit-log-path=- writes events to the program stdout', () => {
    const { result, stdout } = bootIn(controlPlane(), argvOf((c) => c.map((a) => (a.startsWith('--audit-log-path=') ? '--audit-log-path=-' : a))));
    if (!result.ok || !result.audit) throw new Error('no hook');
    result.audit.onComplete({
      auditID: 'a', requestURI: '/api/v1/namespaces/default/configmaps', verb: 'create', user: { username: 'kubernetes-admin', groups: ['system:masters'] },
      sourceIPs: ['192.168.56.10'], userAgent: 'kubectl', objectRef: { resource: 'configmaps', namespace: 'default', name: 'db-user', apiVersion: 'v1' },
      nonResource: false, path: '/api/v1/namespaces/default/configmaps', longRunning: false, requestReceivedTimestamp: '2023-01-19T20:02:23.000100Z',
      stage: 'ResponseComplete', stageTimestamp: '2023-01-19T20:02:23.004100Z', responseStatus: { metadata: {}, code: 201 }, annotations: {},
    });
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0]!)).toMatchObject({ level: 'Metadata', stage: 'ResponseComplete', objectRef: { name: 'db-user' } });
  });
});
