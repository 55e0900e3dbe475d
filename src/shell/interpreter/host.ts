// What the interpreter needs from the machine it runs on. The simulated kernel implements this for a
// process (its credentials, mounts and syscall events stay on the kernel's side); tests use a fake.
// Every path handed to the host is absolute: the shell resolves names against its own cwd first.
import type { InputStream, OutputStream } from '../../core/stream';

export type Errno =
  | 'ENOENT'
  | 'EACCES'
  | 'EPERM'
  | 'EROFS'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EEXIST'
  | 'ELOOP'
  | 'ENAMETOOLONG'
  | 'ENOSPC'
  | 'ENOEXEC'
  | 'E2BIG'
  | 'ETXTBSY'
  | 'EBUSY'
  | 'EINVAL'
  | 'EIO'
  | 'ESRCH';

export interface ErrnoResult {
  errno: Errno;
}

export function isErrno(x: unknown): x is ErrnoResult {
  return typeof x === 'object' && x !== null && 'errno' in x && typeof (x as { errno: unknown }).errno === 'string';
}

/** Linux open(2) flags (x86_64 values), as the kernel records them in syscall events. */
export const O_RDONLY = 0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;

export type FileType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'char' | 'block';

export interface FileStat {
  type: FileType;
  /** Permission and set-id bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Modification time, ms since the Unix epoch (simulated). */
  mtimeMs: number;
  ino: number;
  dev: number;
}

export interface SpawnRequest {
  /** Absolute path of the program, as returned by resolveCommand. */
  path: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  umask: number;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Aborted on Ctrl-C (reason: a signal number, 2 for SIGINT) or when the shell itself is killed. */
  signal: AbortSignal;
  /** Started as part of a background job (`cmd &`). */
  background?: boolean;
}

/** execve failed; the shell prints the message. */
export interface SpawnFailure {
  errno: Errno;
  /** For `#!` scripts whose interpreter could not be run: the interpreter path as written. */
  interpreter?: string;
}

export interface ShellHost {
  /**
   * Find a program. `name` is either an absolute path (the user typed a name with a slash) or a bare
   * name to look up in `searchDirs` (PATH, already made absolute). ENOENT: not found; EACCES: found but
   * not executable; EISDIR: a directory.
   */
  resolveCommand(name: string, searchDirs: string[]): { path: string } | ErrnoResult;
  /** Run a program to completion; resolves to its exit status (128+n when killed by signal n). */
  spawn(req: SpawnRequest): Promise<number | SpawnFailure>;
  /** open(path, O_RDONLY). */
  openForRead(path: string): InputStream | ErrnoResult;
  /** open(path, flags, mode & ~umask), flags from O_* above. */
  openForWrite(path: string, flags: number, mode: number): OutputStream | ErrnoResult;
  /** stat(2): follows symlinks. */
  stat(path: string): FileStat | ErrnoResult;
  /** lstat(2). */
  lstat(path: string): FileStat | ErrnoResult;
  /** access(2) with the process's credentials (root passes r/w everywhere, x if any x bit). */
  access(path: string, mode: 'r' | 'w' | 'x'): boolean;
  /** Entry names of a directory, without `.` and `..`. */
  readDir(path: string): string[] | ErrnoResult;
  /** Home directory of a user from the passwd database, for `~user`. */
  homeDir(user: string): string | null;
  /** Uniform in [0, 1), from the world's seeded random source. */
  random(): number;
  /** Simulated wall-clock time, ms since the Unix epoch. */
  now(): number;
  /**
   * Optional Ubuntu `command_not_found_handle`: print the node's message (e.g. `foo: command not found`
   * without prefix) and return the status, or return null to let the shell print its own.
   */
  commandNotFound?(name: string, stderr: OutputStream): Promise<number | null>;
  /**
   * Optional kill(2) for the kill builtin (`kill -1 $(pidof falco)`): ESRCH for no such process, EPERM
   * when not allowed. Without it the builtin hands pids to the kill program.
   */
  kill?(pid: number, signal: number): true | ErrnoResult;
  /**
   * Called between commands. The kernel may run due background tasks here; it must eventually yield to
   * the event loop so that busy loops such as `while true; do :; done` can be interrupted.
   */
  checkpoint?(): Promise<void>;
}
