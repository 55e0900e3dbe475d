// Errno-coded file-system errors and the strerror texts programs print for them.

export type Errno =
  | 'ENOENT'
  | 'EACCES'
  | 'EPERM'
  | 'EROFS'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'ELOOP'
  | 'EINVAL'
  | 'EXDEV'
  | 'EBUSY'
  | 'ENAMETOOLONG'
  | 'EBADF'
  | 'ENOEXEC'
  | 'ETXTBSY'
  | 'ENOSPC';

/** glibc strerror() wording, which coreutils, bash and busybox print. */
export const STRERROR: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy',
  ENAMETOOLONG: 'File name too long',
  EBADF: 'Bad file descriptor',
  ENOEXEC: 'Exec format error',
  ETXTBSY: 'Text file busy',
  ENOSPC: 'No space left on device',
};

/** Linux errno numbers, for syscall results in events (Falco prints res as negative numbers). */
export const ERRNO_NUMBER: Record<Errno, number> = {
  EPERM: 1,
  ENOENT: 2,
  EBADF: 9,
  EACCES: 13,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ETXTBSY: 26,
  ENOSPC: 28,
  EROFS: 30,
  ENAMETOOLONG: 36,
  ENOTEMPTY: 39,
  ELOOP: 40,
  ENOEXEC: 8,
};

export class VfsError extends Error {
  constructor(
    readonly code: Errno,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${STRERROR[code]}, ${syscall} '${path}'`);
    this.name = 'VfsError';
  }
  get text(): string {
    return STRERROR[this.code];
  }
}

export function isVfsError(e: unknown): e is VfsError {
  return e instanceof VfsError;
}
