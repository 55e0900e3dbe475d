// inotify(7) on a node, as far as Falco 0.33.1's watch_config_files uses it: watches on inodes, events
// derived from the node's syscall events, and SIGIO to the owner for every queued event (O_ASYNC).

import type { SyscallEvent } from '../events';
import type { Kernel } from '../kernel/kernel';
import type { Filesystem, Inode } from '../../vfs';

/** The mask bits Falco asks for. */
export type InotifyMask = 'IN_CLOSE_WRITE' | 'IN_CREATE' | 'IN_DELETE';
export type InotifyEventName = InotifyMask | 'IN_IGNORED';

export const SIGIO = 29;

/** One watch; plain data so a restored world watches the same inodes again. */
export interface InotifyWatchState {
  wd: number;
  /** The path given to inotify_add_watch (for logs only: the watch follows the inode). */
  path: string;
  fsId: string;
  ino: number;
  mask: InotifyMask[];
  oneshot: boolean;
  /** For a directory: its entries (name → ino) when last looked at, to tell creations and deletions. */
  entries?: Record<string, number>;
}

export interface InotifyEvent {
  wd: number;
  mask: InotifyEventName;
  /** The entry's name, for events on a watched directory. */
  name?: string;
}

export interface InotifyInstance {
  /** inotify_add_watch: the watch descriptor, or the errno name. */
  addWatch(path: string, mask: InotifyMask[], oneshot: boolean): number | string;
  close(): void;
}

export interface InotifyOptions {
  /** Gets SIGIO for every queued event (F_SETOWN). */
  ownerPid: number;
  /** Called with each event as it is queued, before the signal (tests look at these). */
  onEvent?: (e: InotifyEvent) => void;
  /**
   * The array the instance keeps its watches in, updated in place so that the owner's persisted
   * state is always current; a restored world passes the saved one back and watches go on as before.
   */
  watches?: InotifyWatchState[];
}

const WRITE_OPEN = /O_WRONLY|O_RDWR/;
/** Syscalls that can add or remove a directory entry (rename only moves, which Falco's mask ignores). */
const ENTRY_CHANGES = new Set(['mkdir', 'mkdirat', 'rmdir', 'unlink', 'unlinkat', 'symlink', 'symlinkat', 'link', 'linkat', 'rename', 'renameat']);
const MOVES = new Set(['rename', 'renameat']);
/** Syscalls after which an inode may have lost its last link. */
const UNLINKS = new Set(['unlink', 'unlinkat', 'rmdir', 'rename', 'renameat']);

/** A write descriptor open on a watched inode: IN_CLOSE_WRITE is due when it closes. */
interface OpenWrite {
  fsId: string;
  ino: number;
}

