// which (debianutils): print where each name is found on PATH; exit 1 if any is missing; -a lists all.

import { defineCommand } from './lib/dialect';
import { joinPath } from '../vfs';
import type { CommandContext } from './types';

export async function runWhich(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const all = args.includes('-a');
  const names = args.filter((a) => a !== '-a' && a !== '-s');
  if (names.length === 0) return 1;
  const path = ctx.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  let status = 0;
  for (const n of names) {
    const hits: string[] = [];
    const dirs = n.includes('/') ? [''] : path.split(':');
    for (const d of dirs) {
      const p = n.includes('/') ? n : joinPath(d === '' ? '.' : d, n);
      try {
        if (ctx.sys.fs.stat(p).type !== 'file') continue;
        ctx.sys.fs.access(p, 1);
      } catch {
        continue;
      }
      hits.push(p);
      if (!all) break;
    }
    if (hits.length === 0) status = 1;
    for (const h of hits) ctx.stdout.write(`${h}\n`);
  }
  return status;
}

export const which = defineCommand('which', runWhich);
