// Scans one shell word into parts: quotes, escapes, $-expansions, command and arithmetic substitution.
// Command substitutions are parsed by calling back into the parser (as bash's parse_comsub does), so
// `case` patterns and nested quotes inside `$(…)` need no paren counting here.
import type { CommandList, ParamOp, ParamPart, Word, WordPart } from './ast';
import { ParseFailure } from './errors';
import { decodeAnsiC } from './ansi-c';
import { SourceText } from './source';

export interface SubParser {
  /** Parse the body of `$(` starting at src.text[start]; returns the index just past the closing `)`. */
  commandSub(src: SourceText, start: number): { body: CommandList; end: number };
  /** Parse a backtick body (already unescaped) as a whole script. */
  backtick(src: SourceText): CommandList;
}

/** Characters that end an unquoted word. */
export const METACHARS = ' \t\n;&|<>()';

type Mode = 'word' | 'regex' | 'dquote' | 'heredoc' | 'param' | 'arith';

const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SPECIAL_PARAMS = '@*#?-$!';

export class WordScanner {
  pos = 0;

  constructor(
    readonly src: SourceText,
    private readonly sub: SubParser,
  ) {}

  private get t(): string {
    return this.src.text;
  }

  private unterminated(quote: string, openIndex: number): never {
    throw new ParseFailure({
      kind: 'unterminated',
      quote,
      span: this.src.span(openIndex, this.src.length),
      line: this.src.lineAt(openIndex),
      eofLine: this.src.lineAt(Math.max(0, this.src.length - 1)),
    });
  }

  private eof(): never {
    const at = this.src.length;
    throw new ParseFailure({ kind: 'unexpected-eof', span: this.src.span(at, at), line: this.src.lineAt(Math.max(0, at - 1)) });
  }

  private word(start: number, parts: WordPart[]): Word {
    return { type: 'Word', span: this.src.span(start, this.pos), text: this.t.slice(start, this.pos), parts };
  }

  /** An unquoted word from `start` up to the next metacharacter. */
  scanWord(start: number): Word {
    this.pos = start;
    const parts = this.scanParts('word', start);
    return this.word(start, parts);
  }

  /** The right side of `=~` in `[[ ]]`: parentheses and `|` belong to the word; blanks end it. */
  scanRegexWord(start: number): Word {
    this.pos = start;
    const parts = this.scanParts('regex', start);
    return this.word(start, parts);
  }

  /** A here-document body (the whole text) with expansions as in double quotes. */
  scanHereDocBody(): Word {
    this.pos = 0;
    const parts = this.scanParts('heredoc', 0);
    return this.word(0, parts);
  }

  /**
   * The inside of `((…))` from `start` (just past the opening parens). Returns null when the text does
   * not close with `))`, i.e. it was really a nested subshell.
   */
  scanArith(start: number, openIndex: number): Word | null {
    this.pos = start;
    let parts: WordPart[];
    try {
      parts = this.scanParts('arith', openIndex);
    } catch (e) {
      if (e instanceof ParseFailure) return null;
      throw e;
    }
    if (this.t[this.pos + 1] !== ')') return null;
    const w = this.word(start, parts);
    this.pos += 2;
    return w;
  }