export function inotifyInit(kernel: Kernel, nodeName: string, opts: InotifyOptions): InotifyInstance {
  const fsTable = kernel.world.fs;
  const list = opts.watches ?? [];
  let nextWd = Math.max(0, ...list.map((w) => w.wd)) + 1;
  const has = (w: InotifyWatchState): boolean => list.includes(w);
  const remove = (w: InotifyWatchState): void => {
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
  };
  /** `${pid}:${fd}` → the watched inode it was opened on for writing. */
  const writers = new Map<string, OpenWrite>();
  let closed = false;

  const inodeOf = (w: InotifyWatchState): Inode | undefined => (fsTable[w.fsId] as Filesystem | undefined)?.inodes[w.ino];

  const deliver = (e: InotifyEvent): void => {
    opts.onEvent?.(e);
    kernel.signal(nodeName, opts.ownerPid, SIGIO);
  };

  const queue = (w: InotifyWatchState, mask: InotifyEventName, name?: string): void => {
    if (closed || !has(w)) return;
    deliver({ wd: w.wd, mask, ...(name !== undefined ? { name } : {}) });
    if (mask !== 'IN_IGNORED' && !w.oneshot) return;
    remove(w);
    // IN_ONESHOT: the watch goes after its first event, which queues IN_IGNORED as well.
    if (mask !== 'IN_IGNORED') deliver({ wd: w.wd, mask: 'IN_IGNORED' });
  };

  /** The watch on the inode a process's path names, if any. */
  const watchedAt = (pid: number, path: string): InotifyWatchState | undefined => {
    const proc = kernel.node(nodeName).procs[pid];
    try {
      const st = kernel.vfsFor(nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: proc?.containerId ?? null }).stat(path);
      return list.find((w) => w.fsId === st.fsId && w.ino === st.ino);
    } catch {
      // gone again already: nothing to watch
    }
    return undefined;
  };

  const closeWrite = (key: string): void => {
    const o = writers.get(key);
    if (!o) return;
    writers.delete(key);
    for (const w of [...list]) if (w.fsId === o.fsId && w.ino === o.ino && w.mask.includes('IN_CLOSE_WRITE')) queue(w, 'IN_CLOSE_WRITE');
  };

  const rescanDirectories = (e: SyscallEvent): void => {
    for (const w of [...list]) {
      if (!w.entries) continue;
      const now = inodeOf(w)?.entries ?? {};
      const before = w.entries;
      w.entries = { ...now };
      // A rename shows as IN_MOVED_FROM/IN_MOVED_TO, which are not in Falco's mask.
      if (MOVES.has(e.type)) continue;
      for (const name of Object.keys(now)) if (!(name in before) && w.mask.includes('IN_CREATE')) queue(w, 'IN_CREATE', name);
      for (const name of Object.keys(before)) if (!(name in now) && w.mask.includes('IN_DELETE')) queue(w, 'IN_DELETE', name);
    }
  };

  const onSyscall = (e: SyscallEvent): void => {
    if (closed) return;
    if (e.type === 'openat' || e.type === 'open') {
      if (e.res < 0) return;
      const flags = String(e.args.flags ?? '');
      if (WRITE_OPEN.test(flags)) {
        const w = watchedAt(e.pid, String(e.fd?.name ?? e.args.name ?? ''));
        if (w) writers.set(`${e.pid}:${e.res}`, { fsId: w.fsId, ino: w.ino });
      }
      if (flags.includes('O_CREAT')) rescanDirectories(e);
      return;
    }
    if (e.type === 'close') {
      closeWrite(`${e.pid}:${e.fd?.num ?? e.args.fd}`);
      return;
    }
    if (e.type === 'procexit') {
      // The kernel closes what the process left open.
      for (const key of [...writers.keys()]) if (key.startsWith(`${e.pid}:`)) closeWrite(key);
      return;
    }
    if (e.res < 0 || !ENTRY_CHANGES.has(e.type)) return;
    rescanDirectories(e);
    if (UNLINKS.has(e.type)) for (const w of [...list]) if (!inodeOf(w)) queue(w, 'IN_IGNORED');
  };

  const off = kernel.bus(nodeName).subscribe(onSyscall);
  // A restored watch whose inode went away while nobody was looking is removed, as the kernel would.
  for (const w of [...list]) if (!inodeOf(w)) queue(w, 'IN_IGNORED');

  return {
    addWatch(path, mask, oneshot) {
      if (closed) return 'EBADF';
      let st;
      try {
        st = kernel.vfsFor(nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).stat(path);
      } catch (e) {
        return (e as { code?: string }).code ?? 'ENOENT';
      }
      for (const w of list) {
        if (w.fsId === st.fsId && w.ino === st.ino) {
          // Same inode again: the mask is replaced and the descriptor kept, as inotify_add_watch does.
          w.mask = mask;
          w.oneshot = oneshot;
          return w.wd;
        }
      }
      const w: InotifyWatchState = { wd: nextWd++, path, fsId: st.fsId, ino: st.ino, mask, oneshot };
      if (st.type === 'dir') w.entries = { ...(fsTable[st.fsId]?.inodes[st.ino]?.entries ?? {}) };
      list.push(w);
      return w.wd;
    },
    close() {
      closed = true;
      off();
      list.splice(0);
      writers.clear();
    },
  };
}
