// free (procps-ng 3.3.16): Mem and Swap rows in KiB, or -m/-g/-h; a kubeadm node has swap off.

import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { memoryKiB } from './lib/sysstat';
import type { CommandContext } from './types';

/** free -h: binary units with `i`, one decimal below 10 (`1.9Gi`, `450Mi`, `0B`). */
function human(kib: number): string {
  if (kib === 0) return '0B';
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let v = kib;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${Math.round(v)}Ki`;
  return v < 10 ? `${v.toFixed(1)}${units[u]}` : `${Math.round(v)}${units[u]}`;
}

export async function runFree(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'bkmghwtV', long: { human: { key: 'h', arg: 'none' }, mebi: { key: 'm', arg: 'none' }, gibi: { key: 'g', arg: 'none' }, total: { key: 't', arg: 'none' }, version: { key: 'V', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`free: ${p.error}\n\nUsage:\n free [options]\n`);
    return 1;
  }
  if (has(p, 'V')) {
    ctx.stdout.write('free from procps-ng 3.3.16\n');
    return 0;
  }
  const m = memoryKiB(ctx);
  const fmt = (kib: number): string => {
    if (has(p, 'h')) return human(kib);
    if (has(p, 'g')) return String(Math.floor(kib / 1048576));
    if (has(p, 'm')) return String(Math.floor(kib / 1024));
    if (has(p, 'b')) return String(kib * 1024);
    return String(kib);
  };
  if (dialect === 'busybox') {
    ctx.stdout.write(`              total        used        free      shared  buff/cache   available\nMem:  ${[m.total, m.used, m.free, m.shared, m.buffCache, m.available].map((v) => fmt(v).padStart(12)).join('')}\nSwap: ${[0, 0, 0].map((v) => fmt(v).padStart(12)).join('')}\n`);
    return 0;
  }
  let out = '              total        used        free      shared  buff/cache   available\n';
  out += `${'Mem:'.padEnd(7)}${[m.total, m.used, m.free, m.shared, m.buffCache, m.available].map((v) => ` ${fmt(v).padStart(11)}`).join('')}\n`;
  out += `${'Swap:'.padEnd(7)}${[0, 0, 0].map((v) => ` ${fmt(v).padStart(11)}`).join('')}\n`;
  if (has(p, 't')) out += `${'Total:'.padEnd(7)}${[m.total, m.used, m.free].map((v) => ` ${fmt(v).padStart(11)}`).join('')}\n`;
  ctx.stdout.write(out);
  return 0;
}

export const free = defineCommand('free', runFree);
