// landscape-sysinfo (Ubuntu motd): load, disk, memory, swap, processes, users and IPv4 addresses in two
// columns — the second starts at offset 34 and values align after each column's longest label.

import { loadAverages, loggedInUsers, memoryKiB } from './lib/sysstat';
import { nodeInfo } from './lib/node-info';
import type { Command, CommandContext } from './types';

function columns(left: [string, string][], right: [string, string][]): string {
  const lw = Math.max(...left.map(([l]) => l.length)) + 1;
  const rw = Math.max(...right.map(([l]) => l.length)) + 1;
  const rows = Math.max(left.length, right.length);
  let out = '';
  for (let i = 0; i < rows; i++) {
    const l = left[i] ? `${left[i][0].padEnd(lw)}${left[i][1]}` : '';
    const r = right[i] ? `${right[i][0].padEnd(rw)}${right[i][1]}` : '';
    out += `  ${r ? `${l.padEnd(29)}   ${r}` : l}\n`;
  }
  return out;
}

async function runLandscapeSysinfo(ctx: CommandContext): Promise<number> {
  const procs = ctx.sys.processes();
  const mem = memoryKiB(ctx);
  const info = nodeInfo(ctx);
  const left: [string, string][] = [
    ['System load:', String(loadAverages(procs)[0])],
    ['Usage of /:', `${(6 + (info.hostname.length % 3) / 10).toFixed(1)}% of 38.70GB`],
    ['Memory usage:', `${Math.round((mem.used / mem.total) * 100)}%`],
    ['Swap usage:', '0%'],
  ];
  const right: [string, string][] = [
    ['Processes:', String(procs.length)],
    ['Users logged in:', String(loggedInUsers(procs))],
  ];
  for (const i of info.interfaces) {
    const v4 = i.addresses.find((a) => /^\d+\.\d+\.\d+\.\d+\//.test(a));
    if (i.name !== 'lo' && v4) right.push([`IPv4 address for ${i.name}:`, v4.split('/')[0]]);
  }
  ctx.stdout.write(columns(left, right));
  return 0;
}

export const landscapeSysinfo: Command = { name: 'landscape-sysinfo', run: runLandscapeSysinfo };
