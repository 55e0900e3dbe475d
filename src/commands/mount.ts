// mount (util-linux 2.34): without arguments, the mount table (`source on target type fstype (opts)`).

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import type { CommandContext } from './types';

export async function runMount(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'mount');
  const args = ctx.argv.slice(1).filter((a) => a !== '-l' && a !== '-v');
  const typeFilter = args[0] === '-t' ? args[1] : null;
  if (args.length > 0 && typeFilter === null) {
    if (ctx.process.euid !== 0) {
      ctx.stderr.write(`${prog}: only root can do that\n`);
      return 1;
    }
    const target = args[args.length - 1];
    ctx.stderr.write(`${prog}: ${target}: can't find in /etc/fstab.\n`);
    return 1;
  }
  for (const m of ctx.sys.fs.mounts()) {
    if (typeFilter && m.fstype !== typeFilter) continue;
    const opts = `${m.readOnly ? 'ro' : 'rw'},relatime`;
    ctx.stdout.write(`${m.source} on ${m.target} type ${m.fstype} (${opts})\n`);
  }
  return 0;
}

export const mount = defineCommand('mount', runMount);
