// hostname: the process's host name (the node's, or the pod's inside a container); -s, -f, -i, -I.

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import { nodeInfo } from './lib/node-info';
import type { CommandContext } from './types';

/** `hostname -i`: the name's addresses from /etc/hosts, as the resolver would return them. */
function addressesOf(ctx: CommandContext, name: string): string[] {
  try {
    const hits: string[] = [];
    for (const line of ctx.sys.fs.readFile('/etc/hosts').split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length > 1 && f.slice(1).includes(name)) hits.push(f[0]);
    }
    return hits;
  } catch {
    return [];
  }
}

export async function runHostname(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'hostname');
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-'));
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length > 0) {
    ctx.stderr.write(ctx.process.euid !== 0 ? `${prog}: you must be root to change the host name\n` : `${prog}: ${names[0]}: Operation not permitted\n`);
    return 1;
  }
  const h = ctx.process.hostname;
  if (flags.includes('-I') || flags.includes('--all-ip-addresses')) {
    const info = nodeInfo(ctx);
    const ips = ctx.process.containerId === null ? info.interfaces.filter((i) => i.name !== 'lo').flatMap((i) => i.addresses.filter((a) => !a.includes(':')).map((a) => a.split('/')[0])) : [];
    ctx.stdout.write(`${ips.join(' ')} \n`);
    return 0;
  }
  if (flags.includes('-i') || flags.includes('--ip-address')) {
    const ips = addressesOf(ctx, h);
    if (ips.length === 0) {
      ctx.stderr.write(`${prog}: Name or service not known\n`);
      return 1;
    }
    ctx.stdout.write(`${ips.join(' ')}\n`);
    return 0;
  }
  ctx.stdout.write(`${flags.includes('-s') || flags.includes('--short') ? h.split('.')[0] : h}\n`);
  return 0;
}

export const hostname = defineCommand('hostname', runHostname);
