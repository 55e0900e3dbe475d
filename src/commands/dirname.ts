// dirname: strip the last component of each name.

import { defineCommand } from './lib/dialect';
import { tryHelp } from './lib/args';
import type { CommandContext } from './types';

export function dirOf(name: string): string {
  const s = name.replace(/\/+$/, '');
  if (s === '') return name.startsWith('/') ? '/' : '.';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  const d = s.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

export async function runDirname(ctx: CommandContext): Promise<number> {
  const names = ctx.argv.slice(1).filter((a) => a !== '--');
  if (names.length === 0) {
    ctx.stderr.write(`dirname: missing operand\n${tryHelp('dirname')}`);
    return 1;
  }
  for (const n of names) ctx.stdout.write(`${dirOf(n)}\n`);
  return 0;
}

export const dirname = defineCommand('dirname', runDirname);
