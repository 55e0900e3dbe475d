// Recursive-descent parser for the POSIX shell subset with bash extensions the lab needs.
//
//   line          ::= and_or ((';' | '&') and_or)* [';' | '&'] (NEWLINE | EOF)
//   and_or        ::= pipeline (('&&' | '||') linebreak pipeline)*
//   pipeline      ::= '!'* command (('|' | '|&') linebreak command)*
//   command       ::= compound redirect* | function_def | simple
//   simple        ::= (assignment | redirect)* (WORD | redirect)*
//   compound      ::= '{' list '}' | '(' list ')' | '((' arith '))' | '[[' words ']]'
//                   | if | while | until | for | case
//   function_def  ::= NAME '(' ')' linebreak compound redirect* | 'function' NAME ['(' ')'] linebreak compound
//   list          ::= linebreak and_or ((';' | '&' | NEWLINE) linebreak and_or)* [separator]
//   redirect      ::= [FD] ('>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<<') WORD
//                   | [FD] ('<<' | '<<-') WORD        (body read after the end of the line)
//
// Aliases are expanded here, at the first word of each simple command, as bash does at parse time.
import type { Span } from '../../core/span';
import type { Assignment, Command, CommandList, HereDoc, ListItem, Pipeline, AndOrList, Redirect, RedirectOp, SimpleCommand, Word } from './ast';
import { RESERVED_WORDS } from './ast';
import { ParseFailure } from './errors';
import { Lexer, REDIRECT_OPERATORS, tokenText, type Operator, type Token } from './lexer';
import { parseCompound, parseFunctionBody, parseFunctionKeyword } from './parse-compound';
import { SourceText } from './source';
import type { SubParser } from './word-scanner';

export interface ParseOptions {
  /** Aliases to expand (interactive shells); name → replacement text. */
  aliases?: Record<string, string>;
}

