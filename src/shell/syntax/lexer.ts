// Turns shell source into tokens on demand: words, operators (with a leading fd number), newlines, EOF.
// Reserved words are plain words here (the parser decides by position). Here-document bodies are read
// when the newline ending their line is scanned; the parser registers them as it meets `<<`.
import type { Span } from '../../core/span';
import type { HereDoc, Word } from './ast';
import { SourceText } from './source';
import { WordScanner, type SubParser } from './word-scanner';

export type Operator =
  | '&&'
  | '||'
  | ';;&'
  | ';;'
  | ';&'
  | '|&'
  | '|'
  | '&>>'
  | '&>'
  | '&'
  | ';'
  | '('
  | ')'
  | '<<<'
  | '<<-'
  | '<<'
  | '<&'
  | '<>'
  | '<'
  | '>>'
  | '>&'
  | '>|'
  | '>';

const OPERATORS: Operator[] = [
  ';;&', '&>>', '<<<', '<<-',
  '&&', '||', ';;', ';&', '|&', '&>', '<<', '<&', '<>', '>>', '>&', '>|',
  '|', '&', ';', '(', ')', '<', '>',
];

export const REDIRECT_OPERATORS = new Set<Operator>(['<<<', '<<-', '&>>', '&>', '<<', '<&', '<>', '>>', '>&', '>|', '<', '>']);

export type Token =
  | { kind: 'word'; word: Word; span: Span; /** aliases whose expansion produced this token */ fromAliases?: string[] }
  | { kind: 'op'; op: Operator; fd: number | null; span: Span }
  | { kind: 'newline'; span: Span }
  | { kind: 'eof'; span: Span };

/** How a token is named in `syntax error near unexpected token`. */
export function tokenText(t: Token): string {
  switch (t.kind) {
    case 'word':
      return t.word.text;
    case 'op':
      return (t.fd !== null ? String(t.fd) : '') + t.op;
    case 'newline':
      return 'newline';
    case 'eof':
      return 'end of file';
  }
}

export class Lexer {
  private readonly scanner: WordScanner;
  private pos: number;
  private readonly front: Token[] = [];
  private peeked: Token | null = null;
  /** Here-documents waiting for the end of their line. */
  private pending: HereDoc[] = [];
  /** Here-documents that ran into end of input. */
  readonly unterminated: HereDoc[] = [];

  constructor(
    readonly src: SourceText,
    private readonly sub: SubParser,
    start = 0,
  ) {
    this.scanner = new WordScanner(src, sub);
    this.pos = start;
  }

  /** Index just past the last consumed token (valid when nothing is peeked). */
  get offset(): number {
    return this.pos;
  }

  peek(): Token {
    if (this.front.length > 0) return this.front[0];
    if (!this.peeked) this.peeked = this.scan();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    if (this.front.length > 0) this.front.shift();
    else this.peeked = null;
    return t;
  }

  /** Put tokens (an alias's expansion) before the rest of the input. */
  unshift(tokens: Token[]): void {
    this.front.unshift(...tokens);
  }

  addHereDoc(doc: HereDoc): void {
    this.pending.push(doc);
  }

  /** After `=~` inside `[[ ]]`: the regex word, or null when the next thing is not one. */
  scanRegexWord(): Token | null {
    if (this.peeked || this.front.length > 0) return null;
    const t = this.src.text;
    while (t[this.pos] === ' ' || t[this.pos] === '\t') this.pos++;
    const c = t[this.pos];
    if (c === undefined || c === '\n' || t.startsWith(']]', this.pos)) return null;
    const word = this.scanner.scanRegexWord(this.pos);
    if (word.text === '') return null;
    this.pos = this.scanner.pos;
    return { kind: 'word', word, span: word.span };
  }

  /**
   * When the peeked token is a `(` directly followed by another `(`: the arithmetic command up to `))`,
   * or null if the text is really nested subshells.
   */
  scanArithCommand(): { expr: Word; end: number } | null {
    const p = this.peeked;
    if (!p || this.front.length > 0 || p.kind !== 'op' || p.op !== '(') return null;
    const at = p.span.start - this.src.base;
    if (this.src.text[at + 1] !== '(') return null;
    const expr = this.scanner.scanArith(at + 2, at);
    if (!expr) return null;
    this.peeked = null;
    this.pos = this.scanner.pos;
    return { expr, end: this.pos };
  }

  private scan(): Token {
    const t = this.src.text;
    for (;;) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '\\' && t[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '#') {
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
        continue;
      }
      break;
    }
    const start = this.pos;
    if (start >= t.length) {
      this.readHereDocBodies();
      return { kind: 'eof', span: this.src.span(start, start) };
    }
    const c = t[start];
    if (c === '\n') {
      this.pos++;
      const tok: Token = { kind: 'newline', span: this.src.span(start, start + 1) };
      this.readHereDocBodies();
      return tok;
    }
    let fd: number | null = null;
    let opAt = start;
    if (c >= '0' && c <= '9') {
      let i = start;
      while (t[i] >= '0' && t[i] <= '9') i++;
      if (t[i] === '<' || t[i] === '>') {
        fd = Number(t.slice(start, i));
        opAt = i;
      }
    }
    for (const op of OPERATORS) {
      if (t.startsWith(op, opAt)) {
        if (fd !== null && !REDIRECT_OPERATORS.has(op)) break;
        this.pos = opAt + op.length;
        return { kind: 'op', op, fd, span: this.src.span(start, this.pos) };
      }
    }
    const word = this.scanner.scanWord(start);
    this.pos = this.scanner.pos;
    return { kind: 'word', word, span: word.span };
  }

  private readHereDocBodies(): void {
    if (this.pending.length === 0) return;
    const t = this.src.text;
    for (const doc of this.pending) {
      const bodyStart = this.pos;
      let body = '';
      let terminated = false;
      while (this.pos < t.length) {
        const nl = t.indexOf('\n', this.pos);
        const lineEnd = nl < 0 ? t.length : nl;
        let line = t.slice(this.pos, lineEnd);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        this.pos = nl < 0 ? t.length : nl + 1;
        if (line === doc.delimiter) {
          terminated = true;
          break;
        }
        body += line + '\n';
      }
      doc.terminated = terminated;
      if (!terminated) this.unterminated.push(doc);
      const bodySrc = new SourceText(body, this.src.base + bodyStart, this.src.lineAt(bodyStart));
      if (doc.quoted) {
        doc.body = {
          type: 'Word',
          span: bodySrc.span(0, body.length),
          text: body,
          parts: body === '' ? [] : [{ type: 'SingleQuoted', span: bodySrc.span(0, body.length), text: body }],
        };
      } else {
        doc.body = new WordScanner(bodySrc, this.sub).scanHereDocBody();
      }
    }
    this.pending = [];
  }
}
