// expr (coreutils 8.30): arithmetic, comparison, `:` anchored regex match, length/substr/index/match,
// `|` and `&`. Exit 0 for a non-null, non-zero result, 1 otherwise, 2 on a bad expression.

import { defineCommand, type Dialect } from './lib/dialect';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

class ExprError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

type Val = string;
const isInt = (v: Val): boolean => /^[-+]?\d+$/.test(v);
const nul = (v: Val): boolean => v === '' || (isInt(v) && BigInt(v) === 0n);

/** Basic regular expression (as expr's `:` uses) to a JS pattern anchored at the start. */
function breToJs(re: string): RegExp {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += n === '(' || n === ')' || n === '{' || n === '}' || n === '|' ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return new RegExp(`^(?:${out})`);
}

function parse(tokens: string[], env: Record<string, string>): Val {
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const num = (v: Val): bigint => {
    if (!isInt(v)) throw new ExprError('non-integer argument');
    return BigInt(v);
  };
  const primary = (): Val => {
    const t = tokens[pos];
    if (t === undefined) throw new ExprError(pos === 0 ? 'missing argument' : `syntax error: missing argument after ${quoteLocale(tokens[pos - 1], env)}`);
    pos++;
    if (t === '(') {
      const v = or();
      if (tokens[pos] !== ')') throw new ExprError(tokens[pos] === undefined ? `syntax error: expecting ')' after ${quoteLocale(tokens[pos - 1], env)}` : `syntax error: expecting ')' instead of ${quoteLocale(tokens[pos], env)}`);
      pos++;
      return v;
    }
    if (t === '+') return tokens[pos++] ?? '';
    if (t === 'length') return String([...primary()].length);
    if (t === 'substr') {
      const s = primary();
      const i = Number(primary());
      const n = Number(primary());
      return i < 1 || n < 1 ? '' : [...s].slice(i - 1, i - 1 + n).join('');
    }
    if (t === 'index') {
      const s = primary();
      const chars = primary();
      const i = [...s].findIndex((c) => chars.includes(c));
      return String(i + 1);
    }
    if (t === 'match') return matchOp(primary(), primary());
    return t;
  };
  const matchOp = (s: Val, re: Val): Val => {
    const m = breToJs(re).exec(s);
    if (/\\\(/.test(re)) return m?.[1] ?? '';
    return String(m ? [...m[0]].length : 0);
  };
  const colon = (): Val => {
    let v = primary();
    while (peek() === ':') {
      pos++;
      v = matchOp(v, primary());
    }
    return v;
  };
  const mul = (): Val => {
    let v = colon();
    while (['*', '/', '%'].includes(peek() ?? '')) {
      const op = tokens[pos++];
      const r = colon();
      const a = num(v);
      const b = num(r);
      if (op !== '*' && b === 0n) throw new ExprError('division by zero');
      v = String(op === '*' ? a * b : op === '/' ? a / b : a % b);
    }
    return v;
  };
  const add = (): Val => {
    let v = mul();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++];
      const r = mul();
      v = String(op === '+' ? num(v) + num(r) : num(v) - num(r));
    }
    return v;
  };
  const cmp = (): Val => {
    let v = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(peek() ?? '')) {
      const op = tokens[pos++];
      const r = add();
      const c = isInt(v) && isInt(r) ? (BigInt(v) < BigInt(r) ? -1 : BigInt(v) > BigInt(r) ? 1 : 0) : v < r ? -1 : v > r ? 1 : 0;
      const ok = { '<': c < 0, '<=': c <= 0, '=': c === 0, '==': c === 0, '!=': c !== 0, '>=': c >= 0, '>': c > 0 }[op]!;
      v = ok ? '1' : '0';
    }
    return v;
  };
  const and = (): Val => {
    let v = cmp();
    while (peek() === '&') {
      pos++;
      const r = cmp();
      v = nul(v) || nul(r) ? '0' : v;
    }
    return v;
  };
  const or = (): Val => {
    let v = and();
    while (peek() === '|') {
      pos++;
      const r = and();
      v = !nul(v) ? v : !nul(r) ? r : '0';
    }
    return v;
  };
  const v = or();
  if (pos < tokens.length) throw new ExprError(`syntax error: unexpected argument ${quoteLocale(tokens[pos], env)}`);
  return v;
}

export async function runExpr(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const args = ctx.argv.slice(1);
  const tokens = args[0] === '--' ? args.slice(1) : args;
  if (tokens.length === 0) {
    ctx.stderr.write("expr: missing operand\nTry 'expr --help' for more information.\n");
    return 2;
  }
  try {
    const v = parse(tokens, ctx.env);
    ctx.stdout.write(`${v}\n`);
    return nul(v) ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    ctx.stderr.write(`expr: ${e.message}\n`);
    return e.status;
  }
}

export const expr = defineCommand('expr', runExpr);
