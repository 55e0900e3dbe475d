// Decoding of bash's $'…' strings (ANSI-C quoting).

import { C_ESCAPES } from './escapes';

const SIMPLE_ESCAPES: Record<string, string> = { ...C_ESCAPES, E: '\x1b', "'": "'", '"': '"', '?': '?' };

/** Decode the escapes of a `$'…'` string. */
export function decodeAnsiC(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[++i];
    if (n in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[n];
    else if (n >= '0' && n <= '7') {
      let digits = n;
      while (digits.length < 3 && raw[i + 1] >= '0' && raw[i + 1] <= '7') digits += raw[++i];
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      let digits = '';
      while (digits.length < max && /[0-9a-fA-F]/.test(raw[i + 1] ?? '')) digits += raw[++i];
      if (digits === '') out += '\\' + n;
      else out += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff));
    } else if (n === 'c' && i + 1 < raw.length) {
      out += String.fromCharCode(raw.charCodeAt(++i) & 0x1f);
    } else out += '\\' + n;
  }
  return out;
}
