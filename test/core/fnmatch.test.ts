// fnmatch agrees with glibc fnmatch(3) on a table generated once through Python ctypes.
import { describe, expect, it } from 'vitest';
import { fnmatch, type FnmatchOptions } from '../../src/core/fnmatch';
import table from './fnmatch.glibc.json';

const FLAGS: Record<string, FnmatchOptions> = {
  none: {},
  pathname: { pathname: true },
  period: { period: true },
  'pathname+period': { pathname: true, period: true },
  casefold: { casefold: true },
};

describe('fnmatch matches glibc', () => {
  it.each(table as Array<[string, string, string, boolean]>)('fnmatch(%j, %j, %s) = %s', (pattern, s, flags, expected) => {
    expect(fnmatch(pattern, s, FLAGS[flags])).toBe(expected);
  });
});

describe('fnmatch as Falco glob uses it (flags 0)', () => {
  it.each([
    ['/etc/*', '/etc/ssl/certs/ca.pem', true],
    ['*', '.bashrc', true],
    ['/home/*/.ssh/*', '/home/bob/.ssh/id_rsa', true],
    ['[!a-c]*', 'apt', false],
  ])('glob %j vs %j', (pattern, s, expected) => {
    expect(fnmatch(pattern, s)).toBe(expected);
  });
});
