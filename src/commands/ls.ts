// ls: list directory contents (coreutils 8.30 layout; busybox variant); -l -a -A -d -h -R -1 -t -r -S -F -i -n.

import type { Stat } from '../vfs';
import { joinPath } from '../vfs';
import { has, lastValue, parseArgs } from './lib/args';
import { layoutColumns } from './lib/columns';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { vfsError, progName } from './lib/io';
import { blocksKiB, formatLong, formatLongBusybox, type LongEntry } from './lib/ls-long';
import { humanSize } from './lib/human';
import { quoteaf, quotef } from './lib/quote';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

interface LsOpts {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  dirsAsFiles: boolean;
  human: boolean;
  recursive: boolean;
  onePerLine: boolean;
  columns: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  reverse: boolean;
  classify: boolean;
  inode: boolean;
  numeric: boolean;
  color: boolean;
  quoteNames: boolean;
  showOwner: boolean;
  showGroup: boolean;
}

interface Item {
  name: string;
  path: string;
  st: Stat;
  /** For symlinks: the target text and what it resolves to (null when dangling). */
  target?: string;
  targetSt?: Stat | null;
}

const COLORS = { dir: '01;34', link: '01;36', exec: '01;32', orphan: '40;31;01', fifo: '40;33', sock: '01;35', chr: '40;33;01', setuid: '37;41', setgid: '30;43', sticky_ow: '30;42', ow: '34;42' };

class Lister {
  status = 0;
  private wrote = false;
  private usedColor = false;
  private users: UserDb;
  constructor(
    private readonly ctx: CommandContext,
    private readonly o: LsOpts,
    private readonly dialect: Dialect,
    private readonly prog: string,
  ) {
    this.users = o.long && !o.numeric ? UserDb.load(ctx.sys.fs) : new UserDb([], []);
  }

  private out(s: string): void {
    this.ctx.stdout.write(s);
    this.wrote = true;
  }

  private colorOf(it: Item): string | null {
    const st = it.st;
    if (st.type === 'dir') {
      if ((st.mode & 0o1002) === 0o1002) return COLORS.sticky_ow;
      if (st.mode & 0o002) return COLORS.ow;
      return COLORS.dir;
    }
    if (st.type === 'symlink') return it.targetSt === null ? COLORS.orphan : COLORS.link;
    if (st.type === 'fifo') return COLORS.fifo;
    if (st.type === 'socket') return COLORS.sock;
    if (st.type === 'chardev') return COLORS.chr;
    if (st.mode & 0o4000) return COLORS.setuid;
    if (st.mode & 0o2000) return COLORS.setgid;
    if (st.mode & 0o111) return COLORS.exec;
    return null;
  }

  private indicator(st: Stat | null | undefined): string {
    if (!this.o.classify || !st) return '';
    if (st.type === 'dir') return '/';
    if (st.type === 'symlink') return '@';
    if (st.type === 'fifo') return '|';
    if (st.type === 'socket') return '=';
    if (st.type === 'file' && st.mode & 0o111) return '*';
    return '';
  }

  private paint(text: string, color: string | null): string {
    if (!this.o.color || color === null) return text;
    const reset = this.usedColor ? '' : '\x1b[0m';
    this.usedColor = true;
    return `${reset}\x1b[${color}m${text}\x1b[0m`;
  }

  /** Name plus frills; returns the text and its display width. */
  private decorate(it: Item, forLong: boolean): { text: string; width: number } {
    const name = this.o.quoteNames ? quotef(it.name) : it.name;
    const ind = forLong && it.st.type === 'symlink' ? '' : this.indicator(it.st);
    return { text: this.paint(name, this.colorOf(it)) + ind, width: name.length + ind.length };
  }

  private linkPart(it: Item): string {
    if (it.st.type !== 'symlink' || it.target === undefined) return '';
    const t = this.o.quoteNames ? quotef(it.target) : it.target;
    const tItem = it.targetSt ? { name: t, path: '', st: it.targetSt } : null;
    const colored = tItem ? this.paint(t, this.colorOf(tItem)) : this.paint(t, this.o.color ? COLORS.orphan : null);
    return ` -> ${colored}${this.indicator(it.targetSt)}`;
  }

