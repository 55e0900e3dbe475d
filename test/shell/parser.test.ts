import { describe, expect, it } from 'vitest';
import { describeHereDocWarning, describeSyntaxError, parseShell, type CompleteParse, type Word } from '../../src/shell';
import { parts, script } from './ast-summary';

function ok(source: string, aliases?: Record<string, string>) {
  const r = parseShell(source, { aliases });
  if (r.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r.status === 'incomplete' ? r.atEof : r)}`);
  return r;
}

const firstWords = (source: string): Word[] => {
  const c = ok(source).commands[0].items[0].command.first.commands[0];
  if (c.type !== 'Simple') throw new Error('not simple');
  return c.words;
};

describe('command structure', () => {
  it.each([
    ['echo a b', 'echo a b'],
    ['echo a | grep b | wc -l', 'echo a | grep b | wc -l'],
    ['a && b || c', 'a && b || c'],
    ['a; b & c', 'a; b &; c'],
    ['! grep -q x f', '! grep -q x f'],
    ['a |& b', 'a |& b'],
    ['A=b cmd', 'A=b cmd'],
    ['A=b', 'A=b'],
    ['A+=x B=', 'A+=x B='],
    ['echo A=b', 'echo A=b'],
    ['a &&\n b', 'a && b'],
    ['a |\n\n b', 'a | b'],
    ['echo a # comment\necho b', 'echo a / echo b'],
    ['echo a#b', 'echo a#b'],
    ['if true; then echo y; elif false; then echo n; else echo e; fi', 'if {true} then {echo y} elif {false} then {echo n} else {echo e} fi'],
    ['if true\nthen\n  echo y\nfi', 'if {true} then {echo y} fi'],
    ['while true; do echo x; sleep 5; done', 'while {true} do {echo x; sleep 5}'],
    ['until false; do :; done', 'until {false} do {:}'],
    ['for x in a b c; do echo $x; done', 'for x in a b c do {echo $x}'],
    ['for x; do echo $x; done', 'for x do {echo $x}'],
    ['for x\ndo echo $x\ndone', 'for x do {echo $x}'],
    ['for x in; do :; done', 'for x in  do {:}'],
    ['case $1 in a|b) echo ab;; (c) echo c;& *) ;; esac', 'case $1 a|b) {echo ab};; c) {echo c};& *) {};;'],
    ['case x in\n  x) echo\nesac', 'case x x) {echo};;'],
    ['{ echo a; echo b; } > f', '{echo a; echo b} >f'],
    ['( cd /tmp; ls )', '(cd /tmp; ls)'],
    ['f() { echo hi; }', 'fn f {echo hi}'],
    ['f ()\n{\n  echo hi\n}', 'fn f {echo hi}'],
    ['function g { echo; }', 'fn g {echo}'],
    ['function g() ( echo )', 'fn g (echo)'],
    ['(( i++ ))', '(( i++ ))'],
    ['((a = (1 + 2) * 3))', '((a = (1 + 2) * 3))'],
    ['( (echo a) )', '((echo a))'],
    ['[[ -f x && $a == b* ]]', '[[ -f x && $a == b* ]]'],
    ['echo if then fi', 'echo if then fi'],
    ['echo a; ', 'echo a'],
  ])('%j parses as %j', (source, expected) => {
    expect(script(ok(source).commands)).toBe(expected);
  });
});

describe('redirections', () => {
  it.each([
    ['echo x > f', 'echo x >f'],
    ['echo x >> f', 'echo x >>f'],
    ['cat < f', 'cat <f'],
    ['cmd 2> err', 'cmd 2>err'],
    ['cmd 2>> err', 'cmd 2>>err'],
    ['cmd 2>&1', 'cmd 2>&1'],
    ['cmd >&2', 'cmd >&2'],
    ['cmd &> all', 'cmd &>all'],
    ['cmd &>> all', 'cmd &>>all'],
    ['cat <<< "$x"', 'cat <<<"$x"'],
    ['cmd 3>&- 10>f', 'cmd 3>&- 10>f'],
    ['cmd >| f', 'cmd >|f'],
    ['> f', '>f'],
    ['echo 2 >f', 'echo 2 >f'],
    ['echo a2>f', 'echo a2 >f'],
  ])('%j parses as %j', (source, expected) => {
    expect(script(ok(source).commands)).toBe(expected);
  });
});

describe('words', () => {
  it.each([
    ['plain', 'plain'],
    ["'single $x'", "'single $x'"],
    ['"double $x ${y}"', '"double ${x} ${y}"'],
    ['a\\ b', 'a\\ b'],
    ['"a\\"b\\$c\\d"', '"a\\"b\\$c\\d"'],
    ['$1$#$?$$$@$*$!$-$0', '${1}${#}${?}${$}${@}${*}${!}${-}${0}'],
    ['${10}', '${10}'],
    ['$RANDOM', '${RANDOM}'],
    ['${#x}', '${#x}'],
    ['${!ref}', '${!ref}'],
    ['${x:-d}${x-d}${x:=d}${x:?m}${x:+a}', '${x:default}${x:default}${x:assign}${x:error}${x:alternative}'],
    ['${x#p}${x##p}${x%p}${x%%p}', '${x:removePrefix}${x:removePrefix}${x:removeSuffix}${x:removeSuffix}'],
    ['${x/a/b}${x//a}${x:1:2}${x^^}', '${x:replace}${x:replace}${x:substring}${x:case}'],
    ['${x!}', '!bad(${x!})'],
    ['$(echo a)', '$(echo a)'],
    ['`echo a`', '$(echo a)'],
    ['"$(echo "in")"', '"$(echo "in")"'],
    ['$((1 + $x))', '$((1 + ${x}))'],
    ["$'a\\tb'", "$'a\\tb'"],
    ['$', '$'],
    ['"$"', '"$"'],
    ['x$', 'x$'],
    ['~/dir', '~/dir'],
    ["jsonpath='{.spec.containers[0].args}'", "jsonpath='{.spec.containers[0].args}'"],
  ])('%j has parts %j', (source, expected) => {
    expect(parts(firstWords(`echo ${source}`)[1])).toBe(expected);
  });

  it('parses $(…) with a case statement and a quoted paren inside', () => {
    const w = firstWords('echo $(case x in x) echo ")";; esac)')[1];
    expect(parts(w)).toBe('$(case x x) {echo ")"};;)');
  });

  it('joins a backslash-newline continuation', () => {
    expect(script(ok('echo a \\\n  b').commands)).toBe('echo a b');
  });

  it('keeps word source spans', () => {
    const [, w] = firstWords('echo   "a b"');
    expect(w.span).toEqual({ start: 7, end: 12 });
  });
});

describe('here-documents', () => {
  it.each([
    ['cat <<EOF\nhello $USER\nEOF\n', 'cat <<EOF["hello $USER\\n"]'],
    ["cat <<'EOF'\nhello $USER\nEOF", 'cat <<\'EOF\'["hello $USER\\n"]'],
    ['cat <<"EOF"\nhello\nEOF', 'cat <<"EOF"["hello\\n"]'],
    ['cat <<-EOF\n\t\tindented\n\tEOF\n', 'cat <<-EOF["indented\\n"]'],
    ['cat <<A <<B\na\nA\nb\nB\necho after', 'cat <<A["a\\n"] <<B["b\\n"] / echo after'],
    ['cat <<EOF > f; echo x\nbody\nEOF', 'cat <<EOF["body\\n"] >f; echo x'],
    ['cat <<EOF | grep a\nabc\nEOF', 'cat <<EOF["abc\\n"] | grep a'],
    ['sudo tee -a f <<\'EOF\'\n- rule: x\nEOF', 'sudo tee -a f <<\'EOF\'["- rule: x\\n"]'],
  ])('%j parses as %j', (source, expected) => {
    expect(script(ok(source).commands)).toBe(expected);
  });

  it('marks an unquoted body for expansion and a quoted one as literal', () => {
    const r = ok('cat <<EOF\n$x\nEOF\ncat <<\'EOF\'\n$x\nEOF');
    const bodies = r.commands.map((c) => {
      const s = c.items[0].command.first.commands[0];
      return s.type === 'Simple' ? s.redirects[0].heredoc!.body.parts.map((p) => p.type) : [];
    });
    expect(bodies).toEqual([['Param', 'Literal'], ['SingleQuoted']]);
  });

  it('warns like bash when the delimiter never comes', () => {
    const r = parseShell('cat <<EOF\nline');
    expect(r.status).toBe('incomplete');
    const atEof = (r as { atEof: CompleteParse }).atEof;
    expect(atEof.status).toBe('ok');
    expect(atEof.warnings.flatMap((w) => describeHereDocWarning(w, 'bash')).map((m) => m.text)).toEqual([
      "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')",
    ]);
  });
});

describe('syntax errors', () => {
  const error = (source: string) => {
    const r = parseShell(source);
    const done = r.status === 'incomplete' ? r.atEof : r;
    if (done.status !== 'error') throw new Error(`expected an error for ${source}`);
    return done.error;
  };

  it.each([
    ['fi', 'fi'],
    ['echo a; fi', 'fi'],
    ['then', 'then'],
    ['done', 'done'],
    ['}', '}'],
    [')', ')'],
    [';', ';'],
    ['&& echo', '&&'],
    ['echo a | | b', '|'],
    ['echo >', 'newline'],
    ['echo > ;', ';'],
    ['echo (a)', 'a'],
    ['echo a (b)', '('],
    ['if then fi', 'then'],
    ['if true; then fi', 'fi'],
    ['while do done', 'do'],
    ['{ }', '}'],
    ['( )', ')'],
    ['f() echo', 'echo'],
    ['if true; then :; fi x', 'x'],
    ['case x in esac)', ')'],
    ['echo a;;', ';;'],
    ['cat <<', 'newline'],
  ])('%j is an error near %j', (source, token) => {
    const e = error(source);
    expect(e).toMatchObject({ kind: 'unexpected-token', token });
  });

  it('words the error as bash 5.0 does, interactive and in a script', () => {
    const e = error('echo ok\nif true; then\n  echo x\n)');
    expect(describeSyntaxError(e, 'bash', 'echo ok\nif true; then\n  echo x\n)')).toEqual([
      { line: 4, text: "syntax error near unexpected token `)'" },
      { line: 4, text: "`)'", scriptOnly: true },
    ]);
  });

  it('words it as busybox ash does', () => {
    expect(describeSyntaxError(error('fi'), 'ash')[0].text).toBe('syntax error: unexpected "fi"');
    expect(describeSyntaxError(error('echo >'), 'ash')[0].text).toBe('syntax error: unexpected newline');
  });

  it('rejects an invalid for-loop variable', () => {
    expect(describeSyntaxError(error('for 1x in a; do :; done'), 'bash')[0].text).toBe("`1x': not a valid identifier");
  });
});

