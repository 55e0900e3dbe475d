// awk's parser: tokens (awk-parse.ts) to the program AST, with POSIX precedence, implicit
// concatenation, `>` as redirection inside print, and newlines as terminators where awk allows.

import { AwkSyntaxError, tokenize, type AwkProgram, type Expr, type Item, type Redirect, type Stmt } from './awk-parse';

type Tok = ReturnType<typeof tokenize>[number];

const CONCAT_START = new Set(['num', 'str', 're', 'name', 'funcname', 'builtin', '$', '!', '(', '-', '+', 'incdec']);

export function parseAwk(src: string): AwkProgram {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (o = 0): Tok => toks[Math.min(pos + o, toks.length - 1)];
  const fail = (): never => {
    const t = peek();
    throw new AwkSyntaxError(t.line, t.t === 'nl' ? 'end of line' : t.t === 'eof' ? 'end of file' : t.v);
  };
  const accept = (t: string): boolean => {
    if (peek().t !== t) return false;
    pos++;
    return true;
  };
  const expect = (t: string): Tok => {
    if (peek().t !== t) fail();
    return toks[pos++];
  };
  const nls = (): void => {
    while (peek().t === 'nl') pos++;
  };
  const terms = (): void => {
    while (peek().t === 'nl' || peek().t === ';') pos++;
  };

  // ---- expressions ----
  const isLvalue = (e: Expr): boolean => e.k === 'var' || e.k === 'field' || e.k === 'index';
  let noIn = false;
  let noGt = false;

  const primary = (): Expr => {
    const t = peek();
    switch (t.t) {
      case 'num':
        pos++;
        return { k: 'num', v: Number(t.v) };
      case 'str':
        pos++;
        return { k: 'str', v: t.v };
      case 're':
        pos++;
        return { k: 're', v: t.v };
      case '$': {
        pos++;
        return { k: 'field', e: incdec() };
      }
      case '(': {
        pos++;
        const saved = [noIn, noGt];
        noIn = false;
        noGt = false;
        const first = expr();
        if (accept(',')) {
          const subs = [first];
          do subs.push(expr());
          while (accept(','));
          expect(')');
          [noIn, noGt] = saved;
          expect('in');
          return { k: 'in', subs, name: expect('name').v };
        }
        expect(')');
        [noIn, noGt] = saved;
        return { k: 'group', e: first };
      }
      case '-':
      case '+':
      case '!': {
        pos++;
        return { k: 'un', op: t.t, e: unary() };
      }
      case 'incdec': {
        pos++;
        const target = incdec();
        if (!isLvalue(target)) fail();
        return { k: 'incdec', op: t.v as '++' | '--', prefix: true, target };
      }
      case 'builtin': {
        pos++;
        if (t.v === 'length' && peek().t !== '(') return { k: 'call', name: 'length', args: [] };
        return { k: 'call', name: t.v, args: callArgs() };
      }
      case 'funcname': {
        pos++;
        return { k: 'call', name: t.v, args: callArgs() };
      }
      case 'name': {
        pos++;
        if (accept('[')) {
          const subs = [expr()];
          while (accept(',')) subs.push(expr());
          expect(']');
          return { k: 'index', name: t.v, subs };
        }
        return { k: 'var', name: t.v };
      }
      case 'getline': {
        pos++;
        const target = ['name', '$'].includes(peek().t) ? incdec() : null;
        const from = accept('<') ? primary() : null;
        return { k: 'getline', target, from, cmd: null };
      }
      default:
        return fail();
    }
  };
  // `(a, b, …)` after a builtin or function name.
  const callArgs = (): Expr[] => {
    expect('(');
    const args: Expr[] = [];
    if (!accept(')')) {
      do args.push(expr());
      while (accept(','));
      expect(')');
    }
    return args;
  };
  const incdec = (): Expr => {
    const e = primary();
    if (peek().t === 'incdec' && isLvalue(e)) {
      const op = toks[pos++].v as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };
  const power = (): Expr => {
    const base = incdec();
    if (accept('^')) return { k: 'bin', op: '^', a: base, b: unaryPow() };
    return base;
  };
  // The exponent of ^ may carry its own sign: 2^-1.
  const unaryPow = (): Expr => (peek().t === '-' || peek().t === '+' || peek().t === '!' ? (pos++, { k: 'un', op: toks[pos - 1].t, e: unaryPow() }) : power());
  const unary = (): Expr => (peek().t === '-' || peek().t === '+' || peek().t === '!' ? (pos++, { k: 'un', op: toks[pos - 1].t, e: unary() }) : power());
  const mul = (): Expr => {
    let e = unary();
    while (['*', '/', '%'].includes(peek().t)) e = { k: 'bin', op: toks[pos++].t, a: e, b: unary() };
    return e;
  };
  const add = (): Expr => {
    let e = mul();
    while (peek().t === '+' || peek().t === '-') e = { k: 'bin', op: toks[pos++].t, a: e, b: mul() };
    return e;
  };
  const concat = (): Expr => {
    let e = add();
    while (CONCAT_START.has(peek().t) && peek().t !== '-' && peek().t !== '+' && peek().t !== '!' && !(peek().t === 'in' && !noIn)) {
      if (peek().t === 'getline') break;
      e = { k: 'bin', op: 'concat', a: e, b: add() };
    }
    return e;
  };
  const compare = (): Expr => {
    let e = concat();
    for (;;) {
      const t = peek().t;
      if (['<', '<=', '!=', '==', '>='].includes(t) || (t === '>' && !noGt)) e = { k: 'bin', op: toks[pos++].t, a: e, b: concat() };
      else if (t === '|' && peek(1).t === 'getline') {
        pos += 2;
        const target = ['name', '$'].includes(peek().t) ? incdec() : null;
        e = { k: 'getline', target, from: null, cmd: e };
      } else return e;
    }
  };
  const matching = (): Expr => {
    let e = compare();
    while (peek().t === '~' || peek().t === '!~') {
      const neg = toks[pos++].t === '!~';
      e = { k: 'match', neg, a: e, re: compare() };
    }
    return e;
  };
  const inExpr = (): Expr => {
    let e = matching();
    while (!noIn && peek().t === 'in') {
      pos++;
      e = { k: 'in', subs: [e], name: expect('name').v };
    }
    return e;
  };
  // && and || are left-associative and may be followed by newlines.
  const logical = (op: '&&' | '||', operand: () => Expr) => (): Expr => {
    let e = operand();
    while (accept(op)) {
      nls();
      e = { k: 'bin', op, a: e, b: operand() };
    }
    return e;
  };
  const and = logical('&&', inExpr);
  const or = logical('||', and);
  const ternary = (): Expr => {
    const c = or();
    if (!accept('?')) return c;
    nls();
    const a = ternary();
    nls();
    expect(':');
    nls();
    return { k: 'cond', c, a, b: ternary() };
  };
  function expr(): Expr {
    const e = ternary();
    if (['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().t) && isLvalue(e)) {
      const op = toks[pos++].t;
      nls();
      return { k: 'assign', op, target: e, e: expr() };
    }
    return e;
  }

  // ---- statements ----
  const simpleOrBlock = (): Stmt => {
    nls();
    return statement();
  };
  const redirect = (): Redirect => {
    const t = peek().t;
    if (t !== '>' && t !== '>>' && t !== '|') return null;
    pos++;
    return { kind: t, to: concat() };
  };
  const endSimple = (): void => {
    if (peek().t === ';' || peek().t === 'nl') pos++;
    else if (peek().t !== '}' && peek().t !== 'eof') fail();
  };
  function statement(): Stmt {
    const t = peek();
    switch (t.t) {
      case '{': {
        pos++;
        const body = stmtList();
        expect('}');
        return { k: 'block', body };
      }
      case ';':
        pos++;
        return { k: 'block', body: [] };
      case 'if': {
        pos++;
        expect('(');
        const c = expr();
        expect(')');
        const then = simpleOrBlock();
        const save = pos;
        terms();
        if (accept('else')) return { k: 'if', c, then, else: simpleOrBlock() };
        pos = save;
        return { k: 'if', c, then, else: null };
      }
      case 'while': {
        pos++;
        expect('(');
        const c = expr();
        expect(')');
        if (peek().t === ';') {
          pos++;
          return { k: 'while', c, body: { k: 'block', body: [] } };
        }
        return { k: 'while', c, body: simpleOrBlock() };
      }
      case 'do': {
        pos++;
        const body = simpleOrBlock();
        terms();
        expect('while');
        expect('(');
        const c = expr();
        expect(')');
        endSimple();
        return { k: 'do', body, c };
      }
      case 'for': {
        pos++;
        expect('(');
        if (peek().t === 'name' && peek(1).t === 'in' && peek(2).t === 'name' && peek(3).t === ')') {
          const v = toks[pos].v;
          const arr = toks[pos + 2].v;
          pos += 4;
          return { k: 'forin', v, arr, body: simpleOrBlock() };
        }
        const init = peek().t === ';' ? null : ({ k: 'expr', e: expr() } as Stmt);
        expect(';');
        nls();
        const c = peek().t === ';' ? null : expr();
        expect(';');
        nls();
        const step = peek().t === ')' ? null : ({ k: 'expr', e: expr() } as Stmt);
        expect(')');
        if (peek().t === ';') {
          pos++;
          return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
        }
        return { k: 'for', init, c, step, body: simpleOrBlock() };
      }
      case 'print':
      case 'printf': {
        pos++;
        let args: Expr[] = [];
        // print (a, b) > f: a parenthesised list followed by the end or a redirection is the argument list.
        if (peek().t === '(') {
          const save = pos;
          pos++;
          const list: Expr[] = [];
          try {
            do list.push(expr());
            while (accept(','));
            if (accept(')') && ['nl', ';', '}', '>', '>>', '|', 'eof'].includes(peek().t)) args = list;
            else pos = save;
          } catch (e) {
            if (!(e instanceof AwkSyntaxError)) throw e;
            pos = save;
          }
        }
        noGt = true;
        if (args.length === 0 && !['nl', ';', '}', '>', '>>', '|', 'eof'].includes(peek().t)) {
          do args.push(expr());
          while (accept(','));
        }
        noGt = false;
        const r = redirect();
        endSimple();
        return { k: t.t, args, redirect: r };
      }
      case 'next':
      case 'nextfile':
        pos++;
        endSimple();
        return { k: 'next' };
      case 'break':
      case 'continue':
        pos++;
        endSimple();
        return { k: t.t };
      case 'exit':
      case 'return': {
        pos++;
        const e = ['nl', ';', '}', 'eof'].includes(peek().t) ? null : expr();
        endSimple();
        return { k: t.t, e };
      }
      case 'delete': {
        pos++;
        const name = expect('name').v;
        let subs: Expr[] | null = null;
        if (accept('[')) {
          subs = [expr()];
          while (accept(',')) subs.push(expr());
          expect(']');
        }
        endSimple();
        return { k: 'delete', name, subs };
      }
      default: {
        const e = expr();
        endSimple();
        return { k: 'expr', e };
      }
    }
  }
  function stmtList(): Stmt[] {
    const out: Stmt[] = [];
    terms();
    while (peek().t !== '}' && peek().t !== 'eof') {
      out.push(statement());
      terms();
    }
    return out;
  }

  // ---- program ----
  const items: Item[] = [];
  const functions: AwkProgram['functions'] = new Map();
  terms();
  while (peek().t !== 'eof') {
    if (accept('function')) {
      const name = peek().t === 'funcname' || peek().t === 'name' ? toks[pos++].v : fail();
      expect('(');
      const params: string[] = [];
      if (!accept(')')) {
        do {
          nls();
          params.push(expect('name').v);
        } while (accept(','));
        expect(')');
      }
      nls();
      expect('{');
      const body = stmtList();
      expect('}');
      functions.set(name, { params, body });
    } else {
      let pattern: Item['pattern'] = null;
      let range: Expr | null = null;
      if (accept('BEGIN')) pattern = 'BEGIN';
      else if (accept('END')) pattern = 'END';
      else if (peek().t !== '{') {
        pattern = expr();
        if (accept(',')) {
          nls();
          range = expr();
        }
      }
      let action: Stmt[] | null = null;
      if (accept('{')) {
        action = stmtList();
        expect('}');
      } else if (pattern === 'BEGIN' || pattern === 'END') fail();
      items.push({ pattern, range, action });
    }
    terms();
  }
  return { items, functions };
}
