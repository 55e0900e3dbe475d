// hostname: the process's host name (the node's, or the pod's inside a container).

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';

export const hostname = defineCommand('hostname', async (ctx) => {
  const prog = progName(ctx, 'hostname');
  const args = ctx.argv.slice(1).filter((a) => a.startsWith('-'));
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length > 0) {
    if (ctx.process.euid !== 0) {
      ctx.stderr.write(`${prog}: you must be root to change the host name\n`);
      return 1;
    }
    ctx.stderr.write(`${prog}: ${names[0]}: Operation not permitted\n`);
    return 1;
  }
  const h = ctx.process.hostname;
  ctx.stdout.write(`${args.includes('-s') || args.includes('--short') ? h.split('.')[0] : h}\n`);
  return 0;
});
