import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { md5Hex } from '../../src/commands/lib/md5';
import { miniWorld } from '../helpers/mini-world';
import { at, mountFs, rootWrite, runAborted } from './world-helpers';

const lines = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `line${i + from}\n`).join('');

function world() {
  const w = miniWorld(coreCommands);
  w.put('/var/log/app.log', { data: lines(15) });
  w.put('/tmp/csv', { data: 'name,ns,image\nweb,default,nginx\nfalco,falco,falcosecurity/falco\n', uid: 1000 });
  return w;
}

describe('head', () => {
  it.each([
    [['head', '/var/log/app.log'], lines(10)],
    [['head', '-n', '3', '/var/log/app.log'], lines(3)],
    [['head', '-3', '/var/log/app.log'], lines(3)],
    [['head', '-n', '-13', '/var/log/app.log'], lines(2)],
    [['head', '-c', '7', '/var/log/app.log'], 'line1\nl'],
    [['head', '-n1', '/var/log/app.log', '/tmp/csv'], '==> /var/log/app.log <==\nline1\n\n==> /tmp/csv <==\nname,ns,image\n'],
  ])('%j', async (argv, out) => {
    expect(await world().run(argv)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('reports a missing file with cannot open … for reading', async () => {
    expect(await world().run(['head', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: "head: cannot open 'nofile' for reading: No such file or directory\n" });
  });
  it('rejects an invalid count with locale quotes', async () => {
    expect((await world().run(['head', '-n', 'x', '/tmp/csv'], { env: { LANG: 'C.UTF-8' } })).stderr).toBe('head: invalid number of lines: \u2018x\u2019\n');
  });
});

describe('tail', () => {
  it.each([
    [['tail', '/var/log/app.log'], lines(10, 6)],
    [['tail', '-n', '2', '/var/log/app.log'], 'line14\nline15\n'],
    [['tail', '-2', '/var/log/app.log'], 'line14\nline15\n'],
    [['tail', '-n', '+14', '/var/log/app.log'], 'line14\nline15\n'],
    [['tail', '-c', '4', '/var/log/app.log'], 'e15\n'],
  ])('%j', async (argv, out) => {
    expect(await world().run(argv)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('reports a missing file', async () => {
    expect(await world().run(['tail', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: "tail: cannot open 'nofile' for reading: No such file or directory\n" });
  });
  it('-f prints lines appended while following, until Ctrl-C (130)', async () => {
    const w = world();
    const t = runAborted(w, ['tail', '-f', '-n', '1', '/var/log/app.log']);
    at(w, 2.5, () => rootWrite(w, '/var/log/app.log', 'line16\n'));
    at(w, 4.5, () => rootWrite(w, '/var/log/app.log', 'line17\nline18\n'));
    at(w, 6.5, () => t.abort());
    expect(await t.done).toEqual({ status: 130, stdout: 'line15\nline16\nline17\nline18\n', stderr: '' });
  });
  it('-f stays on the old inode after the file is replaced; -F reopens it', async () => {
    const w = world();
    const f = runAborted(w, ['tail', '-f', '-n', '0', '/var/log/app.log']);
    at(w, 2.5, () => {
      const v = w.kernel.vfsFor(w.node.hostname, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
      v.writeFile('/var/log/app.log.new', 'fresh\n');
      v.rename('/var/log/app.log.new', '/var/log/app.log');
    });
    at(w, 4.5, () => f.abort());
    expect((await f.done).stdout).toBe('');

    const w2 = world();
    const g = runAborted(w2, ['tail', '-F', '-n', '0', '/var/log/app.log']);
    at(w2, 2.5, () => {
      const v = w2.kernel.vfsFor(w2.node.hostname, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
      v.writeFile('/var/log/app.log.new', 'fresh\n');
      v.rename('/var/log/app.log.new', '/var/log/app.log');
    });
    at(w2, 4.5, () => g.abort());
    expect(await g.done).toEqual({ status: 130, stdout: 'fresh\n', stderr: "tail: '/var/log/app.log' has been replaced;  following new file\n" });
  });
  it('-f notices truncation', async () => {
    const w = world();
    const t = runAborted(w, ['tail', '-f', '-n', '0', '/var/log/app.log']);
    at(w, 1.5, () => rootWrite(w, '/var/log/app.log', 'new\n', false));
    at(w, 3.5, () => t.abort());
    expect(await t.done).toEqual({ status: 130, stdout: 'new\n', stderr: 'tail: /var/log/app.log: file truncated\n' });
  });
});

describe('cut, tee, wc, sort, uniq', () => {
  it.each([
    [['cut', '-d,', '-f2', '/tmp/csv'], 'ns\ndefault\nfalco\n'],
    [['cut', '-d', ',', '-f', '1,3', '/tmp/csv'], 'name,image\nweb,nginx\nfalco,falcosecurity/falco\n'],
    [['cut', '-c', '1-3', '/tmp/csv'], 'nam\nweb\nfal\n'],
    [['cut', '-d,', '-f2-', '/tmp/csv'], 'ns,image\ndefault,nginx\nfalco,falcosecurity/falco\n'],
  ])('%j', async (argv, out) => {
    expect(await world().run(argv)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('cut without a list is a usage error', async () => {
    expect(await world().run(['cut', '/tmp/csv'])).toEqual({
      status: 1,
      stdout: '',
      stderr: "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
    });
  });

  it('tee writes stdout and files; -a appends with O_APPEND', async () => {
    const w = world();
    expect(await w.run(['tee', '/tmp/out'], { stdin: 'one\n' })).toEqual({ status: 0, stdout: 'one\n', stderr: '' });
    await w.run(['tee', '-a', '/tmp/out'], { stdin: 'two\n' });
    expect(w.read('/tmp/out')).toBe('one\ntwo\n');
  });
  it('tee still copies to stdout when a file cannot be opened', async () => {
    const w = world();
    mountFs(w, '/ro');
    expect(await w.run(['tee', '/etc/x'], { stdin: 'x\n' })).toEqual({ status: 1, stdout: 'x\n', stderr: 'tee: /etc/x: Permission denied\n' });
    expect((await w.run(['tee', '/ro/x'], { stdin: 'x\n', uid: 0 })).stderr).toBe('tee: /ro/x: Read-only file system\n');
  });

  it.each([
    [['wc', '-l', '/var/log/app.log'], {}, '15 /var/log/app.log\n'],
    [['wc', '/tmp/csv'], {}, ' 3  3 64 /tmp/csv\n'],
    [['wc'], { stdin: 'hi\n' }, '      1       1       3\n'],
    [['wc', '-l'], { stdin: 'a\nb\n' }, '2\n'],
    [['wc', '-l', '/tmp/csv', '/var/log/app.log'], {}, '  3 /tmp/csv\n 15 /var/log/app.log\n 18 total\n'],
  ])('%j prints %j', async (argv, o, out) => {
    expect(await world().run(argv, o)).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('wc reports a missing file', async () => {
    expect(await world().run(['wc', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: 'wc: nofile: No such file or directory\n' });
  });

  it.each([
    [['sort'], 'b\na\nC\n', 'C\na\nb\n'],
    [['sort', '-r'], 'b\na\nc\n', 'c\nb\na\n'],
    [['sort', '-n'], '10\n9\n100\n', '9\n10\n100\n'],
    [['sort', '-u'], 'b\na\nb\n', 'a\nb\n'],
    [['sort', '-t:', '-k3', '-n'], 'x:a:10\ny:b:2\nz:c:33\n', 'y:b:2\nx:a:10\nz:c:33\n'],
    [['sort', '-k2,2'], 'a z\nb y\nc x\n', 'c x\nb y\na z\n'],
    [['sort', '-k2nr'], 'a 1\nb 3\nc 2\n', 'b 3\nc 2\na 1\n'],
    [['uniq'], 'a\na\nb\na\n', 'a\nb\na\n'],
    [['uniq', '-c'], 'a\na\nb\n', '      2 a\n      1 b\n'],
    [['uniq', '-d'], 'a\na\nb\n', 'a\n'],
  ])('%j on %j', async (argv, stdin, out) => {
    expect(await world().run(argv, { stdin })).toEqual({ status: 0, stdout: out, stderr: '' });
  });
});

describe('md5sum and base64', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
    ['a'.repeat(1000), 'cabe45dcc9ae5b66ba86600cca6b8ba8'],
  ])('md5(%j) = %s', (text, hex) => {
    expect(md5Hex(text)).toBe(hex);
  });
  it('prints <hex>  - for stdin and <hex>  name for files', async () => {
    const w = world();
    expect((await w.run(['md5sum'])).stdout).toBe('d41d8cd98f00b204e9800998ecf8427e  -\n');
    w.put('/tmp/abc', { data: 'abc' });
    expect((await w.run(['md5sum', '/tmp/abc'])).stdout).toBe('900150983cd24fb0d6963f7d28e17f72  /tmp/abc\n');
    expect(await w.run(['md5sum', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: 'md5sum: nofile: No such file or directory\n' });
  });
  it('md5sum -c verifies', async () => {
    const w = world();
    w.put('/tmp/abc', { data: 'abc' });
    w.put('/tmp/sums', { data: '900150983cd24fb0d6963f7d28e17f72  /tmp/abc\n' });
    expect(await w.run(['md5sum', '-c', '/tmp/sums'])).toEqual({ status: 0, stdout: '/tmp/abc: OK\n', stderr: '' });
  });
  it('base64 round-trips and rejects garbage', async () => {
    const w = world();
    expect((await w.run(['base64'], { stdin: 'hello world\n' })).stdout).toBe('aGVsbG8gd29ybGQK\n');
    expect((await w.run(['base64', '-d'], { stdin: 'aGVsbG8gd29ybGQK\n' })).stdout).toBe('hello world\n');
    expect(await w.run(['base64', '-d'], { stdin: 'a*b\n' })).toEqual({ status: 1, stdout: '', stderr: 'base64: invalid input\n' });
  });
});
