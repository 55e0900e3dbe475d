// yes: the operands (or `y`) forever, in chunks, until the reader goes away (SIGPIPE) or Ctrl-C.

import { defineCommand, type Dialect } from './lib/dialect';
import type { CommandContext } from './types';

/** Let the reader run and signals arrive between chunks (a pipe never blocks in the simulation). */
const yieldToOthers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function runYes(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args[0] === '--help') {
    ctx.stdout.write('Usage: yes [STRING]...\n  or:  yes OPTION\nRepeatedly output a line with all specified STRING(s), or \'y\'.\n\n      --help     display this help and exit\n      --version  output version information and exit\n');
    return 0;
  }
  const line = `${(args[0] === '--' ? args.slice(1) : args).join(' ') || 'y'}\n`;
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  while (!ctx.signal.aborted) {
    ctx.stdout.write(chunk);
    await yieldToOthers();
  }
  return 130;
}

export const yes = defineCommand('yes', runYes);
