// dd: copy if= to of= in bs-sized blocks (skip/seek/count), reporting records and bytes on stderr.

import { readAll } from '../core/stream';
import { defineCommand, type Dialect } from './lib/dialect';
import { vfsError } from './lib/io';
import { quoteLocale, quoteaf } from './lib/quote';
import type { CommandContext } from './types';

const SUFFIX: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, kB: 1000, K: 1024, KiB: 1024, MB: 1e6, M: 1048576, MiB: 1048576, GB: 1e9, G: 1073741824, GiB: 1073741824 };

function parseSize(v: string): number | null {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(v);
  if (!m || !(m[2] in SUFFIX)) return null;
  return Number(m[1]) * SUFFIX[m[2]];
}

function human(n: number, base: number): string {
  const units = base === 1000 ? ['kB', 'MB', 'GB', 'TB'] : ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / base;
  let u = 0;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)} ${units[u]}` : `${Math.ceil(v)} ${units[u]}`;
}

export async function runDd(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const ops: Record<string, string> = {};
  for (const a of ctx.argv.slice(1)) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (eq < 0 || !['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'status', 'conv', 'iflag', 'oflag'].includes(key)) {
      ctx.stderr.write(`dd: unrecognized operand ${quoteLocale(a, ctx.env)}\nTry 'dd --help' for more information.\n`);
      return 1;
    }
    ops[key] = a.slice(eq + 1);
  }
  const num = (k: string, def: number): number | null => (ops[k] === undefined ? def : parseSize(ops[k]));
  const bs = num('bs', num('ibs', 512) ?? 512);
  const count = ops.count === undefined ? Infinity : parseSize(ops.count);
  const skip = num('skip', 0);
  const seek = num('seek', 0);
  for (const [k, v] of [['bs', bs], ['count', count], ['skip', skip], ['seek', seek]] as const) {
    if (v === null || v === 0 && k === 'bs') {
      ctx.stderr.write(`dd: invalid number: ${quoteLocale(ops[k], ctx.env)}\n`);
      return 1;
    }
  }
  const blockSize = bs!;
  const fs = ctx.sys.fs;
  let data: string;
  if (ops.if === '/dev/zero' && count !== Infinity) data = '\0'.repeat(blockSize * (count as number));
  else if (ops.if === undefined) data = await readAll(ctx.stdin);
  else {
    try {
      data = fs.readFile(ops.if);
    } catch (e) {
      ctx.stderr.write(dialect === 'gnu' ? `dd: failed to open ${quoteaf(ops.if)}: ${vfsError(e).text}\n` : `dd: can't open '${ops.if}': ${vfsError(e).text}\n`);
      return 1;
    }
  }
  const bytes = new TextEncoder().encode(data);
  const start = (skip as number) * blockSize;
  const end = count === Infinity ? bytes.length : Math.min(bytes.length, start + (count as number) * blockSize);
  const chunk = bytes.slice(Math.min(start, bytes.length), end);
  const out = new TextDecoder().decode(chunk);
  if (ops.of === undefined) ctx.stdout.write(out);
  else {
    try {
      const h = fs.open(ops.of, { write: true, create: true, trunc: !(ops.conv ?? '').includes('notrunc') && seek === 0 }, 0o666);
      h.write(out);
      h.close();
    } catch (e) {
      ctx.stderr.write(dialect === 'gnu' ? `dd: failed to open ${quoteaf(ops.of)}: ${vfsError(e).text}\n` : `dd: can't open '${ops.of}': ${vfsError(e).text}\n`);
      return 1;
    }
  }
  if (ops.status === 'none') return 0;
  const full = Math.floor(chunk.length / blockSize);
  const partial = chunk.length % blockSize ? 1 : 0;
  const secs = 0.000052 + chunk.length / 1.5e9;
  const rate = chunk.length / secs;
  const rateText = rate >= 1e9 ? `${(rate / 1e9).toFixed(1)} GB/s` : rate >= 1e6 ? `${Math.round(rate / 1e6)} MB/s` : `${(rate / 1e3).toFixed(1)} kB/s`;
  let summary = `${full}+${partial} records in\n${full}+${partial} records out\n`;
  if (chunk.length === 1) summary += `1 byte copied, ${secs.toPrecision(3)} s, ${rateText}\n`;
  else if (chunk.length < 1000) summary += `${chunk.length} bytes copied, ${secs.toPrecision(3)} s, ${rateText}\n`;
  else if (chunk.length < 1024) summary += `${chunk.length} bytes (${human(chunk.length, 1000)}) copied, ${secs.toPrecision(3)} s, ${rateText}\n`;
  else summary += `${chunk.length} bytes (${human(chunk.length, 1000)}, ${human(chunk.length, 1024)}) copied, ${secs.toPrecision(3)} s, ${rateText}\n`;
  ctx.stderr.write(summary);
  return 0;
}

export const dd = defineCommand('dd', runDd);
