// realpath: canonical absolute paths; -e every component must exist, -m none need to, -s no symlinks.

import { has, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { vfsError } from './lib/io';
import { resolvePath, dirname, basename, joinPath } from '../vfs';
import type { CommandContext } from './types';

export async function runRealpath(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'emsqz', long: { 'canonicalize-existing': { key: 'e', arg: 'none' }, 'canonicalize-missing': { key: 'm', arg: 'none' }, 'no-symlinks': { key: 's', arg: 'none' }, strip: { key: 's', arg: 'none' }, quiet: { key: 'q', arg: 'none' }, zero: { key: 'z', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`realpath: ${p.error}\n${dialect === 'gnu' ? tryHelp('realpath') : ''}`);
    return 1;
  }
  if (p.operands.length === 0) {
    ctx.stderr.write(`realpath: missing operand\n${tryHelp('realpath')}`);
    return 1;
  }
  const fs = ctx.sys.fs;
  const end = has(p, 'z') ? '\0' : '\n';
  let status = 0;
  for (const f of p.operands) {
    if (has(p, 's') || has(p, 'm')) {
      const abs = resolvePath(ctx.cwd, f);
      if (has(p, 's')) {
        ctx.stdout.write(`${abs}${end}`);
        continue;
      }
    }
    try {
      ctx.stdout.write(`${fs.realpath(f)}${end}`);
    } catch (e) {
      const err = vfsError(e);
      // Without -e the last component may be missing (its directory must exist).
      if (!has(p, 'e') && (err.code === 'ENOENT' || has(p, 'm'))) {
        try {
          const parent = has(p, 'm') ? resolvePath(ctx.cwd, dirname(resolvePath(ctx.cwd, f))) : fs.realpath(dirname(resolvePath(ctx.cwd, f)));
          ctx.stdout.write(`${joinPath(parent, basename(resolvePath(ctx.cwd, f)))}${end}`);
          continue;
        } catch {
          // the directory is missing as well: report the original error
        }
      }
      if (!has(p, 'q')) ctx.stderr.write(`realpath: ${f}: ${err.text}\n`);
      status = 1;
    }
  }
  return status;
}

export const realpath = defineCommand('realpath', runRealpath);
