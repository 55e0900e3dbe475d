// A pseudo-terminal: what the learner types goes in, what programs print comes out; Ctrl-C reaches the job.

import type { InputStream, OutputStream } from '../core/stream';
import type { Completion, LineCompleter } from './completion';
import { ShellInput } from './interpreter/io';

/** Extra powers a terminal input has over a pipe: foreground jobs that Ctrl-C interrupts. */
export interface TtyInput extends InputStream {
  readonly isTTY: true;
  /** Make `job` the foreground job until the returned function is called. */
  pushForeground(job: AbortController): () => void;
  /** The terminal's device name, e.g. `pts/0`. */
  readonly ttyName: string;
  /**
   * An interactive shell shows its prompt (PS1/PS2) here instead of writing it as output, so the
   * front end can render it beside the line editor (TUI), echo it (headless --echo) or drop it.
   */
  prompt(text: string): void;
  /**
   * The shell that shows its prompt on this terminal says how Tab completes its line (null: Tab rings the
   * bell). The latest shell to register wins, so a login over `ssh` completes on the remote node until
   * the local shell prompts again.
   */
  setCompleter?(completer: LineCompleter | null): void;
  /**
   * Turn the tty's echo of typed input on or off (termios ECHO), as getpass does around reading a
   * password. The front end then shows nothing of the line typed. The next shell prompt turns it on.
   */
  setEcho?(on: boolean): void;
  /** Whether typed input is echoed now. */
  readonly echo?: boolean;
}

export function isTtyInput(s: InputStream): s is TtyInput {
  return s.isTTY && typeof (s as TtyInput).pushForeground === 'function';
}

/**
 * The terminal a program's stdin reads from, through the shell's buffering wrappers (a command run by
 * a shell reads the shell's ShellInput over the tty); null when stdin is not a terminal.
 */
export function terminalBehind(stdin: InputStream): TtyInput | null {
  let s = stdin;
  while (s instanceof ShellInput) s = s.source;
  return isTtyInput(s) ? s : null;
}

export class Terminal {
  private queue: string[] = [];
  private eofPending = false;
  private closed = false;
  private waiter: ((v: string | null) => void) | null = null;
  private foreground: AbortController[] = [];
  private completer: LineCompleter | null = null;
  readonly input: TtyInput;
  readonly output: OutputStream;

  /** The prompt most recently shown, until the next line is typed. */
  currentPrompt = '';
  private echoOn = true;

  constructor(
    sink: (text: string) => void,
    readonly ttyName = 'pts/0',
    columns = 80,
    private readonly onPrompt: (text: string) => void = () => {},
    /** Echo was turned on or off (the TUI hides or shows the line being typed). */
    private readonly onEcho: (on: boolean) => void = () => {},
  ) {
    const self = this;
    this.output = {
      isTTY: true,
      get columns() {
        return self.columns;
      },
      write: (text: string) => sink(text.replace(/\r?\n/g, '\n')),
      close: () => {},
    };
    this.columns = columns;
    this.input = {
      isTTY: true,
      ttyName,
      read: (signal?: AbortSignal) => this.read(signal),
      get echo() {
        return self.echoOn;
      },
      setEcho: (on: boolean) => this.setEcho(on),
      prompt: (text: string) => {
        // The shell's own line editor echoes what it reads, as readline does whatever a killed program
        // left the tty in.
        this.setEcho(true);
        this.currentPrompt = text;
        this.onPrompt(text);
      },
      setCompleter: (completer: LineCompleter | null) => {
        this.completer = completer;
      },
      pushForeground: (job) => {
        this.foreground.push(job);
        return () => {
          const i = this.foreground.lastIndexOf(job);
          if (i >= 0) this.foreground.splice(i, 1);
        };
      },
    };
  }

  columns: number;

  private read(signal?: AbortSignal): Promise<string | null> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.eofPending || this.closed) {
      // Ctrl-D is consumed by one read; a closed input stays at EOF.
      if (!this.closed) this.eofPending = false;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
      // A reader killed while waiting gives up its place: the next line typed goes to the next reader.
      signal?.addEventListener(
        'abort',
        () => {
          if (this.waiter !== resolve) return;
          this.waiter = null;
          resolve(null);
        },
        { once: true },
      );
    });
  }

  /** Whether what is typed is shown (off while a program reads a password). */
  get echo(): boolean {
    return this.echoOn;
  }

  setEcho(on: boolean): void {
    if (on === this.echoOn) return;
    this.echoOn = on;
    this.onEcho(on);
  }

  /** Someone is blocked reading the terminal (the shell waits at its prompt, or a program reads a line). */
  get reading(): boolean {
    return this.waiter !== null;
  }

  /** Type a line (the newline is added). */
  feed(line: string): void {
    this.currentPrompt = '';
    this.deliver(`${line}\n`);
  }

  private deliver(chunk: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(chunk);
    } else this.queue.push(chunk);
  }

  /** Ctrl-D: the next read sees end of input. */
  eof(): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    } else this.eofPending = true;
  }

  /** The input is gone for good (headless stdin ended): every read from now on sees EOF. */
  close(): void {
    this.closed = true;
    this.eof();
  }

  /** Ctrl-C: interrupt the foreground job, if any. Returns whether a job was interrupted. */
  interrupt(): boolean {
    const job = this.foreground[this.foreground.length - 1];
    if (!job) return false;
    job.abort(2);
    return true;
  }

  /** Tab at the prompt: the registered shell completes the word before the cursor (nothing without one). */
  complete(line: string, cursor: number): Completion {
    if (!this.completer) return { start: cursor, candidates: [] };
    return this.completer(line, cursor);
  }

  get busy(): boolean {
    return this.foreground.length > 0;
  }
}
