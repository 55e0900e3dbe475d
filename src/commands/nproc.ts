// nproc: processing units available (the VM's CPUs).

import { has, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { nodeInfo } from './lib/node-info';
import type { CommandContext } from './types';

export async function runNproc(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { long: { all: { key: 'all', arg: 'none' }, ignore: { key: 'ignore', arg: 'required' } } });
  if (!p.ok) {
    ctx.stderr.write(`nproc: ${p.error}\n${dialect === 'gnu' ? tryHelp('nproc') : ''}`);
    return 1;
  }
  if (p.operands.length > 0) {
    ctx.stderr.write(`nproc: extra operand '${p.operands[0]}'\n${tryHelp('nproc')}`);
    return 1;
  }
  const ignore = Number(p.opts.find((o) => o.key === 'ignore')?.value ?? 0) || 0;
  const n = nodeInfo(ctx).cpus;
  ctx.stdout.write(`${has(p, 'all') ? n : Math.max(1, n - ignore)}\n`);
  return 0;
}

export const nproc = defineCommand('nproc', runNproc);