  private scanParts(mode: Mode, openIndex: number, stops = '', inDq = false): WordPart[] {
    const t = this.t;
    const out: WordPart[] = [];
    let lit = '';
    let litStart = this.pos;
    let depth = 0;
    const addLit = (s: string): void => {
      if (lit === '') litStart = this.pos;
      lit += s;
    };
    const flush = (): void => {
      if (lit !== '') out.push({ type: 'Literal', span: this.src.span(litStart, this.pos), text: lit });
      lit = '';
    };
    const quotedContext = mode === 'dquote' || mode === 'heredoc' || (mode === 'param' && inDq);

    for (;;) {
      const c = t[this.pos];
      if (c === undefined) {
        if (mode === 'word' || mode === 'regex' || mode === 'heredoc') break;
        this.unterminated(mode === 'dquote' ? '"' : mode === 'param' ? '}' : ')', openIndex);
      }
      if (mode === 'word' && METACHARS.includes(c)) break;
      if (mode === 'regex') {
        if (c === '(') depth++;
        else if (c === ')') {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && ' \t\n;&<>'.includes(c)) break;
      }
      if (mode === 'dquote' && c === '"') break;
      if (mode === 'param' && (c === '}' || stops.includes(c))) break;
      if (mode === 'arith') {
        if (c === '(') depth++;
        else if (c === ')') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (c === '\\') {
        const n = t[this.pos + 1];
        if (n === '\n') {
          flush();
          this.pos += 2;
          continue;
        }
        if (n === undefined) {
          if (mode !== 'word') {
            addLit('\\');
            this.pos++;
            continue;
          }
          // A backslash ending the input continues the line: bash asks for more.
          this.eof();
        }
        const escapable = mode === 'heredoc' ? '$`\\' : '$`"\\';
        if (quotedContext && !escapable.includes(n)) {
          addLit('\\');
          this.pos++;
          continue;
        }
        flush();
        out.push({ type: 'Escaped', span: this.src.span(this.pos, this.pos + 2), text: n });
        this.pos += 2;
        continue;
      }
      if (c === "'" && !quotedContext) {
        flush();
        const close = t.indexOf("'", this.pos + 1);
        if (close < 0) this.unterminated("'", this.pos);
        out.push({ type: 'SingleQuoted', span: this.src.span(this.pos, close + 1), text: t.slice(this.pos + 1, close) });
        this.pos = close + 1;
        continue;
      }
      if (c === '"' && mode !== 'heredoc' && mode !== 'dquote') {
        flush();
        const open = this.pos;
        this.pos++;
        const inner = this.scanParts('dquote', open, '', true);
        this.pos++;
        out.push({ type: 'DoubleQuoted', span: this.src.span(open, this.pos), parts: inner });
        continue;
      }
      if (c === '$') {
        const n = t[this.pos + 1];
        if (n === '"' && !quotedContext) {
          // $"…" (locale translation) is plain double quoting here.
          this.pos++;
          continue;
        }
        flush();
        const part = this.scanDollar(quotedContext);
        if (part) out.push(part);
        else {
          addLit('$');
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        out.push(this.scanBacktick(quotedContext));
        continue;
      }
      addLit(c);
      this.pos++;
    }
    flush();
    return out;
  }

  private scanDollar(inDq: boolean): WordPart | null {
    const t = this.t;
    const start = this.pos;
    const n = t[start + 1];
    if (n === '{') return this.scanBraceParam(inDq);
    if (n === '(') {
      if (t[start + 2] === '(') {
        this.pos = start + 3;
        const expr = this.scanArith(start + 3, start);
        if (expr) return { type: 'ArithSub', span: this.src.span(start, this.pos), expr };
        this.pos = start;
      }
      return this.scanCommandSub();
    }
    if (n === "'" && !inDq) return this.scanAnsiC();
    let name = '';
    if (isNameStart(n)) {
      let i = start + 1;
      while (isNameChar(t[i])) i++;
      name = t.slice(start + 1, i);
    } else if (isDigit(n) || (n !== undefined && SPECIAL_PARAMS.includes(n))) {
      name = n;
    } else return null;
    this.pos = start + 1 + name.length;
    return this.param(start, name, false, false, null);
  }

  private param(start: number, name: string, length: boolean, indirect: boolean, op: ParamOp | null, index?: Word): ParamPart {
    const part: ParamPart = { type: 'Param', span: this.src.span(start, this.pos), text: this.t.slice(start, this.pos), name, length, indirect, op };
    if (index) part.index = index;
    return part;
  }

  private scanBraceParam(inDq: boolean): WordPart {
    const t = this.t;
    const open = this.pos;
    this.pos += 2;
    let length = false;
    let indirect = false;
    const after = t[this.pos + 1];
    if (t[this.pos] === '#' && after !== '}' && (isNameChar(after) || (after !== undefined && SPECIAL_PARAMS.includes(after)))) {
      length = true;
      this.pos++;
    } else if (t[this.pos] === '!' && (isNameStart(after) || isDigit(after))) {
      indirect = true;
      this.pos++;
    }
    let name = '';
    const c = t[this.pos];
    if (isNameStart(c)) {
      let i = this.pos;
      while (isNameChar(t[i])) i++;
      name = t.slice(this.pos, i);
    } else if (isDigit(c)) {
      let i = this.pos;
      while (isDigit(t[i])) i++;
      name = t.slice(this.pos, i);
    } else if (c !== undefined && (SPECIAL_PARAMS + '0').includes(c)) {
      name = c;
    }
    if (name === '') return this.badSubst(open);
    this.pos += name.length;
    let index: Word | undefined;
    if (t[this.pos] === '[' && isNameStart(name[0])) {
      this.pos++;
      const start = this.pos;
      const parts = this.scanParts('param', open, ']', inDq);
      index = this.word(start, parts);
      if (t[this.pos] !== ']') return this.badSubst(open);
      this.pos++;
    }
    if (t[this.pos] === undefined) this.unterminated('}', open);
    if (t[this.pos] === '}') {
      this.pos++;
      return this.param(open, name, length, indirect, null, index);
    }
    if (length) return this.badSubst(open);
    const op = this.scanParamOp(inDq, open);
    if (op === null) return this.badSubst(open);
    if (t[this.pos] !== '}') return this.badSubst(open);
    this.pos++;
    return this.param(open, name, false, indirect, op, index);
  }

  private scanParamOp(inDq: boolean, open: number): ParamOp | null {
    const t = this.t;
    const c = t[this.pos];
    const argWord = (stops: string): Word => {
      const start = this.pos;
      const parts = this.scanParts('param', open, stops, inDq);
      return this.word(start, parts);
    };
    const condKinds: Record<string, 'default' | 'assign' | 'error' | 'alternative'> = {
      '-': 'default',
      '=': 'assign',
      '?': 'error',
      '+': 'alternative',
    };
    if (c === ':') {
      const d = t[this.pos + 1];
      if (d !== undefined && d in condKinds) {
        this.pos += 2;
        return { kind: condKinds[d], colon: true, word: argWord('') };
      }
      this.pos++;
      const offset = argWord(':');
      let length: Word | null = null;
      if (t[this.pos] === ':') {
        this.pos++;
        length = argWord('');
      }
      return { kind: 'substring', offset, length };
    }
    if (c in condKinds) {
      this.pos++;
      return { kind: condKinds[c], colon: false, word: argWord('') };
    }
    if (c === '#' || c === '%') {
      const longest = t[this.pos + 1] === c;
      this.pos += longest ? 2 : 1;
      return { kind: c === '#' ? 'removePrefix' : 'removeSuffix', longest, pattern: argWord('') };
    }
    if (c === '/') {
      this.pos++;
      let all = false;
      let anchor: 'start' | 'end' | null = null;
      if (t[this.pos] === '/') all = true;
      else if (t[this.pos] === '#') anchor = 'start';
      else if (t[this.pos] === '%') anchor = 'end';
      if (all || anchor) this.pos++;
      const pattern = argWord('/');
      let replacement: Word | null = null;
      if (t[this.pos] === '/') {
        this.pos++;
        replacement = argWord('');
      }
      return { kind: 'replace', all, anchor, pattern, replacement };
    }
    if (c === '^' || c === ',') {
      const all = t[this.pos + 1] === c;
      this.pos += all ? 2 : 1;
      const pattern = t[this.pos] === '}' ? null : argWord('');
      return { kind: 'case', upper: c === '^', all, pattern };
    }
    return null;
  }

  private badSubst(open: number): WordPart {
    const close = this.t.indexOf('}', open);
    if (close < 0) this.unterminated('}', open);
    this.pos = close + 1;
    return { type: 'BadSubst', span: this.src.span(open, this.pos), text: this.t.slice(open, this.pos) };
  }

  private scanCommandSub(): WordPart {
    const open = this.pos;
    let result: { body: CommandList; end: number };
    try {
      result = this.sub.commandSub(this.src, open + 2);
    } catch (e) {
      if (e instanceof ParseFailure && e.error.kind === 'unexpected-eof') this.unterminated(')', open);
      throw e;
    }
    this.pos = result.end;
    return { type: 'CommandSub', span: this.src.span(open, this.pos), body: result.body, backtick: false };
  }

  private scanBacktick(inDq: boolean): WordPart {
    const t = this.t;
    const open = this.pos;
    let inner = '';
    let i = open + 1;
    for (;;) {
      const c = t[i];
      if (c === undefined) this.unterminated('`', open);
      if (c === '`') break;
      if (c === '\\' && t[i + 1] !== undefined && ('$`\\'.includes(t[i + 1]) || (inDq && t[i + 1] === '"'))) {
        inner += t[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    let body: CommandList;
    try {
      body = this.sub.backtick(new SourceText(inner, this.src.base + open + 1, this.src.lineAt(open)));
    } catch (e) {
      if (e instanceof ParseFailure && e.error.kind === 'unexpected-eof') this.unterminated('`', open);
      throw e;
    }
    this.pos = i + 1;
    return { type: 'CommandSub', span: this.src.span(open, this.pos), body, backtick: true };
  }

  private scanAnsiC(): WordPart {
    const t = this.t;
    const open = this.pos;
    let i = open + 2;
    let raw = '';
    for (;;) {
      const c = t[i];
      if (c === undefined) this.unterminated("'", open + 1);
      if (c === "'") break;
      if (c === '\\' && t[i + 1] !== undefined) {
        raw += c + t[i + 1];
        i += 2;
        continue;
      }
      raw += c;
      i++;
    }
    this.pos = i + 1;
    return { type: 'AnsiC', span: this.src.span(open, this.pos), text: decodeAnsiC(raw) };
  }
}
