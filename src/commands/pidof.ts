// pidof: pids of processes running a program (by name or executable basename), newest first.

import { defineCommand } from './lib/dialect';
import type { CommandContext } from './types';

export async function runPidof(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const single = args.includes('-s');
  const omit = new Set<number>();
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s' || args[i] === '-x' || args[i] === '-q') continue;
    if (args[i] === '-o') {
      for (const o of (args[++i] ?? '').split(',')) omit.add(o === '%PPID' ? ctx.process.ppid : Number(o));
      continue;
    }
    names.push(args[i]);
  }
  const base = (s: string): string => s.slice(s.lastIndexOf('/') + 1);
  const found = ctx.sys
    .processes()
    .filter((p) => !omit.has(p.pid) && p.pid !== ctx.process.pid)
    .filter((p) => names.some((n) => p.comm === base(n) || base(p.argv[0] ?? '') === base(n) || p.argv[0] === n))
    .map((p) => p.pid)
    .sort((a, b) => b - a);
  if (found.length === 0) return 1;
  if (!args.includes('-q')) ctx.stdout.write(`${(single ? found.slice(0, 1) : found).join(' ')}\n`);
  return 0;
}

export const pidof = defineCommand('pidof', runPidof);
