// sleep: pause in simulated time for the sum of its intervals (`sleep 5`, `sleep 1.5m`, `sleep 1d`).

import { tryHelp } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { parseInterval } from './lib/duration';
import { progName } from './lib/io';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

export async function runSleep(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'sleep');
  const args = ctx.argv.slice(1).filter((a, i, all) => !(a === '--' && i === all.indexOf('--')));
  if (args.length === 0) return usageError(ctx, dialect, prog, 'missing operand');
  let total = 0;
  let bad = false;
  for (const a of args) {
    const ns = parseInterval(a);
    if (ns === null) {
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: invalid number '${a}'\n` : `${prog}: invalid time interval ${quoteLocale(a, ctx.env)}\n`);
      bad = true;
    } else total += ns;
  }
  if (bad) {
    if (dialect === 'gnu') ctx.stderr.write(tryHelp(prog));
    return 1;
  }
  // An infinite sleep is a very long one; it still ends on Ctrl-C.
  const ok = await ctx.sys.sleep(Number.isFinite(total) ? total : Number.MAX_SAFE_INTEGER, ctx.signal);
  return ok ? 0 : 130;
}

export const sleep = defineCommand('sleep', runSleep);
