// du: disk usage in 1K blocks (4K per directory and per started 4K of file data); -s, -h, -a, -c, -d.

import { has, lastValue, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { humanSize } from './lib/human';
import { vfsError } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

interface Walk {
  ctx: CommandContext;
  all: boolean;
  maxDepth: number;
  human: boolean;
  ok: boolean;
  dialect: Dialect;
  seen: Set<string>;
}

function show(w: Walk, kib: number, path: string): void {
  w.ctx.stdout.write(`${w.human ? humanSize(kib * 1024) : kib}\t${path}\n`);
}

function usage(w: Walk, path: string, depth: number): number {
  const fs = w.ctx.sys.fs;
  let st;
  try {
    st = fs.lstat(path);
  } catch (e) {
    w.ctx.stderr.write(w.dialect === 'gnu' ? `du: cannot access ${quoteaf(path)}: ${vfsError(e).text}\n` : `du: ${path}: ${vfsError(e).text}\n`);
    w.ok = false;
    return 0;
  }
  // Hard links count once, as du does.
  const key = `${st.fsId}:${st.ino}`;
  if (w.seen.has(key)) return 0;
  w.seen.add(key);
  if (st.type !== 'dir') {
    const kib = Math.ceil(st.size / 4096) * 4;
    if (w.all && depth <= w.maxDepth) show(w, kib, path);
    return kib;
  }
  let total = 4;
  let names: string[] = [];
  try {
    names = fs.readdir(path);
  } catch (e) {
    w.ctx.stderr.write(w.dialect === 'gnu' ? `du: cannot read directory ${quoteaf(path)}: ${vfsError(e).text}\n` : `du: can't open '${path}': ${vfsError(e).text}\n`);
    w.ok = false;
  }
  for (const n of names.sort()) total += usage(w, path.endsWith('/') ? `${path}${n}` : `${path}/${n}`, depth + 1);
  if (depth <= w.maxDepth) show(w, total, path);
  return total;
}

export async function runDu(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'achksd:x',
    long: { all: { key: 'a', arg: 'none' }, total: { key: 'c', arg: 'none' }, 'human-readable': { key: 'h', arg: 'none' }, summarize: { key: 's', arg: 'none' }, 'max-depth': { key: 'd', arg: 'required' } },
  });
  if (!p.ok) {
    ctx.stderr.write(`du: ${p.error}\n${dialect === 'gnu' ? tryHelp('du') : ''}`);
    return 1;
  }
  const d = lastValue(p, 'd');
  if (has(p, 's') && has(p, 'a')) {
    ctx.stderr.write(`du: cannot both summarize and show all entries\n${tryHelp('du')}`);
    return 1;
  }
  const w: Walk = { ctx, all: has(p, 'a'), maxDepth: has(p, 's') ? 0 : d !== undefined ? Number(d) : Infinity, human: has(p, 'h'), ok: true, dialect, seen: new Set() };
  let grand = 0;
  for (const path of p.operands.length === 0 ? ['.'] : p.operands) grand += usage(w, path, 0);
  if (has(p, 'c')) show(w, grand, 'total');
  return w.ok ? 0 : 1;
}

export const du = defineCommand('du', runDu);
