// Syscall events that simulated processes emit on their node's bus (what Falco's driver would capture).

import type { SimNs } from '../core/time';

export type SyscallType =
  | 'execve'
  | 'open'
  | 'openat'
  | 'close'
  | 'read'
  | 'write'
  | 'unlink'
  | 'unlinkat'
  | 'rename'
  | 'renameat'
  | 'mkdir'
  | 'mkdirat'
  | 'rmdir'
  | 'chmod'
  | 'fchmodat'
  | 'chown'
  | 'symlink'
  | 'symlinkat'
  | 'link'
  | 'linkat'
  | 'connect'
  | 'accept'
  | 'setuid'
  | 'setgid'
  | 'clone'
  | 'procexit'
  | 'kill'
  | 'utimensat'
  | 'mount'
  | 'ptrace';

export interface FdInfo {
  num: number;
  /** file, directory, ipv4, ipv6, unix, pipe, event, signalfd… */
  type: 'file' | 'directory' | 'ipv4' | 'ipv6' | 'unix' | 'pipe';
  name: string;
  /** For files: the path exactly as the program passed it to open (Falco's fd.nameraw). */
  nameRaw?: string;
  /** Socket tuple for ipv4. */
  sip?: string;
  sport?: number;
  dip?: string;
  dport?: number;
  l4proto?: 'tcp' | 'udp';
}

export interface SyscallEvent {
  /** Per-node event number. */
  num: number;
  time: SimNs;
  node: string;
  type: SyscallType;
  /** Falco sees the exit event (`<`) for these. */
  dir: '<' | '>';
  pid: number;
  /** 0 on success, -errno on failure; for open/openat the new fd number on success. */
  res: number;
  /** Syscall arguments as Falco renders them (flags: `O_WRONLY|O_CREAT|O_APPEND`, name, mode…). */
  args: Record<string, string | number>;
  fd?: FdInfo;
}

export type SyscallListener = (e: SyscallEvent) => void;

/** Per-node bus; subscribers run synchronously in emit order, as a driver ring buffer would deliver. */
export class EventBus {
  private listeners = new Set<SyscallListener>();
  subscribe(l: SyscallListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  get active(): boolean {
    return this.listeners.size > 0;
  }
  emit(e: SyscallEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** Render open flags as Falco/strace do: `O_WRONLY|O_CREAT|O_APPEND`. */
export function openFlagsText(f: { read?: boolean; write?: boolean; create?: boolean; excl?: boolean; trunc?: boolean; append?: boolean; directory?: boolean }): string {
  const parts: string[] = [];
  const w = f.write || f.append || f.trunc;
  parts.push(f.read && w ? 'O_RDWR' : w ? 'O_WRONLY' : 'O_RDONLY');
  if (f.create) parts.push('O_CREAT');
  if (f.excl) parts.push('O_EXCL');
  if (f.trunc) parts.push('O_TRUNC');
  if (f.append) parts.push('O_APPEND');
  if (f.directory) parts.push('O_DIRECTORY');
  return parts.join('|');
}
