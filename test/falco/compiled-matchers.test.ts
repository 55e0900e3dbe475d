// Precompiled matchers (glob, pmatch, list substitution, IPv4 networks) agree with their plain definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnmatch } from '../../src/core/fnmatch';
import { compileCheck } from '../../src/falco/compiler/check';
import { compileGlob, compilePathPrefixes } from '../../src/falco/compiler/glob';
import type { CompiledList } from '../../src/falco/compiler/lists';
import { ListSubstitution, substituteList } from '../../src/falco/compiler/lists';
import { syscallFields } from '../../src/falco/fields/syscall';
import type { LoadContext } from '../../src/falco/rules/load-result';

const text = (chars: string[], maxLength = 12): fc.Arbitrary<string> => fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(''));

describe('glob', () => {
  it.each([
    ['/home/*/.ssh/*', '/home/alice/.ssh/id_rsa', true],
    ['/home/*/.ssh/*', '/home/alice/x/.ssh/', true],
    ['/proc/*/environ', '/proc/1/environ', true],
    ['/proc/*/environ', '/proc/environ', false],
    ['*../*../*', '/var/www/../../etc/passwd', true],
    ['*../*../*', '/var/www/../etc/passwd', false],
    ['a*a', 'a', false],
    ['*', '', true],
    ['abc', 'abc', true],
  ])('%s on %s is %s', (pattern, s, want) => {
    expect(compileGlob(pattern)(s)).toBe(want);
  });

  it('equals fnmatch for any pattern and text', () => {
    fc.assert(
      fc.property(text(['a', 'b', '/', '.', '*', '?', '[', ']', '!', '\\', '-']), text(['a', 'b', '/', '.', '*', '[', '-']), (pattern, s) => {
        expect(compileGlob(pattern)(s)).toBe(fnmatch(pattern, s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('pmatch', () => {
  const reference = (prefixes: string[], path: string): boolean => {
    const split = (p: string): string[] => p.split('/').filter((c) => c !== '');
    const comps = split(path);
    return prefixes.map(split).some((p) => p.length <= comps.length && p.every((c, i) => comps[i] === c));
  };

  it.each([
    [['/etc'], '/etc', true],
    [['/etc'], '/etc/passwd', true],
    [['/etc'], '/etcx', false],
    [['/etc/'], '//etc//x', true],
    [['/'], '/anything', true],
    [['/usr/bin', '/etc'], '/usr/binx/y', false],
  ])('%j on %s is %s', (prefixes, path, want) => {
    expect(compilePathPrefixes(prefixes)(path)).toBe(want);
  });

  it('compares whole path components like splitting both paths', () => {
    fc.assert(
      fc.property(fc.array(text(['a', 'b', '/']), { maxLength: 3 }), text(['a', 'b', '/'], 16), (prefixes, path) => {
        expect(compilePathPrefixes(prefixes)(path)).toBe(reference(prefixes, path));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('list substitution', () => {
  const list = (name: string, items: string[], index: number): CompiledList => ({
    name,
    items,
    used: false,
    info: { name, items, index, visibility: index, ctx: undefined as unknown as LoadContext },
  });
  /** Falco's resolve_list loop: every list in order, wherever its name occurs. */
  const reference = (cond: string, lists: CompiledList[]): string => {
    for (const l of lists) if (cond.includes(l.name)) cond = substituteList(cond, l);
    return cond;
  };
  const names = ['a', 'b', 'ab', 'shell', 'x,y'];
  const listsArb = fc.uniqueArray(fc.record({ name: fc.constantFrom(...names), items: fc.array(fc.constantFrom('a', 'b', 'sh', 'c d', 'ab', 'x a', 'shell b', 'x,y'), { maxLength: 3 }) }), { selector: (l) => l.name, maxLength: 5 });
  const condArb = text(['a', 'b', 'ab', 'shell', ' ', '(', ')', ',', '=', 'in', '"', 'x,y', '\n'], 14);

  it('equals substituting every list in order, including lists named by earlier lists’ items', () => {
    fc.assert(
      fc.property(listsArb, condArb, (specs, cond) => {
        const mine = specs.map((s, i) => list(s.name, s.items, i));
        const theirs = specs.map((s, i) => list(s.name, s.items, i));
        expect(new ListSubstitution(mine).apply(cond)).toBe(reference(cond, theirs));
        expect(mine.map((l) => l.used)).toEqual(theirs.map((l) => l.used));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('IPv4 network checks', () => {
  const fields = syscallFields();
  const inNet = compileCheck(fields.resolve('fd.snet', undefined)!, 'in', ['10.0.0.0/8', '192.168.0.0/16']);
  const sock = (sip: string) => ({ fd: { num: 3, type: 'ipv4', typechar: '4', name: '', sip } }) as never;
  const reference = (s: string): boolean => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
    if (!m || m.slice(1).some((p) => Number(p) > 255)) return false;
    return m[1] === '10' || (Number(m[1]) === 192 && Number(m[2]) === 168);
  };

  it.each([
    ['10.1.2.3', true],
    ['010.1.2.3', true],
    ['192.168.0.1', true],
    ['192.169.0.1', false],
    ['10.1.2', false],
    ['10.1.2.3.4', false],
    ['10.1.2.256', false],
    ['10..2.3', false],
    ['1000.1.2.3', false],
    ['', false],
  ])('%s in 10/8 or 192.168/16 is %s', (ip, want) => {
    expect(inNet(sock(ip))).toBe(want);
  });

  it('parses addresses exactly as the dotted-quad pattern does', () => {
    fc.assert(
      fc.property(text(['1', '0', '9', '2', '5', '.', 'x'], 16), (ip) => {
        expect(inNet(sock(ip))).toBe(reference(ip));
      }),
      { numRuns: 3000 },
    );
  });
});
