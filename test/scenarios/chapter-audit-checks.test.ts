// The audit judges behind audit-log-policy: the level a policy file gives a request, and the events
// the running API server logs (already, or for requests sent in a probe copy of the lab).
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/grading/checks';
import type { GradingHost, LabRunner } from '../../src/grading/runner';
import { checkSchema } from '../../src/scenarios/schema';
import type { World } from '../../src/world/world';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';

const words = { description: { en: 'd', zh: '描述' }, failMessage: { en: 'f', zh: '失败' } };

async function grade(c: Record<string, unknown>, host: GradingHost): Promise<{ passed: boolean; message?: string }> {
  return runCheck(checkSchema.parse({ id: 'c', ...words, ...c }), { host, lang: 'en', setupDoneNs: 0 });
}

const POLICY_PATH = '/etc/kubernetes/audit/rules/audit-policy.yaml';
// app-a/ch07/audit-log/audit-policy-setup.sh writes this start policy.
const START_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - "RequestReceived"
rules:
  - level: RequestResponse
    resources:
    - group: ""
      resources: ["pods"]
`;

describe('audit-policy-level: the policy file judged as kube-apiserver 1.26 would', () => {
  function withPolicy(text: string | null): GradingHost {
    const runner: LabRunner = {
      world: {} as World,
      run: async () => ({ status: 0, stdout: '', stderr: '' }),
      advance: async () => {},
      readFile: (node, path) => (node === 'kube-control-plane' && path === POLICY_PATH ? text : null),
    };
    return { live: runner, probe: async () => runner };
  }
  const level = (resource: string, lvl: string, extra: Record<string, unknown> = {}) => ({
    type: 'audit-policy-level',
    path: POLICY_PATH,
    request: { verb: 'create', resource, namespace: 'default' },
    level: lvl,
    ...extra,
  });

  it.each<[string, string, string, boolean]>([
    ['start', 'configmaps', 'Metadata', false],
    ['start', 'pods', 'RequestResponse', true],
    ['solved', 'configmaps', 'Metadata', true],
    ['solved', 'secrets', 'Metadata', true],
    ['solved', 'services', 'Request', true],
    ['solved', 'pods', 'RequestResponse', true],
    ['solved', 'deployments', 'None', true],
  ])('the %s policy gives %s the level %s: %s', async (which, resource, lvl, passed) => {
    const r = await grade(level(resource, lvl), withPolicy(which === 'start' ? START_POLICY : EXERCISE_POLICY));
    expect(r.passed).toBe(passed);
  });

  it('says which rule decided instead', async () => {
    const servicesAtMetadata = EXERCISE_POLICY.replace('level: Request\n', 'level: Metadata\n');
    expect((await grade(level('services', 'Request'), withPolicy(servicesAtMetadata))).message).toBe('the policy gives it level Metadata (rules[2] matches)');
    expect((await grade(level('configmaps', 'Metadata'), withPolicy(START_POLICY))).message).toBe('the policy gives it level None (no rule matches)');
  });

  it('points at the rule of the wanted level that just misses', async () => {
    const wrongGroup = EXERCISE_POLICY.replace('- group: ""\n      resources: ["secrets", "configmaps"]', '- group: "apps"\n      resources: ["secrets", "configmaps"]');
    expect(wrongGroup).not.toBe(EXERCISE_POLICY);
    const r = await grade(level('configmaps', 'Metadata'), withPolicy(wrongGroup));
    expect(r.message).toBe('the policy gives it level None (no rule matches); rules[1] (Metadata) does not match: "configmaps" is listed under group "apps" but the request\'s group is ""');
  });

  it('requires the omitted stages it names', async () => {
    const noOmit = EXERCISE_POLICY.replace('omitStages:\n  - "RequestReceived"\n', '');
    const r = await grade(level('pods', 'RequestResponse', { omitStages: ['RequestReceived'] }), withPolicy(noOmit));
    expect(r.message).toBe('stage(s) RequestReceived are not omitted for it (omitted: none)');
  });

  it('reports a policy the API server would refuse, and a missing file', async () => {
    const bad = await grade(level('pods', 'RequestResponse'), withPolicy(START_POLICY.replace('RequestResponse', 'Everything')));
    expect(bad.message).toMatch(/^kube-apiserver would not start: loading audit policy file: .*from file \/etc\/kubernetes\/audit\/rules\/audit-policy\.yaml$/);
    expect((await grade(level('pods', 'RequestResponse'), withPolicy(null))).message).toBe(`${POLICY_PATH} does not exist on kube-control-plane`);
  });
});

describe('audit-event: events the running API server writes', () => {
  const LOG = '/var/log/kubernetes/audit/logs/apiserver.log';
  let serial = 0;
  const event = (verb: string, resource: string, name: string, level: string, bodies: { req?: boolean; res?: boolean } = {}, stage = 'ResponseComplete') =>
    JSON.stringify({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level,
      auditID: `${verb}-${resource}-${name}-${stage}-${++serial}`,
      stage,
      verb,
      user: { username: 'kubernetes-admin' },
      objectRef: { resource, namespace: 'default', name, apiVersion: 'v1' },
      ...(bodies.req ? { requestObject: { kind: 'X' } } : {}),
      ...(bodies.res ? { responseObject: { kind: 'X' } } : {}),
    });

  /**
   * A control plane whose API server logs to LOG (inside its container, mounted from the node) and a
   * `send` that appends what the policy under test would log for the request.
   */
  function apiserver(initial: string[], respond: (command: string) => string[] | { status: number; stderr: string }, args = [`--audit-log-path=${LOG}`]) {
    const world = { nodes: { 'kube-control-plane': { procs: { 9: { pid: 9, comm: 'kube-apiserver', argv: ['kube-apiserver', ...args], state: 'S', containerId: 'c0ffee' } } } } } as unknown as World;
    const live = (lines: string[]): LabRunner => ({
      world,
      run: async (_node, _user, command) => {
        const r = respond(command);
        if (!Array.isArray(r)) return { ...r, stdout: '' };
        lines.push(...r);
        return { status: 0, stdout: 'created\n', stderr: '' };
      },
      advance: async () => {},
      readFile: (_node, path) => (path === LOG ? lines.join('\n') + '\n' : null),
    });
    return { live: live([...initial]), probe: async () => live([...initial]) } satisfies GradingHost;
  }
  const cm = { verb: 'create', resource: 'configmaps', name: 'grading-probe-cm', level: 'Metadata', requestObject: false, responseObject: false };
  const sendCm = { type: 'audit-event', logPath: LOG, send: 'kubectl create configmap grading-probe-cm --from-literal=key=value', match: cm };

  it('passes on a fresh Metadata event without bodies', async () => {
    expect((await grade(sendCm, apiserver([], () => [event('create', 'configmaps', 'grading-probe-cm', 'Metadata')]))).passed).toBe(true);
  });

  it('ignores events already in the log: only the request sent now counts', async () => {
    const old = [event('create', 'configmaps', 'grading-probe-cm', 'Metadata')];
    const r = await grade(sendCm, apiserver(old, () => [event('create', 'configmaps', 'grading-probe-cm', 'RequestResponse', { req: true, res: true })]));
    expect(r.message).toBe(
      'logged for `kubectl create configmap grading-probe-cm --from-literal=key=value`: create configmaps default/grading-probe-cm at level RequestResponse, stage ResponseComplete, with requestObject, with responseObject',
    );
  });

  it('says when the policy logs nothing for the request', async () => {
    const r = await grade(sendCm, apiserver([], () => [event('patch', 'pods', 'x', 'RequestResponse')]));
    expect(r.message).toBe('no event for create configmaps grading-probe-cm among 1 event(s) for `kubectl create configmap grading-probe-cm --from-literal=key=value`');
  });

  it('reports a request the API server refused', async () => {
    const r = await grade(sendCm, apiserver([], () => ({ status: 1, stderr: 'The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?\n' })));
    expect(r.message).toMatch(/^`kubectl create configmap .*` failed: The connection to the server/);
  });

  it('sends the command as the cluster admin', async () => {
    let seen = '';
    await grade(sendCm, apiserver([], (command) => ((seen = command), [])));
    expect(seen).toBe("export KUBECONFIG='/etc/kubernetes/admin.conf'\nkubectl create configmap grading-probe-cm --from-literal=key=value");
  });

  it('with absent, passes when the request was logged but never at the stage', async () => {
    const noReceived = { type: 'audit-event', logPath: LOG, send: 'kubectl create configmap x --from-literal=k=v', match: { stage: 'RequestReceived' }, absent: true };
    expect((await grade(noReceived, apiserver([], () => [event('create', 'configmaps', 'x', 'Metadata')]))).passed).toBe(true);
    const both = () => [event('create', 'configmaps', 'x', 'Metadata', {}, 'RequestReceived'), event('create', 'configmaps', 'x', 'Metadata')];
    expect((await grade(noReceived, apiserver([], both))).message).toMatch(/^1 such event\(s\) for `kubectl create configmap x --from-literal=k=v`, e\.g\. create configmaps default\/x at level Metadata, stage RequestReceived/);
    expect((await grade(noReceived, apiserver([], () => []))).message).toMatch(/was not logged at all \(0 new event\(s\)/);
  });

  it('reads the log of the running API server when no path is given', async () => {
    const dbUser = { type: 'audit-event', match: { verb: 'create', name: 'db-user', level: 'Metadata', stage: 'ResponseComplete' } };
    expect((await grade(dbUser, apiserver([event('create', 'configmaps', 'db-user', 'Metadata')], () => []))).passed).toBe(true);
    expect((await grade(dbUser, apiserver([], () => [], ['--secure-port=6443']))).message).toBe('the API server runs without --audit-log-path');
  });
});
