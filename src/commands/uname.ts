// uname: kernel facts of the node (a container shares its node's kernel); Ubuntu's build fills -p and -i.

import { has, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName } from './lib/io';
import type { CommandContext } from './types';

export const KERNEL_RELEASE = '5.4.0-137-generic';
export const KERNEL_VERSION = '#154-Ubuntu SMP Thu Jan 5 17:03:22 UTC 2023';

function isUbuntu(ctx: CommandContext): boolean {
  try {
    return /^ID=ubuntu$/m.test(ctx.sys.fs.readFile('/etc/os-release'));
  } catch {
    return false;
  }
}

export async function runUname(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'uname');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'asnrvmpio',
    long: {
      all: { key: 'a', arg: 'none' },
      'kernel-name': { key: 's', arg: 'none' },
      nodename: { key: 'n', arg: 'none' },
      'kernel-release': { key: 'r', arg: 'none' },
      'kernel-version': { key: 'v', arg: 'none' },
      machine: { key: 'm', arg: 'none' },
      processor: { key: 'p', arg: 'none' },
      'hardware-platform': { key: 'i', arg: 'none' },
      'operating-system': { key: 'o', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length > 0) {
    ctx.stderr.write(`${prog}: extra operand '${p.operands[0]}'\n${tryHelp(prog)}`);
    return 1;
  }
  // Debian's coreutils reports "unknown" for -p/-i, and -a leaves unknown fields out.
  const known = dialect === 'gnu' && isUbuntu(ctx);
  const all = has(p, 'a');
  const fields: string[] = [];
  const want = (k: string): boolean => all || has(p, k);
  if (want('s') || p.opts.length === 0) fields.push('Linux');
  if (want('n')) fields.push(ctx.process.hostname);
  if (want('r')) fields.push(KERNEL_RELEASE);
  if (want('v')) fields.push(KERNEL_VERSION);
  if (want('m')) fields.push('x86_64');
  if (has(p, 'p') || (all && known)) fields.push(known ? 'x86_64' : 'unknown');
  if (has(p, 'i') || (all && known)) fields.push(known ? 'x86_64' : 'unknown');
  if (want('o')) fields.push(dialect === 'busybox' ? 'Linux' : 'GNU/Linux');
  ctx.stdout.write(`${fields.join(' ')}\n`);
  return 0;
}

export const uname = defineCommand('uname', runUname);
