// Message wording that differs between bash 5.0 and busybox ash, and errno texts (glibc strerror).
import type { ShellDialect } from '../syntax/errors';
import type { Errno } from './host';

const STRERROR: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  ENOSPC: 'No space left on device',
  ENOEXEC: 'Exec format error',
  E2BIG: 'Argument list too long',
  ETXTBSY: 'Text file busy',
  EBUSY: 'Device or resource busy',
  EINVAL: 'Invalid argument',
  EIO: 'Input/output error',
  ESRCH: 'No such process',
};

export function strerror(errno: Errno): string {
  return STRERROR[errno] ?? errno;
}

/** `foo: command not found` (bash) / `foo: not found` (ash); the caller adds the prefix. */
export function commandNotFoundMessage(dialect: ShellDialect, name: string): string {
  return dialect === 'ash' ? `${name}: not found` : `${name}: command not found`;
}

/** A failed redirection: bash `x: Permission denied`, ash `can't create x: Permission denied`. */
export function redirectErrorMessage(dialect: ShellDialect, path: string, errno: Errno, forWrite: boolean): string {
  if (dialect === 'ash') {
    // ash words ENOENT by the operation (shell/ash.c openredirect → errmsg()).
    if (forWrite) return `can't create ${path}: ${errno === 'ENOENT' || errno === 'ENOTDIR' ? 'nonexistent directory' : strerror(errno)}`;
    return `can't open ${path}: ${errno === 'ENOENT' || errno === 'ENOTDIR' ? 'no such file' : strerror(errno)}`;
  }
  return `${path}: ${strerror(errno)}`;
}

/** Status of a command whose redirection failed. */
export function redirectFailureStatus(dialect: ShellDialect): number {
  return dialect === 'ash' ? 2 : 1;
}