/** The text of a word if it is one unquoted literal (how reserved words and alias names are recognised). */
export function plainLiteral(word: Word): string | null {
  if (word.parts.length !== 1) return null;
  const p = word.parts[0];
  return p.type === 'Literal' ? p.text : null;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

export class Parser implements SubParser {
  readonly lex: Lexer;
  private lastEnd: number;

  constructor(
    readonly src: SourceText,
    readonly opts: ParseOptions,
    start = 0,
  ) {
    this.lex = new Lexer(src, this, start);
    this.lastEnd = src.base + start;
  }

  // ---- token helpers (used by parse-compound.ts too) ----

  peek(): Token {
    return this.lex.peek();
  }

  next(): Token {
    const t = this.lex.next();
    if (t.kind !== 'eof') this.lastEnd = t.span.end;
    return t;
  }

  /** Offset just past the last consumed token. */
  get end(): number {
    return this.lastEnd;
  }

  lineOf(span: Span): number {
    return this.src.lineAt(Math.min(Math.max(0, span.start - this.src.base), this.src.length));
  }

  reserved(t: Token): string | null {
    if (t.kind !== 'word') return null;
    const text = plainLiteral(t.word);
    return text !== null && RESERVED_WORDS.has(text) ? text : null;
  }

  isOp(t: Token, ...ops: Operator[]): boolean {
    return t.kind === 'op' && ops.includes(t.op);
  }

  skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  /** Report `t` as unexpected (or end of input, which an interactive shell treats as "need more"). */
  fail(t: Token, expecting?: string): never {
    const line = this.lineOf(t.span);
    if (t.kind === 'eof') {
      const at = Math.max(0, this.src.length - 1);
      throw new ParseFailure({ kind: 'unexpected-eof', span: t.span, line: this.src.lineAt(at), expecting });
    }
    throw new ParseFailure({ kind: 'unexpected-token', token: tokenText(t), span: t.span, line, expecting });
  }

  expectReserved(word: string): Token {
    const t = this.next();
    if (this.reserved(t) !== word) this.fail(t, word);
    return t;
  }

  expectOp(op: Operator): Token {
    const t = this.next();
    if (!this.isOp(t, op)) this.fail(t, op);
    return t;
  }

  // ---- sub-parsers for $( … ) and backticks ----

  commandSub(src: SourceText, start: number): { body: CommandList; end: number } {
    const p = new Parser(src, this.opts, start);
    const body = p.parseList((t) => p.isOp(t, ')'), ')', true);
    p.expectOp(')');
    return { body, end: p.lex.offset };
  }

  backtick(src: SourceText): CommandList {
    const p = new Parser(src, this.opts, 0);
    const body = p.parseList((t) => t.kind === 'eof', '`', true);
    return body;
  }

  // ---- grammar ----

  /** One top-level line (up to and including its newline), or null at end of input. */
  parseLine(): CommandList | null {
    this.skipNewlines();
    const first = this.peek();
    if (first.kind === 'eof') return null;
    const items: ListItem[] = [];
    for (;;) {
      const command = this.parseAndOr();
      let t = this.peek();
      const separated = this.isOp(t, ';', '&');
      const background = this.isOp(t, '&');
      if (separated) {
        this.next();
        t = this.peek();
      }
      items.push({ span: { start: command.span.start, end: this.lastEnd }, command, background });
      if (t.kind === 'newline') {
        this.next();
        break;
      }
      if (t.kind === 'eof') break;
      if (!separated) this.fail(t);
    }
    return { type: 'CommandList', span: { start: first.span.start, end: this.lastEnd }, items };
  }

  /** A compound-command body: and-or lists separated by `;`, `&` or newlines, up to a token `isEnd` accepts. */
  parseList(isEnd: (t: Token) => boolean, expecting: string, allowEmpty = false): CommandList {
    const items: ListItem[] = [];
    const start = this.peek().span.start;
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (isEnd(t)) break;
      if (t.kind === 'eof') this.fail(t, expecting);
      const command = this.parseAndOr();
      t = this.peek();
      let background = false;
      if (this.isOp(t, ';', '&')) {
        background = this.isOp(t, '&');
        this.next();
      } else if (t.kind === 'newline') this.next();
      else if (!isEnd(t)) this.fail(t, expecting);
      items.push({ span: { start: command.span.start, end: this.lastEnd }, command, background });
    }
    if (items.length === 0 && !allowEmpty) this.fail(this.peek(), expecting);
    return { type: 'CommandList', span: { start, end: this.lastEnd }, items };
  }

  parseAndOr(): AndOrList {
    const first = this.parsePipeline();
    const rest: AndOrList['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { type: 'AndOr', span: { start: first.span.start, end: this.lastEnd }, first, rest };
  }

  private parsePipeline(): Pipeline {
    this.expandAliases();
    const start = this.peek().span.start;
    let negated = false;
    while (this.reserved(this.peek()) === '!') {
      this.next();
      negated = !negated;
      this.expandAliases();
    }
    const commands = [this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this.next();
      pipeStderr.push(t.op === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { type: 'Pipeline', span: { start, end: this.lastEnd }, negated, commands, pipeStderr };
  }

  private parseCommand(): Command {
    this.expandAliases();
    const t = this.peek();
    if (t.kind === 'op') {
      if (t.op === '(') return this.withRedirects(parseCompound(this));
      if (REDIRECT_OPERATORS.has(t.op)) return this.parseSimple();
      this.fail(t);
    }
    if (t.kind !== 'word') this.fail(t);
    const word = this.reserved(t);
    if (word === 'function') return parseFunctionKeyword(this);
    if (word === 'if' || word === 'while' || word === 'until' || word === 'for' || word === 'case' || word === '{' || word === '[[') {
      return this.withRedirects(parseCompound(this));
    }
    if (word !== null) this.fail(t);
    return this.parseSimple();
  }

  private withRedirects<C extends { redirects: Redirect[]; span: Span }>(command: C): C {
    while (this.peek().kind === 'op' && REDIRECT_OPERATORS.has((this.peek() as { op: Operator }).op)) {
      command.redirects.push(this.parseRedirect());
    }
    command.span = { start: command.span.start, end: this.lastEnd };
    return command;
  }

  private parseSimple(): Command {
    const first = this.peek();
    const start = first.span.start;
    const line = this.lineOf(first.span);
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let checkAlias = true;
    for (;;) {
      if (checkAlias) this.expandAliases();
      const t = this.peek();
      if (t.kind === 'op' && REDIRECT_OPERATORS.has(t.op)) {
        redirects.push(this.parseRedirect());
        continue;
      }
      if (t.kind !== 'word') break;
      this.next();
      if (words.length === 0) {
        const a = assignmentOf(t.word);
        if (a) {
          assignments.push(a);
          continue;
        }
      }
      words.push(t.word);
      checkAlias = words.length === 0 || (t as { aliasBlank?: boolean }).aliasBlank === true;
      if (words.length === 1 && assignments.length === 0 && redirects.length === 0 && this.isOp(this.peek(), '(')) {
        return parseFunctionBody(this, t.word, start, line);
      }
    }
    if (assignments.length + words.length + redirects.length === 0) this.fail(this.peek());
    const cmd: SimpleCommand = { type: 'Simple', span: { start, end: this.lastEnd }, line, assignments, words, redirects };
    return cmd;
  }

  parseRedirect(): Redirect {
    const opTok = this.next() as Extract<Token, { kind: 'op' }>;
    const target = this.next();
    if (target.kind !== 'word') {
      if (target.kind === 'eof' || target.kind === 'newline') {
        throw new ParseFailure({ kind: 'unexpected-token', token: 'newline', span: target.span, line: this.lineOf(opTok.span) });
      }
      this.fail(target);
    }
    const op = opTok.op as RedirectOp;
    const redirect: Redirect = { span: { start: opTok.span.start, end: target.span.end }, fd: opTok.fd, op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const heredoc: HereDoc = {
        delimiter: removeQuotes(target.word.text),
        quoted: target.word.parts.some((p) => p.type !== 'Literal'),
        stripTabs: op === '<<-',
        body: { type: 'Word', span: target.span, text: '', parts: [] },
        line: this.lineOf(opTok.span),
        terminated: true,
      };
      redirect.heredoc = heredoc;
      this.lex.addHereDoc(heredoc);
    }
    return redirect;
  }

  /** Replace an alias name at a command position with its tokens (bash's parse-time alias expansion). */
  private expandAliases(): void {
    const aliases = this.opts.aliases;
    if (!aliases) return;
    for (let guard = 0; guard < 64; guard++) {
      const t = this.peek();
      if (t.kind !== 'word') return;
      const name = plainLiteral(t.word);
      if (name === null || !Object.prototype.hasOwnProperty.call(aliases, name)) return;
      if (t.fromAliases?.includes(name)) return;
      this.next();
      const value = aliases[name];
      const from = [...(t.fromAliases ?? []), name];
      const lexer = new Lexer(new SourceText(value, t.span.start, this.lineOf(t.span)), this);
      const tokens: Token[] = [];
      for (let tok = lexer.next(); tok.kind !== 'eof'; tok = lexer.next()) {
        tokens.push(tok.kind === 'word' ? { ...tok, fromAliases: from } : tok);
      }
      const last = tokens[tokens.length - 1];
      if (/[ \t]$/.test(value) && last && last.kind === 'word') (last as { aliasBlank?: boolean }).aliasBlank = true;
      this.lex.unshift(tokens);
    }
  }
}

function assignmentOf(word: Word): Assignment | null {
  const first = word.parts[0];
  if (!first || first.type !== 'Literal') return null;
  const m = ASSIGNMENT.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const valueStart = first.span.start + m[0].length;
  const parts = [...word.parts.slice(1)];
  if (rest !== '') parts.unshift({ type: 'Literal', span: { start: valueStart, end: first.span.end }, text: rest });
  return {
    span: word.span,
    name: m[1],
    append: m[2] === '+',
    value: { type: 'Word', span: { start: valueStart, end: word.span.end }, text: word.text.slice(m[0].length), parts },
  };
}

/** Quote removal on a here-document delimiter as written (no expansion happens there). */
export function removeQuotes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      out += text.slice(i + 1, close < 0 ? text.length : close);
      i = close < 0 ? text.length : close;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) i++;
        out += text[i++] ?? '';
      }
    } else if (c === '\\') {
      out += text[++i] ?? '';
    } else out += c;
  }
  return out;
}
