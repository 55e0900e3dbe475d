// How vim 8.1 and nano 4.8 read a file for the editor and write it back (reference §8): vim's
// 'backupcopy=auto' picks rename (probe file 4913, original renamed to `name~`, new inode, owner/mode
// restored, backup deleted) or copy (same inode rewritten); nano always rewrites in place.

import { basename, dirname, joinPath, type Stat } from '../../vfs';
import type { CommandContext } from '../types';
import { errCode, vfsError } from './io';

export type SaveResult = { ok: true } | { ok: false; errno: string; text: string };

function fail(e: unknown): SaveResult {
  const err = vfsError(e);
  return { ok: false, errno: err.code, text: err.text };
}

/** The buffer an editor starts with; `unreadable`: the file is there but could not be read (EACCES…). */
export interface EditorBuffer {
  content: string;
  found: boolean;
  unreadable: boolean;
  readOnly: boolean;
}

/**
 * Reads `path` through the process's view: empty for a new file (ENOENT), read-only and empty when it
 * cannot be read, read-only when it cannot be written. 'directory' when the path is one (no editing).
 */
export function readForEditor(ctx: CommandContext, path: string, forceReadOnly: boolean): EditorBuffer | 'directory' {
  const fs = ctx.sys.fs;
  const buf: EditorBuffer = { content: '', found: false, unreadable: false, readOnly: forceReadOnly };
  if (path === '') return buf;
  try {
    buf.content = fs.readFile(path);
    buf.found = true;
  } catch (e) {
    const code = errCode(e);
    if (code === 'EISDIR') return 'directory';
    buf.unreadable = code !== 'ENOENT';
    if (buf.unreadable) buf.readOnly = true;
  }
  if (buf.found && !buf.readOnly) {
    try {
      fs.access(path, 2);
    } catch {
      buf.readOnly = true;
    }
  }
  return buf;
}

/** nano: open(O_WRONLY|O_CREAT|O_TRUNC) on the name and write. */
export function saveInPlace(ctx: CommandContext, path: string, content: string): SaveResult {
  try {
    const h = ctx.sys.fs.open(path, { write: true, create: true, trunc: true }, 0o666);
    h.write(content);
    h.close();
    return { ok: true };
  } catch (e) {
    return fail(e);
  }
}

/** vim's probe: can a file be created in the directory and given the original's owner and group? */
function canRename(ctx: CommandContext, dir: string, st: Stat): boolean {
  const fs = ctx.sys.fs;
  const probe = joinPath(dir, '4913');
  try {
    fs.open(probe, { write: true, create: true, excl: true }, st.mode & 0o777).close();
  } catch {
    return false;
  }
  let ok = true;
  try {
    if (ctx.process.euid === 0) fs.chown(probe, st.uid, st.gid);
    else ok = st.uid === ctx.process.euid && (st.gid === ctx.process.egid || ctx.process.groups.includes(st.gid));
  } catch {
    ok = false;
  }
  try {
    fs.unlink(probe);
  } catch {
    /* the probe vanishing is not vim's problem */
  }
  return ok;
}

/** vim :w on an existing or new file. */
export function vimSave(ctx: CommandContext, path: string, content: string): SaveResult {
  const fs = ctx.sys.fs;
  let st: Stat | null = null;
  let isLink = false;
  try {
    isLink = fs.lstat(path).type === 'symlink';
    st = fs.stat(path);
  } catch (e) {
    if (errCode(e) !== 'ENOENT') return fail(e);
  }
  if (st === null) {
    try {
      const h = fs.open(path, { write: true, create: true, trunc: true }, 0o666);
      h.write(content);
      h.close();
      return { ok: true };
    } catch (e) {
      return fail(e);
    }
  }
  const dir = dirname(path);
  const noBackup = /^\/tmp\//.test(path.startsWith('/') ? path : joinPath(ctx.cwd, path));
  const rename = !noBackup && !isLink && st.nlink === 1 && canRename(ctx, dir, st);
  if (rename) {
    const backup = `${path}~`;
    try {
      fs.rename(path, backup);
    } catch (e) {
      return fail(e);
    }
    try {
      const h = fs.open(path, { write: true, create: true, trunc: true }, st.mode & 0o777);
      h.write(content);
      h.close();
    } catch (e) {
      // Put the original back, as vim does when the new file cannot be written.
      try {
        fs.rename(backup, path);
      } catch {
        /* nothing more to do */
      }
      return fail(e);
    }
    try {
      if (ctx.process.euid === 0) fs.chown(path, st.uid, st.gid);
      fs.chmod(path, st.mode & 0o7777);
      fs.unlink(backup);
    } catch {
      /* vim tolerates failing to restore ownership */
    }
    return { ok: true };
  }
  // Copy mode: back up by copying (next to the file if possible, else in the home directory), then
  // truncate and rewrite the original inode.
  let backup: string | null = null;
  if (!noBackup) {
    let original = '';
    try {
      original = fs.readFile(path);
    } catch {
      original = '';
    }
    for (const d of [dir, ctx.env.HOME ? joinPath(ctx.env.HOME, 'tmp') : null, ctx.env.HOME ?? null]) {
      if (d === null) continue;
      const b = joinPath(d, `${basename(path)}~`);
      try {
        const h = fs.open(b, { write: true, create: true, trunc: true }, st.mode & 0o777);
        h.write(original);
        h.close();
        backup = b;
        break;
      } catch {
        continue;
      }
    }
  }
  try {
    const h = fs.open(path, { write: true, trunc: true });
    h.write(content);
    h.close();
  } catch (e) {
    if (backup) {
      try {
        fs.unlink(backup);
      } catch {
        /* ignore */
      }
    }
    return fail(e);
  }
  if (backup) {
    try {
      fs.unlink(backup);
    } catch {
      /* ignore */
    }
  }
  return { ok: true };
}

/** vim's swap file: `.name.swp` beside the file, else in /var/tmp or /tmp; returns its path. */
export function createSwap(ctx: CommandContext, path: string): string | null {
  const fs = ctx.sys.fs;
  const name = basename(path);
  for (const [d, n] of [[dirname(path), `.${name}.swp`], ['/var/tmp', `${name}.swp`], ['/tmp', `${name}.swp`]] as const) {
    const p = d === '.' ? n : joinPath(d, n);
    try {
      fs.open(p, { write: true, read: true, create: true, excl: true }, 0o600).close();
      return p;
    } catch {
      continue;
    }
  }
  return null;
}
