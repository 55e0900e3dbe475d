// ls -l rows: mode, links, owner, group, size, date, name — columns as wide as their widest entry.

import type { Stat } from '../../vfs';
import type { WallTime, SimNs } from '../../core/time';
import { modeString } from './mode';
import { humanSize } from './human';
import { lsDate } from './timefmt';
import type { UserDb } from './users';

export interface LongEntry {
  st: Stat;
  /** Name as printed (already decorated: quoting, colour, indicator). */
  shownName: string;
  /** `-> target` part for symlinks (already decorated), or ''. */
  linkPart: string;
}

export interface LongOptions {
  human: boolean;
  numeric: boolean;
  inode: boolean;
  showOwner: boolean;
  showGroup: boolean;
  wall: (t: SimNs) => WallTime;
  now: SimNs;
  users: UserDb;
}

function sizeField(st: Stat, human: boolean): string {
  if (st.type === 'chardev' && st.rdev) return `${st.rdev[0]}, ${st.rdev[1]}`;
  return human ? humanSize(st.size) : String(st.size);
}

/** Format the rows of one listing (a directory's entries, or the file operands together). */
export function formatLong(entries: LongEntry[], o: LongOptions): string[] {
  const rows = entries.map((e) => ({
    inode: String(e.st.ino),
    mode: modeString(e.st.type, e.st.mode),
    nlink: String(e.st.nlink),
    owner: o.numeric ? String(e.st.uid) : o.users.userName(e.st.uid),
    group: o.numeric ? String(e.st.gid) : o.users.groupName(e.st.gid),
    size: sizeField(e.st, o.human),
    date: lsDate(o.wall(e.st.mtime), o.wall(o.now), e.st.mtime, o.now),
    name: e.shownName + e.linkPart,
  }));
  const w = (k: keyof (typeof rows)[number]): number => Math.max(0, ...rows.map((r) => r[k].length));
  const wi = w('inode');
  const wl = w('nlink');
  const wo = w('owner');
  const wg = w('group');
  const ws = w('size');
  return rows.map((r) => {
    let line = o.inode ? `${r.inode.padStart(wi)} ` : '';
    line += `${r.mode} ${r.nlink.padStart(wl)} `;
    if (o.showOwner) line += `${r.owner.padEnd(wo)} `;
    if (o.showGroup) line += `${r.group.padEnd(wg)} `;
    line += `${r.size.padStart(ws)} ${r.date} ${r.name}`;
    return line;
  });
}

/** busybox ls -l: fixed `%-10s %4u %-8.8s %-8.8s %9u %.12s name`. */
export function formatLongBusybox(entries: LongEntry[], o: LongOptions): string[] {
  return entries.map((e) => {
    const owner = (o.numeric ? String(e.st.uid) : o.users.userName(e.st.uid)).slice(0, 8).padEnd(8);
    const group = (o.numeric ? String(e.st.gid) : o.users.groupName(e.st.gid)).slice(0, 8).padEnd(8);
    const size = sizeField(e.st, o.human).padStart(9);
    const date = lsDate(o.wall(e.st.mtime), o.wall(o.now), e.st.mtime, o.now);
    return `${modeString(e.st.type, e.st.mode)} ${String(e.st.nlink).padStart(4)} ${owner} ${group} ${size} ${date} ${e.shownName}${e.linkPart}`;
  });
}

/** 1 KiB blocks an entry occupies on ext4 (4 KiB allocation units; fast symlinks and devices none). */
export function blocksKiB(st: Stat): number {
  if (st.type === 'file') return Math.ceil(st.size / 4096) * 4;
  if (st.type === 'dir') return 4;
  return 0;
}
