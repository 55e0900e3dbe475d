// mv: rename(2); across file systems (EXDEV) copy everything, then remove the source, as coreutils does.

import { joinPath, resolvePath, type Stat } from '../vfs';
import { has, parseArgs } from './lib/args';
import { Copier, existingTarget, planTargets, sameFile } from './lib/copy';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, errText, progName, vfsError } from './lib/io';
import { askYes } from './lib/prompt';
import { quoteaf } from './lib/quote';
import type { CommandContext, ProcessFs } from './types';

function removeTree(fs: ProcessFs, path: string): void {
  const st = fs.lstat(path);
  if (st.type === 'dir') {
    for (const n of fs.readdir(path)) removeTree(fs, joinPath(path, n));
    fs.rmdir(path);
  } else fs.unlink(path);
}

export async function runMv(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'mv');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'finvT',
    long: {
      force: { key: 'f', arg: 'none' },
      interactive: { key: 'i', arg: 'none' },
      'no-clobber': { key: 'n', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const plan = planTargets(ctx, p.operands);
  if ('error' in plan) return usageError(ctx, dialect, prog, plan.error);
  let interactive = false;
  for (const o of p.opts) {
    if (o.key === 'i') interactive = true;
    if (o.key === 'f') interactive = false;
  }
  const fs = ctx.sys.fs;
  let status = 0;
  const fail = (msg: string): void => {
    ctx.stderr.write(`${prog}: ${msg}\n`);
    status = 1;
  };
  for (const [src, dst] of plan.pairs) {
    let st: Stat;
    try {
      st = fs.lstat(src);
    } catch (e) {
      fail(dialect === 'busybox' ? `can't stat '${src}': ${errText(e)}` : `cannot stat ${quoteaf(src)}: ${errText(e)}`);
      continue;
    }
    const dstSt = existingTarget(fs, dst);
    if (dstSt && sameFile(dstSt, st)) {
      fail(`${quoteaf(src)} and ${quoteaf(dst)} are the same file`);
      continue;
    }
    if (dstSt && has(p, 'n')) continue;
    if (dstSt && interactive && !(await askYes(ctx, `${prog}: overwrite ${quoteaf(dst)}? `))) continue;
    if (st.type === 'dir' && resolvePath(ctx.cwd, dst).startsWith(`${resolvePath(ctx.cwd, src)}/`)) {
      fail(`cannot move ${quoteaf(src)} to a subdirectory of itself, ${quoteaf(dst)}`);
      continue;
    }
    try {
      fs.rename(src, dst);
    } catch (e) {
      const code = errCode(e);
      if (code === 'EXDEV') {
        const copier = new Copier(
          ctx,
          { recursive: true, noDereference: true, preserveMode: true, preserveOwner: true, preserveTimes: true, noClobber: false, verbose: false },
          prog,
          dialect,
        );
        if (dstSt && dstSt.type !== 'dir' && st.type !== 'dir') {
          try {
            fs.unlink(dst);
          } catch (err) {
            fail(`cannot remove ${quoteaf(dst)}: ${errText(err)}`);
            continue;
          }
        }
        copier.copy(src, dst, st);
        if (!copier.ok) {
          status = 1;
          continue;
        }
        try {
          removeTree(fs, src);
        } catch (err) {
          fail(`cannot remove ${quoteaf(src)}: ${vfsError(err).text}`);
          continue;
        }
      } else if (dialect === 'busybox') {
        fail(`can't rename '${src}': ${errText(e)}`);
        continue;
      } else if (code === 'EISDIR') {
        fail(`cannot overwrite directory ${quoteaf(dst)} with non-directory`);
        continue;
      } else if (code === 'ENOTDIR' && st.type === 'dir' && dstSt && dstSt.type !== 'dir') {
        fail(`cannot overwrite non-directory ${quoteaf(dst)} with directory ${quoteaf(src)}`);
        continue;
      } else {
        fail(`cannot move ${quoteaf(src)} to ${quoteaf(dst)}: ${errText(e)}`);
        continue;
      }
    }
    if (has(p, 'v')) ctx.stdout.write(`renamed ${quoteaf(src)} -> ${quoteaf(dst)}\n`);
  }
  return status;
}

export const mv = defineCommand('mv', runMv);
