import { describe, expect, it } from 'vitest';
import { run } from './fake-host';

// `argv` is a fake program printing each argument as <arg>, which makes field splitting visible.
describe('word expansion', () => {
  it.each([
    ['argv a "b c" \'d e\'', '<a><b c><d e>'],
    ['x="a b  c"; argv $x', '<a><b><c>'],
    ['x="a b  c"; argv "$x"', '<a b  c>'],
    ['x=""; argv $x "$x" \'\'', '<><>'],
    ['x="  lead trail  "; argv $x', '<lead><trail>'],
    ['IFS=:; x="a::b:"; argv $x', '<a><><b>'],
    ['IFS=" :"; x="a : b"; argv $x', '<a><b>'],
    ['IFS=; x="a b"; argv $x', '<a b>'],
    ['set -- 1 "2 3" ""; argv "$@"', '<1><2 3><>'],
    ['set -- 1 "2 3"; argv $@', '<1><2><3>'],
    ['set -- 1 "2 3"; argv "$*"', '<1 2 3>'],
    ['set --; argv "$@"', ''],
    ['set --; argv "$@" x', '<x>'],
    ['set -- a b; argv "x$@y"', '<xa><by>'],
    ['set -- a b c; argv $# $1 ${3}', '<3><a><c>'],
    ['set -- a b c; argv "${@:2}"', '<b><c>'],
    ['argv a\\ b "a\\"b" \'a\\b\'', '<a b><a"b><a\\b>'],
    ['argv $\'a\\tb\\n\'', '<a\tb\n>'],
    ['x=abc; argv ${#x} ${x:1} ${x:1:1} ${x: -1}', '<3><bc><b><c>'],
    ['p=/usr/local/bin/kubectl; argv ${p##*/} ${p#*/} ${p%/*} ${p%%/*}x', '<kubectl><usr/local/bin/kubectl></usr/local/bin><x>'],
    ['x=a.b.c; argv ${x/./-} ${x//./-} ${x/#a/A} ${x/%c/C}', '<a-b.c><a-b-c><A.b.c><a.b.C>'],
    ['x=hello; argv ${x^} ${x^^} ${x,,}', '<Hello><HELLO><hello>'],
    ['unset x; argv ${x:-def} ${x-def} "${x:+alt}"', '<def><def><>'],
    ['x=; argv ${x:-def} "${x-def}" ${x:+alt}', '<def><>'],
    ['x=set; argv ${x:+alt} ${x:-def}', '<alt><set>'],
    ['unset x; argv ${x:=new}; argv $x', '<new>\n<new>'],
    ['unset x; argv ${x:-a b}', '<a><b>'],
    ['unset x; argv "${x:-a b}"', '<a b>'],
    ['x=y; y=z; argv ${!x}', '<z>'],
    ['argv $((1 + 2 * 3)) $((7 / 2)) $((7 % 3)) $((2 ** 10)) $((-5 / 2))', '<7><3><1><1024><-2>'],
    ['argv $((0x10 + 010 + 2#101)) $((1 << 4)) $((5 > 3 && 2 < 1))', '<29><16><0>'],
    ['i=5; argv $((i++)) $i $((++i)) $((i += 10)) $i', '<5><6><7><17><17>'],
    ['a=3; b=4; argv $((a * b)) $(( $a + $b )) $((c)) $((a > b ? a : b))', '<12><7><0><4>'],
    ['argv $((9223372036854775807 + 1))', '<-9223372036854775808>'],
    ['argv "$(echo a; echo)" $(echo "b  c")', '<a><b><c>'],
    ['argv "`echo x`" `echo y z`', '<x><y><z>'],
    ['argv $(printf "a\\n\\n\\n")x', '<ax>'],
    ['argv ~ ~/bin ~root "~" \\~ ~nobody', '</home/vagrant></home/vagrant/bin></root><~><~><~nobody>'],
    ['PATH2=~/bin:~root/x; argv $PATH2', '</home/vagrant/bin:/root/x>'],
    ['argv {a,b} x{1..3}y {c..a} {01..3} {1..10..4}', '<a><b><x1y><x2y><x3y><c><b><a><01><02><03><1><5><9>'],
    ['argv f{,.bak} {a,b}{1,2} {a,{b,c}}d', '<f><f.bak><a1><a2><b1><b2><ad><bd><cd>'],
    ['x=1; argv {$x,"q r"} {} {a} "{a,b}" \\{a,b} ${x}{}', '<1><q r><{}><{a}><{a,b}><{a,b}><1{}>'],
    ['argv a={b,c}', '<a=b><a=c>'],
    ["argv jsonpath='{.spec.containers[0].args}'", '<jsonpath={.spec.containers[0].args}>'],
    ['argv $$ $? $0', '<1><0><bash>'],
    ['argv $RANDOM', '<16384>'],
    ['false; argv $?; true; argv $?', '<1>\n<0>'],
    ['argv "$UNSET" $UNSET end', '<><end>'],
  ])('%j prints %j', async (source, expected) => {
    const r = await run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected === '' ? '\n' : `${expected}\n`);
  });
});

