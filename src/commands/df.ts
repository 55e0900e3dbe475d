// df (coreutils): one line per mounted file system. Sizes are nominal because the process's file view
// exposes no block counts: a 38.7G root disk (about 6% used, as the login banner says) and RAM-sized tmpfs.

import { defineCommand } from './lib/dialect';
import { humanSize } from './lib/human';
import { errText, progName } from './lib/io';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

const ROOT_KIB = 40_593_612;
const ROOT_USED_KIB = 2_412_856;
const TMPFS_KIB = 1_006_500;

export async function runDf(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'df');
  const args = ctx.argv.slice(1);
  const human = args.some((a) => /^-[a-zA-Z]*h/.test(a));
  const showType = args.some((a) => /^-[a-zA-Z]*T/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  let mounts = ctx.sys.fs.mounts();
  let status = 0;
  if (paths.length > 0) {
    const picked: typeof mounts = [];
    for (const p of paths) {
      try {
        picked.push(ctx.sys.fs.mountOf(p));
      } catch (e) {
        ctx.stderr.write(`${prog}: ${quoteaf(p)}: ${errText(e)}\n`);
        status = 1;
      }
    }
    mounts = picked;
  }
  const rows = mounts
    .filter((m) => m.fstype !== 'proc' && m.fstype !== 'sysfs')
    .map((m) => {
      const size = m.fstype === 'tmpfs' || m.fstype === 'devtmpfs' ? TMPFS_KIB : ROOT_KIB;
      const used = m.fstype === 'tmpfs' || m.fstype === 'devtmpfs' ? 0 : ROOT_USED_KIB;
      const avail = Math.max(0, Math.floor(size * 0.95) - used);
      const pct = `${Math.ceil((used * 100) / (used + avail || 1))}%`;
      const f = (k: number): string => (human ? humanSize(k * 1024) : String(k));
      return [m.source, ...(showType ? [m.fstype] : []), f(size), f(used), f(avail), pct, m.target];
    });
  const head = ['Filesystem', ...(showType ? ['Type'] : []), human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const table = [head, ...rows];
  // df.c's minimum field widths: Filesystem 14, Type 4, the numbers 5, Use% 4.
  const minWidths = [14, ...(showType ? [4] : []), 5, 5, 5, 4, 0];
  const widths = head.map((_, i) => Math.max(minWidths[i], ...table.map((r) => r[i].length)));
  const leftCols = showType ? 2 : 1;
  for (const r of table) {
    const cells = r.map((c, i) => (i === r.length - 1 ? c : i < leftCols ? c.padEnd(widths[i]) : c.padStart(widths[i])));
    ctx.stdout.write(`${cells.join(' ')}\n`);
  }
  return status;
}

export const df = defineCommand('df', runDf);
