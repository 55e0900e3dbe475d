// rm: unlink files, -r recursive (unlink + rmdir bottom-up), -f quiet, -i/-I prompts, -d empty dirs.

import { joinPath, resolvePath, type Stat } from '../vfs';
import { has, parseArgs } from './lib/args';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { errCode, errText, progName } from './lib/io';
import { askYes, fileTypeWord } from './lib/prompt';
import { quoteaf } from './lib/quote';
import type { CommandContext } from './types';

interface RmOpts {
  force: boolean;
  recursive: boolean;
  interactive: boolean;
  dirs: boolean;
  verbose: boolean;
  preserveRoot: boolean;
}

class Remover {
  status = 0;
  constructor(
    private readonly ctx: CommandContext,
    private readonly o: RmOpts,
    private readonly dialect: Dialect,
    private readonly prog: string,
  ) {}

  private fail(path: string, e: unknown): void {
    if (this.o.force && errCode(e) === 'ENOENT') return;
    const text = errText(e);
    this.ctx.stderr.write(this.dialect === 'busybox' ? `${this.prog}: can't remove '${path}': ${text}\n` : `${this.prog}: cannot remove ${quoteaf(path)}: ${text}\n`);
    this.status = 1;
  }

  /** Write-protected files prompt only when stdin is a terminal (and not -f). */
  private async confirm(path: string, st: Stat, descend = false): Promise<boolean> {
    const what = fileTypeWord(st.type, st.size);
    let writable = true;
    if (st.type !== 'symlink') {
      try {
        this.ctx.sys.fs.access(path, 2);
      } catch {
        writable = false;
      }
    }
    if (this.o.interactive) {
      const q = descend ? `descend into directory ${quoteaf(path)}` : `remove ${writable ? '' : 'write-protected '}${what} ${quoteaf(path)}`;
      return askYes(this.ctx, `${this.prog}: ${q}? `);
    }
    if (!writable && !this.o.force && this.ctx.stdin.isTTY && !descend) {
      return askYes(this.ctx, `${this.prog}: remove write-protected ${what} ${quoteaf(path)}? `);
    }
    return true;
  }

  async remove(path: string): Promise<void> {
    const fs = this.ctx.sys.fs;
    let st: Stat;
    try {
      st = fs.lstat(path);
    } catch (e) {
      this.fail(path, e);
      return;
    }
    if (st.type === 'dir') {
      if (!this.o.recursive) {
        if (this.o.dirs) {
          if (!(await this.confirm(path, st))) return;
          try {
            fs.rmdir(path);
            this.removed(path, st);
          } catch (e) {
            this.fail(path, e);
          }
          return;
        }
        if (this.dialect === 'busybox') this.ctx.stderr.write(`${this.prog}: '${path}' is a directory\n`);
        else this.ctx.stderr.write(`${this.prog}: cannot remove ${quoteaf(path)}: Is a directory\n`);
        this.status = 1;
        return;
      }
      let names: string[];
      try {
        names = fs.readdir(path);
      } catch (e) {
        // An unreadable but empty-looking directory is still tried with rmdir, as rm does.
        try {
          fs.rmdir(path);
          this.removed(path, st);
        } catch {
          this.fail(path, e);
        }
        return;
      }
      if (names.length > 0 && this.o.interactive && !(await this.confirm(path, st, true))) return;
      for (const n of names) await this.remove(path.endsWith('/') ? `${path}${n}` : joinPath(path, n));
      if (!(await this.confirm(path, st))) return;
      try {
        fs.rmdir(path);
        this.removed(path, st);
      } catch (e) {
        // A child we could not remove already reported; rmdir's ENOTEMPTY would only repeat it.
        if (errCode(e) !== 'ENOTEMPTY') this.fail(path, e);
      }
      return;
    }
    if (!(await this.confirm(path, st))) return;
    try {
      fs.unlink(path);
      this.removed(path, st);
    } catch (e) {
      this.fail(path, e);
    }
  }

  private removed(path: string, st: Stat): void {
    if (!this.o.verbose) return;
    this.ctx.stdout.write(st.type === 'dir' ? `removed directory ${quoteaf(path)}\n` : `removed ${quoteaf(path)}\n`);
  }
}

export async function runRm(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'rm');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'fiIrRdv',
    long: {
      force: { key: 'f', arg: 'none' },
      interactive: { key: 'interactive', arg: 'optional' },
      recursive: { key: 'r', arg: 'none' },
      dir: { key: 'd', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
      'no-preserve-root': { key: 'no-preserve-root', arg: 'none' },
      'preserve-root': { key: 'preserve-root', arg: 'optional' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  let force = false;
  let interactive = false;
  for (const o of p.opts) {
    if (o.key === 'f') {
      force = true;
      interactive = false;
    }
    if (o.key === 'i' || (o.key === 'interactive' && o.value !== 'never')) {
      interactive = true;
      force = false;
    }
  }
  const opts: RmOpts = {
    force,
    interactive,
    recursive: has(p, 'r') || has(p, 'R'),
    dirs: has(p, 'd'),
    verbose: has(p, 'v'),
    preserveRoot: !has(p, 'no-preserve-root'),
  };
  if (p.operands.length === 0) {
    if (force) return 0;
    return usageError(ctx, dialect, prog, 'missing operand');
  }
  const r = new Remover(ctx, opts, dialect, prog);
  for (const path of p.operands) {
    const base = path.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      ctx.stderr.write(`${prog}: refusing to remove '.' or '..' directory: skipping ${quoteaf(path)}\n`);
      r.status = 1;
      continue;
    }
    if (opts.recursive && opts.preserveRoot && resolvePath(ctx.cwd, path) === '/') {
      ctx.stderr.write(`${prog}: it is dangerous to operate recursively on ${quoteaf('/')}\n${prog}: use --no-preserve-root to override this failsafe\n`);
      r.status = 1;
      continue;
    }
    await r.remove(path);
  }
  return r.status;
}

export const rm = defineCommand('rm', runRm);
