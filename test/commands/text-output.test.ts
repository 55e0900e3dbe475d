import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { miniWorld } from '../helpers/mini-world';

describe('cat', () => {
  it('prints files in order', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/a', { data: 'one\n' });
    w.put('/tmp/b', { data: 'two\n' });
    expect(await w.run(['cat', '/tmp/a', '/tmp/b'])).toEqual({ status: 0, stdout: 'one\ntwo\n', stderr: '' });
  });
  it.each([
    [['cat', 'nofile'], 'cat: nofile: No such file or directory\n'],
    [['cat', '/etc'], 'cat: /etc: Is a directory\n'],
    [['cat', '/etc/shadow'], 'cat: /etc/shadow: Permission denied\n'],
  ])('%j fails with the coreutils message and exit 1', async (argv, err) => {
    const w = miniWorld(coreCommands);
    const r = await w.run(argv as string[]);
    expect(r).toEqual({ status: 1, stdout: '', stderr: err });
  });
  it('copies stdin when given no file or -', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['cat'], { stdin: 'x\ny\n' })).stdout).toBe('x\ny\n');
    expect((await w.run(['cat', '-'], { stdin: 'z' })).stdout).toBe('z');
  });
  it('numbers lines across files with -n and squeezes blanks with -s', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/a', { data: 'a\n\n\n\nb\n' });
    expect((await w.run(['cat', '-ns', '/tmp/a'])).stdout).toBe('     1\ta\n     2\t\n     3\tb\n');
    expect((await w.run(['cat', '-A', '/tmp/a'])).stdout).toBe('a$\n$\n$\n$\nb$\n');
  });
  it('rejects an unknown option with the getopt message', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['cat', '-z'])).toEqual({ status: 1, stdout: '', stderr: "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n" });
  });
});

describe('echo and printf', () => {
  it.each([
    [['echo', 'a', 'b'], 'a b\n'],
    [['echo', '-n', 'x'], 'x'],
    [['echo', '-e', 'a\\tb\\nc'], 'a\tb\nc\n'],
    [['echo', '-e', 'a\\cb'], 'a'],
    [['echo', '-x', 'y'], '-x y\n'],
    [['echo', 'a\\tb'], 'a\\tb\n'],
    [['printf', '%s-%d\\n', 'a', '7', 'b', '8'], 'a-7\nb-8\n'],
    [['printf', '%5s|%-5s|%05d|%.2f|%x\\n', 'ab', 'cd', '42', '3.14159', '255'], '   ab|cd   |00042|3.14|ff\n'],
    [['printf', '%b\\n', 'one\\ttwo'], 'one\ttwo\n'],
    [['printf', 'no newline'], 'no newline'],
  ])('%j prints %j', async (argv, out) => {
    const w = miniWorld(coreCommands);
    const r = await w.run(argv as string[]);
    expect(r.stdout).toBe(out);
    expect(r.status).toBe(0);
  });
  it('printf reports a non-numeric argument and exits 1', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['printf', '%d\\n', 'abc'])).toEqual({ status: 1, stdout: '0\n', stderr: "printf: 'abc': expected a numeric value\n" });
  });
  it('printf without a format is a usage error', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['printf'])).toEqual({ status: 1, stdout: '', stderr: "printf: missing operand\nTry 'printf --help' for more information.\n" });
  });
});
