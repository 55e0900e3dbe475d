// printf: C-style formats (%s %d %i %u %o %x %X %c %e %f %g %b %q %%) with flags, width and precision;
// the format is reused while arguments remain, as bash does.
import { BASH_ECHO, BASH_PRINTF, decodeEscapes } from '../../syntax/escapes';
import { builtinError, invalidOption, type Builtin } from './types';

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

/** bash's %q: backslash-escape what the shell would treat specially. */
function shellEscape(s: string): string {
  if (s === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return `$'${s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}'`;
  }
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (text.length >= w) return text;
  if (spec.flags.includes('-')) return text.padEnd(w);
  if (numeric && spec.flags.includes('0') && spec.precision === null) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    const prefix = /^[+\- ]?0[xX]/.test(text) ? text.slice(sign.length, sign.length + 2) : '';
    const body = text.slice(sign.length + prefix.length);
    return sign + prefix + body.padStart(w - sign.length - prefix.length, '0');
  }
  return text.padStart(w);
}

/** A numeric argument: decimal, 0x hex, 0 octal, or 'c / "c for a character code. */
function toInteger(arg: string | undefined, bad: (a: string) => void): bigint {
  if (arg === undefined || arg === '') return 0n;
  if (/^['"]/.test(arg)) return BigInt(arg.codePointAt(1) ?? 0);
  const t = arg.trim();
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
  if (!m) {
    bad(arg);
    return 0n;
  }
  const digits = m[2];
  let v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  if (m[1] === '-') v = -v;
  if (m[0].length !== t.length) bad(arg);
  return v;
}

function toFloat(arg: string | undefined, bad: (a: string) => void): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const v = Number(arg.trim());
  if (Number.isNaN(v)) {
    const lead = parseFloat(arg);
    bad(arg);
    return Number.isNaN(lead) ? 0 : lead;
  }
  return v;
}

function formatFloat(v: number, spec: Spec): string {
  const p = spec.precision ?? 6;
  let s: string;
  switch (spec.conv) {
    case 'e':
    case 'E': {
      s = v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
      if (spec.conv === 'E') s = s.toUpperCase();
      break;
    }
    case 'g':
    case 'G': {
      const prec = p === 0 ? 1 : p;
      const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
      if (exp < -4 || exp >= prec) s = v.toExponential(prec - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
      else s = v.toFixed(Math.max(0, prec - 1 - exp)).replace(/\.?0+$/, '');
      if (spec.flags.includes('#') && !s.includes('.')) s += '.';
      if (spec.conv === 'G') s = s.toUpperCase();
      break;
    }
    default:
      s = v.toFixed(p);
  }
  if (v >= 0 && spec.flags.includes('+')) s = `+${s}`;
  else if (v >= 0 && spec.flags.includes(' ')) s = ` ${s}`;
  return s;
}

/** Format once through; returns the text, how many args were used, and whether `\c` stopped output. */
function formatOnce(fmt: string, args: string[], bad: (a: string) => void): { out: string; used: number; stop: boolean } {
  let out = '';
  let used = 0;
  const next = (): string | undefined => (used < args.length ? args[used++] : (used++, undefined));
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '\\') {
      let j = i + 1;
      if (fmt[j] >= '0' && fmt[j] <= '7') while (j < i + 4 && fmt[j] >= '0' && fmt[j] <= '7') j++;
      else if (fmt[j] === 'x') {
        j++;
        while (j < i + 4 && /[0-9a-fA-F]/.test(fmt[j] ?? '')) j++;
      } else j++;
      const d = decodeEscapes(fmt.slice(i, j), BASH_PRINTF);
      if (d.stop) return { out, used, stop: true };
      out += d.text;
      i = j - 1;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([a-zA-Z])?/.exec(fmt.slice(i))!;
    const spec: Spec = { flags: m[1], width: null, precision: null, conv: m[4] ?? '' };
    if (m[2] === '*') spec.width = Number(toInteger(next(), bad));
    else if (m[2]) spec.width = Number(m[2]);
    if (m[3] === '*') spec.precision = Number(toInteger(next(), bad));
    else if (m[3] !== undefined) spec.precision = Number(m[3] || '0');
    if (spec.width !== null && spec.width < 0) {
      spec.flags += '-';
      spec.width = -spec.width;
    }
    i += m[0].length - 1;
    switch (spec.conv) {
      case 's': {
        let s = next() ?? '';
        if (spec.precision !== null) s = s.slice(0, spec.precision);
        out += pad(s, spec, false);
        break;
      }
      case 'b': {
        const d = decodeEscapes(next() ?? '', BASH_ECHO);
        let s = d.text;
        if (spec.precision !== null) s = s.slice(0, spec.precision);
        out += pad(s, spec, false);
        if (d.stop) return { out, used, stop: true };
        break;
      }
      case 'q':
        out += pad(shellEscape(next() ?? ''), spec, false);
        break;
      case 'c':
        out += pad((next() ?? '').slice(0, 1), spec, false);
        break;
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        let v = toInteger(next(), bad);
        if (spec.conv === 'u' || spec.conv === 'o' || spec.conv === 'x' || spec.conv === 'X') v = BigInt.asUintN(64, v);
        let digits = spec.conv === 'o' ? v.toString(8) : spec.conv === 'x' ? v.toString(16) : spec.conv === 'X' ? v.toString(16).toUpperCase() : (v < 0n ? -v : v).toString();
        if (spec.precision !== null) digits = digits.padStart(spec.precision, '0');
        if (spec.flags.includes('#') && v !== 0n) digits = spec.conv === 'o' ? `0${digits}` : spec.conv === 'x' ? `0x${digits}` : spec.conv === 'X' ? `0X${digits}` : digits;
        let sign = '';
        if (spec.conv === 'd' || spec.conv === 'i') sign = v < 0n ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
        out += pad(sign + digits, spec, true);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        out += pad(formatFloat(toFloat(next(), bad), spec), spec, true);
        break;
      default:
        throw new FormatError(m[0]);
    }
  }
  return { out, used, stop: false };
}

class FormatError {
  constructor(readonly spec: string) {}
}

export const printf: Builtin = ({ sh, argv }) => {
  let args = argv.slice(1);
  let target: string | null = null;
  if (args[0] === '-v') {
    target = args[1] ?? null;
    args = args.slice(2);
  } else if (args[0] === '--') args = args.slice(1);
  else if (args[0]?.startsWith('-') && args[0].length > 1) return invalidOption(sh, 'printf', args[0].slice(0, 2), 'printf [-v var] format [arguments]');
  if (args.length === 0) {
    sh.stderr().write('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const fmt = args[0];
  let rest = args.slice(1);
  let status = 0;
  const bad = (a: string): void => {
    builtinError(sh, 'printf', `${a}: invalid number`);
    status = 1;
  };
  let out = '';
  try {
    for (;;) {
      const r = formatOnce(fmt, rest, bad);
      out += r.out;
      if (r.stop || r.used === 0 || r.used >= rest.length) break;
      rest = rest.slice(r.used);
    }
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    if (e.spec === '%') builtinError(sh, 'printf', '`%\': missing format character');
    else builtinError(sh, 'printf', `\`${e.spec.slice(-1)}': invalid format character`);
    status = 1;
  }
  if (target !== null) {
    if (!sh.setVar(target, out)) return 1;
  } else sh.stdout().write(out);
  return status;
};
