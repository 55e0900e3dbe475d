// rmdir: remove empty directories; -p removes the named ancestors too.

import { dirname } from '../vfs';
import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, errText, progName } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

export async function runRmdir(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'rmdir');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'pv',
    long: {
      parents: { key: 'p', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
      'ignore-fail-on-non-empty': { key: 'ignore', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length === 0) return usageError(ctx, dialect, prog, 'missing operand');
  let status = 0;
  const one = (d: string): boolean => {
    try {
      ctx.sys.fs.rmdir(d);
      if (has(p, 'v')) ctx.stdout.write(`${prog}: removing directory, ${quoteaf(d)}\n`);
      return true;
    } catch (e) {
      if (has(p, 'ignore') && errCode(e) === 'ENOTEMPTY') return false;
      ctx.stderr.write(
        dialect === 'busybox' ? `${prog}: '${d}': ${errText(e)}\n` : `${prog}: failed to remove ${quoteaf(d)}: ${errText(e)}\n`,
      );
      status = 1;
      return false;
    }
  };
  for (const d of p.operands) {
    if (!one(d) || !has(p, 'p')) continue;
    for (let up = dirname(d.replace(/\/+$/, '')); up !== '.' && up !== '/'; up = dirname(up)) if (!one(up)) break;
  }
  return status;
}

export const rmdir = defineCommand('rmdir', runRmdir);
