// Plain-data process records: what ps, /proc and Falco know about every simulated process.

import type { SimNs } from '../../core/time';

export interface ProcessRecord {
  pid: number;
  ppid: number;
  /** Session id and process group. */
  sid: number;
  pgid: number;
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  groups: number[];
  /** audit loginuid; -1 when unset (4294967295 in the kernel). */
  loginuid: number;
  /** Controlling terminal, e.g. `pts/0`, or null. Falco's proc.tty is its device number. */
  tty: string | null;
  cwd: string;
  argv: string[];
  /** Resolved executable path. */
  exe: string;
  /** Kernel comm: basename of the executed file name, max 15 chars. */
  comm: string;
  env: Record<string, string>;
  /** Container this process runs in, or null on the host. */
  containerId: string | null;
  startTime: SimNs;
  /** R running, S sleeping, Z zombie (exited, not yet reaped), T stopped. */
  state: 'R' | 'S' | 'Z' | 'T';
  exitStatus?: number;
  /** systemd unit that owns this process, if any. */
  unit?: string;
  /** Simulated memory figures for ps (KiB). */
  vsz: number;
  rss: number;
  /** Threads (nlwp) when more than one: multi-threaded daemons. */
  threads?: number;
  /** True when the user's terminal session drives it (headless: its sleeps advance the clock). */
  interactive?: boolean;
  /** Opaque program state a resumable program keeps across a saved world. */
  resume?: unknown;
}
