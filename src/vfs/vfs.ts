// File operations as one process sees them: its mount table, its credentials, Linux permission rules.

import type { SimNs } from '../core/time';
import { VfsError } from './errors';
import { allocInode, byteLength, dropLink } from './filesystem';
import { Resolver, type Loc } from './resolve';
import type { Credentials, Filesystem, Inode, MountTable, Stat } from './types';
import { S_ISVTX } from './types';

export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  create?: boolean;
  excl?: boolean;
  trunc?: boolean;
  append?: boolean;
  /** O_DIRECTORY */
  directory?: boolean;
}

/** An open file: enough to read or write the inode again without re-resolving the path. */
export interface OpenFile {
  fsId: string;
  ino: number;
  path: string;
  flags: OpenFlags;
  created: boolean;
  type: Inode['type'];
  rdev?: [number, number];
}

export interface VfsContext {
  fsTable: Record<string, Filesystem>;
  mounts: MountTable;
  creds: Credentials;
  cwd: string;
  now: () => SimNs;
  umask?: number;
}

function statOf(loc: Loc): Stat {
  const i = loc.inode;
  const st: Stat = {
    ino: i.ino,
    fsId: loc.fs.id,
    type: i.type,
    mode: i.mode,
    uid: i.uid,
    gid: i.gid,
    nlink: i.nlink,
    size: i.type === 'file' ? byteLength(i.data ?? '') : i.type === 'dir' ? 4096 : i.type === 'symlink' ? (i.target ?? '').length : 0,
    atime: i.atime,
    mtime: i.mtime,
    ctime: i.ctime,
  };
  if (i.rdev) st.rdev = i.rdev;
  if (i.program) st.program = i.program;
  if (i.target !== undefined) st.target = i.target;
  return st;
}

export class Vfs {
  private readonly r: Resolver;
  constructor(private readonly ctx: VfsContext) {
    this.r = new Resolver(ctx.fsTable, ctx.mounts, ctx.creds);
  }

  get cwd(): string {
    return this.ctx.cwd;
  }

  private now(): SimNs {
    return this.ctx.now();
  }

  private assertWritableMount(loc: Loc, syscall: string, path: string): void {
    if (loc.mount.readOnly) throw new VfsError('EROFS', syscall, path);
  }

  /** May the caller add/remove names in directory `dir`? Sticky directories restrict removal. */
  private assertDirWritable(dir: Loc, syscall: string, path: string, victim?: Inode): void {
    this.assertWritableMount(dir, syscall, path);
    if (!this.r.permits(dir.inode, 2) || !this.r.permits(dir.inode, 1)) throw new VfsError('EACCES', syscall, path);
    if (victim && dir.inode.mode & S_ISVTX) {
      const uid = this.ctx.creds.uid;
      if (uid !== 0 && uid !== victim.uid && uid !== dir.inode.uid) throw new VfsError('EPERM', syscall, path);
    }
  }

  stat(path: string): Stat {
    return statOf(this.r.resolve(path, this.ctx.cwd, true, 'stat'));
  }

  lstat(path: string): Stat {
    return statOf(this.r.resolve(path, this.ctx.cwd, false, 'lstat'));
  }

  exists(path: string): boolean {
    try {
      this.r.resolve(path, this.ctx.cwd, true, 'stat');
      return true;
    } catch {
      return false;
    }
  }

  realpath(path: string): string {
    return this.r.resolve(path, this.ctx.cwd, true, 'realpath').path;
  }

  /** The mount a path lives on (for `df`, `mount`, EROFS decisions by callers). */
  mountOf(path: string): { target: string; readOnly: boolean; source: string; fstype: string } {
    const loc = this.r.resolve(path, this.ctx.cwd, true, 'statfs');
    return loc.mount;
  }

  access(path: string, bits: number): void {
    const loc = this.r.resolve(path, this.ctx.cwd, true, 'access');
    if (bits & 2) this.assertWritableMount(loc, 'access', path);
    for (const b of [4, 2, 1] as const) if (bits & b && !this.r.permits(loc.inode, b)) throw new VfsError('EACCES', 'access', path);
  }

  canExecute(path: string): boolean {
    try {
      const loc = this.r.resolve(path, this.ctx.cwd, true, 'execve');
      return loc.inode.type === 'file' && this.r.permits(loc.inode, 1);
    } catch {
      return false;
    }
  }

