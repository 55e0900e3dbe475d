// chmod: change mode bits (octal or symbolic), -R recursive, -v/-c verbose.

import { changeEachPath } from './lib/change-tree';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errText, progName } from './lib/io';
import { applyChmodMode, modeString } from './lib/mode';
import { quoteaf, quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

export async function runChmod(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'chmod');
  const args = ctx.argv.slice(1);
  let recursive = false;
  let verbose = false;
  let changes = false;
  const rest: string[] = [];
  let endOpts = false;
  for (const a of args) {
    // `-w`, `-x`, `-r` are modes, not options, as chmod's own parser allows.
    if (!endOpts && a === '--') endOpts = true;
    else if (!endOpts && (a === '-R' || a === '--recursive')) recursive = true;
    else if (!endOpts && (a === '-v' || a === '--verbose')) verbose = true;
    else if (!endOpts && (a === '-c' || a === '--changes')) changes = true;
    else if (!endOpts && (a === '-f' || a === '--silent' || a === '--quiet')) continue;
    else if (!endOpts && /^-[A-Za-z]$/.test(a) && !/^-[rwxXst]+$/.test(a)) return usageError(ctx, dialect, prog, `invalid option -- '${a[1]}'`);
    else rest.push(a);
  }
  if (rest.length === 0) return usageError(ctx, dialect, prog, 'missing operand');
  if (rest.length === 1) return usageError(ctx, dialect, prog, `missing operand after ${quoteLocale(rest[0], ctx.env)}`);
  const [modeArg, ...files] = rest;
  if (applyChmodMode(modeArg, 0, false) === null) return usageError(ctx, dialect, prog, `invalid mode: ${quoteLocale(modeArg, ctx.env)}`);
  const fs = ctx.sys.fs;
  return changeEachPath(ctx, prog, files, recursive, (path, st) => {
    const mode = applyChmodMode(modeArg, st.mode, st.type === 'dir')!;
    try {
      fs.chmod(path, mode);
      const old = `${(st.mode & 0o7777).toString(8).padStart(4, '0')} (${modeString(st.type, st.mode).slice(1)})`;
      const now = `${mode.toString(8).padStart(4, '0')} (${modeString(st.type, mode).slice(1)})`;
      if (verbose || (changes && mode !== (st.mode & 0o7777))) {
        ctx.stdout.write(mode === (st.mode & 0o7777) ? `mode of ${quoteaf(path)} retained as ${old}\n` : `mode of ${quoteaf(path)} changed from ${old} to ${now}\n`);
      }
      return true;
    } catch (e) {
      ctx.stderr.write(`${prog}: changing permissions of ${quoteaf(path)}: ${errText(e)}\n`);
      return false;
    }
  });
}

export const chmod = defineCommand('chmod', runChmod);
