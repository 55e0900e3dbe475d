// The user and group databases (/etc/passwd, /etc/group) read through the process's file view, as NSS does.

import type { ProcessFs } from '../types';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readOr(fs: ProcessFs, path: string): string {
  try {
    return fs.readFile(path);
  } catch {
    return '';
  }
}

export class UserDb {
  constructor(
    readonly users: PasswdEntry[],
    readonly groups: GroupEntry[],
  ) {}

  static load(fs: ProcessFs): UserDb {
    const users: PasswdEntry[] = [];
    for (const line of readOr(fs, '/etc/passwd').split('\n')) {
      const f = line.split(':');
      if (f.length < 7 || line.startsWith('#')) continue;
      users.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4], home: f[5], shell: f[6] });
    }
    const groups: GroupEntry[] = [];
    for (const line of readOr(fs, '/etc/group').split('\n')) {
      const f = line.split(':');
      if (f.length < 4 || line.startsWith('#')) continue;
      groups.push({ name: f[0], gid: Number(f[2]), members: f[3] === '' ? [] : f[3].split(',') });
    }
    return new UserDb(users, groups);
  }

  userByUid(uid: number): PasswdEntry | undefined {
    return this.users.find((u) => u.uid === uid);
  }
  userByName(name: string): PasswdEntry | undefined {
    return this.users.find((u) => u.name === name);
  }
  groupByGid(gid: number): GroupEntry | undefined {
    return this.groups.find((g) => g.gid === gid);
  }
  groupByName(name: string): GroupEntry | undefined {
    return this.groups.find((g) => g.name === name);
  }
  /** Name for a uid, or the number as text when there is no entry (ls, ps print numbers then). */
  userName(uid: number): string {
    return this.userByUid(uid)?.name ?? String(uid);
  }
  groupName(gid: number): string {
    return this.groupByGid(gid)?.name ?? String(gid);
  }
  /** initgroups(3): the primary group plus every group listing the user as a member. */
  groupsOf(user: PasswdEntry): number[] {
    const out = [user.gid];
    for (const g of this.groups) if (g.members.includes(user.name) && !out.includes(g.gid)) out.push(g.gid);
    return out;
  }
}
