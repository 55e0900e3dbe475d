// Test helpers on top of the mini world: extra mounts, inode access, event capture.

import { createFilesystem, fsPut, type Inode } from '../../src/vfs';
import type { SyscallEvent } from '../../src/world/events';
import type { MiniWorld } from '../helpers/mini-world';

/** Mount a fresh file system at `target` (read-only unless told), as a container's image root would be. */
export function mountFs(w: MiniWorld, target: string, opts: { readOnly?: boolean; fstype?: 'ext4' | 'tmpfs'; files?: Record<string, string> } = {}): void {
  const id = `fs-${target.replace(/\//g, '_')}`;
  const fs = createFilesystem(id, opts.fstype ?? 'ext4', 0);
  for (const [p, data] of Object.entries(opts.files ?? {})) fsPut(fs, p, { type: 'file', mode: 0o644, uid: 0, gid: 0, data }, 0);
  w.world.fs[id] = fs;
  w.put(target, { type: 'dir', mode: 0o755 });
  w.node.mounts.mounts.push({ target, fsId: id, rootIno: fs.rootIno, readOnly: opts.readOnly ?? true, source: opts.fstype === 'tmpfs' ? 'tmpfs' : 'overlay', fstype: opts.fstype ?? 'overlay' });
}

/** The inode at an absolute path in the root file system (no mounts, no symlinks). */
export function inodeAt(w: MiniWorld, path: string): Inode | undefined {
  const fs = w.world.fs['node1-root'];
  let cur = fs.inodes[fs.rootIno];
  for (const c of path.split('/').filter(Boolean)) {
    const ino = cur?.entries?.[c];
    if (ino === undefined) return undefined;
    cur = fs.inodes[ino];
  }
  return cur;
}

/** Record every syscall event on the node while `f` runs. */
export async function captureEvents<T>(w: MiniWorld, f: () => Promise<T>): Promise<{ result: T; events: SyscallEvent[] }> {
  const events: SyscallEvent[] = [];
  const off = w.kernel.bus(w.node.hostname).subscribe((e) => events.push(e));
  try {
    return { result: await f(), events };
  } finally {
    off();
  }
}
