// /usr/bin/printf (coreutils): FORMAT reused until every argument is consumed.

import { defineCommand } from './lib/dialect';
import { tryHelp } from './lib/args';
import { formatPrintf } from './lib/printf-format';
import type { CommandContext } from './types';

export async function runPrintf(ctx: CommandContext): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write(`printf: missing operand\n${tryHelp('printf')}`);
    return 1;
  }
  const r = formatPrintf(args[0], args.slice(1));
  ctx.stdout.write(r.text);
  for (const e of r.errors) ctx.stderr.write(`printf: ${e}\n`);
  return r.errors.length > 0 ? 1 : 0;
}

export const printf = defineCommand('printf', runPrintf);
