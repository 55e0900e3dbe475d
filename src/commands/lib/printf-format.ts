// printf(1) formatting: directives with flags, width and precision, reused until the arguments run out.

import { COREUTILS_ECHO, COREUTILS_PRINTF, decodeEscapes } from '../../shell/syntax/escapes';

export interface PrintfOutcome {
  text: string;
  /** Messages for arguments that were not valid numbers (`'abc': expected a numeric value`). */
  errors: string[];
}

function parseNumber(arg: string, errors: string[]): number {
  if (arg === '') return 0;
  if (arg[0] === "'" || arg[0] === '"') return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const t = arg.trim();
  const m = /^[-+]?(0x[0-9a-fA-F]+|0[0-7]*|[0-9]*\.?[0-9]+(e[-+]?\d+)?|[0-9]+)/i.exec(t);
  if (!m || m[0] === '' || m[0] === '-' || m[0] === '+') {
    errors.push(`'${arg}': expected a numeric value`);
    return 0;
  }
  if (m[0].length !== t.length) errors.push(`'${arg}': value not completely converted`);
  const s = m[0];
  const neg = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  let v: number;
  if (/^0x/i.test(body)) v = parseInt(body, 16);
  else if (/^0[0-7]+$/.test(body)) v = parseInt(body, 8);
  else v = Number(body);
  return neg ? -v : v;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    const rest = s.slice(sign.length);
    const prefix = /^0x/i.test(rest) ? rest.slice(0, 2) : '';
    return sign + prefix + rest.slice(prefix.length).padStart(width - sign.length - prefix.length, '0');
  }
  return s.padStart(width);
}

function expFormat(v: number, prec: number, upper: boolean): string {
  const s = v.toExponential(prec).replace(/e([-+])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function gFormat(v: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  if (exp < -4 || exp >= p) s = expFormat(v, p - 1, false);
  else s = v.toFixed(Math.max(0, p - 1 - exp));
  if (!alt && s.includes('.')) s = s.replace(/\.?0+(e|$)/, '$1');
  return s;
}

/**
 * Format like coreutils printf. `stop` becomes true on `\c` (in the format or a %b argument).
 */
export function formatPrintf(format: string, args: string[]): PrintfOutcome & { stop: boolean } {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  let stop = false;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  do {
    const startAi = ai;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/s.exec(format.slice(i));
        if (!m) {
          // A lone backslash at the end of the format prints as itself.
          out += '\\';
          continue;
        }
        const r = decodeEscapes(m[0], COREUTILS_PRINTF);
        out += r.text;
        if (r.stop) stop = true;
        i += m[0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXfFeEgGcsbq%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, pr, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? parseNumber(next() ?? '', errors) : w ? Number(w) : 0;
      const precGiven = pr !== undefined;
      const prec = pr === '*' ? parseNumber(next() ?? '', errors) : pr ? Number(pr) : 0;
      const left = flags.includes('-') || width < 0;
      const zero = flags.includes('0') && !left;
      const plus = flags.includes('+');
      const space = flags.includes(' ');
      const alt = flags.includes('#');
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (precGiven) s = s.slice(0, prec);
          out += pad(s, Math.abs(width), left, false);
          continue;
        case 'b': {
          const r = decodeEscapes(arg ?? '', COREUTILS_ECHO);
          out += pad(r.text, Math.abs(width), left, false);
          if (r.stop) stop = true;
          continue;
        }
        case 'q':
          s = arg ?? '';
          out += pad(/^[A-Za-z0-9_\-./=:,@%+]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`, Math.abs(width), left, false);
          continue;
        case 'c':
          out += pad((arg ?? '').slice(0, 1), Math.abs(width), left, false);
          continue;
      }
      const v = parseNumber(arg ?? '', errors);
      const sign = (n: number, body: string): string => (n < 0 ? '-' : plus ? '+' : space ? ' ' : '') + body;
      switch (conv) {
        case 'd':
        case 'i': {
          let body = Math.trunc(Math.abs(v)).toString();
          if (precGiven) body = body.padStart(prec, '0');
          s = sign(v, body);
          break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const n = Math.trunc(v) < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(v))) : BigInt(Math.trunc(v));
          let body = conv === 'o' ? n.toString(8) : conv === 'u' ? n.toString() : n.toString(16);
          if (conv === 'X') body = body.toUpperCase();
          if (precGiven) body = body.padStart(prec, '0');
          if (alt && n !== 0n) body = conv === 'o' ? `0${body}` : conv === 'x' ? `0x${body}` : conv === 'X' ? `0X${body}` : body;
          s = body;
          break;
        }
        case 'f':
        case 'F':
          s = sign(v, Math.abs(v).toFixed(precGiven ? prec : 6));
          break;
        case 'e':
        case 'E':
          s = sign(v, expFormat(Math.abs(v), precGiven ? prec : 6, conv === 'E'));
          break;
        default:
          s = sign(v, gFormat(Math.abs(v), precGiven ? prec : 6, alt));
          if (conv === 'G') s = s.toUpperCase();
      }
      out += pad(s, Math.abs(width), left, zero && !(precGiven && 'diouxX'.includes(conv)));
    }
    if (ai === startAi) break;
  } while (ai < args.length && !stop);
  return { text: out, errors, stop };
}
