// pwd (/usr/bin/pwd): the physical working directory (-P by default; -L prints $PWD).

import { defineCommand } from './lib/dialect';

export const pwd = defineCommand('pwd', async (ctx) => {
  const logical = ctx.argv.includes('-L') && ctx.env.PWD;
  let dir = ctx.cwd;
  if (logical) dir = ctx.env.PWD;
  else {
    try {
      dir = ctx.sys.fs.realpath(ctx.cwd);
    } catch {
      dir = ctx.cwd;
    }
  }
  ctx.stdout.write(`${dir}\n`);
  return 0;
});
