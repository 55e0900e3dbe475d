// Scanner for Falco conditions: libsinsp's lex_* helpers (blanks, keywords, regex tokens, quoted strings).
import type { ParsePos } from './ast';

/** A user error in a condition, with the scanner position at the moment it was detected. */
export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: ParsePos,
  ) {
    super(message);
  }
}

// Token shapes from libsinsp's parser.cpp (POSIX regexes, matched at the cursor, longest match).
// Sticky (`y`) so they match in place without copying the rest of the input for every token.
const RGX_NOT_BLANK = /not[ \t\n\v\f\r]+/y;
const RGX_IDENTIFIER = /[a-zA-Z]+[a-zA-Z0-9_]*/y;
const RGX_FIELD_NAME = /[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y;
const RGX_FIELD_ARG_BARE = /[^\][\"'\s]+/y;
const RGX_HEX_NUM = /0[xX][0-9a-zA-Z]+/y;
const RGX_NUMBER = /[+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?/y;
const RGX_BARE_STR = /[^()"'\s=,]+/y;

export const RGX = {
  notBlank: RGX_NOT_BLANK,
  identifier: RGX_IDENTIFIER,
  fieldName: RGX_FIELD_NAME,
  fieldArgBare: RGX_FIELD_ARG_BARE,
  hexNum: RGX_HEX_NUM,
  number: RGX_NUMBER,
  bareStr: RGX_BARE_STR,
};

/**
 * Decodes a quoted token (quotes included) the way libsinsp's unescape_str does. `\ ` is a legacy
 * quirk of the pre-0.28 grammar and keeps the backslash.
 */
export function unescapeQuoted(token: string): string {
  const quote = token[0];
  let out = '';
  let escaped = false;
  for (let i = 1; i < token.length - 1; i++) {
    const c = token[i];
    if (!escaped) {
      if (c === '\\') escaped = true;
      else out += c;
      continue;
    }
    switch (c) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case ' ':
        out += '\\ ';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case '"':
        if (quote !== '"') throw new Error("invalid \\\" escape in '-quoted string");
        out += '"';
        break;
      case "'":
        if (quote !== "'") throw new Error('invalid \\\' escape in "-quoted string');
        out += "'";
        break;
      default:
        throw new Error(`unsupported string escape sequence: \\${c}`);
    }
    escaped = false;
  }
  return out;
}

/** The cursor over one condition string; each lex method consumes on success and records the token. */
export class Scanner {
  pos: ParsePos = { idx: 0, line: 1, col: 1 };
  /** The last token read (libsinsp's m_last_token), quoted in "unexpected token after …". */
  lastToken = '';

  constructor(readonly input: string) {}

  get idx(): number {
    return this.pos.idx;
  }

  atEnd(): boolean {
    return this.pos.idx >= this.input.length;
  }

  peek(): string {
    return this.input[this.pos.idx] ?? '';
  }

  fail(message: string): never {
    throw new ConditionSyntaxError(message, { ...this.pos });
  }

  private advance(n: number): void {
    for (let k = 0; k < n; k++) {
      const c = this.input[this.pos.idx];
      this.pos.col++;
      if (c === '\r' || c === '\n') {
        this.pos.col = 1;
        this.pos.line++;
      }
      this.pos.idx++;
    }
  }

  /** Blanks are space, tab, backspace, CR and LF; the only lexer step that leaves lastToken alone. */
  blank(): boolean {
    let found = false;
    for (;;) {
      const c = this.input[this.pos.idx];
      if (c === ' ' || c === '\t' || c === '\b' || c === '\r' || c === '\n') {
        found = true;
        this.advance(1);
      } else return found;
    }
  }

  str(s: string): boolean {
    if (!this.input.startsWith(s, this.pos.idx)) return false;
    this.lastToken = s;
    this.advance(s.length);
    return true;
  }

  strList(list: readonly string[]): boolean {
    for (const s of list) if (this.str(s)) return true;
    return false;
  }

  rgx(re: RegExp): boolean {
    re.lastIndex = this.pos.idx;
    const m = re.exec(this.input);
    if (!m || m[0].length === 0) return false;
    this.lastToken = m[0];
    this.advance(m[0].length);
    return true;
  }

  /**
   * A '…' or "…" string. As in libsinsp, a quote right after a backslash never closes the string
   * (so "a\\" does not close); an unclosed string is not a token at all.
   */
  quoted(): boolean {
    const delim = this.peek();
    if (delim !== '"' && delim !== "'") return false;
    let i = this.pos.idx + 1;
    let prev = delim;
    while (i < this.input.length) {
      const c = this.input[i];
      if (c === delim && prev !== '\\') {
        const raw = this.input.slice(this.pos.idx, i + 1);
        this.advance(raw.length);
        try {
          this.lastToken = unescapeQuoted(raw);
        } catch (e) {
          this.fail((e as Error).message);
        }
        return true;
      }
      prev = c;
      i++;
    }
    return false;
  }
}
