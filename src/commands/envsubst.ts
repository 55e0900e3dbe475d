// envsubst (GNU gettext 0.21): replace $VAR and ${VAR} in stdin with environment values; a SHELL-FORMAT
// argument limits which variables are replaced (the nginx image's 20-envsubst script passes one).

import { readAll } from '../core/stream';
import type { Command, CommandContext } from './types';

async function runEnvsubst(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args[0] === '--version' || args[0] === '-V') {
    ctx.stdout.write('envsubst (GNU gettext-runtime) 0.21\n');
    return 0;
  }
  const listOnly = args[0] === '-v' || args[0] === '--variables';
  const format = args.filter((a) => !a.startsWith('-'))[0];
  const allowed = format === undefined ? null : new Set([...format.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]));
  if (listOnly) {
    if (allowed) ctx.stdout.write([...allowed].map((v) => `${v}\n`).join(''));
    return 0;
  }
  const text = await readAll(ctx.stdin);
  ctx.stdout.write(
    text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (m, a?: string, b?: string) => {
      const name = (a ?? b)!;
      if (allowed && !allowed.has(name)) return m;
      return ctx.env[name] ?? '';
    }),
  );
  return 0;
}

export const envsubst: Command = { name: 'envsubst', run: runEnvsubst };