describe('pathname expansion', () => {
  const withFiles = async (source: string) => {
    const r = await run('', {});
    for (const f of ['a.yaml', 'b.yaml', 'c.txt', '.hidden']) r.host.writeFile(`/home/vagrant/${f}`, '');
    r.host.mkdir('/home/vagrant/dir', 1000);
    r.host.writeFile('/home/vagrant/dir/x.yaml', '');
    return run(source, { host: r.host, state: r.state });
  };

  it.each([
    ['argv *.yaml', '<a.yaml><b.yaml>'],
    ['argv *', '<a.yaml><b.yaml><c.txt><dir>'],
    ['argv .*', '<.><..><.hidden>'],
    ['argv ?.txt [ab].yaml [!a].yaml', '<c.txt><a.yaml><b.yaml><b.yaml>'],
    ['argv */*.yaml', '<dir/x.yaml>'],
    ['argv /home/vagrant/*.txt', '</home/vagrant/c.txt>'],
    ['argv *.json', '<*.json>'],
    ['argv "*.yaml" \\*.yaml', '<*.yaml><*.yaml>'],
    ['x="*.yaml"; argv $x "$x"', '<a.yaml><b.yaml><*.yaml>'],
    ['argv */', '<dir/>'],
    ['set -f; argv *.yaml', '<*.yaml>'],
    ['for f in *.yaml; do argv $f; done', '<a.yaml>\n<b.yaml>'],
    ['case a.yaml in *.yaml) echo yes;; esac', 'yes'],
  ])('%j prints %j', async (source, expected) => {
    const r = await withFiles(source);
    expect(r.stdout).toBe(`${expected}\n`);
  });
});

describe('expansion errors', () => {
  it.each([
    ['echo ${x:?must be set}; echo after', 'bash: x: must be set\n', 1],
    ['echo ${x:?}', 'bash: x: parameter null or not set\n', 1],
    ['echo ${x!}', 'bash: ${x!}: bad substitution\n', 1],
    ['echo $((1/0))', 'bash: 1/0: division by 0 (error token is "0")\n', 1],
    ['echo $((1+))', 'bash: 1+: syntax error: operand expected (error token is "+")\n', 1],
    ['echo $((08))', 'bash: 08: value too great for base (error token is "08")\n', 1],
    ['set -u; echo $nope', 'bash: nope: unbound variable\n', 1],
    ['echo ${1:=x}', 'bash: $1: cannot assign in this way\n', 1],
  ])('%j fails with %j', async (source, stderr, status) => {
    const r = await run(source);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(status);
  });

  it('stops a non-interactive shell', async () => {
    const r = await run('echo ${x:?gone}\necho after', { mode: 'script', argv0: './x.sh' });
    expect(r.stderr).toBe('./x.sh: line 1: x: gone\n');
    expect(r.stdout).toBe('');
    expect(r.state.exited).toBe(true);
  });

  it('only abandons the current line in an interactive shell', async () => {
    const r = await run('echo ${x:?gone}; echo same\necho next');
    expect(r.stdout).toBe('next\n');
  });
});
