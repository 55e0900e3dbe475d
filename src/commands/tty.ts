// tty: the terminal on standard input (`/dev/pts/0`), or `not a tty` with exit 1.

import { has, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import type { CommandContext } from './types';

export async function runTty(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 's', long: { silent: { key: 's', arg: 'none' }, quiet: { key: 's', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`tty: ${p.error}\n${dialect === 'gnu' ? tryHelp('tty') : ''}`);
    return 2;
  }
  if (p.operands.length > 0 && dialect === 'gnu') {
    ctx.stderr.write(`tty: extra operand '${p.operands[0]}'\n${tryHelp('tty')}`);
    return 2;
  }
  const tty = ctx.stdin.isTTY ? ctx.process.tty : null;
  if (!has(p, 's')) ctx.stdout.write(tty ? `${tty.startsWith('/') ? tty : `/dev/${tty}`}\n` : 'not a tty\n');
  return tty ? 0 : 1;
}

export const tty = defineCommand('tty', runTty);
