// wc: line, word, character and byte counts, padded as coreutils' compute_number_width does.

import { readAll } from '../core/stream';
import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, vfsError } from './lib/io';
import { quotef } from './lib/quote';
import { byteLength } from '../vfs';
import type { CommandContext } from './types';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

function count(text: string): Counts {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  const words = text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== '').length;
  const maxLine = Math.max(0, ...text.split('\n').map((l) => [...l.replace(/\t/g, '        ')].length));
  return { lines, words, chars: [...text].length, bytes: byteLength(text), maxLine };
}

export async function runWc(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'wc');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'lwcmL',
    long: {
      lines: { key: 'l', arg: 'none' },
      words: { key: 'w', arg: 'none' },
      bytes: { key: 'c', arg: 'none' },
      chars: { key: 'm', arg: 'none' },
      'max-line-length': { key: 'L', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  let show = { l: has(p, 'l'), w: has(p, 'w'), m: has(p, 'm'), c: has(p, 'c'), L: has(p, 'L') };
  if (!Object.values(show).some(Boolean)) show = { l: true, w: true, m: false, c: true, L: false };
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  const rows: { name: string | null; c: Counts }[] = [];
  let status = 0;
  let regularTotal = 0;
  let minWidth = 1;
  for (const f of files) {
    if (f === '-') {
      rows.push({ name: p.operands.length === 0 ? null : '-', c: count(await readAll(ctx.stdin)) });
      minWidth = 7;
      continue;
    }
    try {
      const st = ctx.sys.fs.stat(f);
      if (st.type !== 'file') minWidth = 7;
      const text = ctx.sys.fs.readFile(f);
      regularTotal += st.type === 'file' ? st.size : 0;
      rows.push({ name: f, c: count(text) });
    } catch (e) {
      const err = vfsError(e);
      ctx.stderr.write(`${prog}: ${quotef(f)}: ${err.text}\n`);
      status = 1;
      if (err.code === 'EISDIR') rows.push({ name: f, c: { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 } });
    }
  }
  const nShown = Object.values(show).filter(Boolean).length;
  let width = String(regularTotal).length;
  if (width < minWidth) width = minWidth;
  if (nShown === 1 && files.length === 1) width = 1;
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  for (const r of rows) {
    total.lines += r.c.lines;
    total.words += r.c.words;
    total.chars += r.c.chars;
    total.bytes += r.c.bytes;
    total.maxLine = Math.max(total.maxLine, r.c.maxLine);
  }
  if (files.length > 1) rows.push({ name: 'total', c: total });
  for (const r of rows) {
    const nums: number[] = [];
    if (show.l) nums.push(r.c.lines);
    if (show.w) nums.push(r.c.words);
    if (show.m) nums.push(r.c.chars);
    if (show.c) nums.push(r.c.bytes);
    if (show.L) nums.push(r.c.maxLine);
    const line = nums.map((n) => String(n).padStart(width)).join(' ');
    ctx.stdout.write(r.name === null ? `${line}\n` : `${line} ${r.name}\n`);
  }
  return status;
}

export const wc = defineCommand('wc', runWc);
