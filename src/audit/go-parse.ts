// Go's strconv and time parsers with their exact error texts, as pflag reports them for bad flag values.

import { goQuote } from './go-format';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const syntax = (fn: string, s: string): Parsed<never> => ({ ok: false, error: `strconv.${fn}: parsing ${goQuote(s)}: invalid syntax` });
const range = (fn: string, s: string): Parsed<never> => ({ ok: false, error: `strconv.${fn}: parsing ${goQuote(s)}: value out of range` });

/** strconv's underscoreOK: underscores only between digits (or after a base prefix) in base-0 literals. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, bitSize). */
export function parseGoInt(s0: string, bitSize: 32 | 64 = 64): Parsed<number> {
  const fn = 'ParseInt';
  if (s0 === '') return syntax(fn, s0);
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return syntax(fn, s0);
  let base = 10;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    if (p === 'b') [base, s] = [2, s.slice(2)];
    else if (p === 'o') [base, s] = [8, s.slice(2)];
    else if (p === 'x') [base, s] = [16, s.slice(2)];
    else [base, s] = [8, s.slice(1)];
  }
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return syntax(fn, s0);
    n = n * BigInt(base) + BigInt(d);
  }
  if (underscores && !underscoreOK(s0)) return syntax(fn, s0);
  const limit = 1n << BigInt(bitSize - 1);
  if ((!neg && n >= limit) || (neg && n > limit)) return range(fn, s0);
  return { ok: true, value: Number(neg ? -n : n) };
}

/** strconv.ParseUint(s, 10, bitSize). */
export function parseGoUint10(s: string, bitSize: number): Parsed<number> {
  if (!/^[0-9][0-9_]*$/.test(s) || s.includes('_')) return syntax('ParseUint', s);
  const n = BigInt(s);
  if (n >= 1n << BigInt(bitSize)) return range('ParseUint', s);
  return { ok: true, value: Number(n) };
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): Parsed<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return { ok: true, value: true };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return { ok: true, value: false };
  return syntax('ParseBool', s);
}

/** strconv.ParseFloat(s, bitSize) for decimal forms, inf and nan. */
export function parseGoFloat(s: string, bitSize: 32 | 64): Parsed<number> {
  const fn = 'ParseFloat';
  const special = /^[+-]?(inf|infinity|nan)$/i.exec(s);
  if (special) {
    const v = special[1].toLowerCase() === 'nan' ? NaN : s.startsWith('-') ? -Infinity : Infinity;
    return { ok: true, value: v };
  }
  if (!/^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(s)) return syntax(fn, s);
  if (s.includes('_')) return syntax(fn, s); // underscores are only valid with a base prefix
  const v = Number(s);
  if (bitSize === 32) {
    const f = Math.fround(v);
    if (!Number.isFinite(f) && Number.isFinite(v)) return range(fn, s);
    return { ok: true, value: f };
  }
  if (!Number.isFinite(v)) return range(fn, s);
  return { ok: true, value: v };
}

/** Go's %v of a float (shortest representation, %g exponent rules). */
export function formatGoFloat(v: number, bitSize: 32 | 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  let digits = String(v);
  if (bitSize === 32) {
    for (let p = 1; p <= 9; p++) {
      const cand = Number(v.toPrecision(p));
      if (Math.fround(cand) === v) {
        digits = String(cand);
        break;
      }
    }
  }
  const n = Number(digits);
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return digits;
}

/** time's quote(): non-ASCII and control bytes as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration, in nanoseconds. */
export function parseGoDuration(orig: string): Parsed<number> {
  const invalid: Parsed<never> = { ok: false, error: `time: invalid duration ${timeQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return invalid;
  const max = 1n << 63n;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    let v = intPart === '' ? 0n : BigInt(intPart);
    if (v > max) return invalid;
    let frac = '';
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
      post = frac.length > 0;
    }
    if (intPart === '' && !post) return invalid;
    const unitLen = /^[^.0-9]*/.exec(s)![0].length;
    if (unitLen === 0) return { ok: false, error: `time: missing unit in duration ${timeQuote(orig)}` };
    const u = s.slice(0, unitLen);
    s = s.slice(unitLen);
    const unit = UNIT_NS[u];
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}` };
    if (v > max / unit) return invalid;
    v *= unit;
    if (frac !== '') {
      v += BigInt(Math.floor(Number(`0.${frac}`) * Number(unit)));
      if (v > max) return invalid;
    }
    d += v;
    if (d > max) return invalid;
  }
  if (!neg && d > max - 1n) return invalid;
  return { ok: true, value: Number(neg ? -d : d) };
}

/** Go's Duration.String(), e.g. `10s`, `1m30s`, `1.5s`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = BigInt(Math.abs(Math.round(ns)));
  const sign = neg ? '-' : '';
  if (u < 1_000_000_000n) {
    const [unit, div] = u < 1_000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    return sign + fracString(u, div) + unit;
  }
  const h = u / 3_600_000_000_000n;
  u -= h * 3_600_000_000_000n;
  const m = u / 60_000_000_000n;
  u -= m * 60_000_000_000n;
  let out = sign;
  if (h > 0n) out += `${h}h`;
  if (h > 0n || m > 0n) out += `${m}m`;
  return `${out}${fracString(u, 1_000_000_000n)}s`;
}

function fracString(v: bigint, div: bigint): string {
  const whole = v / div;
  const rest = v % div;
  if (rest === 0n) return String(whole);
  const width = String(div).length - 1;
  return `${whole}.${String(rest).padStart(width, '0').replace(/0+$/, '')}`;
}
