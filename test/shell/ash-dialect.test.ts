// busybox ash (containers): `sh:` prefix and ash's own wording, per the reference's §1.8 table.
import { describe, expect, it } from 'vitest';
import { FakeHost, run } from './fake-host';

const ash = { dialect: 'ash' as const, argv0: 'sh' };

describe('busybox ash messages', () => {
  it.each([
    ['foo', '', 'sh: foo: not found\n', 127],
    ['./missing', '', 'sh: ./missing: not found\n', 127],
    ['echo x > /etc/x', '', "sh: can't create /etc/x: Permission denied\n", 2],
    ['echo x > /nodir/x', '', "sh: can't create /nodir/x: nonexistent directory\n", 2],
    ['cat < /nope', '', "sh: can't open /nope: no such file\n", 2],
    ['cd /nope', '', "sh: cd: can't cd to /nope: No such file or directory\n", 2],
    ['fi', '', 'sh: syntax error: unexpected "fi"\n', 2],
    ['echo >', '', 'sh: syntax error: unexpected newline\n', 2],
    ['echo "open', '', 'sh: syntax error: unterminated quoted string\n', 2],
    ['if true; then', '', 'sh: syntax error: unexpected end of file (expecting "fi")\n', 2],
    ['exit 3', '', '', 3],
    ['alias k=kubectl; alias; type k cd ls nope', "k='kubectl'\nk is an alias for kubectl\ncd is a shell builtin\nls is /usr/bin/ls\nnope: not found\n", '', 1],
    ['declare x=1', '', 'sh: declare: not found\n', 127],
  ])('%j → %j %j %i', async (source, stdout, stderr, status) => {
    const r = await run(source, ash);
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout, stderr, status });
  });

  it('numbers lines in a non-interactive shell, as `sh -c` in a pod does', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.readOnly.push('/');
    const r = await run('echo hi > /x', { ...ash, argv0: '/bin/sh', mode: 'command', host });
    expect(r.stderr).toBe("/bin/sh: line 1: can't create /x: Read-only file system\n");
  });

  it('uses ash’s export listing', async () => {
    const r2 = await run('export A="a b"; export', { ...ash, env: {} });
    expect(r2.stdout).toContain("export A='a b'\n");
  });
});
