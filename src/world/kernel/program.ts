// The kernel's ABI for programs: a command runs with a context (argv, streams, Sys façade) and returns a status.

import type { InputStream, OutputStream } from '../../core/stream';
import type { Random } from '../../core/random';
import type { SimNs, WallTime } from '../../core/time';
import type { Stat, OpenFlags } from '../../vfs';

export interface Command {
  name: string;
  run(ctx: CommandContext): Promise<number>;
  /** Threads the running program keeps (Go daemons, Falco); ps shows `l` above one. Default 1. */
  threads?: number;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  groups: number[];
  loginuid: number;
  tty: string | null;
  containerId: string | null;
  hostname: string;
  /** The node the process runs on (a container's processes run on its node). */
  node: string;
  interactive: boolean;
}

/** A text round-trip through a real editor on the host (a private temp copy, never the user's files). */
export interface EditorRequest {
  /** vim, vi or nano: what the learner typed. */
  editor: string;
  /** The simulated path, used for the temp file's name and the editor's title. */
  path: string;
  /** Current content ('' for a new file). */
  content: string;
  readOnly: boolean;
}

export interface EditorResult {
  /** The saved text, or null when the editor quit without writing. */
  content: string | null;
  status: number;
  /** Set when no editor could be started (no terminal, missing program). */
  error?: string;
}

export interface CommandContext {
  argv: string[];
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string>;
  cwd: string;
  process: ProcessInfo;
  sys: Sys;
  /** Aborted on Ctrl-C (SIGINT) or kill. */
  signal: AbortSignal;
  /** Hand the terminal to a real editor for a text; the calling program reads and writes the file itself. */
  openEditor(req: EditorRequest): Promise<EditorResult>;
  /** Register a handler for a catchable signal (1 HUP, 2 INT, 15 TERM); return true to keep running. */
  trap(signal: number, handler: () => boolean): void;
  /**
   * Set when a saved world was restored and this long-running program is being re-attached to its
   * existing process (same pid): the state it last passed to `persist`, or null. Undefined on a fresh start.
   */
  resumed?: unknown;
  /** Keep plain-data state with the process so a restored world can resume this program. */
  persist(state: unknown): void;
}

export interface SpawnOptions {
  stdin?: InputStream;
  stdout?: OutputStream;
  stderr?: OutputStream;
  env?: Record<string, string>;
  cwd?: string;
  /** Change credentials (allowed only when the caller's euid is 0: sudo, su, sshd, runc). */
  uid?: number;
  gid?: number;
  groups?: number[];
  /** Start a new session with this controlling terminal. */
  tty?: string | null;
  signal?: AbortSignal;
  /** Resolve argv[0] through PATH (execvp) — default true. */
  searchPath?: boolean;
  /** argv[0] the new program sees when it differs from the path executed. */
  argv0?: string;
  /** A background job of an interactive shell: not the terminal's foreground (its sleeps do not drive the clock). */
  background?: boolean;
}

export interface SpawnResult {
  status: number;
  /** Set when the program could not be executed at all. */
  error?: 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'EISDIR';
}

/** A file opened by a process (open(2) already emitted its event). */
export interface FileHandle {
  readonly path: string;
  read(): string;
  write(text: string): void;
  close(): void;
}

/** File operations as this process: its credentials, cwd and mount namespace; each emits syscall events. */
export interface ProcessFs {
  stat(path: string): Stat;
  lstat(path: string): Stat;
  exists(path: string): boolean;
  open(path: string, flags: OpenFlags, mode?: number): FileHandle;
  readFile(path: string): string;
  writeFile(path: string, data: string, opts?: { append?: boolean; mode?: number }): void;
  readdir(path: string): string[];
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  link(existing: string, path: string): void;
  readlink(path: string): string;
  realpath(path: string): string;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  utimes(path: string, mtime: SimNs): void;
  access(path: string, bits: number): void;
  mountOf(path: string): { target: string; readOnly: boolean; source: string; fstype: string };
  mounts(): { target: string; readOnly: boolean; source: string; fstype: string }[];
}

export interface PsEntry {
  pid: number;
  ppid: number;
  uid: number;
  tty: string | null;
  state: string;
  startTime: SimNs;
  argv: string[];
  comm: string;
  vsz: number;
  rss: number;
  cpuTimeNs: number;
  /** Session id; `sessionLeader` when it is the process's own pid (ps STAT `s`). */
  sid: number;
  sessionLeader: boolean;
  /** In its terminal's foreground process group (ps STAT `+`). */
  foreground: boolean;
  /** Number of threads (ps NLWP; STAT `l` above one). */
  threads: number;
}

export interface Sys {
  fs: ProcessFs;
  /** Run a child program (fork+execve) and wait for it. */
  spawn(argv: string[], opts?: SpawnOptions): Promise<SpawnResult>;
  /** Find a program on PATH as execvp would; null when not found. */
  which(name: string, path?: string): string | null;
  /** Processes visible to this process (its container's, or the node's). */
  processes(): PsEntry[];
  kill(pid: number, signal: number): 'ok' | 'ESRCH' | 'EPERM';
  now(): SimNs;
  wall(t?: SimNs): WallTime;
  /** Sleep in simulated time; false when interrupted. */
  sleep(ns: SimNs, signal?: AbortSignal): Promise<boolean>;
  random: Random;
  /** Other services, present where the node runs them; programs print the real tool's error otherwise. */
  services: SysServices;
}

/**
 * Service clients, each an interface owned by its area (systemd, journal, kube API, CRI, ssh).
 * Typed loosely here so the command layer does not depend on every area's types; each area's
 * commands import their client type and narrow with `ctx.sys.services.get<T>(name)`.
 */
export interface SysServices {
  get<T>(name: string): T | undefined;
}
