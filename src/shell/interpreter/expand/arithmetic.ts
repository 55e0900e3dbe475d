// Shell arithmetic ($((…)), ((…)), ${x:off:len}) on 64-bit signed integers, with bash's error wording:
// `1/0: division by 0 (error token is "0")`.

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError {
  constructor(
    readonly expr: string,
    readonly message: string,
    readonly token: string,
  ) {}

  /** bash's message, without the shell prefix. */
  toString(): string {
    return this.token === '' ? `${this.expr}: ${this.message}` : `${this.expr}: ${this.message} (error token is "${this.token}")`;
  }
}

type Tok = { kind: 'num'; text: string; pos: number } | { kind: 'name'; text: string; pos: number } | { kind: 'op'; text: string; pos: number };

type Node =
  | { k: 'num'; v: bigint }
  | { k: 'var'; name: string; pos: number }
  | { k: 'un'; op: string; a: Node; pos: number }
  | { k: 'pre' | 'post'; op: '++' | '--'; name: string; pos: number }
  | { k: 'bin'; op: string; a: Node; b: Node; pos: number }
  | { k: 'assign'; op: string; name: string; b: Node; pos: number }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'comma'; a: Node; b: Node };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

const BINARY: [string[], number][] = [
  [['||'], 1],
  [['&&'], 2],
  [['|'], 3],
  [['^'], 4],
  [['&'], 5],
  [['==', '!='], 6],
  [['<', '>', '<=', '>='], 7],
  [['<<', '>>'], 8],
  [['+', '-'], 9],
  [['*', '/', '%'], 10],
];
const PREC = new Map<string, number>();
for (const [ops, p] of BINARY) for (const op of ops) PREC.set(op, p);

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const MAX_DEPTH = 1024;

class ArithParser {
  private toks: Tok[] = [];
  private i = 0;

  constructor(private readonly expr: string) {
    this.tokenize();
  }

  private fail(message: string, pos: number): never {
    throw new ArithError(this.expr.trim(), message, this.expr.slice(pos).trim());
  }

  private tokenize(): void {
    const s = this.expr;
    let i = 0;
    outer: while (i < s.length) {
      const c = s[i];
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (/[0-9]/.test(c)) {
        const rest = s.slice(i);
        const text = /^0[xX]/.test(rest) ? /^0[xX][0-9A-Za-z]*/.exec(rest)![0] : /^[0-9]+(#[0-9A-Za-z@_]*)?[0-9A-Za-z_]*/.exec(rest)![0];
        this.toks.push({ kind: 'num', text, pos: i });
        i += text.length;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))![0];
        this.toks.push({ kind: 'name', text, pos: i });
        i += text.length;
        continue;
      }
      for (const op of OPS) {
        if (s.startsWith(op, i)) {
          this.toks.push({ kind: 'op', text: op, pos: i });
          i += op.length;
          continue outer;
        }
      }
      this.fail('syntax error: invalid arithmetic operator', i);
    }
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private endPos(): number {
    return this.peek()?.pos ?? this.expr.length;
  }

  parse(): Node | null {
    if (this.toks.length === 0) return null;
    const n = this.comma();
    const t = this.peek();
    if (t) this.fail('syntax error in expression', t.pos);
    return n;
  }

  private comma(): Node {
    let a = this.assign();
    while (this.isOp(',')) {
      this.i++;
      a = { k: 'comma', a, b: this.assign() };
    }
    return a;
  }

  private assign(): Node {
    const t = this.peek();
    const n = this.toks[this.i + 1];
    if (t?.kind === 'name' && n?.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='].includes(n.text)) {
      this.i += 2;
      return { k: 'assign', op: n.text, name: t.text, b: this.assign(), pos: n.pos };
    }
    return this.ternary();
  }

  private ternary(): Node {
    const c = this.binary(1);
    if (!this.isOp('?')) return c;
    this.i++;
    const a = this.comma();
    if (!this.isOp(':')) this.fail("syntax error: `:' expected for conditional expression", this.endPos());
    this.i++;
    const b = this.assign();
    return { k: 'cond', c, a, b };
  }

