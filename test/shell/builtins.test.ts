import { describe, expect, it } from 'vitest';
import { FakeHost, run } from './fake-host';

type Row = [source: string, stdout: string, stderr: string, status: number];

const check = async ([source, stdout, stderr, status]: Row, host?: FakeHost) => {
  const r = await run(source, { host });
  expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout, stderr, status });
};

describe('echo and printf', () => {
  it.each<Row>([
    ['echo a  b', 'a b\n', '', 0],
    ['echo -n a', 'a', '', 0],
    ['echo -e "a\\tb\\x41\\0101"', 'a\tbAA\n', '', 0],
    ['echo -ne "x\\cy"', 'x', '', 0],
    ['echo "a\\nb"', 'a\\nb\n', '', 0],
    ['echo -x --', '-x --\n', '', 0],
    ['echo', '\n', '', 0],
    ['printf "%s-%s\\n" a b c', 'a-b\nc-\n', '', 0],
    ['printf "%d %i %5.2f %e %g\\n" 42 -7 3.14159 1234.5 0.0001', '42 -7  3.14 1.234500e+03 0.0001\n', '', 0],
    ['printf "%x %X %o %#x %+d %c\\n" 255 255 8 255 5 hello', 'ff FF 10 0xff +5 h\n', '', 0],
    ['printf "[%5s][%-5s][%.2s]\\n" ab ab abc', '[   ab][ab   ][ab]\n', '', 0],
    ['printf "%b|%q\\n" "a\\tb" "a b"', 'a\tb|a\\ b\n', '', 0],
    ['printf "%d\\n" "\'A"', '65\n', '', 0],
    ['printf "%d\\n" abc', '0\n', 'bash: printf: abc: invalid number\n', 1],
    ['printf "%z"', '', "bash: printf: `z': invalid format character\n", 1],
    ['printf -v out "%03d" 7; echo $out', '007\n', '', 0],
    ['printf "100%%\\n"', '100%\n', '', 0],
    ['printf', '', 'printf: usage: printf [-v var] format [arguments]\n', 2],
  ])('%j', async (...row) => check(row));
});

describe('cd and pwd', () => {
  it.each<Row>([
    ['cd /tmp; pwd; echo $PWD $OLDPWD', '/tmp\n/tmp /home/vagrant\n', '', 0],
    ['cd /tmp; cd -; pwd', '/home/vagrant\n/home/vagrant\n', '', 0],
    ['cd /tmp; cd; pwd', '/home/vagrant\n', '', 0],
    ['cd ..; pwd; cd ../..; pwd', '/home\n/\n', '', 0],
    ['cd /nope', '', 'bash: cd: /nope: No such file or directory\n', 1],
    ['cd /etc/passwd', '', 'bash: cd: /etc/passwd: Not a directory\n', 1],
    ['cd /root', '', 'bash: cd: /root: Permission denied\n', 1],
    ['cd a b', '', 'bash: cd: too many arguments\n', 1],
    ['unset HOME; cd', '', 'bash: cd: HOME not set\n', 1],
    ['cd -', '', 'bash: cd: OLDPWD not set\n', 1],
    ['pwd -x', '', 'bash: pwd: -x: invalid option\npwd: usage: pwd [-LP]\n', 2],
  ])('%j', async (...row) => {
    const host = new FakeHost();
    host.writeFile('/etc/passwd', 'root:x:0:0::/root:/bin/bash\n');
    host.files.get('/root')!.mode = 0o700;
    await check(row, host);
  });
});

describe('variables', () => {
  it.each<Row>([
    ['X="a b"; export X; export -n X; printenv X; echo $X', 'a b\n', '', 0],
    ['export 1A=b', '', "bash: export: `1A=b': not a valid identifier\n", 1],
    ['v="a  b"; export W=$v; printenv W', 'a  b\n', '', 0],
    ['readonly R=1; R=2; echo $R', '1\n', 'bash: R: readonly variable\n', 0],
    ['readonly R=1; unset R', '', 'bash: unset: R: cannot unset: readonly variable\n', 1],
    ['x=1; unset x; echo "[${x-unset}]"', '[unset]\n', '', 0],
    ['local x=1', '', 'bash: local: can only be used in a function\n', 1],
    ['set -- a b c; shift; echo $@; shift 5; echo $?', 'b c\n1\n', '', 0],
    ['set -- a b; set -- "$@" c; echo $# $3', '3 c\n', '', 0],
    ['set -q', '', 'bash: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]\n', 2],
    ['set -o bogus', '', 'bash: set: bogus: invalid option name\n', 1],
    ['set -o nounset; echo $-', 'himuBHs\n', '', 0],
    ['set -x; echo "a b" c', 'a b c\n', "+ echo 'a b' c\n", 0],
    ['x=5; ((x++)); echo $x', '6\n', '', 0],
    ['declare -x D=1; printenv D; declare -p D', '1\ndeclare -x D="1"\n', '', 0],
  ])('%j', async (...row) => check(row));

  it('lists exported variables as declare -x', async () => {
    const r = await run('export A=1 B="x \\"q\\""; export -p');
    expect(r.stdout).toContain('declare -x A="1"\ndeclare -x B="x \\"q\\""\n');
  });

  it('lists variables with set, quoted as bash does', async () => {
    const r2 = await run("Z1='a b'; Z2=plain; set");
    expect(r2.stdout).toContain("Z1='a b'\nZ2=plain\n");
  });
});

