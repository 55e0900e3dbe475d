// bc (GNU bc 1.07): arithmetic and comparisons line by line from stdin or files, with `scale`
// truncating divisions — enough for the motd's `echo "0.08 < 2.0" | bc` and quick sums.

import { readAll } from '../core/stream';
import type { Command, CommandContext } from './types';

class BcError extends Error {}

function evaluate(line: string, vars: Map<string, number>): number | null {
  const toks: string[] = line.match(/\d*\.\d+|\d+|[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|!=|&&|\|\||[-+*/%^()<>=!]/g) ?? [];
  let pos = 0;
  const scale = (): number => vars.get('scale') ?? 0;
  const trunc = (v: number): number => {
    const f = 10 ** scale();
    return Math.trunc(v * f) / f;
  };
  const primary = (): number => {
    const t = toks[pos++];
    if (t === undefined) throw new BcError('syntax error');
    if (t === '(') {
      const v = expr();
      if (toks[pos++] !== ')') throw new BcError('syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^[\d.]/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return vars.get(t) ?? 0;
    throw new BcError('syntax error');
  };
  const power = (): number => {
    const b = primary();
    if (toks[pos] === '^') {
      pos++;
      return b ** Math.trunc(power());
    }
    return b;
  };
  const mul = (): number => {
    let v = power();
    while (['*', '/', '%'].includes(toks[pos] ?? '')) {
      const op = toks[pos++];
      const r = power();
      if (op !== '*' && r === 0) throw new BcError('Runtime error (func=(main), adr=5): Divide by zero');
      v = op === '*' ? v * r : op === '/' ? trunc(v / r) : v - trunc(v / r) * r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (toks[pos] === '+' || toks[pos] === '-') v = toks[pos++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const rel = (): number => {
    let v = add();
    while (['<', '>', '<=', '>=', '==', '!='].includes(toks[pos] ?? '')) {
      const op = toks[pos++];
      const r = add();
      v = { '<': v < r, '>': v > r, '<=': v <= r, '>=': v >= r, '==': v === r, '!=': v !== r }[op]! ? 1 : 0;
    }
    return v;
  };
  const expr = (): number => {
    let v = rel();
    while (toks[pos] === '&&' || toks[pos] === '||') {
      const op = toks[pos++];
      const r = rel();
      v = op === '&&' ? (v && r ? 1 : 0) : v || r ? 1 : 0;
    }
    return v;
  };
  if (toks.length >= 2 && /^[A-Za-z_]/.test(toks[0]) && toks[1] === '=') {
    pos = 2;
    vars.set(toks[0], expr());
    if (pos < toks.length) throw new BcError('syntax error');
    return null;
  }
  const v = expr();
  if (pos < toks.length) throw new BcError('syntax error');
  return v;
}

function format(v: number, scale: number): string {
  const text = Number.isInteger(v) ? String(v) : v.toFixed(Math.max(scale, 0)).replace(/^(-?)0\./, '$1.');
  return text;
}

async function runBc(ctx: CommandContext): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  let text = '';
  for (const f of files) {
    try {
      text += ctx.sys.fs.readFile(f);
    } catch {
      ctx.stderr.write(`File ${f} is unavailable.\n`);
      return 1;
    }
  }
  text += await readAll(ctx.stdin);
  const vars = new Map<string, number>();
  for (const [n, raw] of text.split(/[\n;]/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    if (line === 'quit') break;
    try {
      const v = evaluate(line, vars);
      if (v !== null) ctx.stdout.write(`${format(v, vars.get('scale') ?? 0)}\n`);
    } catch (e) {
      if (!(e instanceof BcError)) throw e;
      ctx.stderr.write(e.message.startsWith('Runtime') ? `${e.message}\n` : `(standard_in) ${n + 1}: syntax error\n`);
    }
  }
  return 0;
}

export const bc: Command = { name: 'bc', run: runBc };
