// Backslash escapes of echo -e, printf's format and %b, in bash's builtins and in coreutils alike:
// the C escapes, octal, \xHH and (bash only) \E, \uHHHH, \UHHHHHHHH. Each program names its dialect.

/** The single-letter C escapes every dialect knows (and `$'…'` too). */
export const C_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

export interface EscapeDialect {
  /** `\0nnn` (echo, %b) or `\nnn` (printf formats). */
  octal: 'zero-prefixed' | 'bare';
  /** bash's additions: `\E` and the `\u`/`\U` code points. */
  bash: boolean;
  /** `\"` and `\'` stand for the quote (bash's printf format). */
  quotes: boolean;
}

export const BASH_ECHO: EscapeDialect = { octal: 'zero-prefixed', bash: true, quotes: false };
export const BASH_PRINTF: EscapeDialect = { octal: 'bare', bash: true, quotes: true };
export const COREUTILS_ECHO: EscapeDialect = { octal: 'zero-prefixed', bash: false, quotes: false };
export const COREUTILS_PRINTF: EscapeDialect = { octal: 'bare', bash: false, quotes: false };

/** Decodes escapes; `stop` is true when `\c` ended the output. Unknown escapes stay as written. */
export function decodeEscapes(s: string, dialect: EscapeDialect): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    const simple = n in C_ESCAPES ? C_ESCAPES[n] : n === 'E' && dialect.bash ? '\x1b' : (n === '"' || n === "'") && dialect.quotes ? n : undefined;
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (n === 'c') {
      return { text: out, stop: true };
    } else if (dialect.octal === 'zero-prefixed' ? n === '0' : n >= '0' && n <= '7') {
      let j = i + (dialect.octal === 'zero-prefixed' ? 2 : 1);
      let digits = '';
      while (digits.length < 3 && s[j] >= '0' && s[j] <= '7') digits += s[j++];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i = j - 1;
    } else if (n === 'x' || (dialect.bash && (n === 'u' || n === 'U'))) {
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