describe('aliases and history', () => {
  it.each<Row>([
    ["alias ll='ls -alF'\nll", '-alF\n', '', 0],
    ["alias k=kubectl ll='ls -l'; alias", "alias k='kubectl'\nalias ll='ls -l'\n", '', 0],
    ['alias k=kubectl; alias k', "alias k='kubectl'\n", '', 0],
    ['alias nope', '', 'bash: alias: nope: not found\n', 1],
    ['alias k=kubectl; unalias k; unalias k', '', 'bash: unalias: k: not found\n', 1],
  ])('%j', async (...row) => check(row));

  it('prints history numbered from 1, last N with an argument', async () => {
    const r = await run('history 2', { history: ['ls', 'cd /tmp', 'history 2'] });
    expect(r.stdout).toBe('    2  cd /tmp\n    3  history 2\n');
  });
});

describe('flow control builtins', () => {
  it.each<Row>([
    ['return', '', "bash: return: can only `return' from a function or sourced script\n", 1],
    ['break; echo $?', '0\n', "bash: break: only meaningful in a `for', `while', or `until' loop\n", 0],
    ['logout', '', "bash: logout: not login shell: use `exit'\n", 1],
    ['f() { return abc; }; f; echo $?', '2\n', 'bash: return: abc: numeric argument required\n', 0],
    ['(exit 3); echo $?', '3\n', '', 0],
  ])('%j', async (...row) => check(row));
});

describe('test and [', () => {
  it.each<Row>([
    ['[ -d /tmp ] && echo dir', 'dir\n', '', 0],
    ['[ -f /tmp ]', '', '', 1],
    ['[ -e /etc/passwd -a -r /etc/passwd ] && echo ok', 'ok\n', '', 0],
    ['[ -w /etc/passwd ]', '', '', 1],
    ['[ -x /usr/bin/cat ] && echo x', 'x\n', '', 0],
    ['[ -s /etc/passwd ] && [ ! -s /etc/empty ] && echo sizes', 'sizes\n', '', 0],
    ['[ abc = abc ] && [ abc != abd ] && echo strings', 'strings\n', '', 0],
    ['[ 10 -gt 9 ] && [ 2 -le 2 ] && echo ints', 'ints\n', '', 0],
    ['[ -z "" ] && [ -n x ] && echo zn', 'zn\n', '', 0],
    ['[ ]', '', '', 1],
    ['[ x ]', '', '', 0],
    ['[ -f ]', '', '', 0],
    ['[ ! ]', '', '', 0],
    ['[ \\( a = a \\) -o b = c ] && echo paren', 'paren\n', '', 0],
    ['[ a = a -a b = c -o 1 -eq 1 ] && echo prec', 'prec\n', '', 0],
    ['[ a', '', "bash: [: missing `]'\n", 2],
    ['[ 1 -eq a ]', '', 'bash: [: a: integer expression expected\n', 2],
    ['[ a b c ]', '', 'bash: [: b: binary operator expected\n', 2],
    ['[ a b ]', '', 'bash: [: a: unary operator expected\n', 2],
    ['[ a = b c d e ]', '', 'bash: [: too many arguments\n', 2],
    ['test 1 -lt 2 && echo test', 'test\n', '', 0],
    ['x=""; [ $x = a ]', '', 'bash: [: =: unary operator expected\n', 2],
  ])('%j', async (...row) => {
    const host = new FakeHost();
    host.writeFile('/etc/passwd', 'root\n');
    host.writeFile('/etc/empty', '');
    await check(row, host);
  });
});

describe('read', () => {
  it.each<[string, string, string]>([
    ['read a b; echo "[$a][$b]"', '  one two  three  \n', '[one][two  three]\n'],
    ['read; echo "[$REPLY]"', '  raw line  \n', '[  raw line  ]\n'],
    ['read -r a; echo "$a"', 'a\\tb\n', 'a\\tb\n'],
    ['read a; echo "$a"', 'a\\tb\n', 'atb\n'],
    ['read a; echo "$a"', 'first \\\nsecond\n', 'first second\n'],
    ['read -n 3 a; echo "$a"', 'abcdef\n', 'abc\n'],
    ['read -d , a; echo "$a"', 'x,y\n', 'x\n'],
    ['IFS=: read u p id rest; echo "$u $id"', 'root:x:0:0:root:/root:/bin/bash\n', 'root 0\n'],
    ['read a || echo "eof [$a]"', '', 'eof []\n'],
    ['read a || echo "partial [$a]"', 'no newline', 'partial [no newline]\n'],
    ['read -p "name? " n; echo "hi $n"', 'bob\n', 'hi bob\n'],
  ])('%j with input %j prints %j', async (source, stdin, stdout) => {
    const r = await run(source, { stdin });
    expect(r.stdout).toBe(stdout);
  });

  it('rejects a bad variable name', async () => {
    const r = await run('read 1x', { stdin: 'a\n' });
    expect(r.stderr).toBe("bash: read: `1x': not a valid identifier\n");
    expect(r.status).toBe(1);
  });
});

