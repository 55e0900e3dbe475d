// The shell's file descriptors. Inputs are wrapped so that `read` can take one line and leave the
// rest for the next reader, as reading a pipe byte by byte does in bash.
import type { InputStream, OutputStream } from '../../core/stream';

export class ShellInput implements InputStream {
  private buf = '';
  private pending: Promise<string | null> | null = null;

  constructor(readonly source: InputStream) {}

  get isTTY(): boolean {
    return this.source.isTTY;
  }

  private pull(): Promise<string | null> {
    if (!this.pending) this.pending = this.source.read();
    return this.pending;
  }

  /** Next chunk from the source, or 'aborted'. A read interrupted by abort is kept for the next call. */
  private async chunk(signal?: AbortSignal): Promise<string | null | 'aborted'> {
    if (signal?.aborted) return 'aborted';
    const p = this.pull();
    if (!signal) {
      const v = await p;
      this.pending = null;
      return v;
    }
    let onAbort: () => void = () => {};
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const v = await Promise.race([p, aborted]);
    signal.removeEventListener('abort', onAbort);
    if (v !== 'aborted') this.pending = null;
    return v;
  }

  async read(): Promise<string | null> {
    if (this.buf !== '') {
      const b = this.buf;
      this.buf = '';
      return b;
    }
    const v = await this.chunk();
    return v === 'aborted' ? null : v;
  }

  /**
   * Text up to and including `delim` (or `max` characters, or end of input). null when the input is
   * already at its end (or the read was aborted).
   */
  async readUntil(delim: string, max = Infinity, signal?: AbortSignal): Promise<{ text: string; found: boolean } | null> {
    for (;;) {
      const idx = delim === '' ? -1 : this.buf.indexOf(delim);
      if (idx >= 0 && idx < max) {
        const text = this.buf.slice(0, idx + 1);
        this.buf = this.buf.slice(idx + 1);
        return { text, found: true };
      }
      if (this.buf.length >= max) {
        const text = this.buf.slice(0, max);
        this.buf = this.buf.slice(max);
        return { text, found: false };
      }
      const c = await this.chunk(signal);
      if (c === 'aborted') return null;
      if (c === null) {
        if (this.buf === '') return null;
        const text = this.buf;
        this.buf = '';
        return { text, found: false };
      }
      this.buf += c;
    }
  }
}

const wrappers = new WeakMap<InputStream, ShellInput>();

/** The one ShellInput for a stream, so leftovers survive between commands reading the same stream. */
export function shellInput(stream: InputStream): ShellInput {
  if (stream instanceof ShellInput) return stream;
  let w = wrappers.get(stream);
  if (!w) {
    w = new ShellInput(stream);
    wrappers.set(stream, w);
  }
  return w;
}

export interface FdEntry {
  input?: ShellInput;
  output?: OutputStream;
}

export type FdTable = Map<number, FdEntry>;
