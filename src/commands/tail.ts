// tail: last lines/bytes of each input; -f follows the open file (inode), -F follows the name, polling
// once per simulated second until Ctrl-C.

import { readAll } from '../core/stream';
import { NS_PER_S } from '../core/time';
import { has, lastValue, parseArgs } from './lib/args';
import { parseCount } from './lib/counts';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, vfsError } from './lib/io';
import { quoteaf, quoteLocale } from './lib/quote';
import type { CommandContext, FileHandle } from './types';

interface Spec {
  bytes: boolean;
  count: number;
  fromStart: boolean;
}

function selectTail(text: string, s: Spec): string {
  if (s.bytes) {
    const b = new TextEncoder().encode(text);
    const sl = s.fromStart ? b.slice(Math.max(0, s.count - 1)) : b.slice(Math.max(0, b.length - s.count));
    return new TextDecoder().decode(sl);
  }
  const parts = text.split(/(?<=\n)/).filter((x) => x !== '');
  return (s.fromStart ? parts.slice(Math.max(0, s.count - 1)) : s.count === 0 ? [] : parts.slice(-s.count)).join('');
}

interface Followed {
  name: string;
  handle: FileHandle | null;
  ino: number | null;
  seen: number;
  /** -F: the name currently has no file behind it (reported once). */
  gone: boolean;
}

export async function runTail(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'tail');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'n:c:fFqvs:',
    numeric: true,
    long: {
      lines: { key: 'n', arg: 'required' },
      bytes: { key: 'c', arg: 'required' },
      follow: { key: 'follow', arg: 'optional' },
      retry: { key: 'retry', arg: 'none' },
      quiet: { key: 'q', arg: 'none' },
      silent: { key: 'q', arg: 'none' },
      verbose: { key: 'v', arg: 'none' },
      'sleep-interval': { key: 's', arg: 'required' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const spec: Spec = { bytes: false, count: 10, fromStart: false };
  for (const o of p.opts) {
    if (o.key !== 'n' && o.key !== 'c' && o.key !== '#') continue;
    const c = parseCount(o.value!);
    if (!c) {
      ctx.stderr.write(`${prog}: invalid number of ${o.key === 'c' ? 'bytes' : 'lines'}: ${quoteLocale(o.value!, ctx.env)}\n`);
      return 1;
    }
    spec.bytes = o.key === 'c';
    spec.count = c.value;
    spec.fromStart = c.sign === '+';
  }
  const byName = has(p, 'F') || lastValue(p, 'follow') === 'name';
  const follow = byName || has(p, 'f') || has(p, 'follow');
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  const headers = has(p, 'v') || (files.length > 1 && !has(p, 'q'));
  const fs = ctx.sys.fs;
  let status = 0;
  let lastShown: string | null = null;
  const show = (name: string, text: string): void => {
    if (text === '') return;
    if (headers && lastShown !== name) ctx.stdout.write(`${lastShown === null ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    lastShown = name;
    ctx.stdout.write(text);
  };
  const cannotOpen = (f: string, e: unknown): void => {
    const err = vfsError(e);
    if (dialect === 'busybox') ctx.stderr.write(`${prog}: can't open '${f}': ${err.text}\n`);
    else if (err.code === 'EISDIR') ctx.stderr.write(`${prog}: error reading ${quoteaf(f)}: ${err.text}\n`);
    else ctx.stderr.write(`${prog}: cannot open ${quoteaf(f)} for reading: ${err.text}\n`);
    status = 1;
  };
  const followed: Followed[] = [];
  for (const f of files) {
    if (f === '-') {
      const text = await readAll(ctx.stdin);
      if (headers && lastShown !== f) ctx.stdout.write(`${lastShown === null ? '' : '\n'}==> standard input <==\n`);
      lastShown = f;
      ctx.stdout.write(selectTail(text, spec));
      continue;
    }
    let h: FileHandle;
    let text: string;
    try {
      h = fs.open(f, { read: true });
      text = h.read();
    } catch (e) {
      cannotOpen(f, e);
      if (byName) followed.push({ name: f, handle: null, ino: null, seen: 0, gone: true });
      continue;
    }
    if (headers && lastShown !== f) ctx.stdout.write(`${lastShown === null ? '' : '\n'}==> ${f} <==\n`);
    lastShown = f;
    ctx.stdout.write(selectTail(text, spec));
    followed.push({ name: f, handle: h, ino: fs.stat(f).ino, seen: text.length, gone: false });
  }
  if (!follow || files.every((f) => f === '-')) return status;
  if (followed.length === 0) {
    ctx.stderr.write(`${prog}: no files remaining\n`);
    return 1;
  }
  const poll = (fw: Followed): void => {
    if (byName) {
      let ino: number | null = null;
      try {
        ino = fs.stat(fw.name).ino;
      } catch (e) {
        if (!fw.gone) ctx.stderr.write(`${prog}: ${quoteaf(fw.name)} has become inaccessible: ${vfsError(e).text}\n`);
        fw.gone = true;
        fw.handle = null;
        return;
      }
      if (ino !== fw.ino || fw.handle === null) {
        try {
          fw.handle = fs.open(fw.name, { read: true });
        } catch {
          return;
        }
        const how = fw.gone || fw.ino === null ? 'has appeared' : 'has been replaced';
        ctx.stderr.write(`${prog}: ${quoteaf(fw.name)} ${how};  following new file\n`);
        fw.ino = ino;
        fw.seen = 0;
        fw.gone = false;
      }
    }
    if (!fw.handle) return;
    let text: string;
    try {
      text = fw.handle.read();
    } catch {
      // The inode we follow was freed (unlinked and replaced): nothing more will arrive on it.
      fw.handle = null;
      return;
    }
    if (text.length < fw.seen) {
      ctx.stderr.write(`${prog}: ${fw.name}: file truncated\n`);
      fw.seen = 0;
    }
    show(fw.name, text.slice(fw.seen));
    fw.seen = text.length;
  };
  while (!ctx.signal.aborted) {
    if (!(await ctx.sys.sleep(NS_PER_S, ctx.signal))) break;
    for (const fw of followed) poll(fw);
  }
  return 130;
}

export const tail = defineCommand('tail', runTail);
