// env: print the environment, or run a program with a modified one (-i, -u NAME, NAME=VALUE).

import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName } from './lib/io';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

export async function runEnv(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'env');
  const args = ctx.argv.slice(1);
  let env: Record<string, string> = { ...ctx.env };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-i' || a === '-' || a === '--ignore-environment') env = {};
    else if (a === '-u' || a === '--unset') delete env[args[++i] ?? ''];
    else if (a.startsWith('-u') && a.length > 2) delete env[a.slice(2)];
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) return usageError(ctx, dialect, prog, `invalid option -- '${a[1]}'`, 125);
    else break;
  }
  for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    env[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  const cmd = args.slice(i);
  if (cmd.length === 0) {
    for (const [k, v] of Object.entries(env)) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  const r = await ctx.sys.spawn(cmd, { env });
  if (r.error === 'ENOENT') {
    ctx.stderr.write(`${prog}: ${quoteLocale(cmd[0], ctx.env)}: No such file or directory\n`);
    return 127;
  }
  if (r.error) {
    ctx.stderr.write(`${prog}: ${quoteLocale(cmd[0], ctx.env)}: Permission denied\n`);
    return 126;
  }
  return r.status;
}

export const env = defineCommand('env', runEnv);
