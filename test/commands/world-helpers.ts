// Test helpers on top of the mini world: extra mounts, inode access, event capture.

import { createFilesystem, fsPut, type Inode } from '../../src/vfs';
import type { SyscallEvent } from '../../src/world/events';
import type { MiniWorld } from '../helpers/mini-world';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import type { ProcessRecord } from '../../src/world/kernel/process';

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

/** Run argv as a user's interactive child with an abort signal the test controls (Ctrl-C). */
export function runAborted(
  w: MiniWorld,
  argv: string[],
  opts: { uid?: number; stdin?: string; env?: Record<string, string>; tty?: boolean } = {},
): { done: Promise<{ status: number; stdout: string; stderr: string }>; abort: () => void; stdout: CaptureOutput } {
  const uid = opts.uid ?? 1000;
  const gid = uid === 0 ? 0 : 1000;
  const stdout = new CaptureOutput({ isTTY: opts.tty ?? false });
  const stderr = new CaptureOutput();
  const ac = new AbortController();
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid, gid, euid: uid, egid: gid, groups: uid === 0 ? [0] : [1000, 4, 27],
    loginuid: uid, tty: null, cwd: uid === 0 ? '/root' : '/home/vagrant', argv: ['bash'], exe: '/usr/bin/bash', comm: 'bash',
    env: { PATH: '/usr/bin:/bin', HOME: uid === 0 ? '/root' : '/home/vagrant', ...(opts.env ?? {}) },
    containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
  };
  const done = w.kernel
    .exec(w.node.hostname, parent, argv, { stdin: stringInput(opts.stdin ?? ''), stdout, stderr, signal: ac.signal })
    .then((r) => ({ status: r.status, stdout: stdout.text, stderr: stderr.text }));
  return { done, abort: () => ac.abort(), stdout };
}

/** Schedule `f` to run when the simulated clock reaches `atSeconds`. */
let timerKinds = 0;
export function at(w: MiniWorld, atSeconds: number, f: () => void): void {
  const kind = `test-${timerKinds++}`;
  w.scheduler.on(kind, () => f());
  w.scheduler.schedule(atSeconds * 1e9, kind);
}

/** Write to a file as root, bypassing programs (what another process would do meanwhile). */
export function rootWrite(w: MiniWorld, path: string, data: string, append = true): void {
  w.kernel.vfsFor(w.node.hostname, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).writeFile(path, data, { append });
}
