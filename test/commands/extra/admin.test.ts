import { describe, expect, it } from 'vitest';
import { miniWorld, type MiniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { coreCommands } from '../../../src/commands/core-set';
import { dash } from '../../../src/commands/shell/bash';
import { captureEvents, mountFs, runAborted } from '../world-helpers';

function world(): MiniWorld {
  const w = miniWorld([...coreCommands, ...extraCommands, dash]);
  w.put('/usr/bin/sh', { type: 'symlink', target: 'dash' });
  w.put('/etc/gshadow', { mode: 0o640, gid: 42, data: 'root:*::\nvagrant:!::\n' });
  w.put('/etc/skel', { type: 'dir', mode: 0o755 });
  w.put('/etc/skel/.bashrc', { data: '# skel\n' });
  w.put('/home', { type: 'dir', mode: 0o755 });
  return w;
}

describe('account tools', () => {
  it('useradd -m adds passwd, shadow, group lines and a home from /etc/skel', async () => {
    const w = world();
    const { result, events } = await captureEvents(w, () => w.run(['useradd', '-m', '-s', '/bin/bash', 'alice'], { uid: 0 }));
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(w.read('/etc/passwd')).toContain('alice:x:1001:1001::/home/alice:/bin/bash\n');
    expect(w.read('/etc/shadow')).toMatch(/alice:!:\d+:0:99999:7:::\n$/);
    expect(w.read('/etc/group')).toContain('alice:x:1001:\n');
    expect(w.read('/home/alice/.bashrc')).toBe('# skel\n');
    expect(events.find((e) => e.type === 'execve')?.args.exe).toBe('/usr/bin/useradd');
    expect(events.some((e) => e.type === 'rename' || e.type === 'renameat')).toBe(true);
    expect(w.read('/etc/passwd.lock')).toBeNull();
  });
  it.each([
    [['useradd', 'vagrant'], 0, 9, "useradd: user 'vagrant' already exists\n"],
    [['useradd', 'Bad Name'], 0, 3, "useradd: invalid user name 'Bad Name'\n"],
    [['useradd', '-G', 'nope', 'bob'], 0, 6, "useradd: group 'nope' does not exist\n"],
    [['useradd', 'bob'], 1000, 1, 'useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n'],
    [['groupadd', 'sudo'], 0, 9, "groupadd: group 'sudo' already exists\n"],
    [['usermod', '-aG', 'sudo', 'ghost'], 0, 6, "usermod: user 'ghost' does not exist\n"],
  ])('%j as uid %i exits %i', async (argv, uid, status, err) => {
    const w = world();
    expect(await w.run(argv as string[], { uid: uid as number })).toEqual({ status, stdout: '', stderr: err });
  });
  it('usermod -aG appends a supplementary group', async () => {
    const w = world();
    await w.run(['useradd', 'bob'], { uid: 0 });
    expect((await w.run(['usermod', '-aG', 'adm', 'bob'], { uid: 0 })).status).toBe(0);
    expect(w.read('/etc/group')).toContain('adm:x:4:syslog,vagrant,bob\n');
  });
});

describe('system tools', () => {
  it('sysctl reads values and refuses writes from a user', async () => {
    const w = world();
    expect((await w.run(['sysctl', 'net.ipv4.ip_forward'])).stdout).toBe('net.ipv4.ip_forward = 1\n');
    expect((await w.run(['sysctl', '-n', 'net.bridge.bridge-nf-call-iptables'])).stdout).toBe('1\n');
    expect(await w.run(['sysctl', '-w', 'net.ipv4.ip_forward=0'])).toEqual({ status: 255, stdout: '', stderr: 'sysctl: permission denied on key "net.ipv4.ip_forward"\n' });
    expect((await w.run(['sysctl', 'net.nope'])).stderr).toBe('sysctl: cannot stat /proc/sys/net/nope: No such file or directory\n');
  });
  it('mountpoint tells mount points apart', async () => {
    const w = world();
    mountFs(w, '/mnt', { readOnly: false, fstype: 'tmpfs' });
    expect(await w.run(['mountpoint', '/mnt'])).toEqual({ status: 0, stdout: '/mnt is a mountpoint\n', stderr: '' });
    expect(await w.run(['mountpoint', '/etc'])).toEqual({ status: 32, stdout: '/etc is not a mountpoint\n', stderr: '' });
    expect(await w.run(['umount', '/mnt'])).toEqual({ status: 32, stdout: '', stderr: 'umount: /mnt: must be superuser to unmount.\n' });
  });
  it('envsubst replaces only the listed variables when given a format', async () => {
    const w = world();
    const r = await w.run(['envsubst', '${HOST}'], { stdin: 'server $HOST:${PORT};\n', env: { HOST: 'web', PORT: '80' } });
    expect(r.stdout).toBe('server web:${PORT};\n');
    expect((await w.run(['envsubst'], { stdin: '${HOST}-$PORT\n', env: { HOST: 'web', PORT: '80' } })).stdout).toBe('web-80\n');
  });
  it('cksum prints the POSIX CRC and size', async () => {
    const w = world();
    expect((await w.run(['cksum'], { stdin: '' })).stdout).toBe('4294967295 0\n');
    expect((await w.run(['cksum'], { stdin: 'hello\n' })).stdout).toBe('3015617425 6\n');
  });
  it('run-parts runs executables in order and lists them with --test', async () => {
    const w = world();
    w.put('/etc/parts', { type: 'dir', mode: 0o755 });
    w.put('/etc/parts/20-b', { mode: 0o755, data: '#!/bin/sh\necho b\n' });
    w.put('/etc/parts/10-a', { mode: 0o755, data: '#!/bin/sh\necho a\n' });
    w.put('/etc/parts/30-c.sh', { mode: 0o755, data: '#!/bin/sh\necho c\n' });
    w.put('/etc/parts/40-d', { mode: 0o644, data: '#!/bin/sh\necho d\n' });
    w.put('/bin/sh', { type: 'symlink', target: '/usr/bin/dash' });
    expect((await w.run(['run-parts', '--test', '/etc/parts'])).stdout).toBe('/etc/parts/10-a\n/etc/parts/20-b\n');
    expect(await w.run(['run-parts', '/etc/parts'])).toEqual({ status: 0, stdout: 'a\nb\n', stderr: '' });
  });
  it('dkms status lists built modules', async () => {
    const w = world();
    w.put('/var/lib/dkms/falco/3.0.1+driver', { type: 'dir', mode: 0o755 });
    expect((await w.run(['dkms', 'status'])).stdout).toBe('falco, 3.0.1+driver, 5.4.0-137-generic, x86_64: installed\n');
  });
  it('watch reruns the command with its title until interrupted', async () => {
    const w = world();
    const r = runAborted(w, ['watch', '-n', '1', 'echo', 'hi']);
    await new Promise((res) => setTimeout(res, 10));
    r.abort();
    const out = (await r.done).stdout;
    expect(out).toMatch(/^\x1b\[H\x1b\[2JEvery 1\.0s: echo hi +kube-worker-1: Tue Jan 24 18:00:0\d 2023\n\nhi\n/);
  });
  it('pause waits for TERM and says so', async () => {
    const w = world();
    const r = runAborted(w, ['pause']);
    await new Promise((res) => setTimeout(res, 5));
    const pid = Object.values(w.node.procs).find((p) => p.comm === 'pause')!.pid;
    w.kernel.signal(w.node.hostname, pid, 15);
    expect(await r.done).toEqual({ status: 0, stdout: '', stderr: 'Warning: pause should be the first process\nShutting down, got signal: Terminated\n' });
  });
});
