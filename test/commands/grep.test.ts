import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { translateRegex } from '../../src/commands/lib/regex';
import { miniWorld } from '../helpers/mini-world';

const RULES = `- rule: Terminal shell in container
  desc: A shell was used as the entrypoint/exec point into a container
  condition: >
    spawned_process and container
  output: >
    A shell was spawned (user=%user.name)
  priority: NOTICE
- rule: Write below etc
  priority: ERROR
`;

function world() {
  const w = miniWorld(coreCommands);
  w.put('/etc/falco/falco_rules.yaml', { data: RULES });
  w.put('/etc/falco/rules.d/extra.yaml', { data: '- rule: Extra\n  priority: WARNING\n' });
  return w;
}

describe('grep', () => {
  it.each([
    [['grep', 'rule:', '/etc/falco/falco_rules.yaml'], '- rule: Terminal shell in container\n- rule: Write below etc\n'],
    [['grep', '-n', 'priority', '/etc/falco/falco_rules.yaml'], '7:  priority: NOTICE\n9:  priority: ERROR\n'],
    [['grep', '-c', 'priority', '/etc/falco/falco_rules.yaml'], '2\n'],
    [['grep', '-i', 'SHELL', '/etc/falco/falco_rules.yaml'], '- rule: Terminal shell in container\n  desc: A shell was used as the entrypoint/exec point into a container\n    A shell was spawned (user=%user.name)\n'],
    [['grep', '-o', 'user\\.[a-z]*', '/etc/falco/falco_rules.yaml'], 'user.name\n'],
    [['grep', '-E', 'NOTICE|ERROR', '/etc/falco/falco_rules.yaml'], '  priority: NOTICE\n  priority: ERROR\n'],
    [['grep', 'NOTICE\\|ERROR', '/etc/falco/falco_rules.yaml'], '  priority: NOTICE\n  priority: ERROR\n'],
    [['grep', '-F', '(user=', '/etc/falco/falco_rules.yaml'], '    A shell was spawned (user=%user.name)\n'],
    [['grep', '-w', 'etc', '/etc/falco/falco_rules.yaml'], '- rule: Write below etc\n'],
    [['grep', '-x', '  priority: ERROR', '/etc/falco/falco_rules.yaml'], '  priority: ERROR\n'],
    [['grep', '-l', 'rule', '/etc/falco/falco_rules.yaml', '/etc/hostname'], '/etc/falco/falco_rules.yaml\n'],
    [['grep', '-A1', 'condition', '/etc/falco/falco_rules.yaml'], '  condition: >\n    spawned_process and container\n'],
    [['grep', '-v', '^ ', '/etc/falco/falco_rules.yaml'], '- rule: Terminal shell in container\n- rule: Write below etc\n'],
  ])('%j', async (argv, out) => {
    const r = await world().run(argv);
    expect(r).toEqual({ status: 0, stdout: out, stderr: '' });
  });

  it('-r prefixes file names and walks subdirectories', async () => {
    const r = await world().run(['grep', '-r', 'WARNING', '/etc/falco']);
    expect(r.stdout).toBe('/etc/falco/rules.d/extra.yaml:  priority: WARNING\n');
  });

  it('-r without a file searches . and omits the ./ prefix', async () => {
    const r = await world().run(['grep', '-r', 'WARNING'], { cwd: '/etc/falco', uid: 0 });
    expect(r.stdout).toBe('rules.d/extra.yaml:  priority: WARNING\n');
  });

  it('exits 1 without a match and 0 with -q on a match', async () => {
    const w = world();
    expect(await w.run(['grep', 'nomatch', '/etc/hostname'])).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(await w.run(['grep', '-q', 'kube', '/etc/hostname'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it.each([
    [['grep', 'x', 'nofile'], 'grep: nofile: No such file or directory\n'],
    [['grep', 'x', '/etc'], 'grep: /etc: Is a directory\n'],
    [['grep', 'x', '/etc/shadow'], 'grep: /etc/shadow: Permission denied\n'],
    [['grep', '[a', '/etc/hostname'], 'grep: Unmatched [, [^, [:, [., or [=\n'],
    [['grep'], "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"],
  ])('%j exits 2 with %j', async (argv, err) => {
    expect(await world().run(argv)).toEqual({ status: 2, stdout: '', stderr: err });
  });

  it('reads stdin and labels it (standard input) with -H', async () => {
    const w = world();
    expect((await w.run(['grep', '-H', 'b'], { stdin: 'a\nb\n' })).stdout).toBe('(standard input):b\n');
  });

  it('colours matches on a tty with --color=always', async () => {
    const r = await world().run(['grep', '--color=always', 'kube', '/etc/hostname']);
    expect(r.stdout).toBe('\x1b[01;31m\x1b[Kkube\x1b[m\x1b[K-worker-1\n');
  });
});

describe('BRE/ERE translation', () => {
  it.each([
    ['a\\(b\\)*c', 'basic', 'a(b)*c'],
    ['a(b)+', 'basic', 'a\\(b\\)\\+'],
    ['a(b)+', 'extended', 'a(b)+'],
    ['*a', 'basic', '\\*a'],
    ['x\\{2,3\\}', 'basic', 'x{2,3}'],
    ['x{2}', 'extended', 'x{2}'],
    ['a{', 'extended', 'a\\{'],
    ['[[:digit:]]+', 'extended', '[0-9]+'],
    ['[]a]', 'basic', '[\\]a]'],
    ['a^b$c$', 'basic', 'a\\^b\\$c$'],
    ['\\<word\\>', 'basic', '\\b(?=\\w)word\\b(?<=\\w)'],
    ['a/b', 'basic', 'a\\/b'],
    ['a.*b', 'basic', 'a.*b'],
    ['a**', 'basic', 'a*'],
    ['a+?', 'extended', 'a*'],
    ['a*\\**', 'basic', 'a*\\**'],
  ])('%s (%s) → %s', (src, dialect, out) => {
    expect(translateRegex(src, dialect as 'basic' | 'extended')).toEqual({ ok: true, source: out });
  });

  it.each([
    ['a\\(', 'basic', 'Unmatched ( or \\('],
    ['a)', 'extended', 'Unmatched ) or \\)'],
    ['[abc', 'basic', 'Unmatched [, [^, [:, [., or [='],
    ['a\\', 'basic', 'Trailing backslash'],
    ['\\(a\\)\\2', 'basic', 'Invalid back reference'],
    ['[[:foo:]]', 'basic', 'Invalid character class name'],
  ])('%s (%s) is rejected: %s', (src, dialect, error) => {
    expect(translateRegex(src, dialect as 'basic' | 'extended')).toEqual({ ok: false, error });
  });
});
