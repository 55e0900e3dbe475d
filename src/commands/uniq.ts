// uniq: collapse adjacent equal lines; -c counts, -d only repeated, -u only unique, -i ignore case.

import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errText, progName, readInput, splitLines } from './lib/io';
import { quotef } from './lib/quote';
import type { CommandContext } from './types';

export async function runUniq(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'uniq');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'cdui',
    long: {
      count: { key: 'c', arg: 'none' },
      repeated: { key: 'd', arg: 'none' },
      unique: { key: 'u', arg: 'none' },
      'ignore-case': { key: 'i', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const [input = '-', output] = p.operands;
  const text = await readInput(ctx, input);
  if (typeof text !== 'string') {
    ctx.stderr.write(`${prog}: ${quotef(input)}: ${text.text}\n`);
    return 1;
  }
  const norm = (s: string): string => (has(p, 'i') ? s.toLowerCase() : s);
  let out = '';
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && norm(lines[j]) === norm(lines[i])) j++;
    const n = j - i;
    if ((!has(p, 'd') || n > 1) && (!has(p, 'u') || n === 1)) out += has(p, 'c') ? `${String(n).padStart(7)} ${lines[i]}\n` : `${lines[i]}\n`;
    i = j;
  }
  if (output !== undefined) {
    try {
      ctx.sys.fs.writeFile(output, out);
    } catch (e) {
      ctx.stderr.write(`${prog}: ${quotef(output)}: ${errText(e)}\n`);
      return 1;
    }
  } else ctx.stdout.write(out);
  return 0;
}

export const uniq = defineCommand('uniq', runUniq);
