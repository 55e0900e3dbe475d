// The shell interpreter's host, implemented on a process's Sys: programs, files and time of the world.

import type { InputStream, OutputStream } from '../../core/stream';
import { isVfsError, type Stat } from '../../vfs';
import type { ErrnoResult, FileStat, ShellHost, SpawnFailure, SpawnRequest } from '../../shell/interpreter/host';
import { O_APPEND, O_CREAT, O_EXCL, O_RDWR, O_TRUNC, O_WRONLY } from '../../shell/interpreter/host';
import type { Sys } from '../types';

type HostErrno = ErrnoResult['errno'];

function errnoOf(e: unknown): ErrnoResult {
  if (isVfsError(e)) {
    const known: HostErrno[] = ['ENOENT', 'EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ELOOP', 'ENAMETOOLONG', 'ENOSPC', 'ENOEXEC', 'ETXTBSY', 'EBUSY', 'EINVAL'];
    return { errno: (known as string[]).includes(e.code) ? (e.code as HostErrno) : 'EIO' };
  }
  throw e;
}

function toFileStat(st: Stat, epochMs: number): FileStat {
  const type = st.type === 'dir' ? 'dir' : st.type === 'chardev' ? 'char' : st.type;
  return { type, mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, mtimeMs: epochMs + st.mtime / 1e6, ino: st.ino, dev: 0 };
}

export function sysShellHost(sys: Sys, epochMs: number): ShellHost {
  return {
    resolveCommand(name, searchDirs) {
      const candidates = name.includes('/') ? [name] : searchDirs.map((d) => `${d === '/' ? '' : d}/${name}`);
      let denied = false;
      for (const p of candidates) {
        let st: Stat;
        try {
          st = sys.fs.stat(p);
        } catch (e) {
          if (name.includes('/')) return errnoOf(e);
          continue;
        }
        if (st.type === 'dir') {
          if (name.includes('/')) return { errno: 'EISDIR' };
          continue;
        }
        try {
          sys.fs.access(p, 1);
          return { path: p };
        } catch {
          denied = true;
          if (name.includes('/')) return { errno: 'EACCES' };
        }
      }
      return { errno: denied ? 'EACCES' : 'ENOENT' };
    },

    async spawn(req: SpawnRequest): Promise<number | SpawnFailure> {
      const r = await sys.spawn([req.path, ...req.argv.slice(1)], {
        stdin: req.stdin,
        stdout: req.stdout,
        stderr: req.stderr,
        env: req.env,
        cwd: req.cwd,
        signal: req.signal,
        searchPath: false,
        argv0: req.argv[0],
        ...(req.background ? { background: true } : {}),
      });
      if (r.error) return { errno: r.error };
      return r.status;
    },

    openForRead(path): InputStream | ErrnoResult {
      try {
        const h = sys.fs.open(path, { read: true });
        const text = h.read();
        h.close();
        let done = false;
        return {
          isTTY: false,
          read: async () => {
            if (done || text === '') return null;
            done = true;
            return text;
          },
        };
      } catch (e) {
        return errnoOf(e);
      }
    },

    openForWrite(path, flags, mode): OutputStream | ErrnoResult {
      try {
        const h = sys.fs.open(
          path,
          {
            read: (flags & O_RDWR) !== 0,
            write: (flags & (O_WRONLY | O_RDWR)) !== 0,
            create: (flags & O_CREAT) !== 0,
            excl: (flags & O_EXCL) !== 0,
            trunc: (flags & O_TRUNC) !== 0,
            append: (flags & O_APPEND) !== 0,
          },
          mode,
        );
        return { isTTY: false, columns: 80, write: (t: string) => h.write(t), close: () => h.close() };
      } catch (e) {
        return errnoOf(e);
      }
    },

    stat(path) {
      try {
        return toFileStat(sys.fs.stat(path), epochMs);
      } catch (e) {
        return errnoOf(e);
      }
    },

    lstat(path) {
      try {
        return toFileStat(sys.fs.lstat(path), epochMs);
      } catch (e) {
        return errnoOf(e);
      }
    },

    access(path, mode) {
      try {
        sys.fs.access(path, mode === 'r' ? 4 : mode === 'w' ? 2 : 1);
        return true;
      } catch {
        return false;
      }
    },

    readDir(path) {
      try {
        return sys.fs.readdir(path);
      } catch (e) {
        return errnoOf(e);
      }
    },

    homeDir(user) {
      try {
        const line = sys.fs.readFile('/etc/passwd').split('\n').find((l) => l.split(':')[0] === user);
        return line ? (line.split(':')[5] ?? null) : null;
      } catch {
        return null;
      }
    },

    random: () => sys.random.next(),
    now: () => sys.wall().date.getTime(),
  };
}
