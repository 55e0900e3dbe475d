// tee: copy stdin to stdout and to files (opened once, O_TRUNC or -a O_APPEND), chunk by chunk.

import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, vfsError } from './lib/io';
import { quotef } from './lib/quote';
import type { CommandContext, FileHandle } from './types';

export async function runTee(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'tee');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'ai',
    long: { append: { key: 'a', arg: 'none' }, 'ignore-interrupts': { key: 'i', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const append = has(p, 'a');
  let status = 0;
  const outs: FileHandle[] = [];
  for (const f of p.operands) {
    try {
      outs.push(ctx.sys.fs.open(f, append ? { write: true, create: true, append: true } : { write: true, create: true, trunc: true }));
    } catch (e) {
      const text = vfsError(e).text;
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: can't open '${f}': ${text}\n` : `${prog}: ${quotef(f)}: ${text}\n`);
      status = 1;
    }
  }
  for (;;) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    ctx.stdout.write(chunk);
    for (const h of outs) h.write(chunk);
  }
  for (const h of outs) h.close();
  return status;
}

export const tee = defineCommand('tee', runTee);
