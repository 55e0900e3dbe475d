// head: first lines (-n, or all but the last -N) or bytes (-c) of each input, with ==> name <== headers.

import { readAll } from '../core/stream';
import { has, parseArgs } from './lib/args';
import { parseCount } from './lib/counts';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, vfsError } from './lib/io';
import { quoteaf, quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

function firstLines(text: string, n: number, allBut: boolean): string {
  const parts = text.split(/(?<=\n)/);
  if (allBut) return parts.slice(0, Math.max(0, parts.length - n)).join('');
  return parts.slice(0, n).join('');
}

function firstBytes(text: string, n: number, allBut: boolean): string {
  const bytes = new TextEncoder().encode(text);
  const slice = allBut ? bytes.slice(0, Math.max(0, bytes.length - n)) : bytes.slice(0, n);
  return new TextDecoder().decode(slice);
}

export async function runHead(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'head');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'n:c:qv',
    numeric: true,
    long: {
      lines: { key: 'n', arg: 'required' },
      bytes: { key: 'c', arg: 'required' },
      quiet: { key: 'q', arg: 'none' },
      silent: { key: 'q', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  let mode: 'lines' | 'bytes' = 'lines';
  let count = 10;
  let allBut = false;
  for (const o of p.opts) {
    if (o.key !== 'n' && o.key !== 'c' && o.key !== '#') continue;
    const c = parseCount(o.value!);
    if (!c) {
      ctx.stderr.write(`${prog}: invalid number of ${o.key === 'c' ? 'bytes' : 'lines'}: ${quoteLocale(o.value!, ctx.env)}\n`);
      return 1;
    }
    mode = o.key === 'c' ? 'bytes' : 'lines';
    count = c.value;
    allBut = c.sign === '-';
  }
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  const headers = has(p, 'v') || (files.length > 1 && !has(p, 'q'));
  let status = 0;
  let first = true;
  for (const f of files) {
    let text: string;
    if (f === '-') text = await readAll(ctx.stdin);
    else {
      try {
        text = ctx.sys.fs.readFile(f);
      } catch (e) {
        const err = vfsError(e);
        if (err.code === 'EISDIR') {
          if (headers) ctx.stdout.write(`${first ? '' : '\n'}==> ${f} <==\n`);
          first = false;
          ctx.stderr.write(`${prog}: error reading ${quoteaf(f)}: ${err.text}\n`);
        } else if (dialect === 'busybox') ctx.stderr.write(`${prog}: can't open '${f}': ${err.text}\n`);
        else ctx.stderr.write(`${prog}: cannot open ${quoteaf(f)} for reading: ${err.text}\n`);
        status = 1;
        continue;
      }
    }
    if (headers) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    ctx.stdout.write(mode === 'lines' ? firstLines(text, count, allBut) : firstBytes(text, count, allBut));
  }
  return status;
}

export const head = defineCommand('head', runHead);
