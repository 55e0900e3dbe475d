// uptime (procps-ng 3.3.16): ` 18:03:14 up 3 min,  1 user,  load average: 0.08, 0.03, 0.01`; -p, -s.

import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { loadAverages, loggedInUsers, uptimeSeconds } from './lib/sysstat';
import { strftime } from './lib/timefmt';
import type { CommandContext } from './types';

const p2 = (n: number): string => String(n).padStart(2, '0');

export function uptimeLine(ctx: CommandContext): string {
  const now = ctx.sys.wall().date;
  const secs = uptimeSeconds(ctx);
  const days = Math.floor(secs / 86400);
  const hours = Math.floor(secs / 3600) % 24;
  const mins = Math.floor(secs / 60) % 60;
  let s = ` ${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}:${p2(now.getUTCSeconds())} up `;
  if (days) s += `${days} day${days !== 1 ? 's' : ''}, `;
  s += hours ? `${String(hours).padStart(2)}:${p2(mins)}, ` : `${mins} min, `;
  const procs = ctx.sys.processes();
  const users = loggedInUsers(procs);
  const [a, b, c] = loadAverages(procs);
  return `${s}${String(users).padStart(2)} user${users === 1 ? '' : 's'},  load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}`;
}

function pretty(secs: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [[604800, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
  let rest = secs;
  for (const [n, name] of units) {
    const v = Math.floor(rest / n);
    rest -= v * n;
    if (v > 0) parts.push(`${v} ${name}${v === 1 ? '' : 's'}`);
  }
  return `up ${parts.length ? parts.join(', ') : '0 minutes'}`;
}

export async function runUptime(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'psVh', long: { pretty: { key: 'p', arg: 'none' }, since: { key: 's', arg: 'none' }, version: { key: 'V', arg: 'none' }, help: { key: 'h', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`uptime: ${p.error}\n${dialect === 'gnu' ? '\nUsage:\n uptime [options]\n' : ''}`);
    return 1;
  }
  if (has(p, 'V')) {
    ctx.stdout.write('uptime from procps-ng 3.3.16\n');
    return 0;
  }
  if (has(p, 'p')) ctx.stdout.write(`${pretty(uptimeSeconds(ctx))}\n`);
  else if (has(p, 's')) ctx.stdout.write(`${strftime('%Y-%m-%d %H:%M:%S', ctx.sys.wall(ctx.sys.now() - uptimeSeconds(ctx) * 1e9))}\n`);
  else ctx.stdout.write(`${uptimeLine(ctx)}\n`);
  return 0;
}

export const uptime = defineCommand('uptime', runUptime);
