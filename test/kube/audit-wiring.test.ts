// The audit engine plugged into the kube-apiserver program's boot hook: the chapter's audit exercise
// end to end (policy, flags, hostPath mounts, a configmap create, the JSON line in the host's log).
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { auditApiServerBoot } from '../../src/kube/audit';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { kubeLab } from './harness';

const CP = 'kube-control-plane';
const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

describe('audit wiring', () => {
  it('logs a Metadata event for kubectl create configmap once the manifest enables auditing', async () => {
    const lab = kubeLab({ programs: kubeCommands, boot: auditApiServerBoot() });
    const root = lab.kernel.vfsFor(CP, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
    root.mkdir('/etc/kubernetes/audit');
    root.mkdir('/etc/kubernetes/audit/rules');
    root.writeFile('/etc/kubernetes/audit/rules/audit-policy.yaml', EXERCISE_POLICY);
    const text = root.readFile(MANIFEST)
      .replace('    - --allow-privileged=true\n', '    - --allow-privileged=true\n    - --audit-policy-file=/etc/kubernetes/audit/rules/audit-policy.yaml\n    - --audit-log-path=/var/log/kubernetes/audit/logs/apiserver.log\n    - --audit-log-maxage=5\n')
      .replace('    volumeMounts:\n', '    volumeMounts:\n    - mountPath: /etc/kubernetes/audit/rules/audit-policy.yaml\n      name: audit\n      readOnly: true\n    - mountPath: /var/log/kubernetes/audit/logs/\n      name: audit-log\n      readOnly: false\n')
      .replace('  volumes:\n', '  volumes:\n  - hostPath:\n      path: /etc/kubernetes/audit/rules/audit-policy.yaml\n      type: File\n    name: audit\n  - hostPath:\n      path: /var/log/kubernetes/audit/logs/\n      type: DirectoryOrCreate\n    name: audit-log\n');
    root.writeFile(MANIFEST, text);
    for (let i = 0; i < 40 && !lab.cluster.apiServing(); i++) await lab.advance(1);
    expect(lab.cluster.apiServing()).toBe(true);
    const r = await lab.run(CP, ['kubectl', 'create', 'configmap', 'db-user', '--from-literal=username=tom'], { uid: 1000 });
    expect(r.stdout).toBe('configmap/db-user created\n');
    const log = lab.read(CP, '/var/log/kubernetes/audit/logs/apiserver.log') ?? '';
    const line = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => (e.objectRef as { name?: string } | undefined)?.name === 'db-user');
    expect(line).toMatchObject({ level: 'Metadata', stage: 'ResponseComplete', verb: 'create', objectRef: { resource: 'configmaps', namespace: 'default', name: 'db-user' }, responseStatus: { code: 201 } });
  });
});