  /** open(2): permission checks, O_CREAT/O_EXCL/O_TRUNC effects; returns a handle. */
  open(path: string, flags: OpenFlags, mode = 0o666): OpenFile {
    const syscall = 'open';
    let loc: Loc;
    let created = false;
    if (flags.create) {
      const p = this.r.resolveParent(path, this.ctx.cwd, syscall, true);
      if (p.existing) {
        if (flags.excl) throw new VfsError('EEXIST', syscall, path);
        loc = p.existing;
      } else {
        if (p.name === '.' || p.name === '..') throw new VfsError('EISDIR', syscall, path);
        this.assertDirWritable(p.dir, syscall, path);
        const umask = this.ctx.umask ?? 0o022;
        const inode = allocInode(p.dir.fs, 'file', mode & ~umask & 0o7777, this.ctx.creds.uid, this.ctx.creds.gid, this.now());
        p.dir.inode.entries![p.name] = inode.ino;
        p.dir.inode.mtime = p.dir.inode.ctime = this.now();
        loc = { mount: p.dir.mount, fs: p.dir.fs, ino: inode.ino, inode, path: p.dir.path === '/' ? `/${p.name}` : `${p.dir.path}/${p.name}` };
        created = true;
      }
    } else {
      loc = this.r.resolve(path, this.ctx.cwd, true, syscall);
    }
    const inode = loc.inode;
    if (flags.directory && inode.type !== 'dir') throw new VfsError('ENOTDIR', syscall, path);
    const writing = !!(flags.write || flags.append || flags.trunc);
    if (inode.type === 'dir' && writing) throw new VfsError('EISDIR', syscall, path);
    if (!created) {
      if (flags.read && !this.r.permits(inode, 4)) throw new VfsError('EACCES', syscall, path);
      if (writing) {
        if (inode.type === 'file' || inode.type === 'dir') this.assertWritableMount(loc, syscall, path);
        if (!this.r.permits(inode, 2)) throw new VfsError('EACCES', syscall, path);
      }
    }
    if (flags.trunc && inode.type === 'file' && !created) {
      inode.data = '';
      inode.mtime = inode.ctime = this.now();
    }
    const handle: OpenFile = { fsId: loc.fs.id, ino: loc.ino, path: loc.path, flags, created, type: inode.type };
    if (inode.rdev) handle.rdev = inode.rdev;
    return handle;
  }

  private inodeOf(h: OpenFile): Inode {
    const inode = this.ctx.fsTable[h.fsId]?.inodes[h.ino];
    if (!inode) throw new VfsError('EBADF', 'read', h.path);
    return inode;
  }

  readHandle(h: OpenFile): string {
    const inode = this.inodeOf(h);
    if (inode.type === 'dir') throw new VfsError('EISDIR', 'read', h.path);
    inode.atime = this.now();
    return inode.data ?? '';
  }

  /** write(2) on a handle: appends when O_APPEND or after truncation; overwrite-at-offset is not modelled. */
  writeHandle(h: OpenFile, text: string): void {
    const inode = this.inodeOf(h);
    if (inode.type !== 'file') return;
    inode.data = (inode.data ?? '') + text;
    inode.mtime = inode.ctime = this.now();
  }

  readFile(path: string): string {
    const h = this.open(path, { read: true });
    return this.readHandle(h);
  }

  writeFile(path: string, data: string, opts: { append?: boolean; mode?: number } = {}): OpenFile {
    const h = this.open(path, { write: true, create: true, trunc: !opts.append, append: !!opts.append }, opts.mode ?? 0o666);
    this.writeHandle(h, data);
    return h;
  }

  readdir(path: string): string[] {
    const loc = this.r.resolve(path, this.ctx.cwd, true, 'opendir');
    if (loc.inode.type !== 'dir') throw new VfsError('ENOTDIR', 'opendir', path);
    if (!this.r.permits(loc.inode, 4)) throw new VfsError('EACCES', 'opendir', path);
    return Object.keys(loc.inode.entries ?? {}).sort();
  }

  mkdir(path: string, mode = 0o777): void {
    const p = this.r.resolveParent(path, this.ctx.cwd, 'mkdir');
    if (p.existing || p.name === '.' || p.name === '..') throw new VfsError('EEXIST', 'mkdir', path);
    this.assertDirWritable(p.dir, 'mkdir', path);
    const umask = this.ctx.umask ?? 0o022;
    const inode = allocInode(p.dir.fs, 'dir', mode & ~umask & 0o7777, this.ctx.creds.uid, this.ctx.creds.gid, this.now());
    p.dir.inode.entries![p.name] = inode.ino;
    p.dir.inode.nlink++;
    p.dir.inode.mtime = p.dir.inode.ctime = this.now();
  }

  rmdir(path: string): void {
    const p = this.r.resolveParent(path, this.ctx.cwd, 'rmdir');
    if (!p.existing) throw new VfsError('ENOENT', 'rmdir', path);
    if (p.name === '.') throw new VfsError('EINVAL', 'rmdir', path);
    if (p.existing.inode.type !== 'dir') throw new VfsError('ENOTDIR', 'rmdir', path);
    if (p.existing.mount !== p.dir.mount) throw new VfsError('EBUSY', 'rmdir', path);
    if (Object.keys(p.existing.inode.entries ?? {}).length > 0) throw new VfsError('ENOTEMPTY', 'rmdir', path);
    this.assertDirWritable(p.dir, 'rmdir', path, p.existing.inode);
    dropLink(p.dir.fs, p.dir.inode, p.name);
    p.dir.inode.mtime = p.dir.inode.ctime = this.now();
  }

