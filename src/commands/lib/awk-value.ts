// awk values: numbers, strings, "strnums" from input that compare as numbers when they look like
// them, and uninitialised values; their conversions (CONVFMT/OFMT %.6g) and awk's sprintf.

export type Val = { t: 'n'; n: number } | { t: 's'; s: string } | { t: 'sn'; s: string; n: number } | { t: 'u' };

export const UNINIT: Val = { t: 'u' };
export const num = (n: number): Val => ({ t: 'n', n });
export const str = (s: string): Val => ({ t: 's', s });

const NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[ \t\n]*$/;

/** A string from input (fields, split(), -v, ARGV): numeric-looking ones compare as numbers. */
export function input(s: string): Val {
  return NUMERIC.test(s) ? { t: 'sn', s, n: Number(s.trim()) } : { t: 's', s };
}

/** strtod's leading-prefix conversion ("12abc" is 12, "abc" is 0). */
export function strtod(s: string): number {
  const m = /^[ \t\n]*([-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?))/.exec(s);
  return m ? Number(m[1]) : 0;
}

export function toNum(v: Val): number {
  switch (v.t) {
    case 'n':
    case 'sn':
      return v.n;
    case 's':
      return strtod(v.s);
    default:
      return 0;
  }
}

/** C's %.<p>g. */
export function formatG(n: number, prec: number, upper = false): string {
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  if (n === 0) return '0';
  const p = prec === 0 ? 1 : prec;
  const exp = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(p)))));
  let out: string;
  if (exp < -4 || exp >= p) {
    out = n.toExponential(p - 1).replace(/\.?0+e/, 'e');
    out = out.replace(/e([-+])(\d)$/, 'e$10$2');
  } else out = n.toFixed(Math.max(0, p - 1 - exp)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return upper ? out.toUpperCase() : out;
}

/** Number to string: integers exactly, others through CONVFMT/OFMT (only %.Ng is honoured). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const m = /^%\.(\d+)g$/.exec(fmt);
  if (m) return formatG(n, Number(m[1]));
  return sprintf(fmt, [num(n)]);
}

export function toStr(v: Val, fmt = '%.6g'): string {
  switch (v.t) {
    case 'n':
      return numToStr(v.n, fmt);
    case 's':
    case 'sn':
      return v.s;
    default:
      return '';
  }
}

export function toBool(v: Val): boolean {
  switch (v.t) {
    case 'n':
    case 'sn':
      return v.n !== 0;
    case 's':
      return v.s !== '';
    default:
      return false;
  }
}

/** POSIX comparison: numeric when both sides are numbers, strnums or uninitialised; else as strings. */
export function compare(a: Val, b: Val, fmt: string): number {
  const numeric = (v: Val): boolean => v.t !== 's';
  if (numeric(a) && numeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toStr(a, fmt);
  const y = toStr(b, fmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

/** awk's printf/sprintf: C conversions applied to awk values; missing arguments count as empty. */
export function sprintf(fmt: string, args: Val[]): string {
  let out = '';
  let ai = 0;
  const next = (): Val => args[ai++] ?? UNINIT;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGcs%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const flags = m[1];
    let width = m[2] === '*' ? toNum(next()) : m[2] ? Number(m[2]) : 0;
    const prec = m[3] === undefined ? undefined : m[3] === '*' ? toNum(next()) : Number(m[3] || 0);
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const zero = flags.includes('0') && !left;
    const sign = (n: number, s: string): string => (n >= 0 ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '') + s;
    const conv = m[4];
    let text: string;
    switch (conv) {
      case '%':
        text = '%';
        break;
      case 'd':
      case 'i': {
        const n = Math.trunc(toNum(next()));
        let digits = String(Math.abs(n));
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        text = sign(n, n < 0 ? `-${digits}` : digits);
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const n = Math.trunc(toNum(next()));
        const v = n < 0 ? n + 2 ** 64 : n;
        text = conv === 'o' ? v.toString(8) : conv === 'u' ? String(v) : v.toString(16);
        if (conv === 'X') text = text.toUpperCase();
        if (flags.includes('#') && v !== 0) text = conv === 'o' ? `0${text}` : conv === 'x' ? `0x${text}` : conv === 'X' ? `0X${text}` : text;
        break;
      }
      case 'e':
      case 'E': {
        const n = toNum(next());
        text = sign(n, n.toExponential(prec ?? 6).replace(/e([-+])(\d)$/, 'e$10$2'));
        if (conv === 'E') text = text.toUpperCase();
        break;
      }
      case 'f':
      case 'F': {
        const n = toNum(next());
        text = sign(n, n.toFixed(prec ?? 6));
        break;
      }
      case 'g':
      case 'G': {
        const n = toNum(next());
        text = sign(n, formatG(n, prec ?? 6, conv === 'G'));
        break;
      }
      case 'c': {
        const v = next();
        text = v.t === 'n' ? String.fromCharCode(v.n) : toStr(v).slice(0, 1);
        break;
      }
      default: {
        const s = toStr(next());
        text = prec !== undefined ? s.slice(0, prec) : s;
      }
    }
    out += pad(text, width, left, zero && !'sc%'.includes(conv));
  }
  return out;
}
