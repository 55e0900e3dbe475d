// Shell pattern matching (`*`, `?`, `[…]`, backslash quoting) for case, ${x#pat} and pathname expansion.

import { POSIX_CLASSES } from '../../syntax/char-classes';

// bash's globs also know `[:word:]`.
const CLASSES: Record<string, string> = { ...POSIX_CLASSES, word: 'A-Za-z0-9_' };

const reEscape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** True when the pattern has an unquoted `*`, `?` or a `[` with a closing `]` (so `[` alone is literal). */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/** Remove the backslashes that quote characters in a pattern. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Quote every pattern-special character of a literal string. */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Parse a bracket expression at pattern[i] (the `[`); returns the regex class and the index after `]`. */
function bracket(pattern: string, i: number, pathname: boolean): { re: string; end: number } | null {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < pattern.length) {
    const c = pattern[j];
    if (c === ']' && !first) {
      if (body === '') return null;
      const cls = `[${negate ? '^' : ''}${pathname && negate ? '/' : ''}${body}]`;
      return { re: cls, end: j + 1 };
    }
    first = false;
    if (c === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      if (close > 0) {
        const name = pattern.slice(j + 2, close);
        if (name in CLASSES) {
          body += CLASSES[name];
          j = close + 2;
          continue;
        }
      }
    }
    let ch = c;
    if (c === '\\' && j + 1 < pattern.length) ch = pattern[++j];
    if (pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']') {
      let hi = pattern[j + 2];
      let skip = 3;
      if (hi === '\\' && pattern[j + 3] !== undefined) {
        hi = pattern[j + 3];
        skip = 4;
      }
      if (hi >= ch) body += `${reEscape(ch)}-${reEscape(hi)}`;
      j += skip;
      continue;
    }
    body += reEscape(ch);
    j++;
  }
  return null;
}

/** The source of a RegExp matching the whole pattern (no anchors). `pathname`: wildcards never match `/`. */
export function patternSource(pattern: string, pathname = false): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 < pattern.length) re += reEscape(pattern[++i]);
      else re += '\\\\';
    } else if (c === '*') {
      re += pathname ? '[^/]*' : '[\\s\\S]*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') re += pathname ? '[^/]' : '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(pattern, i, pathname);
      if (b) {
        re += b.re;
        i = b.end - 1;
      } else re += '\\[';
    } else re += reEscape(c);
  }
  return re;
}

const cache = new Map<string, RegExp>();

/** Does the whole `text` match the shell pattern? */
export function matchPattern(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pattern)})$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}
