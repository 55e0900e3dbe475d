// touch: open(O_WRONLY|O_CREAT) then utimensat, as coreutils does; -c no create, -d/-t/-r times.

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, progName, vfsError } from './lib/io';
import { quoteaf } from './lib/quote';
import { parseDateSpec } from './lib/datespec';
import type { CommandContext } from './types';
import type { VfsError } from '../vfs';

export async function runTouch(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'touch');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'acd:fmr:t:h',
    long: {
      'no-create': { key: 'c', arg: 'none' },
      date: { key: 'd', arg: 'required' },
      reference: { key: 'r', arg: 'required' },
      'no-dereference': { key: 'h', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length === 0) return usageError(ctx, dialect, prog, 'missing file operand');
  const fs = ctx.sys.fs;
  let when = ctx.sys.now();
  const d = lastValue(p, 'd');
  const t = lastValue(p, 't');
  const ref = lastValue(p, 'r');
  if (d !== undefined) {
    const ns = parseDateSpec(d, ctx.sys.now(), ctx.sys.wall(0).date.getTime());
    if (ns === null) {
      ctx.stderr.write(`${prog}: invalid date format ${quoteaf(d)}\n`);
      return 1;
    }
    when = ns;
  } else if (t !== undefined) {
    const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(t);
    if (!m) {
      ctx.stderr.write(`${prog}: invalid date format ${quoteaf(t)}\n`);
      return 1;
    }
    const epochMs = ctx.sys.wall(0).date.getTime();
    const year = m[1] ? Number(m[1] + m[2]) : 2000 + Number(m[2]);
    const ms = Date.UTC(year, Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
    when = (ms - epochMs) * 1e6;
  } else if (ref !== undefined) {
    try {
      when = fs.stat(ref).mtime;
    } catch (e) {
      ctx.stderr.write(`${prog}: failed to get attributes of ${quoteaf(ref)}: ${vfsError(e).text}\n`);
      return 1;
    }
  }
  const noCreate = has(p, 'c');
  let status = 0;
  for (const f of p.operands) {
    let openErr: VfsError | null = null;
    if (!noCreate) {
      try {
        fs.open(f, { write: true, create: true }).close();
      } catch (e) {
        openErr = vfsError(e);
      }
    }
    try {
      fs.utimes(f, when);
    } catch (e) {
      if (noCreate && errCode(e) === 'ENOENT') continue;
      // The open error explains more than utimensat's (EISDIR aside: directories are touched by utimensat).
      const err = openErr && openErr.code !== 'EISDIR' ? openErr : vfsError(e);
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: ${f}: ${err.text}\n` : `${prog}: cannot touch ${quoteaf(f)}: ${err.text}\n`);
      status = 1;
    }
  }
  return status;
}

export const touch = defineCommand('touch', runTouch);
