import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { diffLines, unifiedHunks } from '../../src/commands/lib/lcs-diff';
import { miniWorld } from '../helpers/mini-world';
import { mountFs } from './world-helpers';

function world() {
  const w = miniWorld(coreCommands);
  w.put('/etc/falco/falco.yaml', { data: 'rules_file:\n  - /etc/falco/falco_rules.yaml\n' });
  w.put('/etc/falco/falco_rules.yaml', { data: '- rule: a\n' });
  w.put('/etc/falco/rules.d/custom.yaml', { data: '- rule: b\n' });
  w.put('/etc/falco/rules.d/empty.yaml', { data: '' });
  return w;
}

describe('find', () => {
  it.each([
    [['find', '/etc/falco'], '/etc/falco\n/etc/falco/falco.yaml\n/etc/falco/falco_rules.yaml\n/etc/falco/rules.d\n/etc/falco/rules.d/custom.yaml\n/etc/falco/rules.d/empty.yaml\n'],
    [['find', '/etc/falco', '-name', '*.yaml', '-type', 'f'], '/etc/falco/falco.yaml\n/etc/falco/falco_rules.yaml\n/etc/falco/rules.d/custom.yaml\n/etc/falco/rules.d/empty.yaml\n'],
    [['find', '/etc/falco', '-maxdepth', '1', '-type', 'd'], '/etc/falco\n/etc/falco/rules.d\n'],
    [['find', '/etc/falco', '-name', 'falco*', '-o', '-name', 'custom*'], '/etc/falco\n/etc/falco/falco.yaml\n/etc/falco/falco_rules.yaml\n/etc/falco/rules.d/custom.yaml\n'],
    [['find', '/etc/falco', '-type', 'f', '!', '-name', 'falco*'], '/etc/falco/rules.d/custom.yaml\n/etc/falco/rules.d/empty.yaml\n'],
    [['find', '/etc/falco', '-empty'], '/etc/falco/rules.d/empty.yaml\n'],
    [['find', '/etc/falco', '-path', '*/rules.d/*', '-exec', 'cat', '{}', ';'], '- rule: b\n'],
  ])('%j', async (argv, out) => {
    expect(await world().run(argv)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('reports unreadable directories with locale quotes and exits 1', async () => {
    const w = world();
    const r = await w.run(['find', '/root', '/etc/hostname'], { env: { LANG: 'C.UTF-8' } });
    expect(r).toEqual({ status: 1, stdout: '/root\n/etc/hostname\n', stderr: 'find: \u2018/root\u2019: Permission denied\n' });
  });
  it.each([
    [['find', 'nofile'], "find: 'nofile': No such file or directory\n"],
    [['find', '.', '-foo'], "find: unknown predicate `-foo'\n"],
    [['find', '.', '-name'], "find: missing argument to `-name'\n"],
    [['find', '.', '-type', 'z'], 'find: Unknown argument to -type: z\n'],
  ])('%j fails: %j', async (argv, err) => {
    expect(await world().run(argv)).toEqual({ status: 1, stdout: '', stderr: err });
  });
});

describe('xargs and tr', () => {
  it.each([
    [['xargs'], 'a b\nc\n', 'a b c\n'],
    [['xargs', '-n', '1'], 'a b\n', 'a\nb\n'],
    [['xargs', '-I', '{}', 'echo', 'x-{}-y'], 'one\ntwo\n', 'x-one-y\nx-two-y\n'],
    [['xargs', 'cat'], '/etc/falco/rules.d/custom.yaml\n', '- rule: b\n'],
    [['tr', 'a-z', 'A-Z'], 'hello\n', 'HELLO\n'],
    [['tr', '-d', '0-9'], 'a1b22c\n', 'abc\n'],
    [['tr', '-s', ' '], 'a   b  c\n', 'a b c\n'],
    [['tr', '[:lower:]', '[:upper:]'], 'abc\n', 'ABC\n'],
    [['tr', ':', '\\n'], 'a:b\n', 'a\nb\n'],
    [['tr', '-cd', '[:digit:]'], 'a1b2\n', '12'],
  ])('%j on %j', async (argv, stdin, out) => {
    expect(await world().run(argv, { stdin })).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('tr needs two sets to translate', async () => {
    expect(await world().run(['tr', 'a'], { env: { LANG: 'C.UTF-8' } })).toEqual({
      status: 1,
      stdout: '',
      stderr: "tr: missing operand after \u2018a\u2019\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    });
  });
  it('xargs reports a missing command with 127', async () => {
    expect(await world().run(['xargs', 'nosuch'], { stdin: 'a\n' })).toEqual({ status: 127, stdout: '', stderr: 'xargs: nosuch: No such file or directory\n' });
  });
});

describe('diff', () => {
  it('prints the normal format and exits 1', async () => {
    const w = world();
    w.put('/tmp/a', { data: 'one\ntwo\nthree\n' });
    w.put('/tmp/b', { data: 'one\n2\nthree\nfour\n' });
    expect(await w.run(['diff', '/tmp/a', '/tmp/b'])).toEqual({ status: 1, stdout: '2c2\n< two\n---\n> 2\n3a4\n> four\n', stderr: '' });
    expect((await w.run(['diff', '/tmp/a', '/tmp/a'])).status).toBe(0);
  });
  it('prints unified hunks with -u', async () => {
    const w = world();
    w.put('/tmp/a', { data: 'one\ntwo\nthree\n' });
    w.put('/tmp/b', { data: 'one\n2\nthree\n' });
    expect((await w.run(['diff', '-u', '/tmp/a', '/tmp/b'])).stdout).toBe(
      '--- /tmp/a\t2023-01-24 18:00:00.000000000 +0000\n+++ /tmp/b\t2023-01-24 18:00:00.000000000 +0000\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n',
    );
  });
  it('a missing file is trouble (exit 2)', async () => {
    expect(await world().run(['diff', 'nofile', '/etc/hostname'])).toEqual({ status: 2, stdout: '', stderr: 'diff: nofile: No such file or directory\n' });
  });
  it('hunks split when changes are far apart', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = a.map((l, i) => (i === 1 || i === 18 ? `${l}x` : l));
    expect(unifiedHunks(diffLines(a, b)).map((h) => [h.aStart, h.aLen, h.bStart, h.bLen])).toEqual([
      [1, 5, 1, 5],
      [16, 5, 16, 5],
    ]);
  });
});

describe('nl, less, more, mount, df', () => {
  it('nl numbers non-empty lines', async () => {
    expect((await world().run(['nl'], { stdin: 'a\n\nb\n' })).stdout).toBe('     1\ta\n       \n     2\tb\n');
  });
  it('less and more print like cat when not on a terminal', async () => {
    const w = world();
    expect((await w.run(['less', '/etc/hostname'])).stdout).toBe('kube-worker-1\n');
    expect(await w.run(['more', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: 'more: cannot open nofile: No such file or directory\n' });
    expect(await w.run(['less', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: 'nofile: No such file or directory\n' });
  });
  it('mount lists the mount table with ro/rw', async () => {
    const w = world();
    mountFs(w, '/ro');
    expect((await w.run(['mount'])).stdout).toBe('/dev/sda1 on / type ext4 (rw,relatime)\noverlay on /ro type overlay (ro,relatime)\n');
    expect(await w.run(['mount', '/dev/sdb1', '/mnt'])).toEqual({ status: 1, stdout: '', stderr: 'mount: only root can do that\n' });
  });
  it('df -h prints a header and one row per file system', async () => {
    const r = await world().run(['df', '-h']);
    expect(r.stdout.split('\n')[0]).toBe('Filesystem      Size  Used Avail Use% Mounted on');
    expect(r.stdout.split('\n')[1]).toMatch(/^\/dev\/sda1 +39G +2\.4G +\S+ +\d+% \/$/);
  });
});
