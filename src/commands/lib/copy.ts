// Copying files and trees as coreutils copy.c does (shared by cp, and by mv across file systems).

import { basename, joinPath, resolvePath, type Stat } from '../../vfs';
import type { CommandContext, ProcessFs } from '../types';
import type { Dialect } from './dialect';
import { errText, vfsError } from './io';
import { quoteaf } from './quote';

export interface CopyOptions {
  recursive: boolean;
  /** Copy symlinks as symlinks (cp -P, -a, -r; mv). */
  noDereference: boolean;
  preserveMode: boolean;
  preserveOwner: boolean;
  preserveTimes: boolean;
  noClobber: boolean;
  verbose: boolean;
}

/** What is at the destination already (not following a final symlink), or null when nothing is. */
export function existingTarget(fs: ProcessFs, dst: string): Stat | null {
  try {
    return fs.lstat(dst);
  } catch {
    return null;
  }
}

/** Whether two stats are one file: the same inode on the same filesystem (`cp a a`, `mv a ./a`). */
export function sameFile(a: Stat, b: Stat): boolean {
  return a.ino === b.ino && a.fsId === b.fsId;
}

export class Copier {
  ok = true;
  constructor(
    private readonly ctx: CommandContext,
    private readonly o: CopyOptions,
    private readonly prog: string,
    private readonly dialect: Dialect,
  ) {}

  error(msg: string): void {
    this.ctx.stderr.write(`${this.prog}: ${msg}\n`);
    this.ok = false;
  }

  private q(s: string): string {
    return this.dialect === 'busybox' ? `'${s}'` : quoteaf(s);
  }

  private preserve(dst: string, st: Stat): void {
    const fs = this.ctx.sys.fs;
    try {
      if (this.o.preserveOwner && this.ctx.process.euid === 0) fs.chown(dst, st.uid, st.gid);
      if (this.o.preserveMode) fs.chmod(dst, st.mode & 0o7777);
      if (this.o.preserveTimes) fs.utimes(dst, st.mtime);
    } catch (e) {
      this.error(`preserving permissions for ${this.q(dst)}: ${errText(e)}`);
    }
  }

  /** Copy `src` (already stat'ed as `st`) to the exact destination path `dst`. */
  copy(src: string, dst: string, st: Stat): void {
    const fs = this.ctx.sys.fs;
    const dstSt = existingTarget(fs, dst);
    if (dstSt && sameFile(dstSt, st)) {
      this.error(`${this.q(src)} and ${this.q(dst)} are the same file`);
      return;
    }
    if (dstSt && this.o.noClobber) return;
    if (st.type === 'dir') return this.copyDir(src, dst, st, dstSt);
    if (dstSt?.type === 'dir') {
      this.error(`cannot overwrite directory ${this.q(dst)} with non-directory`);
      return;
    }
    if (st.type === 'symlink') {
      try {
        if (dstSt) fs.unlink(dst);
        fs.symlink(fs.readlink(src), dst);
        this.verbose(src, dst);
      } catch (e) {
        this.error(`cannot create symbolic link ${this.q(dst)}: ${errText(e)}`);
      }
      return;
    }
    let data: string;
    try {
      data = fs.readFile(src);
    } catch (e) {
      this.error(`cannot open ${this.q(src)} for reading: ${errText(e)}`);
      return;
    }
    try {
      const h = fs.open(dst, { write: true, create: true, trunc: true }, st.mode & 0o777);
      h.write(data);
      h.close();
    } catch (e) {
      const text = vfsError(e).text;
      this.error(this.dialect === 'busybox' ? `can't create '${dst}': ${text}` : `cannot create regular file ${this.q(dst)}: ${text}`);
      return;
    }
    this.verbose(src, dst);
    this.preserve(dst, st);
  }

  private copyDir(src: string, dst: string, st: Stat, dstSt: Stat | null): void {
    const fs = this.ctx.sys.fs;
    if (!this.o.recursive) {
      this.error(this.dialect === 'busybox' ? `omitting directory '${src}'` : `-r not specified; omitting directory ${this.q(src)}`);
      return;
    }
    const absSrc = resolvePath(this.ctx.cwd, src);
    const absDst = resolvePath(this.ctx.cwd, dst);
    if (absDst.startsWith(`${absSrc}/`)) {
      this.error(`cannot copy a directory, ${this.q(src)}, into itself, ${this.q(dst)}`);
      return;
    }
    if (dstSt && dstSt.type !== 'dir') {
      this.error(`cannot overwrite non-directory ${this.q(dst)} with directory ${this.q(src)}`);
      return;
    }
    let names: string[];
    try {
      names = fs.readdir(src);
    } catch (e) {
      this.error(`cannot access ${this.q(src)}: ${errText(e)}`);
      return;
    }
    if (!dstSt) {
      try {
        // Created owner-writable so the children can be copied in; the real mode is set afterwards.
        fs.mkdir(dst, (st.mode & 0o777) | 0o700);
        this.verbose(src, dst);
      } catch (e) {
        this.error(`cannot create directory ${this.q(dst)}: ${errText(e)}`);
        return;
      }
    }
    for (const n of names) {
      const s = joinPath(src, n);
      let cst: Stat;
      try {
        cst = this.o.noDereference ? fs.lstat(s) : fs.stat(s);
      } catch (e) {
        this.error(`cannot stat ${this.q(s)}: ${errText(e)}`);
        continue;
      }
      this.copy(s, joinPath(dst, n), cst);
    }
    if (!dstSt) {
      try {
        fs.chmod(dst, this.o.preserveMode ? st.mode & 0o7777 : st.mode & 0o777 & ~0o022);
      } catch {
        /* as cp: a mode we cannot set is not worth a second message */
      }
      if (this.o.preserveOwner || this.o.preserveTimes) this.preserve(dst, st);
    }
  }

  private verbose(src: string, dst: string): void {
    if (this.o.verbose) this.ctx.stdout.write(`${quoteaf(src)} -> ${quoteaf(dst)}\n`);
  }
}

/**
 * Work out each (source, destination) pair from cp/mv operands. Returns an error message (already
 * in the tool's wording) when the operands do not make sense.
 */
export function planTargets(ctx: CommandContext, operands: string[]): { pairs: [string, string][] } | { error: string } {
  if (operands.length === 0) return { error: `missing file operand` };
  if (operands.length === 1) return { error: `missing destination file operand after ${quoteaf(operands[0])}` };
  const target = operands[operands.length - 1];
  const sources = operands.slice(0, -1);
  let targetIsDir = false;
  try {
    targetIsDir = ctx.sys.fs.stat(target).type === 'dir';
  } catch {
    targetIsDir = false;
  }
  if (sources.length > 1 && !targetIsDir) return { error: `target ${quoteaf(target)} is not a directory` };
  return { pairs: sources.map((s) => [s, targetIsDir ? joinPath(target.replace(/\/+$/, '') || '/', basename(s)) : target]) };
}
