// The simulated kernel module: what Falco's events carry for processes on the host and in containers.
import { describe, expect, it } from 'vitest';
import type { FalcoSyscallEvent } from '../../src/falco';
import { falcoDriver } from '../../src/world/falco/driver';
import { falcoWorld, NODE } from './falco-world';

function withContainer() {
  const m = falcoWorld();
  m.node.containers['e72a6dbb63b8e5f2aa'] = {
    id: 'e72a6dbb63b8e5f2aa', name: 'malicious', image: 'alpine:3.17.1', imageRef: 'docker.io/library/alpine:3.17.1', imageRepository: 'docker.io/library/alpine',
    imageTag: '3.17.1', podUid: 'uid-1', podName: 'malicious', podNamespace: 'default', sandboxId: 'sb', mounts: m.node.mounts, hostname: 'malicious',
    state: 'running', createdAt: 0, attempt: 0, logPath: '/var/log/pods/x.log', privileged: false, labels: {},
  };
  return m;
}

async function loop(m: ReturnType<typeof withContainer>, containerId: string | null): Promise<void> {
  await m.kernel.exec(NODE, null, ['/usr/bin/bash', '-c', 'while true; do echo attacker >> /etc/threat; sleep 5; done'], { uid: 0, gid: 0, containerId, onExit: () => {}, searchPath: false });
}

describe('falco driver', () => {
  it('leaves user.name unknown for container processes found running, resolved for host ones and new ones', async () => {
    const m = withContainer();
    await loop(m, 'e72a6dbb63b8e5f2aa');
    await loop(m, null);
    await m.scheduler.quiesce();
    const seen: FalcoSyscallEvent[] = [];
    falcoDriver(m.kernel, NODE).open(99999, (e) => seen.push(e));
    await m.scheduler.advanceBy(6e9);
    await m.run(['bash', '-c', 'echo y >> /etc/threat'], { uid: 0 });
    const writes = seen.filter((e) => e.evt.type === 'openat' && e.fd?.name === '/etc/threat');
    const inContainer = writes.find((e) => e.container !== null)!;
    const onHost = writes.filter((e) => e.container === null);
    expect(inContainer.user?.name).toBeNull();
    expect(inContainer.container).toMatchObject({ id: 'e72a6dbb63b8', image: 'docker.io/library/alpine:3.17.1', imageRepository: 'docker.io/library/alpine' });
    expect(inContainer.k8s).toMatchObject({ nsName: 'default', podName: 'malicious' });
    expect(onHost.map((e) => e.user?.name)).toEqual(['root', 'root']);
  });

  it("leaves the container's first process unresolved even when Falco saw it start, and resolves what runs after it", async () => {
    const m = withContainer();
    const seen: FalcoSyscallEvent[] = [];
    falcoDriver(m.kernel, NODE).open(99999, (e) => seen.push(e));
    let init = 0;
    await m.kernel.exec(NODE, null, ['/usr/bin/bash', '-c', 'while true; do echo attacker >> /etc/threat; sleep 5; done'], {
      uid: 0, gid: 0, containerId: 'e72a6dbb63b8e5f2aa', onStart: (pid) => (m.node.containers['e72a6dbb63b8e5f2aa']!.pid = init = pid), onExit: () => {}, searchPath: false,
    });
    await m.scheduler.advanceBy(1e9);
    await m.kernel.exec(NODE, null, ['/usr/bin/bash', '-c', 'echo y >> /etc/threat'], { uid: 0, gid: 0, containerId: 'e72a6dbb63b8e5f2aa', searchPath: false });
    const writes = seen.filter((e) => e.evt.type === 'openat' && e.fd?.name === '/etc/threat');
    expect(writes.map((e) => [e.proc?.pid === init, e.user?.name])).toEqual([[true, null], [false, 'root']]);
  });

  it('resolves names the same way when re-attached with the first pid it had seen start', async () => {
    const m = withContainer();
    const first = falcoDriver(m.kernel, NODE).open(99999, () => {});
    await loop(m, 'e72a6dbb63b8e5f2aa');
    first.unsubscribe();
    const seen: FalcoSyscallEvent[] = [];
    const again = falcoDriver(m.kernel, NODE).open(99999, (e) => seen.push(e), { firstNewPid: first.firstNewPid });
    await m.scheduler.advanceBy(6e9);
    expect(again.firstNewPid).toBe(first.firstNewPid);
    expect(seen.find((e) => e.evt.type === 'openat' && e.fd?.name === '/etc/threat')?.user?.name).toBe('root');
    // A fresh capture (a restarted Falco) learns the loop from /proc: unresolved.
    const fresh: FalcoSyscallEvent[] = [];
    falcoDriver(m.kernel, NODE).open(99999, (e) => fresh.push(e));
    await m.scheduler.advanceBy(6e9);
    expect(fresh.find((e) => e.evt.type === 'openat' && e.fd?.name === '/etc/threat')?.user?.name).toBeNull();
  });

  it('passes the path as the program gave it (fd.nameraw, evt.arg.name) beside the normalised fd.name', async () => {
    const m = falcoWorld();
    const seen: FalcoSyscallEvent[] = [];
    falcoDriver(m.kernel, NODE).open(99999, (e) => seen.push(e));
    await m.run(['bash', '-c', 'cat /etc/../etc/hostname; cd /etc && cat ./hostname'], { uid: 0 });
    const opens = seen.filter((e) => e.evt.type === 'openat' && e.fd?.name === '/etc/hostname');
    expect(opens.map((e) => [e.evt.args?.name, (e.fd as { nameRaw?: string }).nameRaw])).toEqual([
      ['/etc/../etc/hostname', '/etc/../etc/hostname'],
      ['/etc/hostname', './hostname'],
    ]);
  });

  it('orders openat and execve arguments as the driver tables do', async () => {
    const m = falcoWorld();
    const seen: FalcoSyscallEvent[] = [];
    falcoDriver(m.kernel, NODE).open(99999, (e) => seen.push(e));
    await m.run(['bash', '-c', 'echo x > /tmp/f'], { uid: 0 });
    const open = seen.find((e) => e.evt.type === 'openat' && e.fd?.name === '/tmp/f')!;
    expect(Object.keys(open.evt.args!).slice(0, 5)).toEqual(['fd', 'dirfd', 'name', 'flags', 'mode']);
    expect(open.evt.args!.fd).toBe(open.fd!.num);
    expect(open.evt.args!.flags).toBe('O_WRONLY|O_CREAT|O_TRUNC');
    const exec = seen.find((e) => e.evt.type === 'execve')!;
    expect(exec.evt.args).toMatchObject({ res: 0, exe: 'bash', args: '-c echo x > /tmp/f' });
  });

  it('does not deliver the consumer\'s own events, nor any after unsubscribing', async () => {
    const m = falcoWorld();
    const seen: FalcoSyscallEvent[] = [];
    // The first process the run starts (bash) gets pid 1000; its child /usr/bin/true 1001.
    const sub = falcoDriver(m.kernel, NODE).open(1000, (e) => seen.push(e));
    await m.run(['bash', '-c', '/usr/bin/true'], { uid: 0 });
    expect(seen.some((e) => e.proc?.pid === 1000)).toBe(false);
    expect(seen.some((e) => e.proc?.pid === 1001 && e.evt.type === 'execve')).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    sub.unsubscribe();
    const count = seen.length;
    await m.run(['bash', '-c', 'true'], { uid: 0 });
    expect(seen).toHaveLength(count);
  });
});
