// mkdir: make directories (-p parents, -m mode, -v); the "cannot create directory" message uses locale quotes.

import { dirname, resolvePath } from '../vfs';
import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, errText, progName } from './lib/io';
import { applyChmodMode } from './lib/mode';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

export async function runMkdir(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'mkdir');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'pm:v',
    long: { parents: { key: 'p', arg: 'none' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length === 0) return usageError(ctx, dialect, prog, 'missing operand');
  const q = (s: string): string => (dialect === 'busybox' ? `'${s}'` : quoteLocale(s, ctx.env));
  const fail = (path: string, e: unknown): void => {
    const verb = dialect === 'busybox' ? "can't create directory" : 'cannot create directory';
    ctx.stderr.write(`${prog}: ${verb} ${q(path)}: ${errText(e)}\n`);
  };
  const modeArg = lastValue(p, 'm');
  let mode: number | null = null;
  if (modeArg !== undefined) {
    mode = applyChmodMode(modeArg, 0o777, true, 0);
    if (mode === null) {
      ctx.stderr.write(`${prog}: invalid mode ${q(modeArg)}\n`);
      return 1;
    }
  }
  const parents = has(p, 'p');
  const verbose = has(p, 'v');
  const fs = ctx.sys.fs;
  let status = 0;
  const made = (path: string): void => {
    if (verbose) ctx.stdout.write(`${prog}: created directory ${q(path)}\n`);
  };
  for (const dir of p.operands) {
    if (parents) {
      // Create each missing ancestor in turn, as mkancesdirs does; an existing directory is fine.
      const abs = resolvePath(ctx.cwd, dir);
      const chain: string[] = [];
      for (let d = dir.replace(/\/+$/, '') || '/'; d !== '.' && d !== '/' && !fs.exists(d); d = dirname(d)) chain.unshift(d);
      let ok = true;
      for (const d of chain) {
        try {
          fs.mkdir(d, d === chain[chain.length - 1] && mode !== null ? mode : 0o777);
          made(d);
        } catch (e) {
          if (errCode(e) === 'EEXIST' && fs.stat(d).type === 'dir') continue;
          fail(d, e);
          ok = false;
          break;
        }
      }
      if (ok && chain.length === 0 && fs.exists(abs) && fs.stat(abs).type !== 'dir') {
        ctx.stderr.write(`${prog}: cannot create directory ${q(dir)}: File exists\n`);
        ok = false;
      }
      if (ok && mode !== null && chain.length > 0) fs.chmod(chain[chain.length - 1], mode);
      if (!ok) status = 1;
      continue;
    }
    try {
      fs.mkdir(dir, mode ?? 0o777);
      // -m is applied exactly, not filtered by the umask.
      if (mode !== null) fs.chmod(dir, mode);
      made(dir);
    } catch (e) {
      fail(dir, e);
      status = 1;
    }
  }
  return status;
}

export const mkdir = defineCommand('mkdir', runMkdir);
