// Static pods: the kubelet follows /etc/kubernetes/manifests; a broken manifest or a bad flag saved while
// kube-apiserver runs takes it down with the kubelet's and the apiserver's own messages, and a fix brings
// it back. (Each failure's exact wording: test/kube-audit/apiserver-start.test.ts.)
import { describe, expect, it } from 'vitest';
import { bootedLab, kubeLab } from './harness';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

function journal(lab: { world: { nodes: Record<string, { journal: { message: string }[] }> } }): string[] {
  return lab.world.nodes['kube-control-plane']!.journal.map((e) => e.message);
}

describe('static pods', () => {
  it('a manifest that does not parse stops the API server and logs "Could not process manifest file" every 20 s', async () => {
    const lab = await bootedLab();
    const text = lab.read('kube-control-plane', MANIFEST)!;
    const broken = text.replace('    - --allow-privileged=true\n', '\t- --allow-privileged=true\n');
    const root = lab.kernel.vfsFor('kube-control-plane', { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
    root.writeFile(MANIFEST, broken);
    await lab.advance(45);
    expect(lab.cluster.apiServing()).toBe(false);
    const lines = journal(lab).filter((m) => m.includes('"Could not process manifest file"'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ file\.go:187\] "Could not process manifest file" err="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml: couldn't parse as pod\(yaml: line \d+: found character that cannot start any token\), please check config file" path="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml"$/);
    expect(Object.values(lab.world.nodes['kube-control-plane']!.containers).some((c) => c.name === 'kube-apiserver' && c.state === 'running')).toBe(false);
    root.writeFile(MANIFEST, text);
    // A write by a process is seen at once (inotify), not only at the next 20 s re-list.
    await lab.run('kube-control-plane', ['sh', '-c', `echo '#' >> ${MANIFEST}`]);
    for (let i = 0; i < 16 && !lab.cluster.apiServing(); i++) await lab.advance(1);
    expect(lab.cluster.apiServing()).toBe(true);
  });

  it('an unknown flag makes the container exit 1 with the pflag error as its only log line, then crash-loop', async () => {
    const lab = await bootedLab();
    const text = lab.read('kube-control-plane', MANIFEST)!;
    const bad = text.replace('    - --allow-privileged=true\n', '    - --allow-privileged=true\n    - --audit-log-pat=/var/log/x\n');
    lab.kernel.vfsFor('kube-control-plane', { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).writeFile(MANIFEST, bad);
    await lab.advance(60);
    expect(lab.cluster.apiServing()).toBe(false);
    const exited = Object.values(lab.world.nodes['kube-control-plane']!.containers).filter((c) => c.name === 'kube-apiserver');
    expect(exited.length).toBeGreaterThan(0);
    const last = exited.sort((a, b) => b.attempt - a.attempt)[0]!;
    expect(last.attempt).toBeGreaterThanOrEqual(1);
    const log = lab.read('kube-control-plane', last.logPath)!;
    expect(log.trim().split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual(['stderr F Error: unknown flag: --audit-log-pat']);
  });
});

describe('restoring a saved world', () => {
  it('re-attaches container processes and the API server serves again at once', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loop' }, spec: { containers: [{ name: 'loop', image: 'alpine:3.17.1', command: ['sh', '-c', 'while true; do echo tick; sleep 5; done'] }] } });
    await lab.advance(10);
    const saved = structuredClone(lab.world);
    const again = kubeLab({ world: saved });
    expect(again.cluster.apiServing()).toBe(false);
    await again.advance(1);
    expect(again.cluster.apiServing()).toBe(true);
    const c = Object.values(saved.nodes['kube-worker-1']!.containers).find((x) => x.name === 'loop')!;
    expect(c.state).toBe('running');
    expect(again.kernel.isLive('kube-worker-1', c.pid!)).toBe(true);
    const before = again.read('kube-worker-1', c.logPath)!.split('\n').length;
    await again.advance(11);
    expect(again.read('kube-worker-1', c.logPath)!.split('\n').length).toBeGreaterThan(before);
  });
});
