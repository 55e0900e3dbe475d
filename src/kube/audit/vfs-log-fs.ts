// The audit engine's small file-system interfaces (AuditLogFs, a policy reader) over a process's view of
// files — a VFS on the container's mount table, or the process's own ProcessFs (which also emits the
// syscall events) — so writes land wherever the container's mounts send them.

import type { AuditLogFs, FsErrno, FsResult, FsStat } from '../../audit';
import { isVfsError, type OpenFlags } from '../../vfs';

/**
 * The file calls the audit wiring makes. Both Vfs and the kernel's ProcessFs have this shape; errors are
 * VfsErrors (their `syscall` tells an open failure from a read failure).
 */
export interface FileOps {
  stat(path: string): { type: string; size: number; mode: number };
  lstat(path: string): { type: string };
  exists(path: string): boolean;
  open(path: string, flags: OpenFlags, mode?: number): unknown;
  readFile(path: string): string;
  writeFile(path: string, data: string, opts?: { append?: boolean; mode?: number }): unknown;
  readdir(path: string): string[];
  mkdir(path: string, mode?: number): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  mountOf(path: string): { target: string; readOnly: boolean; source: string; fstype: string };
}

/** What reading one file through a view gives: the text, or the failing operation and errno. */
export type FileRead = { ok: true; text: string } | { ok: false; op: 'open' | 'read'; errno: FsErrno };

/** The kube-apiserver process's view of files: read its inputs, write its audit log. */
export interface ContainerFileView {
  readFile(path: string): FileRead;
  logFs: AuditLogFs;
  /** The mount a path lives on, when the view can tell (`overlay` = the container's own layer). */
  mountOf?(path: string): { target: string; source: string; fstype: string; readOnly: boolean } | null;
}

/** Errnos outside the audit engine's set are rare here (EXDEV, EBUSY…); Go would report them, we fold them. */
function errnoOf(e: unknown): FsErrno {
  if (!isVfsError(e)) throw e;
  switch (e.code) {
    case 'ENOENT':
    case 'EISDIR':
    case 'EROFS':
    case 'EACCES':
    case 'ENOTDIR':
    case 'EEXIST':
    case 'ENOSPC':
      return e.code;
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return 'ENOENT';
    default:
      return 'EACCES';
  }
}

function attempt(fn: () => void): FsResult {
  try {
    fn();
    return { ok: true };
  } catch (e) {
    return { ok: false, errno: errnoOf(e) };
  }
}

const parentOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
};

/** os.MkdirAll: stat first, make parents, tolerate a racing EEXIST; the error names the failing directory. */
function mkdirAll(vfs: FileOps, dir: string, mode: number): { ok: true } | { ok: false; errno: FsErrno; path: string } {
  try {
    const st = vfs.stat(dir);
    return st.type === 'dir' ? { ok: true } : { ok: false, errno: 'ENOTDIR', path: dir };
  } catch (e) {
    const errno = errnoOf(e);
    if (errno !== 'ENOENT') return { ok: false, errno, path: dir };
  }
  const parent = parentOf(dir);
  if (parent !== dir) {
    const up = mkdirAll(vfs, parent, mode);
    if (!up.ok) return up;
  }
  try {
    vfs.mkdir(dir, mode);
    return { ok: true };
  } catch (e) {
    const errno = errnoOf(e);
    if (errno === 'EEXIST' && vfs.exists(dir) && vfs.stat(dir).type === 'dir') return { ok: true };
    return { ok: false, errno, path: dir };
  }
}

/** AuditLogFs over a file view (root in the apiserver container: kernel.vfsFor(node, {…, containerId}), or its ProcessFs). */
export function vfsAuditLogFs(vfs: FileOps): AuditLogFs {
  return {
    mkdirAll: (dir, mode) => mkdirAll(vfs, dir, mode),
    touch: (path, mode) => attempt(() => void vfs.open(path, { read: true, write: true, create: true, append: true }, mode)),
    stat: (path): FsStat => {
      try {
        const st = vfs.stat(path);
        return { ok: true, size: st.size, mode: st.mode, isDirectory: st.type === 'dir' };
      } catch (e) {
        return { ok: false, errno: errnoOf(e) };
      }
    },
    appendFile: (path, text) => attempt(() => void vfs.writeFile(path, text, { append: true })),
    createFile: (path, mode) => attempt(() => void vfs.writeFile(path, '', { mode })),
    rename: (from, to) => attempt(() => vfs.rename(from, to)),
    listDir: (dir) => {
      try {
        const names = vfs.readdir(dir);
        const join = (n: string): string => (dir === '/' ? `/${n}` : `${dir}/${n}`);
        return {
          ok: true,
          entries: names.map((name) => {
            let isDirectory = false;
            try {
              isDirectory = vfs.lstat(join(name)).type === 'dir';
            } catch {
              // vanished between readdir and lstat: report it as a file, as Go's ReadDir would skip nothing
            }
            return { name, isDirectory };
          }),
        };
      } catch (e) {
        return { ok: false, errno: errnoOf(e) };
      }
    },
    remove: (path) => attempt(() => vfs.unlink(path)),
  };
}

/** os.ReadFile through the view: open errors and read errors (a directory) are told apart, as Go does. */
export function vfsReadFile(vfs: FileOps, path: string): FileRead {
  try {
    return { ok: true, text: vfs.readFile(path) };
  } catch (e) {
    const errno = errnoOf(e);
    return { ok: false, op: isVfsError(e) && e.syscall === 'read' ? 'read' : 'open', errno };
  }
}

/** The whole file view of a process, from its VFS. */
export function vfsContainerView(vfs: FileOps): ContainerFileView {
  return {
    readFile: (path) => vfsReadFile(vfs, path),
    logFs: vfsAuditLogFs(vfs),
    mountOf: (path) => {
      try {
        const m = vfs.mountOf(path);
        return { target: m.target, source: m.source, fstype: m.fstype, readOnly: m.readOnly };
      } catch {
        return null;
      }
    },
  };
}
