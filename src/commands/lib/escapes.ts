// Backslash escapes as echo -e and printf interpret them.

export interface EscapeResult {
  text: string;
  /** `\c` seen: produce no further output. */
  stop: boolean;
}

/**
 * Interpret escapes. `echo` mode: `\0NNN` octal (up to 3 digits after the 0); printf mode: `\NNN`
 * (1–3 digits). Both: \\ \a \b \c \e \f \n \r \t \v \xHH; unknown escapes stay as written.
 */
export function interpretEscapes(s: string, mode: 'echo' | 'printf'): EscapeResult {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    switch (d) {
      case '\\': out += '\\'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (!m) {
          out += '\\x';
          break;
        }
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      default: {
        if (mode === 'echo' && d === '0') {
          const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))!;
          out += String.fromCharCode(parseInt(m[0] || '0', 8) & 0xff);
          i += m[0].length;
        } else if (mode === 'printf' && d >= '0' && d <= '7') {
          const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
          out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
          i += m[0].length - 1;
        } else out += `\\${d}`;
      }
    }
  }
  return { text: out, stop: false };
}
