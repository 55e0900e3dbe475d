// chown: change owner and/or group (`user`, `user:group`, `:group`, `user:`), -R recursive.

import { changeEachPath } from './lib/change-tree';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errText, progName } from './lib/io';
import { quoteaf, quoteLocale } from './lib/quote';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

export async function runChown(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'chown');
  const isChgrp = prog === 'chgrp';
  const args = ctx.argv.slice(1);
  const recursive = args.includes('-R') || args.includes('--recursive');
  const verbose = args.includes('-v');
  const rest = args.filter((a) => !['-R', '--recursive', '-v', '-h', '-f', '-c', '--'].includes(a));
  const bad = rest.find((a) => a.startsWith('-') && a.length > 1);
  if (bad) return usageError(ctx, dialect, prog, `invalid option -- '${bad[1]}'`);
  if (rest.length < 2) return usageError(ctx, dialect, prog, rest.length === 0 ? 'missing operand' : `missing operand after ${quoteLocale(rest[0], ctx.env)}`);
  const [spec, ...files] = rest;
  const db = UserDb.load(ctx.sys.fs);
  let uid = -1;
  let gid = -1;
  const [userPart, groupPart] = isChgrp ? ['', spec] : spec.includes(':') ? spec.split(':', 2) : spec.includes('.') && !db.userByName(spec) ? spec.split('.', 2) : [spec, undefined];
  if (userPart !== '') {
    const u = db.userByName(userPart);
    if (u) uid = u.uid;
    else if (/^\d+$/.test(userPart)) uid = Number(userPart);
    else {
      ctx.stderr.write(`${prog}: invalid user: ${quoteLocale(spec, ctx.env)}\n`);
      return 1;
    }
    // `user:` means the user's login group.
    if (groupPart === '' && u) gid = u.gid;
  }
  if (groupPart !== undefined && groupPart !== '') {
    const g = db.groupByName(groupPart);
    if (g) gid = g.gid;
    else if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      ctx.stderr.write(isChgrp ? `${prog}: invalid group: ${quoteLocale(groupPart, ctx.env)}\n` : `${prog}: invalid group: ${quoteLocale(spec, ctx.env)}\n`);
      return 1;
    }
  }
  const fs = ctx.sys.fs;
  return changeEachPath(ctx, prog, files, recursive, (path) => {
    try {
      fs.chown(path, uid, gid);
      if (verbose) ctx.stdout.write(`changed ownership of ${quoteaf(path)} to ${spec}\n`);
      return true;
    } catch (e) {
      ctx.stderr.write(isChgrp ? `${prog}: changing group of ${quoteaf(path)}: ${errText(e)}\n` : `${prog}: changing ownership of ${quoteaf(path)}: ${errText(e)}\n`);
      return false;
    }
  });
}

export const chown = defineCommand('chown', runChown);
export const chgrp = defineCommand('chgrp', runChown);
