// cp: copy files (-r/-R recursive, -p preserve, -a archive, -n no-clobber, -v, -L/-P symlink handling).

import type { Stat } from '../vfs';
import { has, lastValue, parseArgs } from './lib/args';
import { Copier, planTargets } from './lib/copy';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errText, progName } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

export async function runCp(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'cp');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'rRpafinvdLPHT',
    long: {
      recursive: { key: 'r', arg: 'none' },
      archive: { key: 'a', arg: 'none' },
      force: { key: 'f', arg: 'none' },
      interactive: { key: 'i', arg: 'none' },
      'no-clobber': { key: 'n', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
      dereference: { key: 'L', arg: 'none' },
      'no-dereference': { key: 'P', arg: 'none' },
      preserve: { key: 'preserve', arg: 'optional' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const archive = has(p, 'a');
  const recursive = archive || has(p, 'r') || has(p, 'R');
  const preserveArg = lastValue(p, 'preserve');
  const preserveAll = archive || has(p, 'p') || (has(p, 'preserve') && (preserveArg === undefined || preserveArg === 'all'));
  let noDereference = recursive;
  for (const o of p.opts) {
    if (o.key === 'L') noDereference = false;
    if (o.key === 'P' || o.key === 'd' || o.key === 'a') noDereference = true;
  }
  const plan = planTargets(ctx, p.operands);
  if ('error' in plan) return usageError(ctx, dialect, prog, plan.error);
  const copier = new Copier(
    ctx,
    {
      recursive,
      noDereference,
      preserveMode: preserveAll,
      preserveOwner: preserveAll,
      preserveTimes: preserveAll,
      noClobber: has(p, 'n'),
      verbose: has(p, 'v'),
    },
    prog,
    dialect,
  );
  for (const [src, dst] of plan.pairs) {
    let st: Stat;
    try {
      st = noDereference ? ctx.sys.fs.lstat(src) : ctx.sys.fs.stat(src);
    } catch (e) {
      copier.error(dialect === 'busybox' ? `can't stat '${src}': ${errText(e)}` : `cannot stat ${quoteaf(src)}: ${errText(e)}`);
      continue;
    }
    copier.copy(src, dst, st);
  }
  return copier.ok ? 0 : 1;
}

export const cp = defineCommand('cp', runCp);
