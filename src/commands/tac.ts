// tac: files (or stdin) with their lines in reverse order.

import { parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { readInput } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

export async function runTac(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'bs:r', long: { before: { key: 'b', arg: 'none' }, separator: { key: 's', arg: 'required' }, regex: { key: 'r', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`tac: ${p.error}\n${dialect === 'gnu' ? tryHelp('tac') : ''}`);
    return 1;
  }
  let status = 0;
  for (const f of p.operands.length === 0 ? ['-'] : p.operands) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(dialect === 'gnu' ? `tac: failed to open ${quoteaf(f)} for reading: ${text.text}\n` : `tac: can't open '${f}': ${text.text}\n`);
      status = 1;
      continue;
    }
    // Each line keeps its own terminator; an unterminated last line is printed first, unterminated.
    const parts = text.split(/(?<=\n)/).filter((x) => x !== '');
    ctx.stdout.write(parts.reverse().join(''));
  }
  return status;
}

export const tac = defineCommand('tac', runTac);
