// nginx's error log: where `error_log` points (a file, or /dev/stderr as in the Docker image), the
// level filter, and the `2023/03/06 10:15:06 [notice] 1#1: …` line layout.

import { ERRNO_NUMBER, type VfsError } from '../../vfs';
import type { CommandContext } from '../types';
import { vfsError } from './io';

const LEVELS = ['', 'emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug'];
export type NginxLevel = 'emerg' | 'alert' | 'crit' | 'error' | 'warn' | 'notice' | 'info' | 'debug';

export interface NginxLog {
  log(level: NginxLevel, message: string): void;
}

/** `(30: Read-only file system)` */
export function errnoText(e: VfsError): string {
  return `(${ERRNO_NUMBER[e.code]}: ${e.text})`;
}

const STDERR_TARGETS = new Set(['/dev/stderr', '/proc/self/fd/2']);
const STDOUT_TARGETS = new Set(['/dev/stdout', '/proc/self/fd/1']);

/**
 * Open an error/access log path for appending. The image's logs are symlinks to /dev/stdout and
 * /dev/stderr, which the container runtime provides; the VFS has no per-process fd links, so those
 * two resolve to the process's own streams here.
 */
export function openLogFile(ctx: CommandContext, path: string): { write(text: string): void } | VfsError {
  if (path === 'stderr') return ctx.stderr;
  const fs = ctx.sys.fs;
  let target: string | null = null;
  try {
    if (fs.lstat(path).type === 'symlink') target = fs.readlink(path);
  } catch {
    target = null;
  }
  if (target !== null && STDERR_TARGETS.has(target)) return ctx.stderr;
  if (target !== null && STDOUT_TARGETS.has(target)) return ctx.stdout;
  try {
    const h = fs.open(path, { write: true, append: true, create: true }, 0o644);
    return { write: (text: string) => h.write(text) };
  } catch (e) {
    return vfsError(e);
  }
}

export function nginxStamp(ctx: CommandContext): string {
  const d = ctx.sys.wall().date;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** A log writing `level`-and-above lines to `sink` as process `pid`. */
export function nginxLog(ctx: CommandContext, sink: { write(text: string): void }, threshold: string, pid: number): NginxLog {
  const max = LEVELS.indexOf(threshold) > 0 ? LEVELS.indexOf(threshold) : LEVELS.indexOf('error');
  return {
    log(level, message) {
      if (LEVELS.indexOf(level) > max) return;
      sink.write(`${nginxStamp(ctx)} [${level}] ${pid}#${pid}: ${message}\n`);
    },
  };
}
