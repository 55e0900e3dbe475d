// less / more: no pager in the simulation — print the files like cat, with each tool's error wording.

import { readAll } from '../core/stream';
import { defineCommand } from './lib/dialect';
import { errText, progName } from './lib/io';
import type { CommandContext } from './types';

export async function runPager(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'less');
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (files.length === 0) {
    if (ctx.stdin.isTTY) {
      ctx.stderr.write(prog === 'more' ? 'Usage: more [options] <file>...\n' : 'Missing filename ("less --help" for help)\n');
      return 1;
    }
    ctx.stdout.write(await readAll(ctx.stdin));
    return 0;
  }
  let status = 0;
  for (const [i, f] of files.entries()) {
    let text: string;
    try {
      if (ctx.sys.fs.stat(f).type === 'dir') {
        ctx.stderr.write(prog === 'more' ? `\n*** ${f}: directory ***\n\n` : `${f} is a directory\n`);
        status = 1;
        continue;
      }
      text = ctx.sys.fs.readFile(f);
    } catch (e) {
      ctx.stderr.write(prog === 'more' ? `more: cannot open ${f}: ${errText(e)}\n` : `${f}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    if (files.length > 1 && prog === 'more') ctx.stdout.write(`${i > 0 ? '\n' : ''}::::::::::::::\n${f}\n::::::::::::::\n`);
    ctx.stdout.write(text);
  }
  return status;
}

export const less = defineCommand('less', runPager);
export const more = defineCommand('more', runPager);
