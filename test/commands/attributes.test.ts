import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { applyChmodMode } from '../../src/commands/lib/mode';
import { miniWorld } from '../helpers/mini-world';
import { inodeAt, mountFs } from './world-helpers';

describe('chmod', () => {
  it.each([
    ['755', 0o644, false, 0o755],
    ['u+x', 0o644, false, 0o744],
    ['go-r', 0o644, false, 0o600],
    ['a+rwx', 0o600, false, 0o777],
    ['=r', 0o777, false, 0o444],
    ['u=rw,go=', 0o777, false, 0o600],
    ['+t', 0o777, true, 0o1777],
    ['g+X', 0o600, true, 0o610],
    ['u+s', 0o755, false, 0o4755],
  ])('%s on %o → %o', (spec, cur, dir, out) => {
    expect(applyChmodMode(spec, cur, dir)).toBe(out);
  });
  it('changes a mode and reports Operation not permitted on a file of another user', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/mine', { data: '', uid: 1000 });
    expect((await w.run(['chmod', '600', '/tmp/mine'])).status).toBe(0);
    expect(inodeAt(w, '/tmp/mine')?.mode).toBe(0o600);
    expect(await w.run(['chmod', '600', '/etc/passwd'])).toEqual({ status: 1, stdout: '', stderr: "chmod: changing permissions of '/etc/passwd': Operation not permitted\n" });
  });
  it.each([
    [['chmod', 'xyz', '/tmp'], 'chmod: invalid mode: \u2018xyz\u2019\nTry \'chmod --help\' for more information.\n'],
    [['chmod', '600', 'nofile'], "chmod: cannot access 'nofile': No such file or directory\n"],
    [['chmod', '600'], "chmod: missing operand after \u2018600\u2019\nTry 'chmod --help' for more information.\n"],
  ])('%j fails: %j', async (argv, err) => {
    const w = miniWorld(coreCommands);
    expect(await w.run(argv, { env: { LANG: 'C.UTF-8' } })).toEqual({ status: 1, stdout: '', stderr: err });
  });
  it('reports a read-only file system', async () => {
    const w = miniWorld(coreCommands);
    mountFs(w, '/ro', { files: { '/f': 'x' } });
    expect((await w.run(['chmod', '600', '/ro/f'], { uid: 0 })).stderr).toBe("chmod: changing permissions of '/ro/f': Read-only file system\n");
  });
  it('accepts -x as a mode', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/s', { data: '', uid: 1000, mode: 0o755 });
    expect((await w.run(['chmod', '-x', '/tmp/s'])).status).toBe(0);
    expect(inodeAt(w, '/tmp/s')?.mode).toBe(0o644);
  });
});

describe('chown', () => {
  it('root changes owner and group', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/f', { data: '' });
    expect((await w.run(['chown', 'vagrant:adm', '/tmp/f'], { uid: 0 })).status).toBe(0);
    expect([inodeAt(w, '/tmp/f')?.uid, inodeAt(w, '/tmp/f')?.gid]).toEqual([1000, 4]);
  });
  it.each([
    [['chown', 'vagrant', '/tmp/f'], 1000, "chown: changing ownership of '/tmp/f': Operation not permitted\n"],
    [['chown', 'bob', '/tmp/f'], 0, 'chown: invalid user: \u2018bob\u2019\n'],
    [['chown', 'root', 'nofile'], 0, "chown: cannot access 'nofile': No such file or directory\n"],
  ])('%j as %d fails: %j', async (argv, uid, err) => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/f', { data: '' });
    expect(await w.run(argv, { uid, env: { LANG: 'C.UTF-8' } })).toEqual({ status: 1, stdout: '', stderr: err });
  });
});

describe('ln, readlink, basename, dirname', () => {
  it('creates a symlink, refuses to overwrite without -f', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['ln', '-s', '/etc/hostname', '/tmp/h'])).status).toBe(0);
    expect(w.read('/tmp/h')).toBe('kube-worker-1\n');
    expect((await w.run(['readlink', '/tmp/h'])).stdout).toBe('/etc/hostname\n');
    expect(await w.run(['ln', '-s', '/etc/passwd', '/tmp/h'])).toEqual({ status: 1, stdout: '', stderr: "ln: failed to create symbolic link '/tmp/h': File exists\n" });
    expect((await w.run(['ln', '-sf', '/etc/passwd', '/tmp/h'])).status).toBe(0);
    expect((await w.run(['readlink', '/tmp/h'])).stdout).toBe('/etc/passwd\n');
  });
  it('readlink -f canonicalises through symlinks', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['readlink', '-f', '/bin/ls'])).stdout).toBe('/usr/bin/ls\n');
    expect((await w.run(['readlink', '/etc/passwd'])).status).toBe(1);
  });
  it.each([
    [['basename', '/etc/falco/falco.yaml'], 'falco.yaml\n'],
    [['basename', '/etc/falco/falco.yaml', '.yaml'], 'falco\n'],
    [['basename', '/usr/'], 'usr\n'],
    [['basename', '-a', '/a/b', '/c/d'], 'b\nd\n'],
    [['dirname', '/etc/falco/falco.yaml'], '/etc/falco\n'],
    [['dirname', 'file'], '.\n'],
    [['dirname', '/'], '/\n'],
    [['dirname', '/usr/'], '/\n'],
  ])('%j → %j', async (argv, out) => {
    const w = miniWorld(coreCommands);
    expect(await w.run(argv)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
});

describe('stat', () => {
  it('prints the default layout', async () => {
    const w = miniWorld(coreCommands);
    w.put('/etc/falco/falco.yaml', { data: 'x'.repeat(100) });
    const ino = inodeAt(w, '/etc/falco/falco.yaml')!.ino;
    const r = await w.run(['stat', '/etc/falco/falco.yaml']);
    expect(r.stdout).toBe(
      [
        '  File: /etc/falco/falco.yaml',
        '  Size: 100       \tBlocks: 8          IO Block: 4096   regular file',
        `Device: 801h/2049d\tInode: ${String(ino).padEnd(10)}  Links: 1`,
        'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)',
        'Access: 2023-01-24 18:00:00.000000000 +0000',
        'Modify: 2023-01-24 18:00:00.000000000 +0000',
        'Change: 2023-01-24 18:00:00.000000000 +0000',
        ' Birth: -',
        '',
      ].join('\n'),
    );
  });
  it('-c formats and a missing file fails', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['stat', '-c', '%a %U:%G %n', '/etc/shadow'])).stdout).toBe('640 root:shadow /etc/shadow\n');
    expect(await w.run(['stat', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: "stat: cannot stat 'nofile': No such file or directory\n" });
  });
});
