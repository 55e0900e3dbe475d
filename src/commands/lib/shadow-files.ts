// How shadow-utils (useradd, groupadd, usermod 4.8) change /etc/passwd, /etc/shadow, /etc/group and
// /etc/gshadow: take the `.lock` file, write `file+`, rename it over the original, drop the lock.

import type { CommandContext } from '../types';
import { errCode } from './io';
import type { GroupEntry, PasswdEntry } from './users';

export type Edit = (lines: string[]) => string[];

function lines(ctx: CommandContext, path: string): string[] {
  try {
    return ctx.sys.fs.readFile(path).split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** Apply edits to the databases; false (with shadow's two-line message) when a lock cannot be taken. */
export function editDatabases(ctx: CommandContext, prog: string, edits: Record<string, Edit>): boolean {
  const fs = ctx.sys.fs;
  const locked: string[] = [];
  const release = (): void => {
    for (const l of locked) {
      try {
        fs.unlink(l);
      } catch {
        // the lock vanished already
      }
    }
  };
  for (const path of Object.keys(edits)) {
    try {
      fs.open(`${path}.lock`, { write: true, create: true, excl: true }, 0o600).close();
      locked.push(`${path}.lock`);
    } catch (e) {
      release();
      const code = errCode(e);
      if (code === 'EACCES' || code === 'EPERM') ctx.stderr.write(`${prog}: Permission denied.\n`);
      ctx.stderr.write(`${prog}: cannot lock ${path}; try again later.\n`);
      return false;
    }
  }
  for (const [path, edit] of Object.entries(edits)) {
    const mode = path.includes('shadow') ? 0o640 : 0o644;
    fs.writeFile(`${path}+`, `${edit(lines(ctx, path)).join('\n')}\n`, { mode });
    fs.rename(`${path}+`, path);
  }
  release();
  return true;
}

/** Every line with enough fields; unlike UserDb.load, `#` lines are not skipped. */
export function readAccounts(ctx: CommandContext): { users: PasswdEntry[]; groups: GroupEntry[] } {
  const users = lines(ctx, '/etc/passwd')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 7)
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4], home: f[5], shell: f[6] }));
  const groups = lines(ctx, '/etc/group')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] }));
  return { users, groups };
}

/** The first free id at or above 1000 (UID_MIN/GID_MIN in login.defs). */
export function nextId(taken: number[]): number {
  let id = 1000;
  while (taken.includes(id)) id++;
  return id;
}

export const validName = (n: string): boolean => /^[a-z_][a-z0-9_-]*\$?$/.test(n) && n.length <= 32;

/** Days since the epoch, for shadow's last-change field. */
export function daysSinceEpoch(ctx: CommandContext): number {
  return Math.floor(ctx.sys.wall().date.getTime() / 86_400_000);
}
