import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { miniWorld } from '../helpers/mini-world';
import { captureEvents, inodeAt, mountFs } from './world-helpers';

const UTF8 = { LANG: 'C.UTF-8' };

describe('mkdir', () => {
  it('uses locale quotes for an existing directory under C.UTF-8 and ASCII quotes in C', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['mkdir', '/etc'], { uid: 0, env: UTF8 })).toEqual({ status: 1, stdout: '', stderr: 'mkdir: cannot create directory \u2018/etc\u2019: File exists\n' });
    expect((await w.run(['mkdir', '/etc'], { uid: 0 })).stderr).toBe("mkdir: cannot create directory '/etc': File exists\n");
  });
  it('reports Permission denied and a read-only file system', async () => {
    const w = miniWorld(coreCommands);
    mountFs(w, '/var/config-ro');
    expect((await w.run(['mkdir', '/etc/x'], { env: UTF8 })).stderr).toBe('mkdir: cannot create directory \u2018/etc/x\u2019: Permission denied\n');
    expect((await w.run(['mkdir', '/var/config-ro/x'], { uid: 0, env: UTF8 })).stderr).toBe('mkdir: cannot create directory \u2018/var/config-ro/x\u2019: Read-only file system\n');
  });
  it('-p creates missing parents, tolerates existing ones, -m sets the exact mode', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['mkdir', '-p', '/tmp/a/b/c'])).status).toBe(0);
    expect((await w.run(['mkdir', '-p', '/tmp/a/b'])).status).toBe(0);
    expect(inodeAt(w, '/tmp/a/b/c')?.type).toBe('dir');
    await w.run(['mkdir', '-m', '700', '/tmp/priv']);
    expect(inodeAt(w, '/tmp/priv')?.mode).toBe(0o700);
  });
  it('without -p a missing parent is ENOENT', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['mkdir', '/tmp/x/y'])).stderr).toBe("mkdir: cannot create directory '/tmp/x/y': No such file or directory\n");
  });
});

describe('touch', () => {
  it('creates a file with open(O_WRONLY|O_CREAT) then utimensat', async () => {
    const w = miniWorld(coreCommands);
    const { result, events } = await captureEvents(w, () => w.run(['touch', '/tmp/new']));
    expect(result.status).toBe(0);
    expect(w.read('/tmp/new')).toBe('');
    const open = events.find((e) => e.type === 'openat');
    expect(open?.args.flags).toBe('O_WRONLY|O_CREAT');
    expect(events.some((e) => e.type === 'utimensat' && e.res === 0)).toBe(true);
  });
  it.each([
    [1000, '/etc/x', "touch: cannot touch '/etc/x': Permission denied\n"],
    [0, '/ro/x', "touch: cannot touch '/ro/x': Read-only file system\n"],
    [1000, '/etc/passwd', "touch: cannot touch '/etc/passwd': Permission denied\n"],
    [1000, '/nodir/x', "touch: cannot touch '/nodir/x': No such file or directory\n"],
  ])('as uid %d touching %s fails: %s', async (uid, path, err) => {
    const w = miniWorld(coreCommands);
    mountFs(w, '/ro');
    expect(await w.run(['touch', path], { uid })).toEqual({ status: 1, stdout: '', stderr: err });
  });
  it('touches a relative name in the cwd and updates the time of an existing directory', async () => {
    const w = miniWorld(coreCommands);
    w.world.clock.now = 60e9;
    expect((await w.run(['touch', 'notes'], { cwd: '/tmp' })).status).toBe(0);
    expect(inodeAt(w, '/tmp/notes')?.mtime).toBe(60e9);
    expect((await w.run(['touch', '/tmp'], { uid: 0 })).status).toBe(0);
    expect(inodeAt(w, '/tmp')?.mtime).toBe(60e9);
  });
  it('-c does not create', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['touch', '-c', '/tmp/none'])).status).toBe(0);
    expect(w.read('/tmp/none')).toBeNull();
  });
});

describe('rm and rmdir', () => {
  it.each([
    [['rm', 'nofile'], "rm: cannot remove 'nofile': No such file or directory\n"],
    [['rm', '/tmp/d'], "rm: cannot remove '/tmp/d': Is a directory\n"],
    [['rm', '/etc/hostname'], "rm: cannot remove '/etc/hostname': Permission denied\n"],
    [['rmdir', '/tmp/d'], "rmdir: failed to remove '/tmp/d': Directory not empty\n"],
    [['rmdir', '/tmp/nope'], "rmdir: failed to remove '/tmp/nope': No such file or directory\n"],
  ])('%j fails with %j', async (argv, err) => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/d/f', { data: '' });
    expect(await w.run(argv)).toEqual({ status: 1, stdout: '', stderr: err });
  });
  it('-f is silent about missing files and exits 0', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['rm', '-f', 'nofile'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
  it('-r removes a tree bottom-up with unlink and rmdir events', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/t/a/b', { data: '1' });
    w.put('/tmp/t/c', { data: '2' });
    const { result, events } = await captureEvents(w, () => w.run(['rm', '-r', '/tmp/t'], { uid: 0 }));
    expect(result.status).toBe(0);
    expect(inodeAt(w, '/tmp/t')).toBeUndefined();
    expect(events.filter((e) => e.type === 'unlinkat').map((e) => e.args.name)).toEqual(['/tmp/t/a/b', '/tmp/t/c']);
    expect(events.filter((e) => e.type === 'rmdir').map((e) => e.args.path)).toEqual(['/tmp/t/a', '/tmp/t']);
  });
  it('refuses to remove / recursively', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['rm', '-rf', '/'], { uid: 0 })).toEqual({
      status: 1,
      stdout: '',
      stderr: "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n",
    });
  });
  it('-i asks before removing and keeps the file on no', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/f', { data: 'x', uid: 1000, gid: 1000 });
    const r = await w.run(['rm', '-i', '/tmp/f'], { stdin: 'n\n' });
    expect(r.stderr).toBe("rm: remove regular file '/tmp/f'? ");
    expect(w.read('/tmp/f')).toBe('x');
    await w.run(['rm', '-i', '/tmp/f'], { stdin: 'y\n' });
    expect(w.read('/tmp/f')).toBeNull();
  });
  it('missing operand is a usage error', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['rm'])).toEqual({ status: 1, stdout: '', stderr: "rm: missing operand\nTry 'rm --help' for more information.\n" });
  });
});

