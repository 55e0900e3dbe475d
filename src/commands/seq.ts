// seq: numbers from FIRST by INCREMENT to LAST; -s separator, -w equal width, -f printf format.

import { has, lastValue, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

const decimals = (s: string): number => (/\.(\d*)/.exec(s)?.[1].length ?? 0);

export async function runSeq(ctx: CommandContext, dialect: Dialect): Promise<number> {
  // Negative numbers are operands, not options: options end at the first numeric or plain word.
  const args = ctx.argv.slice(1);
  let firstNum = 0;
  while (firstNum < args.length && args[firstNum].startsWith('-') && !/^-\d*\.?\d/.test(args[firstNum])) {
    if (args[firstNum] === '--') break;
    if (/^-[sf]$/.test(args[firstNum]) || /^--(separator|format)$/.test(args[firstNum])) firstNum++;
    firstNum++;
  }
  const optPart = args.slice(0, firstNum);
  const p = parseArgs(optPart, { short: 's:wf:', long: { separator: { key: 's', arg: 'required' }, 'equal-width': { key: 'w', arg: 'none' }, format: { key: 'f', arg: 'required' } } });
  if (!p.ok) {
    ctx.stderr.write(`seq: ${p.error}\n${dialect === 'gnu' ? tryHelp('seq') : ''}`);
    return 1;
  }
  const ops = [...p.operands, ...args.slice(firstNum).filter((a, i) => !(i === 0 && a === '--'))];
  if (ops.length === 0 || ops.length > 3) {
    ctx.stderr.write(ops.length === 0 ? `seq: missing operand\n${tryHelp('seq')}` : `seq: extra operand ${quoteLocale(ops[3], ctx.env)}\n${tryHelp('seq')}`);
    return 1;
  }
  for (const o of ops) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(o)) {
      ctx.stderr.write(dialect === 'gnu' ? `seq: invalid floating point argument: ${quoteLocale(o, ctx.env)}\n${tryHelp('seq')}` : `seq: invalid number '${o}'\n`);
      return 1;
    }
  }
  const [first, step, last] = ops.length === 1 ? ['1', '1', ops[0]] : ops.length === 2 ? [ops[0], '1', ops[1]] : ops;
  if (Number(step) === 0) {
    ctx.stderr.write(`seq: invalid Zero increment value: ${quoteLocale(step, ctx.env)}\n${tryHelp('seq')}`);
    return 1;
  }
  const prec = Math.max(decimals(first), decimals(step));
  const sep = (lastValue(p, 's') ?? '\n').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const fmt = lastValue(p, 'f');
  const a = Number(first);
  const d = Number(step);
  const b = Number(last);
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const v = a + i * d;
    if (d > 0 ? v > b + 1e-9 : v < b - 1e-9) break;
    let text = v.toFixed(prec);
    if (fmt !== undefined) text = fmt.replace(/%(\.\d+)?[gfe]/, (m, pr?: string) => (m.endsWith('g') && !pr ? String(Number(v.toPrecision(6))) : v.toFixed(pr ? Number(pr.slice(1)) : 6)));
    values.push(text);
    if (i > 10_000_000) break;
    if (i % 10000 === 0 && ctx.signal.aborted) return 130;
  }
  if (has(p, 'w')) {
    const width = Math.max(...values.map((v) => v.replace('-', '').length));
    for (let i = 0; i < values.length; i++) values[i] = values[i].startsWith('-') ? `-${values[i].slice(1).padStart(width - 1, '0')}` : values[i].padStart(width, '0');
  }
  if (values.length > 0) ctx.stdout.write(`${values.join(sep)}\n`);
  return 0;
}

export const seq = defineCommand('seq', runSeq);
