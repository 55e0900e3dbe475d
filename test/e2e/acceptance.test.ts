// The command-line contract, through the built binary as a user runs it: `cks-lab sh` transcripts,
// `cks-lab check` before and after a solution, and the audit-log exercise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';

const BIN = resolve(__dirname, '..', '..', 'bin', 'cks-lab.js');
const ROOT = resolve(__dirname, '..', '..');

function cksLab(args: string[], input = ''): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const stateDir = (): string => mkdtempSync(join(tmpdir(), 'cks-state-'));

describe('cks-lab sh', () => {
  it("prints Falco's shell alert in the worker's journal, in the chapter's layout", () => {
    const D = stateDir();
    const r = cksLab(
      ['sh', '--state', D],
      lines('kubectl run nginx --image=nginx:1.23.3', 'sleep 5', 'kubectl exec -it nginx -- bash', 'exit', 'ssh kube-worker-1', 'sudo journalctl -u falco --no-pager'),
    );
    expect(r.stdout).toMatch(
      /^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} kube-worker-1 falco\[\d+\]: \d{2}:\d{2}:\d{2}\.\d{9}: Notice A shell was spawned in a container with an attached terminal \(user=root user_loginuid=0 nginx \(id=([0-9a-f]{12})\) shell=bash parent=runc cmdline=bash pid=\d+ terminal=34816 container_id=\1 image=docker\.io\/library\/nginx\)$/m,
    );
  });

  it('keeps the world between calls in the state directory', () => {
    const D = stateDir();
    cksLab(['sh', '--state', D], lines('echo persisted > notes.txt'));
    // The login shell says `logout` when its input ends, as bash does on Ctrl-D.
    expect(cksLab(['sh', '--state', D], lines('cat notes.txt')).stdout).toBe('persisted\nlogout\n');
  });

  it('finishes its work and saves the lab when the reader of its output goes away (| head)', () => {
    const D = stateDir();
    const r = spawnSync('sh', ['-c', `printf 'seq 1 200000\\necho kept > notes.txt\\n' | "${process.execPath}" "${BIN}" sh --state "${D}" | head -n 1`], { encoding: 'utf8' });
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toBe('');
    expect(cksLab(['sh', '--state', D], lines('cat notes.txt')).stdout).toBe('kept\nlogout\n');
  });

  it('exits with the status of the last command', () => {
    expect(cksLab(['sh', '--state', stateDir()], lines('true', 'false')).status).toBe(1);
  });
});

