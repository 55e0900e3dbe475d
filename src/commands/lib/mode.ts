// File mode text (`-rw-r--r--`, `drwxrwxrwt`) and chmod's octal/symbolic mode parser.

import type { InodeType } from '../../vfs';

const TYPE_CHAR: Record<InodeType, string> = { file: '-', dir: 'd', symlink: 'l', chardev: 'c', fifo: 'p', socket: 's' };

export function modeString(type: InodeType, mode: number): string {
  const rwx = (bits: number, special: boolean, sChar: string): string => {
    const x = bits & 1;
    const xc = special ? (x ? sChar : sChar.toUpperCase()) : x ? 'x' : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${xc}`;
  };
  return (
    TYPE_CHAR[type] +
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/**
 * Apply a chmod mode argument (`755`, `u+x`, `go-w,a+r`, `=r`) to an existing mode.
 * Returns null when the argument is not a valid mode (chmod: invalid mode: 'x').
 */
export function applyChmodMode(spec: string, current: number, isDir: boolean, umask = 0o022): number | null {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 4) return null;
    const v = parseInt(spec, 8);
    // GNU chmod keeps a directory's setuid/setgid bits unless the octal mode names them (5+ digits rule simplified).
    return isDir && spec.length <= 3 ? (current & 0o6000) | v : v;
  }
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=][-+=rwxXstugo]*)+$/.exec(clause);
    if (!m) return null;
    const who = m[1];
    const ops = clause.slice(who.length);
    let mask = 0;
    if (who === '') mask = 0o7777 & ~umask;
    for (const w of who) mask |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    const re = /([-+=])([rwxXst]*|[ugo])/g;
    let op: RegExpExecArray | null;
    while ((op = re.exec(ops)) !== null) {
      const [, sign, perms] = op;
      let bits = 0;
      if (perms === 'u' || perms === 'g' || perms === 'o') {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X') bits |= isDir || (current & 0o111) !== 0 ? 0o111 : 0;
          else if (p === 's') bits |= 0o6000;
          else if (p === 't') bits |= 0o1000;
        }
      }
      const whoMask = who === '' ? 0o7777 : mask;
      const eff = bits & mask;
      if (sign === '+') mode |= eff;
      else if (sign === '-') mode &= ~eff;
      else mode = (mode & ~whoMask) | eff;
    }
  }
  return mode;
}
