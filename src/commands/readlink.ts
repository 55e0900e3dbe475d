// readlink: a symlink's target, or with -f/-e/-m the canonical path.

import { basename, dirname, joinPath } from '../vfs';
import { defineCommand } from './lib/dialect';
import { errText } from './lib/io';
import type { CommandContext } from './types';

export async function runReadlink(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  const names = args.filter((a) => !a.startsWith('-') || a === '-');
  const canon = flags.some((f) => /[fem]/.test(f) || f === '--canonicalize');
  const must = flags.some((f) => f.includes('e'));
  const noNl = flags.some((f) => /^-[a-z]*n/.test(f));
  const verbose = flags.some((f) => f.includes('v'));
  if (names.length === 0) {
    ctx.stderr.write(`readlink: missing operand\nTry 'readlink --help' for more information.\n`);
    return 1;
  }
  const fs = ctx.sys.fs;
  let status = 0;
  for (const n of names) {
    let out: string | null = null;
    try {
      if (!canon) out = fs.readlink(n);
      else if (must || fs.exists(n)) out = fs.realpath(n);
      else out = joinPath(fs.realpath(dirname(n)), basename(n));
    } catch (e) {
      if (verbose) ctx.stderr.write(`readlink: ${n}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(noNl && names.length === 1 ? out : `${out}\n`);
  }
  return status;
}

export const readlink = defineCommand('readlink', runReadlink);
