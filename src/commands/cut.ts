// cut: select fields (-d -f, -s), characters (-c) or bytes (-b) from each line.

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, readInput, splitLines } from './lib/io';
import { quotef } from './lib/quote';
import type { CommandContext } from './types';

type Range = [number, number];

function parseList(list: string, what: 'fields' | 'positions'): Range[] | string {
  const out: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && m[2] === '') || (m[1] === '' && m[2] === '-' && m[3] === '' && part !== '-')) {
      return `invalid ${what === 'fields' ? 'field' : 'byte/character position'} value ${quotef(part)}`;
    }
    if (part === '-') return 'invalid range with no endpoint: -';
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0 || hi === 0) return what === 'fields' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    out.push([lo, hi]);
  }
  return out;
}

const selected = (ranges: Range[], i: number, complement: boolean): boolean => ranges.some(([a, b]) => i >= a && i <= b) !== complement;

export async function runCut(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'cut');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'b:c:d:f:sn',
    long: {
      bytes: { key: 'b', arg: 'required' },
      characters: { key: 'c', arg: 'required' },
      delimiter: { key: 'd', arg: 'required' },
      fields: { key: 'f', arg: 'required' },
      'only-delimited': { key: 's', arg: 'none' },
      complement: { key: 'complement', arg: 'none' },
      'output-delimiter': { key: 'od', arg: 'required' },
    },
  });
  const usage = (msg: string): number => usageError(ctx, dialect, prog, msg);
  if (!p.ok) return usage(p.error);
  const fieldList = lastValue(p, 'f');
  const charList = lastValue(p, 'c') ?? lastValue(p, 'b');
  if ((fieldList !== undefined ? 1 : 0) + (charList !== undefined ? 1 : 0) > 1) return usage('only one type of list may be specified');
  if (fieldList === undefined && charList === undefined) return usage('you must specify a list of bytes, characters, or fields');
  const delim = lastValue(p, 'd') ?? '\t';
  if ([...delim].length !== 1) return usage('the delimiter must be a single character');
  if (fieldList === undefined && has(p, 'd')) return usage('an input delimiter may be specified only when operating on fields');
  const ranges = parseList(fieldList ?? charList!, fieldList !== undefined ? 'fields' : 'positions');
  if (typeof ranges === 'string') return usage(ranges);
  const complement = has(p, 'complement');
  const outDelim = lastValue(p, 'od') ?? (fieldList !== undefined ? delim : '');
  const cutLine = (line: string): string | null => {
    if (fieldList === undefined) {
      const chars = [...line];
      return chars.filter((_, i) => selected(ranges, i + 1, complement)).join('');
    }
    if (!line.includes(delim)) return has(p, 's') ? null : line;
    return line
      .split(delim)
      .filter((_, i) => selected(ranges, i + 1, complement))
      .join(outDelim);
  };
  let status = 0;
  for (const f of p.operands.length === 0 ? ['-'] : p.operands) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: ${quotef(f)}: ${text.text}\n`);
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      const r = cutLine(line);
      if (r !== null) ctx.stdout.write(`${r}\n`);
    }
  }
  return status;
}

export const cut = defineCommand('cut', runCut);