  unlink(path: string): void {
    const p = this.r.resolveParent(path, this.ctx.cwd, 'unlink');
    if (!p.existing) throw new VfsError('ENOENT', 'unlink', path);
    if (p.existing.inode.type === 'dir') throw new VfsError('EISDIR', 'unlink', path);
    if (p.existing.mount !== p.dir.mount) throw new VfsError('EBUSY', 'unlink', path);
    this.assertDirWritable(p.dir, 'unlink', path, p.existing.inode);
    dropLink(p.dir.fs, p.dir.inode, p.name);
    p.dir.inode.mtime = p.dir.inode.ctime = this.now();
  }

  rename(from: string, to: string): void {
    const a = this.r.resolveParent(from, this.ctx.cwd, 'rename');
    if (!a.existing) throw new VfsError('ENOENT', 'rename', from);
    const b = this.r.resolveParent(to, this.ctx.cwd, 'rename');
    if (a.dir.fs !== b.dir.fs || a.dir.mount !== b.dir.mount) throw new VfsError('EXDEV', 'rename', from);
    this.assertDirWritable(a.dir, 'rename', from, a.existing.inode);
    this.assertDirWritable(b.dir, 'rename', to, b.existing?.inode);
    const moving = a.existing.inode;
    if (b.existing) {
      if (b.existing.ino === a.existing.ino) return;
      if (b.existing.inode.type === 'dir') {
        if (moving.type !== 'dir') throw new VfsError('EISDIR', 'rename', to);
        if (Object.keys(b.existing.inode.entries ?? {}).length > 0) throw new VfsError('ENOTEMPTY', 'rename', to);
      } else if (moving.type === 'dir') throw new VfsError('ENOTDIR', 'rename', to);
      dropLink(b.dir.fs, b.dir.inode, b.name);
    }
    if (moving.type === 'dir' && (b.dir.path + '/').startsWith(a.existing.path + '/')) throw new VfsError('EINVAL', 'rename', from);
    delete a.dir.inode.entries![a.name];
    b.dir.inode.entries![b.name] = moving.ino;
    if (moving.type === 'dir') {
      a.dir.inode.nlink--;
      b.dir.inode.nlink++;
    }
    const t = this.now();
    a.dir.inode.mtime = b.dir.inode.mtime = moving.ctime = t;
  }

  symlink(target: string, path: string): void {
    const p = this.r.resolveParent(path, this.ctx.cwd, 'symlink');
    if (p.existing) throw new VfsError('EEXIST', 'symlink', path);
    this.assertDirWritable(p.dir, 'symlink', path);
    const inode = allocInode(p.dir.fs, 'symlink', 0o777, this.ctx.creds.uid, this.ctx.creds.gid, this.now());
    inode.target = target;
    p.dir.inode.entries![p.name] = inode.ino;
  }

  link(existing: string, path: string): void {
    const src = this.r.resolve(existing, this.ctx.cwd, false, 'link');
    if (src.inode.type === 'dir') throw new VfsError('EPERM', 'link', existing);
    const p = this.r.resolveParent(path, this.ctx.cwd, 'link');
    if (p.existing) throw new VfsError('EEXIST', 'link', path);
    if (p.dir.fs !== src.fs) throw new VfsError('EXDEV', 'link', path);
    this.assertDirWritable(p.dir, 'link', path);
    p.dir.inode.entries![p.name] = src.ino;
    src.inode.nlink++;
  }

  readlink(path: string): string {
    const loc = this.r.resolve(path, this.ctx.cwd, false, 'readlink');
    if (loc.inode.type !== 'symlink') throw new VfsError('EINVAL', 'readlink', path);
    return loc.inode.target ?? '';
  }

  chmod(path: string, mode: number): void {
    const loc = this.r.resolve(path, this.ctx.cwd, true, 'chmod');
    if (this.ctx.creds.uid !== 0 && this.ctx.creds.uid !== loc.inode.uid) throw new VfsError('EPERM', 'chmod', path);
    this.assertWritableMount(loc, 'chmod', path);
    loc.inode.mode = mode & 0o7777;
    loc.inode.ctime = this.now();
  }

  chown(path: string, uid: number, gid: number, follow = true): void {
    const loc = this.r.resolve(path, this.ctx.cwd, follow, 'chown');
    if (this.ctx.creds.uid !== 0) throw new VfsError('EPERM', 'chown', path);
    this.assertWritableMount(loc, 'chown', path);
    if (uid >= 0) loc.inode.uid = uid;
    if (gid >= 0) loc.inode.gid = gid;
    loc.inode.ctime = this.now();
  }

  /** utimensat(2) as `touch` uses it on an existing file. */
  utimes(path: string, mtime: SimNs): void {
    const loc = this.r.resolve(path, this.ctx.cwd, true, 'utimensat');
    this.assertWritableMount(loc, 'utimensat', path);
    if (this.ctx.creds.uid !== 0 && this.ctx.creds.uid !== loc.inode.uid && !this.r.permits(loc.inode, 2)) {
      throw new VfsError('EACCES', 'utimensat', path);
    }
    loc.inode.atime = loc.inode.mtime = mtime;
    loc.inode.ctime = this.now();
  }

  truncate(path: string): void {
    this.open(path, { write: true, trunc: true });
  }
}
