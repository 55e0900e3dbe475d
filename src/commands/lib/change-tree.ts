// The walk chmod, chown and chgrp share: each operand, and with -R everything below a directory
// (symlinks met inside are not followed, coreutils' default -P), with coreutils' wording for paths it cannot reach.

import { joinPath, type Stat } from '../../vfs';
import type { CommandContext } from '../types';
import { errText } from './io';
import { quoteaf } from './quote';

/**
 * Calls `change` on every path reached; it reports its own failure on stderr and returns false.
 * Returns the exit status: 1 when any path could not be reached or changed.
 */
export function changeEachPath(
  ctx: CommandContext,
  prog: string,
  operands: string[],
  recursive: boolean,
  change: (path: string, st: Stat) => boolean,
): number {
  const fs = ctx.sys.fs;
  let status = 0;
  const one = (path: string): void => {
    let st: Stat;
    try {
      st = fs.stat(path);
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot access ${quoteaf(path)}: ${errText(e)}\n`);
      status = 1;
      return;
    }
    if (!change(path, st)) status = 1;
    if (recursive && st.type === 'dir') {
      let names: string[] = [];
      try {
        names = fs.readdir(path);
      } catch (e) {
        ctx.stderr.write(`${prog}: cannot read directory ${quoteaf(path)}: ${errText(e)}\n`);
        status = 1;
      }
      for (const n of names) {
        const child = joinPath(path, n);
        if (fs.lstat(child).type !== 'symlink') one(child);
      }
    }
  };
  for (const f of operands) one(f);
  return status;
}
