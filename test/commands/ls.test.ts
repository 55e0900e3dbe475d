import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { layoutColumns } from '../../src/commands/lib/columns';
import { humanSize } from '../../src/commands/lib/human';
import { miniWorld } from '../helpers/mini-world';

function falcoWorld() {
  const w = miniWorld(coreCommands);
  w.put('/etc/falco', { type: 'dir', mode: 0o755 });
  w.put('/etc/falco/falco_rules.local.yaml', { data: 'x'.repeat(1136) });
  w.put('/etc/falco/falco_rules.yaml', { data: 'y'.repeat(133165) });
  w.put('/etc/falco/rules.d', { type: 'dir', mode: 0o755 });
  return w;
}

describe('ls', () => {
  it('lists one name per line when piped', async () => {
    const w = falcoWorld();
    expect(await w.run(['ls', '/etc/falco'])).toEqual({ status: 0, stdout: 'falco_rules.local.yaml\nfalco_rules.yaml\nrules.d\n', stderr: '' });
  });

  it('ls -la prints total, . and .., aligned columns and recent dates', async () => {
    const w = falcoWorld();
    const r = await w.run(['ls', '-la', '/etc/falco']);
    expect(r.stdout).toBe(
      [
        'total 148',
        'drwxr-xr-x 3 root root   4096 Jan 24 18:00 .',
        'drwxr-xr-x 3 root root   4096 Jan 24 18:00 ..',
        '-rw-r--r-- 1 root root   1136 Jan 24 18:00 falco_rules.local.yaml',
        '-rw-r--r-- 1 root root 133165 Jan 24 18:00 falco_rules.yaml',
        'drwxr-xr-x 2 root root   4096 Jan 24 18:00 rules.d',
        '',
      ].join('\n'),
    );
  });

  it('shows symlinks with an arrow and old dates with the year', async () => {
    const w = miniWorld(coreCommands);
    w.world.clock.now = 400 * 86400e9;
    const r = await w.run(['ls', '-l', '/bin']);
    expect(r.stdout).toBe('lrwxrwxrwx 1 root root 7 Jan 24  2023 /bin -> usr/bin\n');
  });

  it('ls -lh uses human sizes', async () => {
    const w = falcoWorld();
    const r = await w.run(['ls', '-lh', '/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml']);
    expect(r.stdout).toBe(
      '-rw-r--r-- 1 root root 1.2K Jan 24 18:00 /etc/falco/falco_rules.local.yaml\n-rw-r--r-- 1 root root 131K Jan 24 18:00 /etc/falco/falco_rules.yaml\n',
    );
  });

  it('a missing operand exits 2 with cannot access', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['ls', 'nofile'])).toEqual({ status: 2, stdout: '', stderr: "ls: cannot access 'nofile': No such file or directory\n" });
  });

  it('an unreadable directory exits 2 with cannot open directory', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['ls', '/root'])).toEqual({ status: 2, stdout: '', stderr: "ls: cannot open directory '/root': Permission denied\n" });
  });

  it('-d lists a directory itself, -A hides . and .., -a shows dotfiles', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/d/.hidden', { data: '' });
    w.put('/tmp/d/shown', { data: '' });
    expect((await w.run(['ls', '-d', '/tmp/d'])).stdout).toBe('/tmp/d\n');
    expect((await w.run(['ls', '-A', '/tmp/d'])).stdout).toBe('.hidden\nshown\n');
    expect((await w.run(['ls', '-a', '/tmp/d'])).stdout).toBe('.\n..\n.hidden\nshown\n');
    expect((await w.run(['ls', '/tmp/d'])).stdout).toBe('shown\n');
  });

  it('-R prints a header per directory', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/r/a/f', { data: '' });
    w.put('/tmp/r/b', { data: '' });
    expect((await w.run(['ls', '-R', '/tmp/r'])).stdout).toBe('/tmp/r:\na\nb\n\n/tmp/r/a:\nf\n');
  });

  it('files given as operands come before directories, with headers', async () => {
    const w = falcoWorld();
    const r = await w.run(['ls', '/etc/falco/rules.d', '/etc/hostname']);
    expect(r.stdout).toBe('/etc/hostname\n\n/etc/falco/rules.d:\n');
  });
});

describe('ls helpers', () => {
  it.each([
    [900, '900'],
    [1024, '1.0K'],
    [1136, '1.2K'],
    [4096, '4.0K'],
    [133165, '131K'],
    [1048576, '1.0M'],
    [5 * 1048576 + 1, '5.1M'],
  ])('humanSize(%d) = %s', (n, s) => {
    expect(humanSize(n)).toBe(s);
  });

  it('fills columns top to bottom within the line width', () => {
    const names = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run'];
    expect(layoutColumns(names, names.map((n) => n.length), 30)).toEqual(['bin   etc   media  proc', 'boot  home  mnt    root', 'dev   lib   opt    run']);
  });
});

describe('ls on a terminal', () => {
  it('lays names out in columns, quotes names with spaces and colours with --color=auto', async () => {
    const { runAborted } = await import('./world-helpers');
    const w = miniWorld(coreCommands);
    for (const n of ['alpha', 'beta', 'my file', 'gamma']) w.put(`/tmp/t/${n}`, { data: '' });
    w.put('/tmp/t/dir', { type: 'dir', mode: 0o755 });
    const plain = await runAborted(w, ['ls', '/tmp/t'], { tty: true }).done;
    expect(plain.stdout).toBe("alpha  beta  dir  gamma  'my file'\n");
    const colored = await runAborted(w, ['ls', '--color=auto', '/tmp/t'], { tty: true }).done;
    expect(colored.stdout).toBe("alpha  beta  \x1b[0m\x1b[01;34mdir\x1b[0m  gamma  'my file'\n");
    const piped = await w.run(['ls', '--color=auto', '/tmp/t']);
    expect(piped.stdout).toBe('alpha\nbeta\ndir\ngamma\nmy file\n');
  });
});
