// nl: number non-empty lines (`%6d\t`), blank lines padded; -b a numbers all lines.

import { defineCommand } from './lib/dialect';
import { progName, readInput, splitLines } from './lib/io';
import type { CommandContext } from './types';

export async function runNl(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'nl');
  const args = ctx.argv.slice(1);
  let all = false;
  let width = 6;
  let sep = '\t';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-ba' || (a === '-b' && args[i + 1] === 'a')) {
      all = true;
      if (a === '-b') i++;
    } else if (a === '-w') width = Number(args[++i]);
    else if (a.startsWith('-w')) width = Number(a.slice(2));
    else if (a === '-s') sep = args[++i] ?? '\t';
    else files.push(a);
  }
  let n = 1;
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: ${f}: ${text.text}\n`);
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      if (line === '' && !all) ctx.stdout.write(`${' '.repeat(width + sep.length)}\n`);
      else ctx.stdout.write(`${String(n++).padStart(width)}${sep}${line}\n`);
    }
  }
  return status;
}

export const nl = defineCommand('nl', runNl);
