import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { miniWorld } from '../helpers/mini-world';
import { mountFs } from './world-helpers';

/** An Alpine-like world: applets are symlinks to /bin/busybox. */
function alpine() {
  const w = miniWorld(coreCommands);
  w.put('/bin', { type: 'dir', mode: 0o755 });
  w.put('/bin/busybox', { mode: 0o755, program: 'busybox' });
  for (const a of ['cat', 'ls', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'ps', 'head', 'grep', 'egrep', 'date', 'uname', 'sleep', 'kill']) w.put(`/bin/${a}`, { type: 'symlink', mode: 0o777, target: '/bin/busybox' });
  w.put('/etc/alpine-release', { data: '3.17.1\n' });
  mountFs(w, '/ro', { files: { '/f': 'x\n' } });
  return w;
}

describe('busybox applets', () => {
  it.each([
    [['/bin/cat', '/nofile'], "cat: can't open '/nofile': No such file or directory\n"],
    [['/bin/touch', '/ro/x'], 'touch: /ro/x: Read-only file system\n'],
    [['/bin/mkdir', '/ro/config'], "mkdir: can't create directory '/ro/config': Read-only file system\n"],
    [['/bin/rm', '/nofile'], "rm: can't remove '/nofile': No such file or directory\n"],
    [['/bin/rm', '/ro'], "rm: '/ro' is a directory\n"],
    [['/bin/cp', '/etc/hostname', '/ro/b'], "cp: can't create '/ro/b': Read-only file system\n"],
    [['/bin/cp', '/nofile', '/tmp/b'], "cp: can't stat '/nofile': No such file or directory\n"],
    [['/bin/head', '/nofile'], "head: can't open '/nofile': No such file or directory\n"],
    [['/bin/ls', '/nofile'], 'ls: /nofile: No such file or directory\n'],
  ])('%j fails with %j', async (argv, err) => {
    const r = await alpine().run(argv, { uid: 0 });
    expect(r).toEqual({ status: 1, stdout: '', stderr: err });
  });

  it('busybox ls -l uses the fixed-width layout', async () => {
    const w = alpine();
    w.put('/etc/threat', { data: 'x'.repeat(24) });
    expect((await w.run(['/bin/ls', '-l', '/etc/threat'], { uid: 0 })).stdout).toBe('-rw-r--r--    1 root     root            24 Jan 24 18:00 /etc/threat\n');
  });

  it('busybox ps prints PID USER TIME COMMAND', async () => {
    const r = await alpine().run(['/bin/ps', 'aux'], { uid: 0 });
    expect(r.stdout.split('\n')[0]).toBe('PID   USER     TIME  COMMAND');
    expect(r.stdout.split('\n')[1]).toMatch(/^ {1,4}\d+ root +0:00 \/bin\/ps aux$/);
  });

  it('runs an applet named on the command line, and lists applets', async () => {
    const w = alpine();
    expect((await w.run(['busybox', 'echo', 'hi'])).stdout).toBe('hi\n');
    expect((await w.run(['busybox', '--list'])).stdout.split('\n')).toContain('sed');
    expect(await w.run(['busybox', 'nosuch'])).toEqual({ status: 127, stdout: '', stderr: 'nosuch: applet not found\n' });
  });

  it('egrep is grep -E', async () => {
    const w = alpine();
    expect((await w.run(['/bin/egrep', 'a|b'], { stdin: 'a\nc\nb\n' })).stdout).toBe('a\nb\n');
  });

  it('date and uname use the busybox forms', async () => {
    const w = alpine();
    expect((await w.run(['/bin/date'], { env: { LANG: 'en_US.UTF-8' } })).stdout).toBe('Tue Jan 24 18:00:00 UTC 2023\n');
    expect((await w.run(['/bin/uname', '-a'])).stdout).toBe('Linux kube-worker-1 5.4.0-137-generic #154-Ubuntu SMP Thu Jan 5 17:03:22 UTC 2023 x86_64 Linux\n');
  });
});
