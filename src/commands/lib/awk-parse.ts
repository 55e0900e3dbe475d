// awk's language (the POSIX grammar mawk implements): a tokenizer that knows when `/` starts a regex,
// and a recursive-descent parser to an AST of patterns, actions, statements and expressions.
//
// program   := item { terminator item }
// item      := 'function' NAME '(' params ')' block | pattern [ ',' pattern ] [ block ] | block
// statement := block | if | while | do | for | print/printf | next | exit | return | delete | expr
// expr      := ternary | lvalue assign-op expr   (precedence as in the POSIX awk table)

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'getline'; target: Expr | null; from: Expr | null; cmd: Expr | null }
  | { k: 'group'; e: Expr };

export type Redirect = { kind: '>' | '>>' | '|'; to: Expr } | null;

export type Stmt =
  | { k: 'block'; body: Stmt[] }
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redirect: Redirect }
  | { k: 'printf'; args: Expr[]; redirect: Redirect }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Stmt | null; c: Expr | null; step: Stmt | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'next' }
  | { k: 'exit'; e: Expr | null }
  | { k: 'return'; e: Expr | null }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs: Expr[] | null };

export interface Item {
  pattern: 'BEGIN' | 'END' | Expr | null;
  range: Expr | null;
  action: Stmt[] | null;
}

export interface AwkProgram {
  items: Item[];
  functions: Map<string, { params: string[]; body: Stmt[] }>;
}

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly near: string,
  ) {
    super(`line ${line}: syntax error at or near ${near}`);
  }
}

interface Tok {
  t: string;
  v: string;
  line: number;
}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const PUNCT = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Tokens after which `/` divides; anywhere else it opens a regular expression. */
const OPERAND_END = new Set(['num', 'str', 'name', 'builtin', ')', ']', '$', 'incdec']);

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const last = (): string | undefined => out[out.length - 1]?.t;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl', v: '\n', line });
      line++;
      i++;
      continue;
    }
    if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\n') throw new AwkSyntaxError(line, 'end of line');
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[++i];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          v += map[n] ?? `\\${n}`;
          i++;
          continue;
        }
        v += src[i++];
      }
      i++;
      out.push({ t: 'str', v, line });
      continue;
    }
    if (c === '/' && !OPERAND_END.has(last() ?? '')) {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\n') throw new AwkSyntaxError(line, 'end of line');
        if (src[i] === '\\' && src[i + 1] === '/') {
          v += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\\') v += src[i++];
        v += src[i++];
      }
      i++;
      out.push({ t: 're', v, line });
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], line });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      const w = word[0];
      i += w.length;
      if (KEYWORDS.has(w)) out.push({ t: w === 'func' ? 'function' : w, v: w, line });
      else if (BUILTINS.has(w)) out.push({ t: 'builtin', v: w, line });
      else out.push({ t: src[i] === '(' ? 'funcname' : 'name', v: w, line });
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new AwkSyntaxError(line, c);
    i += p.length;
    out.push({ t: p === '++' || p === '--' ? 'incdec' : p === '**' ? '^' : p, v: p === '**' ? '^' : p, line });
  }
  out.push({ t: 'eof', v: 'end of file', line });
  return out;
}

/** Whether a function body uses a parameter as an array (so the caller passes its array by reference). */
export function usesAsArray(body: Stmt[], name: string): boolean {
  const inExpr = (e: Expr | null | undefined): boolean => {
    if (!e) return false;
    switch (e.k) {
      case 'index':
        return e.name === name || e.subs.some(inExpr);
      case 'in':
        return e.name === name || e.subs.some(inExpr);
      case 'call':
        return (e.name === 'split' && e.args[1]?.k === 'var' && e.args[1].name === name) || e.args.some(inExpr);
      case 'field':
      case 'un':
      case 'group':
        return inExpr(e.e);
      case 'assign':
        return inExpr(e.target) || inExpr(e.e);
      case 'cond':
        return inExpr(e.c) || inExpr(e.a) || inExpr(e.b);
      case 'bin':
        return inExpr(e.a) || inExpr(e.b);
      case 'incdec':
        return inExpr(e.target);
      case 'match':
        return inExpr(e.a) || inExpr(e.re);
      case 'getline':
        return inExpr(e.target) || inExpr(e.from) || inExpr(e.cmd);
      default:
        return false;
    }
  };
  const inStmt = (s: Stmt | null): boolean => {
    if (!s) return false;
    switch (s.k) {
      case 'block':
        return s.body.some(inStmt);
      case 'expr':
        return inExpr(s.e);
      case 'print':
      case 'printf':
        return s.args.some(inExpr);
      case 'if':
        return inExpr(s.c) || inStmt(s.then) || inStmt(s.else);
      case 'while':
      case 'do':
        return inExpr(s.c) || inStmt(s.body);
      case 'for':
        return inStmt(s.init) || inExpr(s.c) || inStmt(s.step) || inStmt(s.body);
      case 'forin':
        return s.arr === name || inStmt(s.body);
      case 'delete':
        return s.name === name;
      case 'exit':
      case 'return':
        return inExpr(s.e);
      default:
        return false;
    }
  };
  return body.some(inStmt);
}
