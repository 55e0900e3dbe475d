// whoami: the name of the effective user.

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import { UserDb } from './lib/users';

export const whoami = defineCommand('whoami', async (ctx) => {
  const prog = progName(ctx, 'whoami');
  const u = UserDb.load(ctx.sys.fs).userByUid(ctx.process.euid);
  if (!u) {
    ctx.stderr.write(`${prog}: cannot find name for user ID ${ctx.process.euid}\n`);
    return 1;
  }
  ctx.stdout.write(`${u.name}\n`);
  return 0;
});