  private binary(min: number): Node {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'op') return a;
      const p = PREC.get(t.text);
      if (p === undefined || p < min) return a;
      this.i++;
      const b = this.binary(p + 1);
      a = { k: 'bin', op: t.text, a, b, pos: t.pos };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t?.kind === 'op') {
      if (t.text === '++' || t.text === '--') {
        const n = this.toks[this.i + 1];
        if (n?.kind === 'name') {
          this.i += 2;
          return { k: 'pre', op: t.text, name: n.text, pos: t.pos };
        }
      }
      if (['-', '+', '!', '~'].includes(t.text)) {
        this.i++;
        return { k: 'un', op: t.text, a: this.unary(), pos: t.pos };
      }
    }
    return this.power();
  }

  private power(): Node {
    const a = this.postfix();
    if (this.isOp('**')) {
      const pos = this.peek()!.pos;
      this.i++;
      return { k: 'bin', op: '**', a, b: this.unary(), pos };
    }
    return a;
  }

  private postfix(): Node {
    const t = this.peek();
    // At the end of input bash reports the last token read as the error token.
    if (!t) this.fail('syntax error: operand expected', this.toks[this.i - 1]?.pos ?? this.expr.length);
    if (t.kind === 'num') {
      this.i++;
      return { k: 'num', v: this.number(t) };
    }
    if (t.kind === 'name') {
      this.i++;
      const n = this.peek();
      if (n?.kind === 'op' && (n.text === '++' || n.text === '--')) {
        this.i++;
        return { k: 'post', op: n.text, name: t.text, pos: t.pos };
      }
      return { k: 'var', name: t.text, pos: t.pos };
    }
    if (t.text === '(') {
      this.i++;
      const inner = this.comma();
      if (!this.isOp(')')) this.fail("syntax error: `)' expected", this.endPos());
      this.i++;
      return inner;
    }
    return this.fail('syntax error: operand expected', t.pos);
  }

  private number(t: Tok): bigint {
    const text = t.text;
    const bad = (): never => this.fail('value too great for base', t.pos);
    if (/^0[xX]/.test(text)) {
      if (!/^0[xX][0-9A-Fa-f]+$/.test(text)) bad();
      return wrap(BigInt(text));
    }
    const hash = text.indexOf('#');
    let base = 10;
    let digits = text;
    if (hash >= 0) {
      base = Number(text.slice(0, hash));
      digits = text.slice(hash + 1);
      if (base < 2 || base > 64) this.fail('invalid arithmetic base', t.pos);
    } else if (text.length > 1 && text.startsWith('0')) {
      base = 8;
      digits = text.slice(1);
    }
    let v = 0n;
    for (const ch of digits) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 87;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
      else if (ch === '@') d = 62;
      else if (ch === '_') d = 63;
      else d = 99;
      if (d >= base) bad();
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
}

class Evaluator {
  constructor(
    private readonly expr: string,
    private readonly vars: ArithVars,
    private readonly depth: number,
  ) {}

  private fail(message: string, pos: number): never {
    throw new ArithError(this.expr.trim(), message, this.expr.slice(pos).trim());
  }

  private value(name: string): bigint {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0n;
    if (/^\s*-?[0-9]+\s*$/.test(raw)) return wrap(BigInt(raw.trim()));
    if (this.depth >= MAX_DEPTH) throw new ArithError(raw, 'expression recursion level exceeded', raw);
    return evaluateArithmetic(raw, this.vars, this.depth + 1);
  }

  eval(n: Node): bigint {
    switch (n.k) {
      case 'num':
        return n.v;
      case 'var':
        return this.value(n.name);
      case 'un': {
        const a = this.eval(n.a);
        if (n.op === '-') return wrap(-a);
        if (n.op === '+') return a;
        if (n.op === '!') return a === 0n ? 1n : 0n;
        return wrap(~a);
      }
      case 'pre':
      case 'post': {
        const old = this.value(n.name);
        const nv = wrap(n.op === '++' ? old + 1n : old - 1n);
        this.vars.set(n.name, String(nv));
        return n.k === 'pre' ? nv : old;
      }
      case 'comma':
        this.eval(n.a);
        return this.eval(n.b);
      case 'cond':
        return this.eval(n.c) !== 0n ? this.eval(n.a) : this.eval(n.b);
      case 'assign': {
        const b = this.eval(n.b);
        const v = n.op === '=' ? b : this.apply(n.op.slice(0, -1), this.value(n.name), b, n.pos);
        this.vars.set(n.name, String(v));
        return v;
      }
      case 'bin': {
        if (n.op === '&&') return this.eval(n.a) !== 0n && this.eval(n.b) !== 0n ? 1n : 0n;
        if (n.op === '||') return this.eval(n.a) !== 0n || this.eval(n.b) !== 0n ? 1n : 0n;
        return this.apply(n.op, this.eval(n.a), this.eval(n.b), n.pos);
      }
    }
  }

  private apply(op: string, a: bigint, b: bigint, pos: number): bigint {
    const at = pos + op.length;
    switch (op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('division by 0', at);
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.fail('exponent less than 0', at);
        return wrap(a ** b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return wrap(a >> (b & 63n));
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
    }
    return this.fail('syntax error in expression', pos);
  }
}

/** Evaluate an (already parameter-expanded) arithmetic expression. Throws ArithError for user errors. */
export function evaluateArithmetic(expr: string, vars: ArithVars, depth = 0): bigint {
  const tree = new ArithParser(expr).parse();
  if (tree === null) return 0n;
  return new Evaluator(expr, vars, depth).eval(tree);
}
