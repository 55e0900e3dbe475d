// Creating file systems and placing entries directly (image and node builders; no permission checks).

import type { SimNs } from '../core/time';
import type { Filesystem, FsType, Inode, InodeType } from './types';
import { splitPath } from './path';

export function createFilesystem(id: string, type: FsType, now: SimNs, rootMode = 0o755): Filesystem {
  const root: Inode = { ino: 2, type: 'dir', mode: rootMode, uid: 0, gid: 0, nlink: 2, atime: now, mtime: now, ctime: now, entries: {} };
  return { id, type, inodes: { 2: root }, nextIno: 3, rootIno: 2 };
}

export function allocInode(fs: Filesystem, type: InodeType, mode: number, uid: number, gid: number, now: SimNs): Inode {
  const ino = fs.nextIno++;
  const inode: Inode = { ino, type, mode, uid, gid, nlink: type === 'dir' ? 2 : 1, atime: now, mtime: now, ctime: now };
  if (type === 'dir') inode.entries = {};
  if (type === 'file') inode.data = '';
  fs.inodes[ino] = inode;
  return inode;
}

export interface PutEntry {
  type: InodeType;
  mode: number;
  uid: number;
  gid: number;
  data?: string;
  target?: string;
  rdev?: [number, number];
  program?: string;
}

/**
 * Place an entry at an absolute path inside one file system (not through mounts or symlinks),
 * replacing what was there. Missing parents are created as root-owned 0755 directories.
 */
export function fsPut(fs: Filesystem, path: string, entry: PutEntry, now: SimNs): Inode {
  const comps = splitPath(path);
  let dir = fs.inodes[fs.rootIno]!;
  if (comps.length === 0) {
    if (entry.type !== 'dir') throw new Error(`fsPut: root must be a directory (${path})`);
    dir.mode = entry.mode;
    dir.uid = entry.uid;
    dir.gid = entry.gid;
    return dir;
  }
  for (const c of comps.slice(0, -1)) {
    const next = dir.entries![c];
    let child = next === undefined ? undefined : fs.inodes[next];
    if (!child || child.type !== 'dir') {
      child = allocInode(fs, 'dir', 0o755, 0, 0, now);
      dir.entries![c] = child.ino;
      dir.nlink++;
    }
    dir = child;
  }
  const name = comps[comps.length - 1]!;
  const existingIno = dir.entries![name];
  const existing = existingIno === undefined ? undefined : fs.inodes[existingIno];
  if (existing && existing.type === 'dir' && entry.type === 'dir') {
    existing.mode = entry.mode;
    existing.uid = entry.uid;
    existing.gid = entry.gid;
    return existing;
  }
  if (existing) dropLink(fs, dir, name);
  const inode = allocInode(fs, entry.type, entry.mode, entry.uid, entry.gid, now);
  if (entry.data !== undefined) inode.data = entry.data;
  if (entry.target !== undefined) inode.target = entry.target;
  if (entry.rdev !== undefined) inode.rdev = entry.rdev;
  if (entry.program !== undefined) inode.program = entry.program;
  dir.entries![name] = inode.ino;
  if (entry.type === 'dir') dir.nlink++;
  return inode;
}

/** Remove a name from a directory and free the inode (recursively for directories) when unlinked. */
export function dropLink(fs: Filesystem, dir: Inode, name: string): void {
  const ino = dir.entries![name];
  if (ino === undefined) return;
  delete dir.entries![name];
  const inode = fs.inodes[ino];
  if (!inode) return;
  if (inode.type === 'dir') {
    dir.nlink--;
    for (const child of Object.keys(inode.entries ?? {})) dropLink(fs, inode, child);
    delete fs.inodes[ino];
    return;
  }
  inode.nlink--;
  if (inode.nlink <= 0) delete fs.inodes[ino];
}

/** Deep copy of a file system under a new id (container snapshots from image trees). */
export function cloneFilesystem(fs: Filesystem, id: string, type: FsType = fs.type): Filesystem {
  return { ...structuredClone(fs), id, type };
}

/** Total bytes of regular files (for df-like reporting and size limits). */
export function fsUsedBytes(fs: Filesystem): number {
  let n = 0;
  for (const inode of Object.values(fs.inodes)) if (inode.data) n += byteLength(inode.data);
  return n;
}

const encoder = new TextEncoder();
export function byteLength(s: string): number {
  // ASCII fast path: most simulated files are ASCII.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return encoder.encode(s).length;
  return s.length;
}
