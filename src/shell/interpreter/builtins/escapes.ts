// Backslash escapes of `echo -e` and printf's `%b` (and printf formats): \n, \t, \0nnn, \xHH, \c …

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * Decode escapes. `echoStyle`: octal is `\0nnn` (echo, %b) rather than `\nnn` (printf format).
 * `stop` is true when `\c` ended the output.
 */
export function decodeEscapes(s: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n in SIMPLE) {
      out += SIMPLE[n];
      i++;
    } else if (n === 'c') {
      return { text: out, stop: true };
    } else if (n === '"' && !echoStyle) {
      out += '"';
      i++;
    } else if (n === "'" && !echoStyle) {
      out += "'";
      i++;
    } else if ((echoStyle && n === '0') || (!echoStyle && n >= '0' && n <= '7')) {
      let j = i + (echoStyle ? 2 : 1);
      let digits = '';
      while (digits.length < 3 && s[j] >= '0' && s[j] <= '7') digits += s[j++];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i = j - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      let j = i + 2;
      let digits = '';
      while (digits.length < max && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
      if (digits === '') {
        out += '\\' + n;
        i++;
      } else {
        out += String.fromCodePoint(Math.min(parseInt(digits, 16), 0x10ffff));
        i = j - 1;
      }
    } else {
      out += '\\' + n;
      i++;
    }
  }
  return { text: out, stop: false };
}
