// sync: flush file system buffers (the simulated file systems have none); operands must exist.

import { defineCommand, type Dialect } from './lib/dialect';
import { vfsError } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

export async function runSync(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  let status = 0;
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    try {
      ctx.sys.fs.open(f, { read: true }).close();
    } catch (e) {
      ctx.stderr.write(`sync: error opening ${quoteaf(f)}: ${vfsError(e).text}\n`);
      status = 1;
    }
  }
  return status;
}

export const sync = defineCommand('sync', runSync);
