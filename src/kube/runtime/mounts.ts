// A container's mount namespace as runc builds it: the image root (read-only with
// readOnlyRootFilesystem), /proc, /dev, /sys, then the CRI mounts (volumes, /etc/hosts, hostname,
// resolv.conf, termination log). Mount points are created inside the rootfs, following its symlinks.

import { createFilesystem, fsPut, Vfs, type Filesystem, type Mount, type MountTable } from '../../vfs';

/** A mount before its target has been resolved inside the container. */
export interface MountSpec extends Mount {
  /** The mount point is a file (bind of a file) rather than a directory. */
  file: boolean;
}

/** Fresh per-container pseudo file systems: /proc, /dev, /sys. */
export function pseudoFilesystems(cid: string): { proc: Filesystem; dev: Filesystem; sys: Filesystem } {
  const proc = createFilesystem(`proc:${cid}`, 'proc', 0, 0o555);
  const sys = createFilesystem(`sys:${cid}`, 'tmpfs', 0, 0o555);
  const dev = createFilesystem(`dev:${cid}`, 'devtmpfs', 0, 0o755);
  const chr = (p: string, major: number, minor: number, mode = 0o666): void => void fsPut(dev, p, { type: 'chardev', mode, uid: 0, gid: 0, rdev: [major, minor] }, 0);
  chr('/null', 1, 3);
  chr('/zero', 1, 5);
  chr('/full', 1, 7);
  chr('/random', 1, 8);
  chr('/urandom', 1, 9);
  chr('/tty', 5, 0);
  for (const d of ['/pts', '/mqueue']) fsPut(dev, d, { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  fsPut(dev, '/shm', { type: 'dir', mode: 0o1777, uid: 0, gid: 0 }, 0);
  const link = (p: string, target: string): void => void fsPut(dev, p, { type: 'symlink', mode: 0o777, uid: 0, gid: 0, target }, 0);
  link('/fd', '/proc/self/fd');
  link('/stdin', '/proc/self/fd/0');
  link('/stdout', '/proc/self/fd/1');
  link('/stderr', '/proc/self/fd/2');
  link('/ptmx', 'pts/ptmx');
  link('/core', '/proc/kcore');
  return { proc, dev, sys };
}

/**
 * Mount `specs` on top of the root file system, creating each mount point (directory, or empty file for
 * file binds) in whatever file system is visible there. Read-only flags apply after every point exists.
 */
export function buildMountTable(fsTable: Record<string, Filesystem>, root: { fsId: string; readOnly: boolean }, specs: MountSpec[]): MountTable {
  const rootFs = fsTable[root.fsId];
  if (!rootFs) throw new Error(`buildMountTable: no root fs ${root.fsId}`);
  const table: MountTable = { mounts: [{ target: '/', fsId: root.fsId, rootIno: rootFs.rootIno, readOnly: false, source: 'overlay', fstype: 'overlay' }] };
  const readOnly: boolean[] = [root.readOnly];
  for (const s of specs) {
    const vfs = new Vfs({ fsTable, mounts: table, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => 0 });
    let target = s.target;
    try {
      mkdirs(vfs, s.file ? parentOf(target) : target);
      if (s.file && !vfs.exists(target)) vfs.writeFile(target, '', { mode: 0o644 });
      target = vfs.realpath(target);
    } catch {
      continue; // runc would fail the container; a mount that cannot be placed is left out.
    }
    const m: Mount = { target, fsId: s.fsId, rootIno: s.rootIno, readOnly: false, source: s.source, fstype: s.fstype };
    table.mounts.push(m);
    readOnly.push(s.readOnly);
  }
  table.mounts.forEach((m, i) => (m.readOnly = readOnly[i]!));
  return table;
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function mkdirs(vfs: Vfs, path: string): void {
  if (vfs.exists(path)) return;
  const parts = path.split('/').filter(Boolean);
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    if (!vfs.exists(cur)) {
      try {
        vfs.lstat(cur);
        continue; // a dangling symlink: leave it
      } catch {
        vfs.mkdir(cur, 0o755);
      }
    }
  }
}