describe('cks-lab check', () => {
  for (const id of ['falco-shell-alert', 'immutable-hash']) {
    it(`${id}: fails on the fresh setup and passes after the solution script`, () => {
      const D = stateDir();
      const before = cksLab(['check', id, '--state', D, '--json', '--learner', 'alice']);
      expect(before.status).toBe(1);
      const report = JSON.parse(before.stdout) as { passed: boolean; learner: string; seed: number; checks: { id: string; passed: boolean; message?: string }[] };
      expect(report.passed).toBe(false);
      expect(report).toMatchObject({ scenario: id, learner: 'alice', seed: 1, hintsRevealed: 0, solutionRevealed: false, checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      // The instructor merges the learners' results into a class report.
      writeFileSync(join(D, 'alice.json'), before.stdout);
      const merged = cksLab(['results', 'merge', join(D, 'alice.json')]);
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout).toMatch(new RegExp(`^alice +✗ \\d+/${report.checks.length} +0/1$`, 'm'));
      expect(report.checks.length).toBeGreaterThan(1);
      expect(report.checks.filter((c) => !c.passed).every((c) => (c.message ?? '').length > 0)).toBe(true);

      const script = (parse(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8')) as { solution: { script: string } }).solution.script;
      cksLab(['sh', '--scenario', id, '--state', D], script);
      const after = cksLab(['check', id, '--state', D]);
      expect(after.stdout).toMatch(/checks passed/);
      expect(after.status, after.stdout).toBe(0);
    });
  }
});

describe('the audit-log exercise', () => {
  it('logs the configmap at Metadata, the service at Request with its body, the secret without bodies; kubectl is refused meanwhile', () => {
    const D = stateDir();
    const policy = EXERCISE_POLICY.trimEnd().split('\n');
    const M = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    const r = cksLab(
      ['sh', '--state', D],
      lines(
        'sudo mkdir -p /etc/kubernetes/audit/rules',
        "sudo tee /etc/kubernetes/audit/rules/audit-policy.yaml > /dev/null <<'EOF'",
        ...policy,
        'EOF',
        `sudo sed -i 's#    - --authorization-mode=Node,RBAC#    - --audit-policy-file=/etc/kubernetes/audit/rules/audit-policy.yaml\\n    - --audit-log-path=/var/log/kubernetes/audit/logs/apiserver.log\\n    - --audit-log-maxage=5\\n    - --authorization-mode=Node,RBAC#' ${M}`,
        `sudo sed -i 's#    volumeMounts:#    volumeMounts:\\n    - mountPath: /etc/kubernetes/audit/rules/audit-policy.yaml\\n      name: audit\\n      readOnly: true\\n    - mountPath: /var/log/kubernetes/audit/logs/\\n      name: audit-log\\n      readOnly: false#' ${M}`,
        `sudo sed -i 's#  volumes:#  volumes:\\n  - name: audit\\n    hostPath:\\n      path: /etc/kubernetes/audit/rules/audit-policy.yaml\\n      type: File\\n  - name: audit-log\\n    hostPath:\\n      path: /var/log/kubernetes/audit/logs/\\n      type: DirectoryOrCreate#' ${M}`,
        'sleep 2',
        'kubectl get pods',
        'sleep 40',
        'kubectl create configmap db-user --from-literal=username=tom',
        'kubectl create service clusterip web --tcp=80:80',
        'kubectl create secret generic db-pass --from-literal=password=s3cret',
        'kubectl get secret db-pass',
        'sudo cat /var/log/kubernetes/audit/logs/apiserver.log',
      ),
    );
    expect(r.stdout).toContain('The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?');
    expect(r.stdout).toContain('configmap/db-user created');
    const events = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; verb: string; stage: string; objectRef?: { resource?: string; name?: string }; responseStatus?: { code: number }; requestObject?: { kind?: string; spec?: unknown }; responseObject?: unknown });
    const ev = events.find((e) => e.objectRef?.name === 'db-user');
    expect(ev).toMatchObject({ level: 'Metadata', verb: 'create', stage: 'ResponseComplete', responseStatus: { code: 201 } });
    const svc = events.find((e) => e.objectRef?.resource === 'services' && e.objectRef.name === 'web');
    expect(svc).toMatchObject({ level: 'Request', verb: 'create', stage: 'ResponseComplete', responseStatus: { code: 201 }, requestObject: { kind: 'Service', spec: { type: 'ClusterIP', ports: [{ name: '80-80', port: 80, protocol: 'TCP', targetPort: 80 }] } } });
    expect(svc!.responseObject).toBeUndefined();
    const secrets = events.filter((e) => e.objectRef?.resource === 'secrets' && e.objectRef.name === 'db-pass');
    expect(secrets.map((e) => `${e.verb} ${e.level}`)).toEqual(['create Metadata', 'get Metadata']);
    expect(secrets.every((e) => e.requestObject === undefined && e.responseObject === undefined)).toBe(true);
    expect(r.stdout).not.toContain('s3cret');
    expect(events.some((e) => e.stage === 'RequestReceived')).toBe(false);
  });
});

describe('cks-lab', () => {
  it('prints its version and help', () => {
    expect(cksLab(['--version']).stdout).toMatch(/^cks-lab \d+\.\d+\.\d+\n$/);
    expect(cksLab(['--help', '--lang', 'en']).stdout).toContain('sh [--scenario <id>] [--state <dir>]');
    expect(cksLab(['--help', '--lang', 'zh']).stdout).toMatch(/^用法：cks-lab \[命令\] \[选项\]\n[^]*results merge/);
  });

  it('lists the scenarios as JSON', () => {
    const r = cksLab(['list', '--json']);
    const rows = JSON.parse(r.stdout) as { id: string }[];
    expect(rows.map((x) => x.id)).toEqual(expect.arrayContaining(['falco-shell-alert', 'immutable-hash']));
  });

  it('refuses an unknown command with usage status 2', () => {
    const r = cksLab(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
