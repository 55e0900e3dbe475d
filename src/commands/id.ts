// id: real and effective user and group ids and the supplementary groups, or those of a named user.

import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName } from './lib/io';
import { quoteLocale } from './lib/quote';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

export async function runId(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'id');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'ugGnrz',
    long: { user: { key: 'u', arg: 'none' }, group: { key: 'g', arg: 'none' }, groups: { key: 'G', arg: 'none' }, name: { key: 'n', arg: 'none' }, real: { key: 'r', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const db = UserDb.load(ctx.sys.fs);
  let uid = has(p, 'r') ? ctx.process.uid : ctx.process.euid;
  let gid = has(p, 'r') ? ctx.process.gid : ctx.process.egid;
  let ruid = ctx.process.uid;
  let rgid = ctx.process.gid;
  let groups = ctx.process.groups;
  if (p.operands.length > 0) {
    const name = p.operands[0];
    const u = db.userByName(name) ?? (/^\d+$/.test(name) ? db.userByUid(Number(name)) : undefined);
    if (!u) {
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: unknown user ${name}\n` : `${prog}: ${quoteLocale(name, ctx.env)}: no such user\n`);
      return 1;
    }
    uid = ruid = u.uid;
    gid = rgid = u.gid;
    groups = db.groupsOf(u);
  }
  const userText = (id: number): string => (db.userByUid(id) ? `${id}(${db.userName(id)})` : String(id));
  const groupText = (id: number): string => (db.groupByGid(id) ? `${id}(${db.groupName(id)})` : String(id));
  const name = has(p, 'n');
  if (has(p, 'u')) {
    ctx.stdout.write(`${name ? db.userName(uid) : uid}\n`);
    return 0;
  }
  if (has(p, 'g')) {
    ctx.stdout.write(`${name ? db.groupName(gid) : gid}\n`);
    return 0;
  }
  // The real gid first, the effective one if different, then the rest in getgroups order.
  const list = [rgid, ...(gid !== rgid ? [gid] : []), ...groups.filter((g) => g !== rgid && g !== gid)];
  if (has(p, 'G')) {
    ctx.stdout.write(`${list.map((g) => (name ? db.groupName(g) : String(g))).join(' ')}\n`);
    return 0;
  }
  let out = `uid=${userText(ruid)} gid=${groupText(rgid)}`;
  if (uid !== ruid) out += ` euid=${userText(uid)}`;
  if (gid !== rgid) out += ` egid=${groupText(gid)}`;
  out += ` groups=${list.map(groupText).join(',')}`;
  ctx.stdout.write(`${out}\n`);
  return 0;
}

export const id = defineCommand('id', runId);