  item(name: string, path: string, st: Stat): Item {
    const it: Item = { name, path, st };
    if (st.type === 'symlink') {
      try {
        it.target = this.ctx.sys.fs.readlink(path);
      } catch {
        it.target = st.target ?? '';
      }
      try {
        it.targetSt = this.ctx.sys.fs.stat(path);
      } catch {
        it.targetSt = null;
      }
    }
    return it;
  }

  sort(items: Item[]): Item[] {
    const byName = (a: Item, b: Item): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    let cmp: (a: Item, b: Item) => number = byName;
    if (this.o.sort === 'time') cmp = (a, b) => b.st.mtime - a.st.mtime || byName(a, b);
    else if (this.o.sort === 'size') cmp = (a, b) => b.st.size - a.st.size || byName(a, b);
    const sorted = this.o.sort === 'none' ? [...items] : [...items].sort(cmp);
    return this.o.reverse && this.o.sort !== 'none' ? sorted.reverse() : sorted;
  }

  printGroup(items: Item[], withTotal: boolean): void {
    const o = this.o;
    if (o.long) {
      if (withTotal) {
        const kib = items.reduce((n, it) => n + blocksKiB(it.st), 0);
        this.out(`total ${o.human ? humanSize(kib * 1024) : kib}\n`);
      }
      const entries: LongEntry[] = items.map((it) => ({ st: it.st, shownName: this.decorate(it, true).text, linkPart: this.linkPart(it) }));
      const opts = {
        human: o.human,
        numeric: o.numeric,
        inode: o.inode,
        showOwner: o.showOwner,
        showGroup: o.showGroup,
        wall: (t: number) => this.ctx.sys.wall(t),
        now: this.ctx.sys.now(),
        users: this.users,
      };
      const lines = this.dialect === 'busybox' ? formatLongBusybox(entries, opts) : formatLong(entries, opts);
      for (const l of lines) this.out(`${l}\n`);
      return;
    }
    const shown = items.map((it) => this.decorate(it, false));
    const prefix = (it: Item): string => (o.inode ? `${it.st.ino} ` : '');
    if (o.onePerLine || !o.columns) {
      items.forEach((it, i) => this.out(`${prefix(it)}${shown[i].text}\n`));
      return;
    }
    const texts = items.map((it, i) => prefix(it) + shown[i].text);
    const widths = items.map((it, i) => prefix(it).length + shown[i].width);
    const lineWidth = this.ctx.stdout.isTTY ? this.ctx.stdout.columns : 80;
    for (const l of layoutColumns(texts, widths, lineWidth)) this.out(`${l}\n`);
  }

  cannotOpen(path: string, e: unknown, serious: boolean): void {
    const err = vfsError(e);
    if (this.dialect === 'busybox') this.ctx.stderr.write(`${this.prog}: ${path}: ${err.text}\n`);
    else this.ctx.stderr.write(`${this.prog}: cannot open directory ${quoteaf(path)}: ${err.text}\n`);
    this.status = Math.max(this.status, this.dialect === 'busybox' ? 1 : serious ? 2 : 1);
  }

  listDir(dir: Item, header: boolean, serious: boolean): void {
    let names: string[];
    try {
      names = this.ctx.sys.fs.readdir(dir.path);
    } catch (e) {
      if (header) this.header(dir.name);
      this.cannotOpen(dir.name, e, serious);
      return;
    }
    if (header) this.header(dir.name);
    const o = this.o;
    const visible = names.filter((n) => o.all || o.almostAll || !n.startsWith('.'));
    if (o.all) visible.unshift('.', '..');
    const items: Item[] = [];
    for (const n of visible) {
      const p = n === '.' ? dir.path : n === '..' ? `${dir.path}/..` : joinPath(dir.path, n);
      try {
        items.push(this.item(n, p, this.ctx.sys.fs.lstat(p)));
      } catch (e) {
        this.ctx.stderr.write(`${this.prog}: cannot access ${quoteaf(joinPath(dir.name, n))}: ${vfsError(e).text}\n`);
        this.status = Math.max(this.status, 1);
      }
    }
    const sorted = this.sort(items);
    this.printGroup(sorted, true);
    if (o.recursive) {
      for (const it of sorted) {
        if (it.st.type !== 'dir' || it.name === '.' || it.name === '..') continue;
        const sub = { ...it, name: dir.name === '/' ? `/${it.name}` : `${dir.name}/${it.name}` };
        this.listDir(sub, true, false);
      }
    }
  }

