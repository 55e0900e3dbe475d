// top (procps-ng 3.3.16): the summary block and the task table; -b -n N prints N frames, interactive
// use redraws every -d seconds until interrupted.

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { memoryKiB } from './lib/sysstat';
import { UserDb } from './lib/users';
import { uptimeLine } from './uptime';
import type { CommandContext } from './types';

function cpuTime(ns: number): string {
  const hundredths = Math.floor(ns / 1e7);
  const m = Math.floor(hundredths / 6000);
  const s = Math.floor((hundredths % 6000) / 100);
  return `${m}:${String(s).padStart(2, '0')}.${String(hundredths % 100).padStart(2, '0')}`;
}

function frame(ctx: CommandContext, limit: number): string {
  const procs = ctx.sys.processes().sort((a, b) => a.pid - b.pid);
  const mem = memoryKiB(ctx);
  const running = procs.filter((p) => p.state === 'R').length;
  const zombie = procs.filter((p) => p.state === 'Z').length;
  const stopped = procs.filter((p) => p.state === 'T').length;
  const mib = (k: number): string => (k / 1024).toFixed(1).padStart(8);
  let out = `top - ${uptimeLine(ctx).trimStart()}\n`;
  out += `Tasks: ${String(procs.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(procs.length - running - zombie - stopped).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped, ${String(zombie).padStart(3)} zombie\n`;
  out += '%Cpu(s):  1.6 us,  1.6 sy,  0.0 ni, 96.8 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\n';
  out += `MiB Mem : ${mib(mem.total)} total, ${mib(mem.free)} free, ${mib(mem.used)} used, ${mib(mem.buffCache)} buff/cache\n`;
  out += `MiB Swap: ${mib(0)} total, ${mib(0)} free, ${mib(0)} used. ${mib(mem.available)} avail Mem \n\n`;
  out += '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n';
  const db = UserDb.load(ctx.sys.fs);
  for (const p of procs.slice(0, limit)) {
    const name = db.userName(p.uid);
    const user = name.length > 8 ? `${name.slice(0, 7)}+` : name;
    const shr = Math.floor(p.rss * 0.62);
    out += `${String(p.pid).padStart(7)} ${user.padEnd(8)}  20   0 ${String(p.vsz).padStart(7)} ${String(p.rss).padStart(6)} ${String(shr).padStart(6)} ${p.state} ${'0.0'.padStart(5)} ${((p.rss / mem.total) * 100).toFixed(1).padStart(5)} ${cpuTime(p.cpuTimeNs).padStart(9)} ${p.comm}\n`;
  }
  return out;
}

export async function runTop(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'bn:d:p:u:Hicw::v', long: {} });
  if (!p.ok) {
    ctx.stderr.write(`top: ${p.error}\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`);
    return 1;
  }
  if (has(p, 'v')) {
    ctx.stdout.write('  procps-ng 3.3.16\n');
    return 0;
  }
  const iterations = Number(lastValue(p, 'n') ?? Infinity);
  const delay = Number(lastValue(p, 'd') ?? 3);
  const batch = has(p, 'b') || !ctx.stdout.isTTY;
  if (!batch && !ctx.stdin.isTTY) {
    ctx.stderr.write('top: failed tty get\n');
    return 1;
  }
  const rows = batch ? Infinity : 24 - 7;
  for (let i = 0; i < iterations; i++) {
    ctx.stdout.write(`${batch ? '' : '\x1b[H\x1b[2J'}${frame(ctx, rows)}${batch ? '\n' : ''}`);
    if (i + 1 >= iterations) break;
    if (!(await ctx.sys.sleep(delay * 1e9))) return batch ? 130 : 0;
  }
  return 0;
}

export const top = defineCommand('top', runTop);
