// awk's streams: `print > file`, `>> file` and `| "cmd"` outputs, and the readers behind
// `getline < file` and `"cmd" | getline`, opened on first use and kept until close().

import { stringInput, type OutputStream } from '../../core/stream';
import type { CommandContext } from '../types';
import { AwkRuntimeError } from './awk-run';
import { vfsError } from './io';

interface Output {
  write(text: string): void;
  pipe?: string;
  buf?: string;
}

export class AwkStreams {
  private readonly outputs = new Map<string, Output>();
  private readonly readers = new Map<string, { records: string[]; at: number }>();

  constructor(private readonly ctx: CommandContext) {}

  /** Write to stdout (kind null) or to the named redirection, opening it the first time. */
  write(text: string, kind: '>' | '>>' | '|' | null, name: string): void {
    if (kind === null) return this.ctx.stdout.write(text);
    let out = this.outputs.get(name);
    if (!out) {
      out = this.open(kind, name);
      this.outputs.set(name, out);
    }
    out.write(text);
  }

  private open(kind: '>' | '>>' | '|', name: string): Output {
    if (kind === '|') {
      const o: Output = { write: (t) => (o.buf = (o.buf ?? '') + t), pipe: name, buf: '' };
      return o;
    }
    if (name === '/dev/stdout' || name === '-') return this.ctx.stdout;
    if (name === '/dev/stderr') return this.ctx.stderr;
    try {
      const h = this.ctx.sys.fs.open(name, kind === '>' ? { write: true, create: true, trunc: true } : { write: true, create: true, append: true }, 0o666);
      return { write: (t) => h.write(t) };
    } catch (e) {
      throw new AwkRuntimeError(`cannot open "${name}" for output (${vfsError(e).text})`);
    }
  }

  /** Pending `print | "cmd"` output: the commands run when closed or at exit. */
  pendingPipes(): { cmd: string; text: string }[] {
    return [...this.outputs.values()].filter((o) => o.pipe !== undefined).map((o) => ({ cmd: o.pipe!, text: o.buf ?? '' }));
  }

  async close(name: string): Promise<number> {
    const out = this.outputs.get(name);
    if (out) {
      this.outputs.delete(name);
      return out.pipe !== undefined ? runPipe(this.ctx, out.pipe, out.buf ?? '') : 0;
    }
    return this.readers.delete(`cmd:${name}`) || this.readers.delete(`file:${name}`) ? 0 : -1;
  }

  /** The next record of a getline source: null at its end, undefined when the file cannot be read. */
  async readRecord(kind: 'cmd' | 'file', name: string, split: (text: string) => string[]): Promise<string | null | undefined> {
    const key = `${kind}:${name}`;
    let r = this.readers.get(key);
    if (!r) {
      let text: string;
      if (kind === 'cmd') text = await captureCommand(this.ctx, name);
      else {
        try {
          text = name === '-' || name === '/dev/stdin' ? '' : this.ctx.sys.fs.readFile(name);
        } catch {
          return undefined;
        }
      }
      r = { records: split(text), at: 0 };
      this.readers.set(key, r);
    }
    return r.at < r.records.length ? r.records[r.at++] : null;
  }
}

/** `print | "cmd"`: the command reads everything printed to it. */
export async function runPipe(ctx: CommandContext, cmd: string, text: string): Promise<number> {
  const r = await ctx.sys.spawn(['sh', '-c', cmd], { stdin: stringInput(text) });
  return r.error ? 127 : r.status;
}

/** Run a command through sh -c, capturing its standard output (for `cmd | getline`). */
export async function captureCommand(ctx: CommandContext, cmd: string): Promise<string> {
  let text = '';
  const sink: OutputStream = { write: (t: string) => (text += t), isTTY: false, columns: 80, close: () => {} };
  await ctx.sys.spawn(['sh', '-c', cmd], { stdin: stringInput(''), stdout: sink });
  return text;
}