  private header(name: string): void {
    this.out(`${this.wrote ? '\n' : ''}${this.o.quoteNames ? quotef(name) : name}:\n`);
  }
}

function parseLs(ctx: CommandContext, prog: string, dialect: Dialect): { o: LsOpts; operands: string[] } | number {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'aAdhlR1trSFinCUgoL',
    long: {
      all: { key: 'a', arg: 'none' },
      'almost-all': { key: 'A', arg: 'none' },
      directory: { key: 'd', arg: 'none' },
      'human-readable': { key: 'h', arg: 'none' },
      recursive: { key: 'R', arg: 'none' },
      reverse: { key: 'r', arg: 'none' },
      classify: { key: 'F', arg: 'none' },
      inode: { key: 'i', arg: 'none' },
      'numeric-uid-gid': { key: 'n', arg: 'none' },
      color: { key: 'color', arg: 'optional' },
      colour: { key: 'color', arg: 'optional' },
      dereference: { key: 'L', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error, dialect === 'gnu' ? 2 : 1);
  const tty = ctx.stdout.isTTY;
  let long = false;
  let onePerLine = false;
  let columns = tty;
  let sort: LsOpts['sort'] = 'name';
  let showOwner = true;
  let showGroup = true;
  for (const opt of p.opts) {
    if (opt.key === 'l' || opt.key === 'n' || opt.key === 'g' || opt.key === 'o') long = true;
    if (opt.key === 'g') showOwner = false;
    if (opt.key === 'o') showGroup = false;
    if (opt.key === '1') {
      onePerLine = true;
      long = false;
    }
    if (opt.key === 'C') {
      columns = true;
      onePerLine = false;
      long = false;
    }
    if (opt.key === 't') sort = 'time';
    if (opt.key === 'S') sort = 'size';
    if (opt.key === 'U') sort = 'none';
  }
  const colorArg = has(p, 'color') ? (lastValue(p, 'color') ?? 'always') : 'never';
  const color = ['always', 'yes', 'force'].includes(colorArg) || (['auto', 'tty', 'if-tty'].includes(colorArg) && tty);
  return {
    operands: p.operands,
    o: {
      all: has(p, 'a'),
      almostAll: has(p, 'A'),
      long,
      dirsAsFiles: has(p, 'd'),
      human: has(p, 'h'),
      recursive: has(p, 'R'),
      onePerLine,
      columns,
      sort,
      reverse: has(p, 'r'),
      classify: has(p, 'F'),
      inode: has(p, 'i'),
      numeric: has(p, 'n'),
      color,
      quoteNames: tty && dialect === 'gnu',
      showOwner,
      showGroup,
    },
  };
}

export async function runLs(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'ls');
  const parsed = parseLs(ctx, prog, dialect);
  if (typeof parsed === 'number') return parsed;
  const { o } = parsed;
  const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands;
  const ls = new Lister(ctx, o, dialect, prog);
  const files: Item[] = [];
  const dirs: Item[] = [];
  for (const name of operands) {
    let st: Stat;
    try {
      st = ctx.sys.fs.lstat(name);
    } catch (e) {
      const err = vfsError(e);
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: ${name}: ${err.text}\n` : `${prog}: cannot access ${quoteaf(name)}: ${err.text}\n`);
      ls.status = dialect === 'busybox' ? 1 : 2;
      continue;
    }
    // Command-line symlinks are followed unless the link itself is being described (-l, -d, -F).
    if (st.type === 'symlink' && !o.long && !o.dirsAsFiles && !o.classify) {
      try {
        st = ctx.sys.fs.stat(name);
      } catch {
        /* dangling: list the link itself */
      }
    }
    const it = ls.item(name, name, st);
    if (st.type === 'dir' && !o.dirsAsFiles) dirs.push(it);
    else files.push(it);
  }
  if (files.length > 0) ls.printGroup(ls.sort(files), false);
  const sortedDirs = ls.sort(dirs);
  const headers = operands.length > 1 || o.recursive;
  for (const d of sortedDirs) ls.listDir(d, headers, true);
  return ls.status;
}

export const ls = defineCommand('ls', runLs);
