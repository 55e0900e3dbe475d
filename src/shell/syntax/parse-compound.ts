// Compound commands (if, while/until, for, case, { }, ( ), (( )), [[ ]]) and function definitions.
import type { CaseItem, CompoundCommand, FunctionDef, Word } from './ast';
import { ParseFailure } from './errors';
import type { Token } from './lexer';
import type { Parser } from './parser';
import { plainLiteral } from './parser';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const reservedIs =
  (p: Parser, ...words: string[]) =>
  (t: Token): boolean => {
    const r = p.reserved(t);
    return r !== null && words.includes(r);
  };

/** A compound command starting at the current token (`(` or a reserved word). */
export function parseCompound(p: Parser): CompoundCommand {
  const t = p.peek();
  const start = t.span.start;
  const line = p.lineOf(t.span);
  const base = { line, redirects: [] };
  const span = () => ({ start, end: p.end });

  if (p.isOp(t, '(')) {
    const arith = p.lex.scanArithCommand();
    if (arith) return { type: 'Arith', span: { start, end: arith.expr.span.end + 2 }, ...base, expr: arith.expr };
    p.next();
    const body = p.parseList((x) => p.isOp(x, ')'), ')');
    p.expectOp(')');
    return { type: 'Subshell', span: span(), ...base, body };
  }

  switch (p.reserved(t)) {
    case '{': {
      p.next();
      const body = p.parseList(reservedIs(p, '}'), '}');
      p.expectReserved('}');
      return { type: 'Group', span: span(), ...base, body };
    }
    case 'if': {
      p.next();
      const clauses = [];
      let condition = p.parseList(reservedIs(p, 'then'), 'then');
      p.expectReserved('then');
      let body = p.parseList(reservedIs(p, 'elif', 'else', 'fi'), 'fi');
      clauses.push({ condition, body });
      let elseBody = null;
      for (;;) {
        const k = p.next();
        const r = p.reserved(k);
        if (r === 'fi') break;
        if (r === 'elif') {
          condition = p.parseList(reservedIs(p, 'then'), 'then');
          p.expectReserved('then');
          body = p.parseList(reservedIs(p, 'elif', 'else', 'fi'), 'fi');
          clauses.push({ condition, body });
          continue;
        }
        if (r === 'else') {
          elseBody = p.parseList(reservedIs(p, 'fi'), 'fi');
          p.expectReserved('fi');
          break;
        }
        p.fail(k, 'fi');
      }
      return { type: 'If', span: span(), ...base, clauses, elseBody };
    }
    case 'while':
    case 'until': {
      const until = p.reserved(p.next()) === 'until';
      const condition = p.parseList(reservedIs(p, 'do'), 'do');
      p.expectReserved('do');
      const body = p.parseList(reservedIs(p, 'done'), 'done');
      p.expectReserved('done');
      return { type: 'Loop', span: span(), ...base, until, condition, body };
    }
    case 'for':
      return parseFor(p, start, line);
    case 'case':
      return parseCase(p, start, line);
    case '[[':
      return parseCond(p, start, line);
  }
  return p.fail(t);
}

function parseFor(p: Parser, start: number, line: number): CompoundCommand {
  p.next();
  const nameTok = p.next();
  if (nameTok.kind !== 'word') p.fail(nameTok);
  const name = plainLiteral(nameTok.word);
  if (name === null || !NAME.test(name)) {
    throw new ParseFailure({ kind: 'invalid-name', name: nameTok.word.text, span: nameTok.span, line: p.lineOf(nameTok.span) });
  }
  p.skipNewlines();
  let words: Word[] | null = null;
  let t = p.peek();
  if (p.reserved(t) === 'in') {
    p.next();
    words = [];
    for (t = p.peek(); t.kind === 'word'; t = p.peek()) words.push((p.next() as { word: Word }).word);
    if (p.isOp(t, ';') || t.kind === 'newline') p.next();
    else p.fail(t, 'do');
  } else if (p.isOp(t, ';')) p.next();
  p.skipNewlines();
  p.expectReserved('do');
  const body = p.parseList(reservedIs(p, 'done'), 'done');
  p.expectReserved('done');
  return { type: 'For', span: { start, end: p.end }, line, redirects: [], variable: name, words, body };
}

