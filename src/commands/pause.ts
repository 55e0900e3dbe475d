// pause (the Kubernetes pause image's /pause 3.9): hold the pod's namespaces, reap children, and exit
// on SIGINT or SIGTERM with psignal's `Shutting down, got signal: Terminated`.

import { ownPid } from './lib/node-info';
import type { Command, CommandContext } from './types';

async function runPause(ctx: CommandContext): Promise<number> {
  const arg = ctx.argv[1]?.toLowerCase();
  if (arg === '-v') {
    ctx.stdout.write('pause.c v3.9\n');
    return 0;
  }
  if (ctx.resumed === undefined && ownPid(ctx) !== 1) ctx.stderr.write('Warning: pause should be the first process\n');
  ctx.persist(null);
  const sig = await new Promise<number>((resolve) => {
    ctx.trap(2, () => (resolve(2), true));
    ctx.trap(15, () => (resolve(15), true));
    if (ctx.signal.aborted) resolve(9);
    ctx.signal.addEventListener('abort', () => resolve(9), { once: true });
  });
  if (sig === 9) return 137;
  ctx.stderr.write(`Shutting down, got signal: ${sig === 2 ? 'Interrupt' : 'Terminated'}\n`);
  return 0;
}

export const pause: Command = { name: 'pause', run: runPause };
