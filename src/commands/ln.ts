// ln: hard links, or symbolic links with -s; -f replaces, -n treats a symlinked dir destination as a file.

import { basename, joinPath } from '../vfs';
import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, errText, progName } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

export async function runLn(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'ln');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'sfnvTr',
    long: { symbolic: { key: 's', arg: 'none' }, force: { key: 'f', arg: 'none' }, 'no-dereference': { key: 'n', arg: 'none' }, verbose: { key: 'v', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const fs = ctx.sys.fs;
  const ops = p.operands;
  if (ops.length === 0) return usageError(ctx, dialect, prog, 'missing file operand');
  const isDir = (path: string): boolean => {
    try {
      if (has(p, 'n') && fs.lstat(path).type === 'symlink') return false;
      return fs.stat(path).type === 'dir';
    } catch {
      return false;
    }
  };
  let pairs: [string, string][];
  if (ops.length === 1) pairs = [[ops[0], basename(ops[0])]];
  else if (ops.length === 2 && !isDir(ops[1])) pairs = [[ops[0], ops[1]]];
  else {
    const dir = ops[ops.length - 1];
    if (!isDir(dir)) {
      ctx.stderr.write(`${prog}: target ${quoteaf(dir)} is not a directory\n`);
      return 1;
    }
    pairs = ops.slice(0, -1).map((t) => [t, joinPath(dir, basename(t))]);
  }
  const symbolic = has(p, 's');
  let status = 0;
  for (const [target, link] of pairs) {
    if (!symbolic) {
      try {
        fs.lstat(target);
      } catch (e) {
        ctx.stderr.write(`${prog}: failed to access ${quoteaf(target)}: ${errText(e)}\n`);
        status = 1;
        continue;
      }
    }
    const make = (): void => (symbolic ? fs.symlink(target, link) : fs.link(target, link));
    try {
      try {
        make();
      } catch (e) {
        if (!has(p, 'f') || errCode(e) !== 'EEXIST') throw e;
        fs.unlink(link);
        make();
      }
      if (has(p, 'v')) ctx.stdout.write(`${quoteaf(link)} -> ${quoteaf(target)}\n`);
    } catch (e) {
      const what = symbolic ? 'symbolic link' : 'hard link';
      const tail = errCode(e) === 'EEXIST' || symbolic ? '' : ` => ${quoteaf(target)}`;
      ctx.stderr.write(`${prog}: failed to create ${what} ${quoteaf(link)}${tail}: ${errText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const ln = defineCommand('ln', runLn);
