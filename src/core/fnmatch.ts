// fnmatch(3) with glibc semantics: Falco's `glob` operator (flags 0) and the shell's pathname expansion.

export interface FnmatchOptions {
  /** FNM_CASEFOLD: compare letters case-insensitively (Falco's later `iglob`). */
  casefold?: boolean;
  /** FNM_PATHNAME: `*`, `?` and brackets never match `/`. */
  pathname?: boolean;
  /** FNM_PERIOD: a leading `.` (at the start, or after `/` with pathname) must be matched literally. */
  period?: boolean;
}

type Token =
  | { kind: 'char'; c: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; test: (c: string) => boolean };

const POSIX_CLASSES: Record<string, (c: string) => boolean> = {
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  alpha: (c) => /[A-Za-z]/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  cntrl: (c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127,
  digit: (c) => /[0-9]/.test(c),
  graph: (c) => c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127,
  lower: (c) => /[a-z]/.test(c),
  print: (c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 127,
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  space: (c) => /[ \t\n\v\f\r]/.test(c),
  upper: (c) => /[A-Z]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

/**
 * Parses a bracket expression starting at `pattern[start] === '['`. Returns null when the bracket
 * is not closed, in which case glibc treats the `[` as an ordinary character.
 */
function parseBracket(pattern: string, start: number, fold: boolean): { token: Token; next: number } | null {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negated = true;
    i++;
  }
  const tests: Array<(c: string) => boolean> = [];
  let first = true;
  while (i < pattern.length) {
    let c = pattern[i];
    if (c === ']' && !first) {
      const test = (x: string): boolean =>
        tests.some((t) => t(x) || (fold && (t(x.toLowerCase()) || t(x.toUpperCase()))));
      return { token: { kind: 'class', negated, test }, next: i + 1 };
    }
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) {
        const name = pattern.slice(i + 2, end);
        const cls = POSIX_CLASSES[name];
        if (!cls) return null; // glibc: an unknown class makes the whole pattern fail to match
        tests.push(cls);
        i = end + 2;
        continue;
      }
    }
    if (c === '\\' && i + 1 < pattern.length) {
      i++;
      c = pattern[i];
    }
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      let hi = pattern[i + 2];
      let step = 3;
      if (hi === '\\' && i + 3 < pattern.length) {
        hi = pattern[i + 3];
        step = 4;
      }
      const lo = c;
      tests.push((x) => x >= lo && x <= hi);
      i += step;
      continue;
    }
    const lit = c;
    tests.push((x) => x === lit);
    i++;
  }
  return null;
}

function tokenize(pattern: string, fold: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '*') {
      // Consecutive stars are one star.
      if (out.length === 0 || out[out.length - 1].kind !== 'star') out.push({ kind: 'star' });
      i++;
    } else if (c === '?') {
      out.push({ kind: 'any' });
      i++;
    } else if (c === '[') {
      const b = parseBracket(pattern, i, fold);
      if (b) {
        out.push(b.token);
        i = b.next;
      } else {
        out.push({ kind: 'char', c: '[' });
        i++;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out.push({ kind: 'char', c: pattern[i + 1] });
      i += 2;
    } else {
      out.push({ kind: 'char', c });
      i++;
    }
  }
  return out;
}

/** True when `s` matches the shell wildcard `pattern`. */
export function fnmatch(pattern: string, s: string, opts: FnmatchOptions = {}): boolean {
  const fold = opts.casefold ?? false;
  const pathname = opts.pathname ?? false;
  const period = opts.period ?? false;
  // glibc rejects a pattern ending in a lone escape: nothing matches it.
  if (/(^|[^\\])(\\\\)*\\$/.test(pattern)) return false;
  const tokens = tokenize(pattern, fold);
  const eq = fold ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  // A leading period needs an explicit `.` in the pattern.
  const leadingPeriod = (si: number): boolean =>
    period && s[si] === '.' && (si === 0 || (pathname && s[si - 1] === '/'));

  // memo[ti * (n + 1) + si]: 0 unknown, 1 match, 2 no match
  const n = s.length;
  const memo = new Uint8Array((tokens.length + 1) * (n + 1));
  const match = (ti: number, si: number): boolean => {
    const key = ti * (n + 1) + si;
    if (memo[key] !== 0) return memo[key] === 1;
    let res: boolean;
    if (ti === tokens.length) res = si === n;
    else {
      const t = tokens[ti];
      if (t.kind === 'star') {
        if (si < n && leadingPeriod(si)) res = false;
        else {
          res = false;
          for (let k = si; k <= n; k++) {
            if (match(ti + 1, k)) {
              res = true;
              break;
            }
            if (k === n || (pathname && s[k] === '/')) break;
          }
        }
      } else if (si >= n) res = false;
      else if (t.kind === 'char') res = eq(t.c, s[si]) && match(ti + 1, si + 1);
      else {
        const c = s[si];
        if ((pathname && c === '/') || leadingPeriod(si)) res = false;
        else if (t.kind === 'any') res = match(ti + 1, si + 1);
        else res = t.test(c) !== t.negated && match(ti + 1, si + 1);
      }
    }
    memo[key] = res ? 1 : 2;
    return res;
  };
  return match(0, 0);
}
