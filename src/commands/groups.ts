// groups: the process's group names, or `user : g1 g2` for each user named.

import { parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { quoteLocale } from './lib/quote';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

export async function runGroups(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {});
  if (!p.ok) {
    ctx.stderr.write(`groups: ${p.error}\n${dialect === 'gnu' ? tryHelp('groups') : ''}`);
    return 1;
  }
  const db = UserDb.load(ctx.sys.fs);
  if (p.operands.length === 0) {
    const gids = [ctx.process.egid, ...ctx.process.groups.filter((g) => g !== ctx.process.egid)];
    ctx.stdout.write(`${gids.map((g) => db.groupName(g)).join(' ')}\n`);
    return 0;
  }
  let status = 0;
  for (const name of p.operands) {
    const u = db.userByName(name);
    if (!u) {
      ctx.stderr.write(dialect === 'gnu' ? `groups: ${quoteLocale(name, ctx.env)}: no such user\n` : `groups: unknown user ${name}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`${name} : ${db.groupsOf(u).map((g) => db.groupName(g)).join(' ')}\n`);
  }
  return status;
}

export const groups = defineCommand('groups', runGroups);