describe('incomplete input (PS2)', () => {
  it.each([
    ['echo "abc', "unexpected EOF while looking for matching `\"'"],
    ["echo 'abc", "unexpected EOF while looking for matching `''"],
    ['echo $(date', "unexpected EOF while looking for matching `)'"],
    ['echo `date', "unexpected EOF while looking for matching ``'"],
    ['echo ${x', "unexpected EOF while looking for matching `}'"],
    ['if true; then', 'syntax error: unexpected end of file'],
    ['while true', 'syntax error: unexpected end of file'],
    ['for x in a b', 'syntax error: unexpected end of file'],
    ['case x in', 'syntax error: unexpected end of file'],
    ['echo a |', 'syntax error: unexpected end of file'],
    ['echo a &&', 'syntax error: unexpected end of file'],
    ['echo a ||', 'syntax error: unexpected end of file'],
    ['f() {', 'syntax error: unexpected end of file'],
    ['( echo', 'syntax error: unexpected end of file'],
    ['{ echo a }', 'syntax error: unexpected end of file'],
    ['echo a \\', 'syntax error: unexpected end of file'],
  ])('%j needs more lines; at end of file: %j', (source, message) => {
    const r = parseShell(source);
    expect(r.status).toBe('incomplete');
    const atEof = (r as { atEof: CompleteParse }).atEof;
    expect(atEof.status).toBe('error');
    if (atEof.status === 'error') expect(describeSyntaxError(atEof.error, 'bash')[0].text).toBe(message);
  });

  it('completes once the missing lines arrive', () => {
    expect(parseShell('if true; then\necho x\nfi').status).toBe('ok');
    expect(parseShell('echo "a\nb"').status).toBe('ok');
    expect(parseShell('cat <<EOF\nx\nEOF').status).toBe('ok');
  });

  it('reports the second line of an unterminated quote at end of file', () => {
    const r = parseShell('echo "abc\nmore');
    if (r.status !== 'incomplete' || r.atEof.status !== 'error') throw new Error('expected incomplete');
    expect(describeSyntaxError(r.atEof.error, 'bash').map((m) => m.text)).toEqual([
      "unexpected EOF while looking for matching `\"'",
      'syntax error: unexpected end of file',
    ]);
  });
});

describe('aliases', () => {
  const aliases = { k: 'kubectl', ll: 'ls -alF', ls: 'ls --color=auto', sudo: 'sudo ', x: 'k get' };
  it.each([
    ['k get pods', 'kubectl get pods'],
    ['ll /etc', 'ls --color=auto -alF /etc'],
    ['ls', 'ls --color=auto'],
    ['echo k', 'echo k'],
    ['sudo k get po', 'sudo kubectl get po'],
    ['x po', 'kubectl get po'],
    ['A=1 k', 'A=1 kubectl'],
    ['"k" get', '"k" get'],
    ['echo a | k get po && k', 'echo a | kubectl get po && kubectl'],
    ['if k; then k; fi', 'if {kubectl} then {kubectl} fi'],
  ])('%j expands to %j', (source, expected) => {
    expect(script(ok(source, aliases).commands)).toBe(expected);
  });
});
