// /usr/bin/echo (GNU): -n, -e, -E; options only when every letter is one of n, e, E.

import { COREUTILS_ECHO, decodeEscapes } from '../shell/syntax/escapes';
import { defineCommand } from './lib/dialect';
import type { CommandContext } from './types';

export async function runEcho(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  const text = args.slice(i).join(' ');
  if (escapes) {
    const r = decodeEscapes(text, COREUTILS_ECHO);
    ctx.stdout.write(r.text);
    if (r.stop) return 0;
  } else ctx.stdout.write(text);
  if (newline) ctx.stdout.write('\n');
  return 0;
}

export const echo = defineCommand('echo', runEcho);