describe('source, eval, type, command, exec, wait, umask', () => {
  it.each<Row>([
    ['. ./lib.sh; greet you', 'hello you\n', '', 0],
    ['source ./lib.sh extra; echo $LIBARG', 'extra\n', '', 0],
    ['source nofile', '', 'bash: nofile: No such file or directory\n', 1],
    ['source', '', 'bash: source: filename argument required\nsource: usage: source filename [arguments]\n', 2],
    ['source ./ret.sh; echo "after $?"', 'before\nafter 3\n', '', 0],
    ['eval "x=1; echo \\$x"', '1\n', '', 0],
    ['eval "fi"', '', "bash: syntax error near unexpected token `fi'\n", 2],
    ['alias k=kubectl; f() { :; }; type k f cd if ls', "k is aliased to `kubectl'\nf is a function\nf() { :; }\ncd is a shell builtin\nif is a shell keyword\nls is /usr/bin/ls\n", '', 0],
    ['type -t cd ls nope; echo $?', 'builtin\nfile\n1\n', '', 0],
    ['alias k=kubectl; command -v k cd ls nope; echo $?', "alias k='kubectl'\ncd\n/usr/bin/ls\n1\n", '', 0],
    ['command -V cd', 'cd is a shell builtin\n', '', 0],
    ['exec nope', '', 'bash: exec: nope: not found\n', 127],
    ['exec ls hi; echo never', 'hi\n', '', 0],
    ['wait 999', '', 'bash: wait: pid 999 is not a child of this shell\n', 127],
    ['umask; umask 077; umask; umask -S', '0022\n0077\nu=rwx,g=,o=\n', '', 0],
    ['umask 999', '', 'bash: umask: 999: octal number out of range\n', 1],
  ])('%j', async (...row) => {
    const host = new FakeHost();
    host.writeFile('/home/vagrant/lib.sh', 'greet() { echo "hello $1"; }\nLIBARG=$1\n', { uid: 1000 });
    host.writeFile('/home/vagrant/ret.sh', 'echo before\nreturn 3\necho not\n', { uid: 1000 });
    await check(row, host);
  });

  it('creates files with the umask applied', async () => {
    const r = await run('umask 027; echo x > /tmp/f');
    expect(r.host.files.get('/tmp/f')?.mode).toBe(0o640);
  });
});

describe('builtin, let, hash, kill', () => {
  it.each<Row>([
    ['echo() { printf "fn\\n"; }; builtin echo real', 'real\n', '', 0],
    ['builtin nope', '', 'bash: builtin: nope: not a shell builtin\n', 1],
    ['let x=2*3 y=x+1; echo $x $y; let 0', '6 7\n', '', 1],
    ['hash; hash -r', 'hash: hash table empty\n', '', 0],
    ['kill %3', '', 'bash: kill: %3: no such job\n', 1],
    ['kill -BOGUS 1', '', 'bash: kill: BOGUS: invalid signal specification\n', 1],
  ])('%j', async (...row) => check(row));

  it('kills a background job by job spec', async () => {
    const host = new FakeHost();
    host.addProgram('block', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(128 + (ctx.signal.reason as number)))));
    const r = await run('block & kill %1; wait %1; echo $?', { host, mode: 'script' });
    expect(r.stdout).toBe('143\n');
  });

  it('signals pids through the host, with bash’s wording for failures', async () => {
    const host = new FakeHost();
    const sent: [number, number][] = [];
    host.kill = (pid, signal) => {
      if (pid === 999) return { errno: 'ESRCH' };
      sent.push([pid, signal]);
      return true;
    };
    const r = await run('kill -1 42; kill -HUP 43; kill 999; kill abc', { host });
    expect(sent).toEqual([
      [42, 1],
      [43, 1],
    ]);
    expect(r.stderr).toBe('bash: kill: (999) - No such process\nbash: kill: abc: arguments must be process or job IDs\n');
  });

  it('hands pids to the kill program when the host has no kill', async () => {
    const host = new FakeHost();
    host.addProgram('kill', async () => 0);
    await run('kill -s TERM 42', { host });
    expect(host.spawns).toEqual([['kill', '-15', '42']]);
  });
});

describe('wait and Ctrl-C', () => {
  it('gives up waiting when interrupted, leaving the job running', async () => {
    const host = new FakeHost();
    let jobSignal: AbortSignal | null = null;
    host.addProgram('block', (ctx) => {
      jobSignal = ctx.signal;
      return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(143)));
    });
    setTimeout(() => host.controller.abort(2), 20);
    const r = await run('block & wait', { host });
    expect(r.status).toBe(130);
    expect(jobSignal!.aborted).toBe(false);
  });
});
