// dkms (2.8.1): `dkms status` from /var/lib/dkms (Falco's driver on the worker); changes need root.

import { nodeInfo } from './lib/node-info';
import type { Command, CommandContext } from './types';

async function runDkms(ctx: CommandContext): Promise<number> {
  const [verb] = ctx.argv.slice(1);
  if (verb === '--version' || verb === '-V') {
    ctx.stdout.write('dkms-2.8.1\n');
    return 0;
  }
  if (verb === undefined) {
    ctx.stderr.write('Error! No action was specified.\n');
    return 1;
  }
  if (verb !== 'status') {
    if (ctx.process.euid !== 0) {
      ctx.stderr.write('Error! You must be root to use this command.\n');
      return 1;
    }
    ctx.stderr.write(`Error! Unknown action specified: ${verb}\n`);
    return 1;
  }
  const fs = ctx.sys.fs;
  let modules: string[] = [];
  try {
    modules = fs.readdir('/var/lib/dkms').filter((m) => !m.startsWith('.') && m !== 'dkms_dbversion').sort();
  } catch {
    modules = [];
  }
  const kernel = nodeInfo(ctx).kernelRelease;
  for (const m of modules) {
    let versions: string[] = [];
    try {
      versions = fs.readdir(`/var/lib/dkms/${m}`).filter((v) => v !== 'kernel' && !v.startsWith('kernel-')).sort();
    } catch {
      versions = [];
    }
    for (const v of versions) ctx.stdout.write(`${m}, ${v}, ${kernel}, x86_64: installed\n`);
  }
  return 0;
}

export const dkms: Command = { name: 'dkms', run: runDkms };
