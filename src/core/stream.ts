// Byte streams between simulated processes: pipes, terminals and files all look like these.

/** Where a process writes: a pipe, the terminal, a file (via redirection) or a capture buffer. */
export interface OutputStream {
  write(text: string): void;
  /** True when this is a terminal (tty); programs change behaviour on it (ls columns, colours, prompts). */
  readonly isTTY: boolean;
  /** Terminal width when isTTY. */
  readonly columns: number;
  /** The writer is done; a pipe's reader then sees EOF. Closing twice is harmless. */
  close(): void;
}

/** Where a process reads: a pipe, the terminal, a file, or nothing (EOF at once). */
export interface InputStream {
  /**
   * The next chunk, or null at end of input. Resolves when data arrives. With `signal`, a read still
   * waiting when it aborts resolves null and takes nothing (the reader was killed).
   */
  read(signal?: AbortSignal): Promise<string | null>;
  readonly isTTY: boolean;
}

/** Read everything until EOF. */
export async function readAll(input: InputStream): Promise<string> {
  let out = '';
  for (;;) {
    const chunk = await input.read();
    if (chunk === null) return out;
    out += chunk;
  }
}

/** Split a stream into lines as they arrive; the final unterminated line is yielded too. */
export async function* readLines(input: InputStream): AsyncGenerator<string> {
  let buf = '';
  for (;;) {
    const chunk = await input.read();
    if (chunk === null) break;
    buf += chunk;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      yield buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
  }
  if (buf !== '') yield buf;
}

/**
 * A process's view of its input: a read blocked when a signal kills the process returns (null), as
 * read(2) does not outlive its process. `dies()` says whether the abort kills this reader (a program
 * that handles SIGINT keeps reading through Ctrl-C).
 */
export function interruptibleInput<T extends InputStream>(input: T, signal: AbortSignal, dies: () => boolean): T {
  // Everything else the input offers (a terminal's foreground jobs, prompt, name) stays as it is.
  const wrapped = Object.create(input) as T;
  wrapped.read = (): Promise<string | null> => {
    if (signal.aborted && dies()) return Promise.resolve(null);
    const own = new AbortController();
    const onAbort = (): void => {
      if (dies()) own.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return new Promise<string | null>((resolve) => {
      own.signal.addEventListener('abort', () => resolve(null), { once: true });
      void input.read(own.signal).then(resolve, () => resolve(null));
    }).finally(() => signal.removeEventListener('abort', onAbort));
  };
  return wrapped;
}

/** An input that is already at end. */
export const emptyInput: InputStream = { read: async () => null, isTTY: false };

/** An input holding fixed text (here-documents, `<<<`, redirection from a file read up front). */
export function stringInput(text: string): InputStream {
  let done = text === '';
  return {
    isTTY: false,
    read: async () => {
      if (done) return null;
      done = true;
      return text;
    },
  };
}

/** An output that collects text (command substitution, tests). */
export class CaptureOutput implements OutputStream {
  text = '';
  readonly isTTY: boolean;
  readonly columns: number;
  constructor(opts: { isTTY?: boolean; columns?: number } = {}) {
    this.isTTY = opts.isTTY ?? false;
    this.columns = opts.columns ?? 80;
  }
  write(text: string): void {
    this.text += text;
  }
  close(): void {}
}

/** An output that discards (2>/dev/null is a file; this is for processes with no stream at all). */
export const nullOutput: OutputStream = { write: () => {}, isTTY: false, columns: 80, close: () => {} };

/**
 * A unidirectional pipe. Writes never block (the simulation has no pipe buffer limit); reads wait for
 * data or for the writer to close. A closed reader makes further writes vanish (EPIPE is not modelled).
 */
export class Pipe {
  private chunks: string[] = [];
  private closed = false;
  private waiter: ((v: string | null) => void) | null = null;

  readonly writer: OutputStream;
  readonly reader: InputStream;

  constructor() {
    const self = this;
    this.writer = {
      isTTY: false,
      columns: 80,
      write(text: string) {
        if (self.closed || text === '') return;
        if (self.waiter) {
          const w = self.waiter;
          self.waiter = null;
          w(text);
        } else self.chunks.push(text);
      },
      close() {
        if (self.closed) return;
        self.closed = true;
        if (self.waiter) {
          const w = self.waiter;
          self.waiter = null;
          w(null);
        }
      },
    };
    this.reader = {
      isTTY: false,
      read() {
        if (self.chunks.length > 0) {
          const all = self.chunks.join('');
          self.chunks = [];
          return Promise.resolve(all);
        }
        if (self.closed) return Promise.resolve(null);
        return new Promise((resolve) => {
          self.waiter = resolve;
        });
      },
    };
  }
}
