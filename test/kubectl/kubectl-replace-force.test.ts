// kubectl replace --force as replace.go does it: delete with the object's own grace period, wait until
// the old object is gone (a `sh` PID 1 ignores SIGTERM, so the full 30 s), then create it again.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import type { Pod } from '../../src/kube/types';
import { bootedLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';
const pod = (name: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: alpine:3.17.1
    command: ["sh", "-c", "while true; do echo x >> /tmp/x; sleep 20; done"]
${extra}`;

function write(lab: KubeLab, path: string, text: string): void {
  lab.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile(path, text);
}

async function runningPod(lab: KubeLab, file: string, text: string): Promise<(...args: string[]) => ReturnType<KubeLab['run']>> {
  const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
  write(lab, `/home/vagrant/${file}`, text);
  expect((await k('create', '-f', file)).status).toBe(0);
  await lab.advance(8);
  return k;
}

const seconds = (lab: KubeLab): number => lab.world.clock.now / 1e9;

describe('kubectl replace --force', () => {
  it('waits out the 30 s grace period of a pod whose sh ignores SIGTERM, then creates the new pod', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = await runningPod(lab, 'h.yaml', pod('hash'));
    const old = (await lab.api('get', '/api/v1/namespaces/default/pods/hash')).body as unknown as Pod;
    // Watch the store: the new object may only appear once the old one is gone.
    const seen: { type: string; uid: string; at: number }[] = [];
    const stop = lab.cluster.store.subscribe((e) => {
      if (e.resource === 'pods' && e.object.metadata.name === 'hash') seen.push({ type: e.type, uid: e.object.metadata.uid!, at: seconds(lab) });
    });
    const t0 = seconds(lab);
    write(lab, '/home/vagrant/h.yaml', pod('hash', '    securityContext:\n      readOnlyRootFilesystem: true\n'));
    expect(await k('replace', '--force', '-f', 'h.yaml')).toEqual({ status: 0, stdout: 'pod "hash" deleted\npod/hash replaced\n', stderr: '' });
    stop();
    const elapsed = seconds(lab) - t0;
    expect(elapsed).toBeGreaterThanOrEqual(30);
    expect(elapsed).toBeLessThan(36);
    const deletedAt = seen.find((e) => e.type === 'DELETED' && e.uid === old.metadata.uid)!.at;
    const added = seen.find((e) => e.type === 'ADDED')!;
    expect(added.uid).not.toBe(old.metadata.uid);
    expect(deletedAt - t0).toBeGreaterThanOrEqual(30);
    expect(added.at).toBeGreaterThanOrEqual(deletedAt);
    const now = (await lab.api('get', '/api/v1/namespaces/default/pods/hash')).body as unknown as Pod;
    expect(now.spec.containers[0]!.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  it('turns --grace-period=0 into 1 and still waits, printing "deleted" rather than "force deleted"', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = await runningPod(lab, 'h.yaml', pod('hash'));
    const t0 = seconds(lab);
    expect(await k('replace', '--force', '--grace-period=0', '-f', 'h.yaml')).toEqual({ status: 0, stdout: 'pod "hash" deleted\npod/hash replaced\n', stderr: '' });
    const elapsed = seconds(lab) - t0;
    expect(elapsed).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeLessThan(5);
  });

  it('deletes every object of the file before waiting, and creates them after', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = await runningPod(lab, 'two.yaml', `${pod('a')}---\n${pod('b')}`);
    const r = await k('replace', '--force', '-f', 'two.yaml');
    expect(r).toEqual({ status: 0, stdout: 'pod "a" deleted\npod "b" deleted\npod/a replaced\npod/b replaced\n', stderr: '' });
  });

  it.each([
    [['--grace-period=5'], 'error: --grace-period must have --force specified\n'],
    [['--grace-period=0'], 'error: --grace-period must have --force specified\n'],
    [['--timeout=10s'], 'error: --timeout must have --force specified\n'],
    [['--force', '--dry-run=client'], 'error: --dry-run can not be used when --force is set\n'],
  ])('refuses %j as replace.go validates it', async (flags, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    write(lab, '/home/vagrant/h.yaml', pod('hash'));
    const r = await lab.run(CP, ['kubectl', 'replace', ...flags, '-f', 'h.yaml'], { uid: 1000 });
    expect(r).toEqual({ status: 1, stdout: '', stderr });
  });

  it('gives up after --timeout with the wait error', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = await runningPod(lab, 'h.yaml', pod('hash'));
    const t0 = seconds(lab);
    expect(await k('replace', '--force', '--timeout=5s', '-f', 'h.yaml')).toEqual({ status: 1, stdout: 'pod "hash" deleted\n', stderr: 'error: timed out waiting for the condition\n' });
    expect(seconds(lab) - t0).toBeLessThan(8);
  });
});
