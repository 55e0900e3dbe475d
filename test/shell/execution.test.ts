import { describe, expect, it } from 'vitest';
import { O_APPEND, O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../src/shell';
import { FakeHost, run } from './fake-host';

describe('commands and exit statuses', () => {
  it.each([
    ['true', '', '', 0],
    ['false', '', '', 1],
    ['foo', '', 'bash: foo: command not found\n', 127],
    ['./missing', '', 'bash: ./missing: No such file or directory\n', 127],
    ['/etc', '', 'bash: /etc: Is a directory\n', 126],
    ['! true', '', '', 1],
    ['! false', '', '', 0],
    ['true | false', '', '', 1],
    ['false | true', '', '', 0],
    ['set -o pipefail; false | true', '', '', 1],
    ['false && echo no', '', '', 1],
    ['false || echo yes', 'yes\n', '', 0],
    ['true && echo a || echo b', 'a\n', '', 0],
    ['x=$(false); echo $?', '1\n', '', 0],
    ['x=$(exit 3)', '', '', 3],
    ['(exit 7); echo $?', '7\n', '', 0],
    ['exit 300', '', 'exit\n', 44],
    ['exit abc', '', 'exit\nbash: exit: abc: numeric argument required\n', 2],
    ['exit 1 2', '', 'bash: exit: too many arguments\n', 1],
  ])('%j → stdout %j stderr %j status %i', async (source, stdout, stderr, status) => {
    const r = await run(source);
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toBe(stderr);
    expect(r.status).toBe(status);
  });

  it('reports a file without execute permission with 126', async () => {
    const host = new FakeHost();
    host.writeFile('/home/vagrant/x.sh', 'echo hi\n', { uid: 1000, mode: 0o644 });
    const r = await run('./x.sh', { host });
    expect(r.stderr).toBe('bash: ./x.sh: Permission denied\n');
    expect(r.status).toBe(126);
  });

  it('runs a script without #! in a subshell, as bash does on ENOEXEC', async () => {
    const host = new FakeHost();
    host.writeFile('/home/vagrant/x.sh', 'echo "args: $# $1"\nexit 5\n', { uid: 1000, mode: 0o755 });
    const r = await run('./x.sh one; echo after $?', { host });
    expect(r.stdout).toBe('args: 1 one\nafter 5\n');
  });

  it('runs a #! script through its interpreter, and reports a bad interpreter', async () => {
    const host = new FakeHost();
    host.writeFile('/home/vagrant/ok.sh', '#!/bin/bash\necho from script\n', { uid: 1000, mode: 0o755 });
    host.writeFile('/home/vagrant/crlf.sh', '#!/bin/bash\r\necho x\r\n', { uid: 1000, mode: 0o755 });
    const r = await run('./ok.sh; ./crlf.sh', { host });
    expect(r.stdout).toBe('from script\n');
    expect(r.stderr).toBe('bash: ./crlf.sh: /bin/bash^M: bad interpreter: No such file or directory\n');
    expect(r.status).toBe(126);
  });

  it('passes exported variables and NAME=value prefixes to programs only', async () => {
    const r = await run('export A=1; B=2; C=3 printenv A B C; echo "${C-unset}"');
    expect(r.stdout).toBe('1\n3\nunset\n');
  });

  it('prefixes messages with $0 and the line number in scripts', async () => {
    const r = await run('echo ok\nfoo\ncd /nope', { mode: 'script', argv0: './x.sh' });
    expect(r.stderr).toBe('./x.sh: line 2: foo: command not found\n./x.sh: line 3: cd: /nope: No such file or directory\n');
  });

  it('uses -bash as the prefix of a login shell', async () => {
    const r = await run('nope', { argv0: '-bash', login: true });
    expect(r.stderr).toBe('-bash: nope: command not found\n');
  });

  it('lets the host print Ubuntu’s command-not-found message', async () => {
    const host = new FakeHost();
    host.commandNotFound = async (name, stderr) => {
      stderr.write(`${name}: command not found\n`);
      return 127;
    };
    const r = await run('tree', { host });
    expect(r.stderr).toBe('tree: command not found\n');
    expect(r.status).toBe(127);
  });
});

describe('redirections', () => {
  it('opens files with the real open(2) flags', async () => {
    const r = await run('echo a > /tmp/f; echo b >> /tmp/f; cat < /tmp/f; echo c 2> /tmp/err >&2');
    expect(r.host.opens).toEqual([
      { path: '/tmp/f', flags: O_WRONLY | O_CREAT | O_TRUNC },
      { path: '/tmp/f', flags: O_WRONLY | O_CREAT | O_APPEND },
      { path: '/tmp/f', flags: O_RDONLY },
      { path: '/tmp/err', flags: O_WRONLY | O_CREAT | O_TRUNC },
    ]);
    expect(r.stdout).toBe('a\nb\n');
    expect(r.host.read('/tmp/err')).toBe('c\n');
  });

  it.each([
    ['echo x > /etc/x', 'bash: /etc/x: Permission denied\n', 1],
    ['echo x > /ro/x', 'bash: /ro/x: Read-only file system\n', 1],
    ['cat < x', 'bash: x: No such file or directory\n', 1],
    ['echo x > /nodir/x', 'bash: /nodir/x: No such file or directory\n', 1],
    ['echo x > /tmp', 'bash: /tmp: Is a directory\n', 1],
    ['f="a b"; echo x > $f', 'bash: $f: ambiguous redirect\n', 1],
    ['echo x >&5', 'bash: 5: Bad file descriptor\n', 1],
  ])('%j fails with %j', async (source, stderr, status) => {
    const host = new FakeHost();
    host.mkdir('/ro');
    host.readOnly.push('/ro');
    const r = await run(source, { host });
    expect(r.stderr).toBe(stderr);
    expect(r.status).toBe(status);
  });

  it('does not run the command when a redirection fails', async () => {
    const r = await run('echo x > /etc/x && echo ran; echo $?');
    expect(r.stdout).toBe('1\n');
  });

  it('sends both streams with 2>&1, &> and |&', async () => {
    const r = await run('{ echo out; echo err >&2; } > /tmp/a 2>&1; { echo o; echo e >&2; } &> /tmp/b; { echo p; echo q >&2; } |& cat');
    expect(r.host.read('/tmp/a')).toBe('out\nerr\n');
    expect(r.host.read('/tmp/b')).toBe('o\ne\n');
    expect(r.stdout).toBe('p\nq\n');
  });

  it('applies redirections left to right', async () => {
    const r = await run('{ echo out; echo err >&2; } 2>&1 > /tmp/a');
    expect(r.stdout).toBe('err\n');
    expect(r.host.read('/tmp/a')).toBe('out\n');
  });

  it('creates the file for a bare redirection', async () => {
    const r = await run('> /tmp/empty');
    expect(r.host.read('/tmp/empty')).toBe('');
  });

  it('refuses to clobber with set -C', async () => {
    const r = await run('echo a > /tmp/f; set -C; echo b > /tmp/f; echo c >| /tmp/f');
    expect(r.stderr).toBe('bash: /tmp/f: cannot overwrite existing file\n');
    expect(r.host.read('/tmp/f')).toBe('c\n');
  });

  it('feeds here-strings and here-documents', async () => {
    const r = await run('x=world; cat <<< "hello $x"; cat <<EOF\n$x ${x^^} $(echo sub) \\$x\nEOF\ncat <<\'EOF\'\n$x\nEOF\ncat <<-EOF\n\tindented\n\tEOF');
    expect(r.stdout).toBe('hello world\nworld WORLD sub $x\n$x\nindented\n');
  });

  it('makes exec redirections permanent', async () => {
    const r = await run('exec > /tmp/log; echo one; echo two');
    expect(r.stdout).toBe('');
    expect(r.host.read('/tmp/log')).toBe('one\ntwo\n');
  });
});

describe('pipelines', () => {
  it('connects stages concurrently', async () => {
    const r = await run('echo hello | cat | cat');
    expect(r.stdout).toBe('hello\n');
  });

  it('runs each stage in a subshell', async () => {
    const r = await run('x=1; echo 2 | read x; echo $x; echo a | { read y; echo "got $y"; }');
    expect(r.stdout).toBe('1\ngot a\n');
  });

  it('streams a while-read loop', async () => {
    const r = await run('printf "a b\\nc d\\n" | while read first rest; do echo "[$first|$rest]"; done');
    expect(r.stdout).toBe('[a|b]\n[c|d]\n');
  });

  it('reads lines one at a time from a redirected file', async () => {
    const host = new FakeHost();
    host.writeFile('/tmp/list', 'one\ntwo\nthree\n');
    const r = await run('while read l; do echo "<$l>"; done < /tmp/list; { read a; read b; cat; } < /tmp/list', { host });
    expect(r.stdout).toBe('<one>\n<two>\n<three>\nthree\n');
  });
});

describe('compound commands and functions', () => {
  it.each([
    ['if false; then echo a; elif true; then echo b; else echo c; fi', 'b\n'],
    ['if false; then echo a; fi; echo $?', '0\n'],
    ['for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done', '1\n3\n'],
    ['for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done', '1a\n'],
    ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n'],
    ['set -- x y; for a; do echo $a; done', 'x\ny\n'],
    ['case foo in f*) echo one;& b*) echo two;; *) echo three;; esac', 'one\ntwo\n'],
    ['case foo in f*) echo one;;& *o) echo two;; *) echo three;; esac', 'one\ntwo\n'],
    ['case "a b" in "a b") echo quoted;; esac', 'quoted\n'],
    ['case x in "*") echo literal;; *) echo glob;; esac', 'glob\n'],
    ['{ echo a; echo b; } | cat', 'a\nb\n'],
    ['x=1; (x=2; echo $x); echo $x', '2\n1\n'],
    ['(( 3 > 2 )) && echo yes; (( 0 )) || echo zero', 'yes\nzero\n'],
    ['[[ -n "a b" && ( x == x || 1 -eq 2 ) ]] && echo ok', 'ok\n'],
    ['[[ 2+2 -eq 4 ]] && echo arith', 'arith\n'],
    ['x=abc; [[ $x =~ ^a(b)c$ ]] && echo $BASH_REMATCH', 'abc\n'],
    ['[[ "a*" == "a*" && ab != "a*" ]] && echo pattern', 'pattern\n'],
    ['f() { echo "f:$1:$#"; }; f a b; echo $#', 'f:a:2\n0\n'],
    ['f() { local x=inner; echo $x; }; x=outer; f; echo $x', 'inner\nouter\n'],
    ['f() { return 4; echo no; }; f; echo $?', '4\n'],
    ['f() { false; }; f || echo failed', 'failed\n'],
    ['g() { echo $FOO; }; FOO=temp g; echo "[$FOO]"', 'temp\n[]\n'],
    ['fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5', '120\n'],
    ['echo() { builtin_missing; }; command echo via-command', 'via-command\n'],
    ['f() { echo in f; }; unset -f f; f 2>/dev/null; echo $?', '127\n'],
  ])('%j prints %j', async (source, expected) => {
    const host = new FakeHost();
    host.mkdir('/dev');
    host.writeFile('/dev/null', '', { mode: 0o666 });
    const r = await run(source, { host });
    expect(r.stdout).toBe(expected);
  });

  it('stops a runaway recursion with bash’s message', async () => {
    const r = await run('f() { f; }; f');
    expect(r.stderr).toBe('bash: f: maximum function nesting level exceeded (1000)\n');
    expect(r.status).toBe(1);
  });
});

describe('set -e', () => {
  it.each([
    ['set -e; echo a; false; echo b', 'a\n', 1],
    ['set -e; false || echo handled; echo after', 'handled\nafter\n', 0],
    ['set -e; if false; then :; fi; echo after', 'after\n', 0],
    ['set -e; ! true; echo after', 'after\n', 0],
    ['set -e; false && true; echo after', 'after\n', 0],
    ['set -e; x=$(false); echo never', '', 1],
    ['set -e; while false; do :; done; echo after', 'after\n', 0],
  ])('%j prints %j and ends with %i', async (source, stdout, status) => {
    const r = await run(source, { mode: 'script', argv0: 'x.sh' });
    expect(r.stdout).toBe(stdout);
    expect(r.status).toBe(status);
  });
});

describe('background jobs', () => {
  it('runs a job in the background and waits for it', async () => {
    const r = await run('echo bg > /tmp/bg & wait; cat /tmp/bg; echo $!', { mode: 'script' });
    expect(r.stdout).toBe('bg\n2\n');
  });

  it('announces the job number and pid interactively', async () => {
    const r = await run('true &');
    expect(r.stderr).toBe('[1] 2\n');
  });
});

describe('Ctrl-C and long loops', () => {
  it('stops an infinite loop when the signal aborts', async () => {
    const host = new FakeHost();
    let n = 0;
    host.onSleep = () => ++n >= 3;
    const r = await run('while true; do echo tick; sleep 1; done; echo never', { host });
    expect(r.stdout).toBe('tick\ntick\ntick\n');
    expect(r.status).toBe(130);
  });

  it('yields to the event loop in a busy loop so an abort can arrive', async () => {
    const host = new FakeHost();
    setTimeout(() => host.controller.abort(2), 20);
    const r = await run('while :; do :; done', { host });
    expect(r.status).toBe(130);
  });
});

describe('broken pipes', () => {
  it('kills a writer with SIGPIPE once the reader has exited', async () => {
    const r = await run('while true; do echo y; done | head -c 1; echo " ${PIPESTATUS[@]}"');
    expect(r.stdout).toBe('y 141 0\n');
  });

  it('stops a following program when its reader is gone', async () => {
    const host = new FakeHost();
    host.addProgram('follow', async (ctx) => {
      for (let i = 0; !ctx.signal.aborted; i++) {
        ctx.stdout.write(`line ${i}\n`);
        await new Promise((r) => setTimeout(r, 1));
      }
      return 128 + (ctx.signal.reason as number);
    });
    const r = await run('set -o pipefail; follow | head -c 7; echo " $?"', { host });
    expect(r.stdout).toBe('line 0\n 141\n');
  });
});

describe('command_not_found_handle', () => {
  it('is called in a subshell with the command and its arguments', async () => {
    const r = await run('command_not_found_handle() { echo "missing: $*"; x=changed; return 42; }; x=kept; nosuch a b; echo "$? $x"');
    expect(r.stdout).toBe('missing: nosuch a b\n42 kept\n');
  });

  it('does not recurse when the handler itself runs an unknown command', async () => {
    const r = await run('command_not_found_handle() { alsomissing; }; nosuch');
    expect(r.stderr).toBe('bash: alsomissing: command not found\n');
    expect(r.status).toBe(127);
  });
});

describe('empty input', () => {
  it('keeps $? for a blank or comment-only interactive line', async () => {
    const first = await run('false');
    for (const line of ['', '   ', '# just a comment']) {
      const r = await run(line, { state: first.state, host: first.host });
      expect(r.status).toBe(1);
    }
  });
});