describe('cp', () => {
  it.each([
    [['cp', 'nofile', '/tmp/b'], "cp: cannot stat 'nofile': No such file or directory\n"],
    [['cp', '/etc/hostname', '/etc/b'], "cp: cannot create regular file '/etc/b': Permission denied\n"],
    [['cp', '/tmp/dir', '/tmp/x'], "cp: -r not specified; omitting directory '/tmp/dir'\n"],
    [['cp', '/etc/shadow', '/tmp/s'], "cp: cannot open '/etc/shadow' for reading: Permission denied\n"],
    [['cp', '/etc/hostname', '/ro/b'], "cp: cannot create regular file '/ro/b': Read-only file system\n"],
    [['cp', '/etc/hostname'], "cp: missing destination file operand after '/etc/hostname'\nTry 'cp --help' for more information.\n"],
  ])('%j fails with %j', async (argv, err) => {
    const w = miniWorld(coreCommands);
    mountFs(w, '/ro');
    w.put('/tmp/dir/f', { data: '' });
    expect(await w.run(argv)).toEqual({ status: 1, stdout: '', stderr: err });
  });
  it('copies into a directory with read then open(O_WRONLY|O_CREAT|O_TRUNC)', async () => {
    const w = miniWorld(coreCommands);
    const { result, events } = await captureEvents(w, () => w.run(['cp', '/etc/hostname', '/tmp']));
    expect(result.status).toBe(0);
    expect(w.read('/tmp/hostname')).toBe('kube-worker-1\n');
    expect(events.filter((e) => e.type === 'openat').map((e) => e.args.flags)).toEqual(['O_RDONLY', 'O_WRONLY|O_CREAT|O_TRUNC']);
  });
  it('-r copies a tree and -a keeps modes, owners and times', async () => {
    const w = miniWorld(coreCommands);
    w.put('/srv/src/a', { data: 'A', mode: 0o600, uid: 1000 });
    w.put('/srv/src/sub/b', { data: 'B' });
    w.world.clock.now = 100e9;
    expect((await w.run(['cp', '-a', '/srv/src', '/srv/dst'], { uid: 0 })).status).toBe(0);
    const a = inodeAt(w, '/srv/dst/a')!;
    expect([a.data, a.mode, a.uid, a.mtime]).toEqual(['A', 0o600, 1000, 0]);
    expect(w.read('/srv/dst/sub/b')).toBe('B');
  });
  it('refuses to copy a directory into itself', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/a/f', { data: '' });
    expect((await w.run(['cp', '-r', '/tmp/a', '/tmp/a/b'])).stderr).toBe("cp: cannot copy a directory, '/tmp/a', into itself, '/tmp/a/b'\n");
  });
});

describe('mv', () => {
  it('renames with renameat', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/a', { data: 'A', uid: 1000 });
    const { result, events } = await captureEvents(w, () => w.run(['mv', '/tmp/a', '/tmp/b']));
    expect(result.status).toBe(0);
    expect(w.read('/tmp/b')).toBe('A');
    expect(events.map((e) => e.type)).toContain('renameat');
  });
  it('falls back to copy and unlink across file systems', async () => {
    const w = miniWorld(coreCommands);
    mountFs(w, '/mnt', { readOnly: false, fstype: 'tmpfs' });
    w.put('/tmp/a', { data: 'A' });
    expect((await w.run(['mv', '/tmp/a', '/mnt/a'], { uid: 0 })).status).toBe(0);
    expect(w.read('/mnt/a')).toBe('A');
    expect(w.read('/tmp/a')).toBeNull();
  });
  it.each([
    [['mv', '/tmp/a', '/etc/a'], "mv: cannot move '/tmp/a' to '/etc/a': Permission denied\n"],
    [['mv', '/tmp/none', '/tmp/x'], "mv: cannot stat '/tmp/none': No such file or directory\n"],
    [['mv', '/tmp/a', '/tmp/a'], "mv: '/tmp/a' and '/tmp/a' are the same file\n"],
  ])('%j fails with %j', async (argv, err) => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/a', { data: 'A', uid: 1000 });
    expect(await w.run(argv)).toEqual({ status: 1, stdout: '', stderr: err });
  });
});
