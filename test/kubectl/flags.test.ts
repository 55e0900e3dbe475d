// The pflag-compatible kubectl flag parser: forms, positionals, `--`, repeats, and kubectl's error text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kubectlCommandsWithFlags,
  kubectlFlagSpecs,
  parseFlags,
  parseGoDuration,
  parseGoInt,
  parseKubectlFlags,
  type FlagSpec,
} from '../../src/commands/kubectl/flags';

function ok(command: string, argv: string[]) {
  const r = parseKubectlFlags(command, argv);
  if (!r.ok) throw new Error(r.stderr);
  return r.flags;
}

function err(command: string, argv: string[]): string {
  const r = parseKubectlFlags(command, argv);
  if (r.ok) throw new Error('expected a flag error');
  return r.stderr;
}

describe('value forms', () => {
  it.each([
    [['-n', 'kube-system'], 'kube-system'],
    [['-nkube-system'], 'kube-system'],
    [['-n=kube-system'], 'kube-system'],
    [['--namespace', 'kube-system'], 'kube-system'],
    [['--namespace=kube-system'], 'kube-system'],
    [['--namespace='], ''],
  ])('%j sets the namespace', (argv, namespace) => {
    expect(ok('get', ['pods', ...argv]).values.namespace).toBe(namespace);
  });

  it.each([
    [['-o=jsonpath={.items[*].metadata.name}'], 'jsonpath={.items[*].metadata.name}'],
    [['-o', 'jsonpath={.a}'], 'jsonpath={.a}'],
    [['-ojsonpath={.a}'], 'jsonpath={.a}'],
    [['--output=jsonpath={.metadata.labels.a=b}'], 'jsonpath={.metadata.labels.a=b}'],
    [['-o=custom-columns=NAME:.metadata.name'], 'custom-columns=NAME:.metadata.name'],
  ])('%j strips only the first = for -o', (argv, output) => {
    expect(ok('get', ['pods', ...argv]).values.output).toBe(output);
  });

  it('bool flags never take the next word', () => {
    const f = ok('get', ['-A', 'pods']);
    expect(f.values['all-namespaces']).toBe(true);
    expect(f.args).toEqual(['pods']);
    expect(ok('delete', ['pod', 'x', '--wait', 'false']).args).toEqual(['pod', 'x', 'false']);
  });

  it.each([
    ['--show-labels=false', false],
    ['--show-labels=true', true],
    ['--show-labels=1', true],
    ['--show-labels=F', false],
  ])('%s sets a bool explicitly', (arg, value) => {
    expect(ok('get', ['pods', arg]).values['show-labels']).toBe(value);
  });

  it('combined shorthands set each bool, and the last may take a value', () => {
    const f = ok('exec', ['-it', 'nginx', '-c', 'app', '--', 'sh']);
    expect(f.values).toMatchObject({ stdin: true, tty: true, container: 'app' });
    const g = ok('exec', ['-itcapp', 'nginx']);
    expect(g.values).toMatchObject({ stdin: true, tty: true, container: 'app' });
  });

  it('defaults are filled in and changed lists only given flags', () => {
    const f = ok('get', ['pods', '-o', 'wide']);
    expect(f.values['allow-missing-template-keys']).toBe(true);
    expect(f.values['chunk-size']).toBe(500);
    expect(f.values.namespace).toBe('');
    expect(f.changed).toEqual(['output']);
  });

  it('underscores in flag names read as dashes', () => {
    expect(ok('get', ['pods', '--show_labels']).values['show-labels']).toBe(true);
  });

  it('--dry-run alone takes its no-option default', () => {
    expect(ok('run', ['x', '--image=nginx', '--dry-run']).values['dry-run']).toBe('unchanged');
    expect(ok('run', ['x', '--image=nginx', '--dry-run=client']).values['dry-run']).toBe('client');
    expect(ok('run', ['x', '--dry-run', 'client']).args).toEqual(['x', 'client']);
  });
});

describe('positionals and --', () => {
  it('flags interleave with positionals', () => {
    const f = ok('get', ['pods', '-n', 'x', 'nginx', '-o', 'yaml', 'web']);
    expect(f.args).toEqual(['pods', 'nginx', 'web']);
    expect(f.argsLenAtDash).toBe(-1);
  });

  it('everything after -- is positional, flags included', () => {
    const f = ok('run', ['busybox', '--image=busybox', '--', 'sh', '-c', 'echo hi; sleep 3600', '--rm']);
    expect(f.args).toEqual(['busybox', 'sh', '-c', 'echo hi; sleep 3600', '--rm']);
    expect(f.argsLenAtDash).toBe(1);
    expect(f.values.rm).toBe(false);
  });

  it('a lone - and the empty string are positional', () => {
    expect(ok('get', ['-', '']).args).toEqual(['-', '']);
  });
});

