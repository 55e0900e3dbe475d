// Plain-data shapes of the virtual file system: inodes, file systems and mount tables (all JSON).

import type { SimNs } from '../core/time';

export type InodeType = 'file' | 'dir' | 'symlink' | 'chardev' | 'fifo' | 'socket';

export interface Inode {
  ino: number;
  type: InodeType;
  /** Permission bits including setuid/setgid/sticky (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  atime: SimNs;
  mtime: SimNs;
  ctime: SimNs;
  /** Regular file content (text). */
  data?: string;
  /** Directory entries: name → ino within the same file system. */
  entries?: Record<string, number>;
  /** Symlink target. */
  target?: string;
  /** Character device numbers. */
  rdev?: [number, number];
  /** A program the simulator implements (an executable whose "machine code" is a command name). */
  program?: string;
}

export type FsType = 'ext4' | 'tmpfs' | 'overlay' | 'proc' | 'devtmpfs';

export interface Filesystem {
  id: string;
  type: FsType;
  inodes: Record<number, Inode>;
  nextIno: number;
  rootIno: number;
}

export interface Mount {
  /** Absolute, normalised mount point. */
  target: string;
  fsId: string;
  /** Inode in that file system that appears at `target` (a bind mount of a subtree). */
  rootIno: number;
  readOnly: boolean;
  /** What `mount` prints as the source, e.g. `/dev/sda1`, `overlay`, `tmpfs`. */
  source: string;
  fstype: string;
}

/** Mount namespace: later mounts at the same target shadow earlier ones. */
export interface MountTable {
  mounts: Mount[];
}

export interface Credentials {
  uid: number;
  gid: number;
  groups: number[];
}

export interface Stat {
  ino: number;
  fsId: string;
  type: InodeType;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  size: number;
  atime: SimNs;
  mtime: SimNs;
  ctime: SimNs;
  rdev?: [number, number];
  program?: string;
  target?: string;
}

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
