// execve(2) and execvp(3) path lookup: what program a name means, or why it cannot run.

import { isVfsError, S_ISUID, type Stat, type Vfs } from '../../vfs';

export type ExecError = 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'EISDIR';

export type ExecTarget =
  | { kind: 'program'; path: string; program: string; stat: Stat; setuid: boolean }
  | { kind: 'script'; path: string; interpreter: string; interpreterArg: string | null; stat: Stat }
  | { kind: 'error'; error: ExecError; path: string };

/** execvp's PATH search: the first executable regular file; EACCES if only non-executable ones exist. */
export function searchPath(vfs: Vfs, name: string, pathVar: string): string | ExecError {
  if (name.includes('/')) return name;
  if (name === '') return 'ENOENT';
  let sawAccess = false;
  for (const dir of pathVar.split(':')) {
    const p = `${dir === '' ? '.' : dir}/${name}`;
    let st: Stat;
    try {
      st = vfs.stat(p);
    } catch {
      continue;
    }
    if (st.type !== 'file') continue;
    if (vfs.canExecute(p)) return p;
    sawAccess = true;
  }
  return sawAccess ? 'EACCES' : 'ENOENT';
}

/** What execve would do with `path`: run a simulated program, hand a script to its interpreter, or fail. */
export function resolveExec(vfs: Vfs, path: string): ExecTarget {
  let st: Stat;
  try {
    st = vfs.stat(path);
  } catch (e) {
    const code = isVfsError(e) && (e.code === 'EACCES' || e.code === 'ENOTDIR') ? (e.code === 'EACCES' ? 'EACCES' : 'ENOENT') : 'ENOENT';
    return { kind: 'error', error: code, path };
  }
  if (st.type === 'dir') return { kind: 'error', error: 'EISDIR', path };
  if (st.type !== 'file' || !vfs.canExecute(path)) return { kind: 'error', error: 'EACCES', path };
  if (st.program) return { kind: 'program', path, program: st.program, stat: st, setuid: (st.mode & S_ISUID) !== 0 };
  let head: string;
  try {
    head = vfs.readFile(path).slice(0, 256);
  } catch {
    return { kind: 'error', error: 'EACCES', path };
  }
  if (head.startsWith('#!')) {
    const line = head.slice(2).split('\n')[0]!.trim();
    const sp = line.search(/\s/);
    const interpreter = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? null : line.slice(sp).trim() || null;
    if (interpreter === '') return { kind: 'error', error: 'ENOEXEC', path };
    return { kind: 'script', path, interpreter, interpreterArg: arg, stat: st };
  }
  return { kind: 'error', error: 'ENOEXEC', path };
}