describe('repeated flags', () => {
  it('string arrays append, keeping commas', () => {
    const f = ok('create configmap', ['cfg', '--from-literal=a=1', '--from-literal', 'b=2,3']);
    expect(f.values['from-literal']).toEqual(['a=1', 'b=2,3']);
  });

  it('string slices split on commas and append', () => {
    const f = ok('get', ['pods', '-L', 'app,tier', '-L', 'run']);
    expect(f.values['label-columns']).toEqual(['app', 'tier', 'run']);
  });

  it('a slice given once replaces its default', () => {
    const specs: FlagSpec[] = [{ name: 'x', type: 'stringSlice', default: ['d'] }];
    const r = parseFlags(['--x=a'], specs, 'kubectl t');
    expect(r.ok && r.flags.values.x).toEqual(['a']);
  });

  it('a scalar flag keeps the last value', () => {
    expect(ok('get', ['-n', 'a', '-n', 'b']).values.namespace).toBe('b');
  });
});

describe('kubectl error text', () => {
  it.each([
    ['get', ['pods', '--bogus'], "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ['get', ['pods', '--bogus=1'], "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ['run', ['x', '--foo'], "error: unknown flag: --foo\nSee 'kubectl run --help' for usage.\n"],
    ['get', ['-z'], "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
    ['exec', ['-iz'], "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl exec --help' for usage.\n"],
    ['get', ['pods', '-n'], "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['get', ['pods', '--namespace'], "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n"],
    ['get', ['---x'], "error: bad flag syntax: ---x\nSee 'kubectl get --help' for usage.\n"],
    [
      'logs',
      ['x', '--tail=abc'],
      'error: invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl logs --help\' for usage.\n',
    ],
    [
      'exec',
      ['x', '-i=maybe'],
      'error: invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl exec --help\' for usage.\n',
    ],
    [
      'logs',
      ['x', '--since=5'],
      'error: invalid argument "5" for "--since" flag: time: missing unit in duration "5"\nSee \'kubectl logs --help\' for usage.\n',
    ],
    [
      'create configmap',
      ['x', '--bogus'],
      "error: unknown flag: --bogus\nSee 'kubectl create configmap --help' for usage.\n",
    ],
  ])('kubectl %s %j', (command, argv, stderr) => {
    expect(err(command, argv)).toBe(stderr);
  });

  it('keeps the bare pflag message too', () => {
    const r = parseKubectlFlags('get', ['--bogus']);
    expect(!r.ok && r.message).toBe('unknown flag: --bogus');
  });
});

describe('Go number and duration syntax', () => {
  it.each([
    ['10', 10],
    ['-1', -1],
    ['+7', 7],
    ['0x1f', 31],
    ['017', 15],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['0', 0],
  ])('ParseInt %s', (raw, value) => {
    expect(parseGoInt(raw)).toBe(value);
  });

  it.each(['', 'abc', '1.5', '08', '1__0', '_1', '0x', '1_'])('ParseInt rejects %j', (raw) => {
    expect(parseGoInt(raw)).toEqual({ error: `strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax` });
  });

  it('ParseInt reports overflow', () => {
    expect(parseGoInt('9223372036854775808')).toEqual({
      error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    });
  });

  it.each([
    ['30s', 30e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['-2m', -120e9],
    ['0', 0],
    ['100ms', 1e8],
    ['.5s', 5e8],
  ])('ParseDuration %s', (raw, ns) => {
    expect(parseGoDuration(raw)).toBe(ns);
  });

  it.each([
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['5', 'time: missing unit in duration "5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
  ])('ParseDuration rejects %j', (raw, error) => {
    expect(parseGoDuration(raw)).toEqual({ error });
  });
});

describe('flag specs', () => {
  it('every command spec includes the global flags and has unique names and shorthands', () => {
    for (const command of kubectlCommandsWithFlags()) {
      const specs = kubectlFlagSpecs(command) ?? [];
      expect(specs.find((f) => f.name === 'kubeconfig')).toBeDefined();
      const names = specs.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      const shorts = specs.flatMap((f) => (f.short ? [f.short] : []));
      expect(new Set(shorts).size, `${command}: ${shorts.join('')}`).toBe(shorts.length);
    }
  });

  it('an unknown subcommand still gets the global flags', () => {
    expect(parseKubectlFlags('frobnicate', ['-n', 'x']).ok).toBe(true);
    expect(kubectlFlagSpecs('frobnicate')).toBeNull();
  });

  it('-h sets help', () => {
    expect(ok('get', ['-h']).values.help).toBe(true);
  });
});

describe('malformed input', () => {
  it('never throws, whatever the argv', () => {
    const word = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('-', '--', '-n', '-o=', '--output', '-it', '---', '--=', '-L', '--tail'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        const r = parseKubectlFlags('get', argv);
        if (!r.ok) expect(r.stderr.startsWith('error: ')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
