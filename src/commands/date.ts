// date: print the simulated time (locale format from LANG), +FORMAT, -u, -d STRING, -R, -I[TIMESPEC].

import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { parseArgs, lastValue, has } from './lib/args';
import { parseDateSpec } from './lib/datespec';
import { errText, progName } from './lib/io';
import { quoteLocale } from './lib/quote';
import { dateDefault, strftime } from './lib/timefmt';
import type { CommandContext } from './types';

export async function runDate(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'date');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'd:uRI::r:s:',
    long: {
      date: { key: 'd', arg: 'required' },
      utc: { key: 'u', arg: 'none' },
      universal: { key: 'u', arg: 'none' },
      'rfc-email': { key: 'R', arg: 'none' },
      'rfc-2822': { key: 'R', arg: 'none' },
      'iso-8601': { key: 'I', arg: 'optional' },
      'rfc-3339': { key: 'rfc3339', arg: 'required' },
      reference: { key: 'r', arg: 'required' },
      set: { key: 's', arg: 'required' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  let t = ctx.sys.now();
  const d = lastValue(p, 'd');
  if (d !== undefined) {
    const ns = parseDateSpec(d, t, ctx.sys.wall(0).date.getTime());
    if (ns === null) {
      ctx.stderr.write(`${prog}: invalid date ${quoteLocale(d, ctx.env)}\n`);
      return 1;
    }
    t = ns;
  }
  const ref = lastValue(p, 'r');
  if (ref !== undefined) {
    try {
      t = ctx.sys.fs.stat(ref).mtime;
    } catch (e) {
      ctx.stderr.write(`${prog}: ${ref}: ${errText(e)}\n`);
      return 1;
    }
  }
  if (has(p, 's')) {
    ctx.stderr.write(`${prog}: cannot set date: Operation not permitted\n`);
    return 1;
  }
  const w = ctx.sys.wall(t);
  const fmt = p.operands.find((o) => o.startsWith('+'));
  const extra = p.operands.find((o) => !o.startsWith('+'));
  if (extra !== undefined) {
    ctx.stderr.write(`${prog}: invalid date ${quoteLocale(extra, ctx.env)}\n`);
    return 1;
  }
  let out: string;
  if (fmt !== undefined) out = strftime(fmt.slice(1), w);
  else if (has(p, 'R')) out = strftime('%a, %d %b %Y %H:%M:%S +0000', w);
  else if (has(p, 'I')) {
    const spec = lastValue(p, 'I') ?? 'date';
    if (spec === 'date') out = strftime('%Y-%m-%d', w);
    else if (spec === 'hours') out = strftime('%Y-%m-%dT%H+00:00', w);
    else if (spec === 'minutes') out = strftime('%Y-%m-%dT%H:%M+00:00', w);
    else if (spec === 'seconds') out = strftime('%Y-%m-%dT%H:%M:%S+00:00', w);
    else if (spec === 'ns') out = strftime('%Y-%m-%dT%H:%M:%S,%N+00:00', w);
    else {
      ctx.stderr.write(`${prog}: invalid argument ${quoteLocale(spec, ctx.env)} for '--iso-8601'\n`);
      return 1;
    }
  } else if (lastValue(p, 'rfc3339') !== undefined) {
    const spec = lastValue(p, 'rfc3339');
    out = strftime(spec === 'date' ? '%Y-%m-%d' : spec === 'ns' ? '%Y-%m-%d %H:%M:%S.%N+00:00' : '%Y-%m-%d %H:%M:%S+00:00', w);
  } else out = dialect === 'busybox' ? strftime('%a %b %e %H:%M:%S %Z %Y', w) : dateDefault(w, ctx.env);
  ctx.stdout.write(`${out}\n`);
  return 0;
}

export const date = defineCommand('date', runDate);
