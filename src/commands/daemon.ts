// Long-running system daemons whose work the simulation does elsewhere (containerd, sshd, cron…):
// the process exists, logs its start-up line, and runs until it is signalled.

import type { Command } from './types';

/** `threads`: the real daemon's usual thread count (Go programs and rsyslogd run several; ps shows `Ssl`). */
export function daemon(name: string, startup: (ctx: Parameters<Command['run']>[0]) => string[] = () => [], threads = 1): Command {
  return {
    name,
    threads,
    async run(ctx) {
      if (ctx.resumed === undefined) for (const line of startup(ctx)) ctx.stdout.write(`${line}\n`);
      ctx.persist(null);
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return 0;
    },
  };
}

export const daemons: Command[] = [
  daemon('containerd', (ctx) => [
    `time="${new Date(ctx.sys.wall().date).toISOString().replace(/\.\d+Z$/, '')}.000000000Z" level=info msg="starting containerd" revision=1c90a442489720eec95342e1789ee8a5e1b9536f version=1.6.15`,
    `time="${new Date(ctx.sys.wall().date).toISOString().replace(/\.\d+Z$/, '')}.000000000Z" level=info msg="containerd successfully booted in 0.052135s"`,
  ], 12),
  daemon('sshd', () => ['Server listening on 0.0.0.0 port 22.', 'Server listening on :: port 22.']),
  daemon('systemd-journald'),
  daemon('rsyslogd', () => [], 4),
  daemon('cron', () => ['(CRON) INFO (pidfile fd = 3)', '(CRON) INFO (Running @reboot jobs)']),
];
