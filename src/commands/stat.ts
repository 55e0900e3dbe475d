// stat: file status in coreutils 8.30's default layout, or -c FORMAT.

import type { Stat } from '../vfs';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { parseArgs, has, lastValue, tryHelp } from './lib/args';
import { errText, progName } from './lib/io';
import { modeString } from './lib/mode';
import { fileTypeWord } from './lib/prompt';
import { quoteaf, quotef } from './lib/quote';
import { strftime } from './lib/timefmt';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

/** A device number per mount: the node disk /dev/sda1 is 8:1; other sources get stable small numbers. */
function deviceOf(source: string, fsId: string): number {
  if (source === '/dev/sda1') return 0x801;
  let h = 0;
  for (const c of fsId) h = (h * 31 + c.charCodeAt(0)) & 0xffff;
  return 0x30 + (h % 0x40);
}

export async function runStat(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'stat');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'c:Lft',
    long: { format: { key: 'c', arg: 'required' }, dereference: { key: 'L', arg: 'none' }, printf: { key: 'printf', arg: 'required' }, terse: { key: 't', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length === 0) {
    ctx.stderr.write(`${prog}: missing operand\n${tryHelp(prog)}`);
    return 1;
  }
  const db = UserDb.load(ctx.sys.fs);
  const time = (t: number): string => {
    const w = ctx.sys.wall(t);
    return `${strftime('%Y-%m-%d %H:%M:%S', w)}.${String(w.nsOfSecond).padStart(9, '0')} +0000`;
  };
  let status = 0;
  for (const name of p.operands) {
    let st: Stat;
    try {
      st = has(p, 'L') ? ctx.sys.fs.stat(name) : ctx.sys.fs.lstat(name);
    } catch (e) {
      ctx.stderr.write(`${prog}: cannot stat ${quoteaf(name)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    let source = '';
    try {
      source = ctx.sys.fs.mountOf(name).source;
    } catch {
      source = '';
    }
    const dev = deviceOf(source, st.fsId);
    const blocks = st.type === 'file' ? Math.ceil(st.size / 4096) * 8 : st.type === 'dir' ? 8 : 0;
    const shownName = st.type === 'symlink' ? `${quotef(name)} -> ${quotef(st.target ?? '')}` : quotef(name);
    const conv: Record<string, () => string> = {
      n: () => name,
      N: () => shownName,
      s: () => String(st.size),
      b: () => String(blocks),
      B: () => '512',
      o: () => '4096',
      F: () => fileTypeWord(st.type, st.size),
      a: () => (st.mode & 0o7777).toString(8),
      A: () => modeString(st.type, st.mode),
      f: () => (st.mode | { file: 0o100000, dir: 0o40000, symlink: 0o120000, chardev: 0o20000, fifo: 0o10000, socket: 0o140000 }[st.type]).toString(16),
      u: () => String(st.uid),
      U: () => db.userName(st.uid),
      g: () => String(st.gid),
      G: () => db.groupName(st.gid),
      h: () => String(st.nlink),
      i: () => String(st.ino),
      d: () => String(dev),
      D: () => dev.toString(16),
      x: () => time(st.atime),
      y: () => time(st.mtime),
      z: () => time(st.ctime),
      w: () => '-',
      X: () => String(ctx.sys.wall(st.atime).epochSeconds),
      Y: () => String(ctx.sys.wall(st.mtime).epochSeconds),
      Z: () => String(ctx.sys.wall(st.ctime).epochSeconds),
      W: () => '0',
      t: () => (st.rdev?.[0] ?? 0).toString(16),
      T: () => (st.rdev?.[1] ?? 0).toString(16),
      '%': () => '%',
    };
    const fmt = lastValue(p, 'c') ?? lastValue(p, 'printf');
    if (fmt !== undefined) {
      const text = fmt.replace(/%(.)/g, (m, c: string) => (conv[c] ? conv[c]() : m));
      ctx.stdout.write(has(p, 'c') ? `${text}\n` : text.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
      continue;
    }
    const devLine =
      st.type === 'chardev'
        ? `Device: ${conv.D()}h/${conv.d()}d\tInode: ${conv.i().padEnd(10)}  Links: ${conv.h().padEnd(5)} Device type: ${conv.t()},${conv.T()}`
        : `Device: ${conv.D()}h/${conv.d()}d\tInode: ${conv.i().padEnd(10)}  Links: ${conv.h()}`;
    const lines = [
      `  File: ${shownName}`,
      `  Size: ${conv.s().padEnd(10)}\tBlocks: ${conv.b().padEnd(10)} IO Block: ${'4096'.padEnd(6)} ${conv.F()}`,
      devLine,
      `Access: (${conv.a().padStart(4, '0')}/${conv.A()})  Uid: (${conv.u().padStart(5)}/${conv.U().padStart(8)})   Gid: (${conv.g().padStart(5)}/${conv.G().padStart(8)})`,
      `Access: ${conv.x()}`,
      `Modify: ${conv.y()}`,
      `Change: ${conv.z()}`,
      ` Birth: -`,
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
  }
  return status;
}

export const stat = defineCommand('stat', runStat);