function parseCase(p: Parser, start: number, line: number): CompoundCommand {
  p.next();
  const subjectTok = p.next();
  if (subjectTok.kind !== 'word') p.fail(subjectTok);
  p.skipNewlines();
  p.expectReserved('in');
  const items: CaseItem[] = [];
  const isItemEnd = (t: Token): boolean => p.reserved(t) === 'esac' || p.isOp(t, ';;', ';&', ';;&');
  for (;;) {
    p.skipNewlines();
    let t = p.peek();
    if (p.reserved(t) === 'esac') {
      p.next();
      break;
    }
    if (t.kind === 'eof') p.fail(t, 'esac');
    const itemStart = t.span.start;
    if (p.isOp(t, '(')) p.next();
    const patterns: Word[] = [];
    for (;;) {
      const w = p.next();
      if (w.kind !== 'word') p.fail(w);
      patterns.push(w.word);
      if (!p.isOp(p.peek(), '|')) break;
      p.next();
    }
    p.expectOp(')');
    const body = p.parseList(isItemEnd, 'esac', true);
    t = p.peek();
    let terminator: CaseItem['terminator'] = ';;';
    if (t.kind === 'op' && (t.op === ';;' || t.op === ';&' || t.op === ';;&')) {
      terminator = t.op;
      p.next();
    } else if (p.reserved(t) !== 'esac') p.fail(t, 'esac');
    items.push({ span: { start: itemStart, end: p.end }, patterns, body: body.items.length > 0 ? body : null, terminator });
  }
  return { type: 'Case', span: { start, end: p.end }, line, redirects: [], subject: subjectTok.word, items };
}

/** `[[ … ]]`: operator tokens inside become plain literal words. */
function parseCond(p: Parser, start: number, line: number): CompoundCommand {
  p.next();
  const words: Word[] = [];
  for (;;) {
    const t = p.next();
    if (t.kind === 'eof') p.fail(t, ']]');
    if (t.kind === 'newline') continue;
    if (t.kind === 'word') {
      if (plainLiteral(t.word) === ']]') break;
      words.push(t.word);
      if (plainLiteral(t.word) === '=~') {
        const re = p.lex.scanRegexWord();
        if (re && re.kind === 'word') words.push(re.word);
      }
      continue;
    }
    const text = (t.fd !== null ? String(t.fd) : '') + t.op;
    words.push({ type: 'Word', span: t.span, text, parts: [{ type: 'Literal', span: t.span, text }] });
  }
  if (words.length === 0) p.fail(p.peek());
  return { type: 'Cond', span: { start, end: p.end }, line, redirects: [], words };
}

/** After `name` when the next token is `(`: `name ( ) linebreak compound-command`. */
export function parseFunctionBody(p: Parser, name: Word, start: number, line: number): FunctionDef {
  p.next();
  const close = p.next();
  if (!p.isOp(close, ')')) p.fail(close);
  return finishFunction(p, name.text, start, line);
}

/** `function name [()] linebreak compound-command` */
export function parseFunctionKeyword(p: Parser): FunctionDef {
  const kw = p.next();
  const nameTok = p.next();
  if (nameTok.kind !== 'word') p.fail(nameTok);
  if (p.isOp(p.peek(), '(')) {
    p.next();
    p.expectOp(')');
  }
  return finishFunction(p, nameTok.word.text, kw.span.start, p.lineOf(kw.span));
}

function finishFunction(p: Parser, name: string, start: number, line: number): FunctionDef {
  p.skipNewlines();
  const t = p.peek();
  const r = p.reserved(t);
  const startsCompound = p.isOp(t, '(') || r === '{' || r === 'if' || r === 'while' || r === 'until' || r === 'for' || r === 'case' || r === '[[';
  if (!startsCompound) p.fail(t);
  const body = parseCompound(p);
  while (p.peek().kind === 'op') {
    const op = p.peek() as Extract<Token, { kind: 'op' }>;
    if (!['>', '>>', '<', '>&', '<&', '&>', '&>>', '>|', '<>', '<<', '<<-', '<<<'].includes(op.op)) break;
    body.redirects.push(p.parseRedirect());
  }
  const text = p.src.text.slice(Math.max(0, start - p.src.base), Math.max(0, p.end - p.src.base));
  return { type: 'Function', span: { start, end: p.end }, line, name, body, text };
}
