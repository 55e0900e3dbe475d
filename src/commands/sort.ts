// sort: sort lines in code-point order (C.UTF-8 collation); -n -h -r -u -f -k -t -o -s -c.

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errText, progName, readInput, splitLines } from './lib/io';
import { quotef, quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

interface KeyFlags {
  numeric: boolean;
  human: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
}

interface Key extends KeyFlags {
  f1: number;
  c1: number;
  f2: number | null;
  c2: number;
}

function parseFlags(s: string, base: KeyFlags): KeyFlags | null {
  const f = { ...base };
  for (const c of s) {
    if (c === 'n') f.numeric = true;
    else if (c === 'h') f.human = true;
    else if (c === 'r') f.reverse = true;
    else if (c === 'f') f.fold = true;
    else if (c === 'b') f.blanks = true;
    else if (!'dgiMRV'.includes(c)) return null;
  }
  return f;
}

function parseKey(spec: string, global: KeyFlags): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec);
  if (!m) return `invalid number at field start: invalid count at start of ${quoteLocale(spec, {})}`;
  if (Number(m[1]) === 0) return `invalid number at field start: invalid count at start of ${quoteLocale(spec, {})}`;
  const own = (m[3] ?? '') + (m[6] ?? '');
  const flags = parseFlags(own, own === '' ? global : { numeric: false, human: false, reverse: false, fold: false, blanks: false });
  if (!flags) return `invalid key ${spec}`;
  return { ...flags, f1: Number(m[1]), c1: m[2] ? Number(m[2]) : 1, f2: m[4] ? Number(m[4]) : null, c2: m[5] ? Number(m[5]) : 0 };
}

/** Fields as sort sees them: with -t split on it; otherwise each field keeps its leading blanks. */
function fieldStarts(line: string, sep: string | null): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (sep !== null) {
    let s = 0;
    for (;;) {
      const i = line.indexOf(sep, s);
      if (i < 0) {
        out.push({ start: s, end: line.length });
        return out;
      }
      out.push({ start: s, end: i });
      s = i + sep.length;
    }
  }
  const re = /[ \t]*[^ \t]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function keyText(line: string, k: Key, sep: string | null): string {
  const fields = fieldStarts(line, sep);
  const f1 = fields[k.f1 - 1];
  if (!f1) return '';
  let from = f1.start;
  if (k.blanks) while (from < f1.end && (line[from] === ' ' || line[from] === '\t')) from++;
  from = Math.min(f1.end, from + k.c1 - 1);
  let to = line.length;
  if (k.f2 !== null) {
    const f2 = fields[k.f2 - 1];
    if (!f2) to = line.length;
    else to = k.c2 === 0 ? f2.end : Math.min(f2.end, f2.start + k.c2);
  }
  return from <= to ? line.slice(from, to) : '';
}

const HUMAN: Record<string, number> = { '': 0, K: 1, k: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

function numericValue(s: string, human: boolean): number {
  const m = /^\s*(-?\d*\.?\d+)([KkMGTPE]?)/.exec(s);
  if (!m) return 0;
  return human ? Number(m[1]) * 1024 ** HUMAN[m[2]] : Number(m[1]);
}

function compareWith(a: string, b: string, f: KeyFlags): number {
  let r: number;
  if (f.numeric || f.human) r = numericValue(a, f.human) - numericValue(b, f.human);
  else {
    const x = f.fold ? a.toUpperCase() : a;
    const y = f.fold ? b.toUpperCase() : b;
    r = x < y ? -1 : x > y ? 1 : 0;
  }
  return f.reverse ? -r : r;
}

export async function runSort(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'sort');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'nhrufbk:t:o:scV',
    long: {
      'numeric-sort': { key: 'n', arg: 'none' },
      'human-numeric-sort': { key: 'h', arg: 'none' },
      reverse: { key: 'r', arg: 'none' },
      unique: { key: 'u', arg: 'none' },
      'ignore-case': { key: 'f', arg: 'none' },
      'ignore-leading-blanks': { key: 'b', arg: 'none' },
      key: { key: 'k', arg: 'required' },
      'field-separator': { key: 't', arg: 'required' },
      output: { key: 'o', arg: 'required' },
      stable: { key: 's', arg: 'none' },
      check: { key: 'c', arg: 'none' },
    },
  });
  const usage = (msg: string): number => usageError(ctx, dialect, prog, msg, 2);
  if (!p.ok) return usage(p.error);
  const global: KeyFlags = { numeric: has(p, 'n'), human: has(p, 'h'), reverse: has(p, 'r'), fold: has(p, 'f'), blanks: has(p, 'b') };
  const sep = lastValue(p, 't') ?? null;
  if (sep !== null && [...sep].length !== 1) {
    ctx.stderr.write(`${prog}: multi-character tab ${quoteLocale(sep, ctx.env)}\n`);
    return 2;
  }
  const keys: Key[] = [];
  for (const o of p.opts) {
    if (o.key !== 'k') continue;
    const k = parseKey(o.value!, global);
    if (typeof k === 'string') return usage(k);
    keys.push(k);
  }
  const lines: string[] = [];
  let status = 0;
  for (const f of p.operands.length === 0 ? ['-'] : p.operands) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: cannot read: ${quotef(f)}: ${text.text}\n`);
      return 2;
    }
    lines.push(...splitLines(text));
  }
  const keyCompare = (a: string, b: string): number => {
    if (keys.length === 0) return compareWith(a, b, global);
    for (const k of keys) {
      const r = compareWith(keyText(a, k, sep), keyText(b, k, sep), k);
      if (r !== 0) return r;
    }
    return 0;
  };
  const unique = has(p, 'u');
  const lastResort = !unique && !has(p, 's');
  const full = (a: string, b: string): number => {
    const r = keyCompare(a, b);
    if (r !== 0 || !lastResort) return r;
    const x = a < b ? -1 : a > b ? 1 : 0;
    return global.reverse ? -x : x;
  };
  if (has(p, 'c')) {
    for (let i = 1; i < lines.length; i++) {
      if (full(lines[i - 1], lines[i]) > 0 || (unique && keyCompare(lines[i - 1], lines[i]) === 0)) {
        ctx.stderr.write(`${prog}: ${p.operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => full(a.l, b.l) || a.i - b.i).map((x) => x.l);
  const out = unique ? sorted.filter((l, i) => i === 0 || keyCompare(sorted[i - 1], l) !== 0) : sorted;
  const text = out.map((l) => `${l}\n`).join('');
  const outFile = lastValue(p, 'o');
  if (outFile !== undefined) {
    try {
      ctx.sys.fs.writeFile(outFile, text);
    } catch (e) {
      ctx.stderr.write(`${prog}: open failed: ${outFile}: ${errText(e)}\n`);
      status = 2;
    }
  } else ctx.stdout.write(text);
  return status;
}

export const sort = defineCommand('sort', runSort);
