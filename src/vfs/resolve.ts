// Path resolution across mounts and symlinks, with search-permission checks, as the kernel's namei.

import { VfsError } from './errors';
import type { Credentials, Filesystem, Inode, Mount, MountTable } from './types';
import { joinPath } from './path';

export interface Loc {
  mount: Mount;
  fs: Filesystem;
  ino: number;
  inode: Inode;
  /** Canonical absolute path of this location. */
  path: string;
}

export interface ParentLoc {
  dir: Loc;
  name: string;
  /** The existing entry at dir/name, after mount crossing, without following a final symlink. */
  existing: Loc | null;
}

const MAX_SYMLINKS = 40;

export class Resolver {
  constructor(
    private readonly fsTable: Record<string, Filesystem>,
    private readonly table: MountTable,
    private readonly creds: Credentials,
  ) {}

  mountAt(path: string): Mount | undefined {
    const mounts = this.table.mounts;
    for (let i = mounts.length - 1; i >= 0; i--) if (mounts[i]!.target === path) return mounts[i];
    return undefined;
  }

  /** The mount a canonical path lives on (longest matching mount point). */
  mountOf(path: string): Mount {
    let best: Mount | undefined;
    for (const m of this.table.mounts) {
      const inside = m.target === '/' || path === m.target || path.startsWith(m.target + '/');
      if (inside && (!best || m.target.length >= best.target.length)) best = m;
    }
    if (!best) throw new Error('mount table has no root mount');
    return best;
  }

  locAtMount(m: Mount): Loc {
    const fs = this.fsTable[m.fsId];
    if (!fs) throw new Error(`mount ${m.target}: unknown file system ${m.fsId}`);
    const inode = fs.inodes[m.rootIno];
    if (!inode) throw new Error(`mount ${m.target}: missing root inode`);
    return { mount: m, fs, ino: m.rootIno, inode, path: m.target };
  }

  root(): Loc {
    const m = this.mountAt('/');
    if (!m) throw new Error('mount table has no root mount');
    return this.locAtMount(m);
  }

  canSearch(inode: Inode): boolean {
    return this.permits(inode, 1);
  }

  /** rwx check: bit 4 read, 2 write, 1 execute/search. Root passes everything except exec without any x. */
  permits(inode: Inode, bit: 4 | 2 | 1): boolean {
    const { uid, gid, groups } = this.creds;
    if (uid === 0) {
      if (bit !== 1 || inode.type === 'dir') return true;
      return (inode.mode & 0o111) !== 0;
    }
    let shift = 0;
    if (uid === inode.uid) shift = 6;
    else if (gid === inode.gid || groups.includes(inode.gid)) shift = 3;
    return ((inode.mode >> shift) & bit) !== 0;
  }

  private child(cur: Loc, name: string): Loc | null {
    const ino = cur.inode.entries?.[name];
    if (ino === undefined) return null;
    const path = joinPath(cur.path, name);
    const m = this.mountAt(path);
    if (m) return this.locAtMount(m);
    const inode = cur.fs.inodes[ino];
    if (!inode) return null;
    return { mount: cur.mount, fs: cur.fs, ino, inode, path };
  }

  /**
   * Resolve `path` (relative to `cwd`) to a location. `followLast` decides whether a final symlink is
   * followed (stat vs lstat). `syscall` names the operation in errors.
   */
  resolve(path: string, cwd: string, followLast: boolean, syscall: string): Loc {
    const r = this.walk(path, cwd, followLast, syscall, false);
    if (!r.loc) throw new VfsError('ENOENT', syscall, path);
    return r.loc;
  }

  /** Resolve everything but the last component; report what exists there (for create/unlink/rename). */
  resolveParent(path: string, cwd: string, syscall: string, followLast = false): ParentLoc {
    const r = this.walk(path, cwd, followLast, syscall, true);
    if (!r.parent || r.name === undefined) throw new VfsError('EINVAL', syscall, path);
    return { dir: r.parent, name: r.name, existing: r.loc };
  }

  private walk(
    path: string,
    cwd: string,
    followLast: boolean,
    syscall: string,
    wantParent: boolean,
  ): { loc: Loc | null; parent?: Loc; name?: string } {
    if (path === '') throw new VfsError('ENOENT', syscall, path);
    const full = path.startsWith('/') ? path : `${cwd}/${path}`;
    let queue = full.split('/').filter((c) => c !== '' && c !== '.');
    let stack: Loc[] = [this.root()];
    let links = 0;
    while (queue.length > 0) {
      const c = queue.shift()!;
      const isLast = queue.length === 0;
      if (c === '..') {
        if (stack.length > 1) stack.pop();
        if (isLast && wantParent) {
          const top = stack[stack.length - 1]!;
          return { loc: top, parent: stack[stack.length - 2] ?? top, name: '..' };
        }
        continue;
      }
      const cur = stack[stack.length - 1]!;
      if (cur.inode.type !== 'dir') throw new VfsError('ENOTDIR', syscall, path);
      if (!this.canSearch(cur.inode)) throw new VfsError('EACCES', syscall, path);
      const next = this.child(cur, c);
      if (!next) {
        if (isLast && wantParent) return { loc: null, parent: cur, name: c };
        throw new VfsError('ENOENT', syscall, path);
      }
      if (next.inode.type === 'symlink' && (!isLast || followLast)) {
        if (++links > MAX_SYMLINKS) throw new VfsError('ELOOP', syscall, path);
        const target = next.inode.target ?? '';
        const tcomps = target.split('/').filter((x) => x !== '' && x !== '.');
        if (target.startsWith('/')) stack = [this.root()];
        queue = [...tcomps, ...queue];
        if (isLast && wantParent && queue.length === 0) return { loc: stack[stack.length - 1]!, parent: cur, name: c };
        continue;
      }
      if (isLast && wantParent) return { loc: next, parent: cur, name: c };
      stack.push(next);
    }
    const top = stack[stack.length - 1]!;
    if (wantParent) return { loc: top, parent: stack[stack.length - 2] ?? top, name: '.' };
    return { loc: top };
  }
}
