// A container's stdin and terminal as containerd keeps them for attach (CRI Attach): with `stdin: true`
// the init process reads a stream that stays open while no client is attached, then what an attached
// client types; `stdinOnce` closes it when the first client goes. Output goes to the CRI log and to
// whoever is attached; with `tty: true` the process sees a terminal (prompts, job control, Tab).

import type { InputStream, OutputStream } from '../../core/stream';

/**
 * The shell's terminal input (TtyInput), seen structurally: the kube layer sits below the shell. A
 * shell on such an input prompts through `prompt`, hands Ctrl-C to its jobs and offers Tab completion.
 */
export interface TerminalLikeInput extends InputStream {
  readonly isTTY: true;
  readonly ttyName: string;
  pushForeground(job: AbortController): () => void;
  prompt(text: string): void;
  setCompleter?(completer: unknown): void;
}

function isTerminalLike(s: unknown): s is TerminalLikeInput {
  return !!s && (s as InputStream).isTTY === true && typeof (s as Partial<TerminalLikeInput>).pushForeground === 'function';
}

/**
 * The terminal behind a client's stdin. kubectl hands over its stdin as its shell gave it: a buffered
 * reader (the shell's ShellInput) whose `source` is the terminal, as bash's own terminalOf unwraps it.
 */
function terminalBehind(s: InputStream | null | undefined): TerminalLikeInput | null {
  let cur: unknown = s;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (isTerminalLike(cur)) return cur;
    cur = (cur as { source?: unknown }).source;
  }
  return null;
}

/** One attach session's streams (the API server's StreamIO as the kubelet hands it to the runtime). */
export interface AttachClient {
  stdin: InputStream | null;
  stdout: OutputStream;
  stderr: OutputStream;
  tty: boolean;
  signal: AbortSignal;
  interactive: boolean;
}

interface PendingRead {
  resolve: (chunk: string | null) => void;
  /** The read forwarded to the client's stdin, cancelled when the client goes. */
  forwarding: AbortController | null;
}

interface Session {
  client: AttachClient;
  end: () => void;
  /** The client's stdin reached its end (kubectl closes the stream; the container may keep reading). */
  stdinEnded: boolean;
}

export interface ConsoleOptions {
  tty: boolean;
  /** The container reads its stdin (spec stdin: true); otherwise a tty alone is open but silent. */
  stdin: boolean;
  stdinOnce: boolean;
  /** While a client that drives the learner's clock is attached, so does the container's process (headless sleeps). */
  setInteractive: (on: boolean) => void;
}

export class ContainerConsole {
  readonly input: InputStream;
  private session: Session | null = null;
  private pending: PendingRead | null = null;
  private closed = false;
  /** The prompt the shell last showed; a terminal client that attaches sees it redrawn. */
  private lastPrompt = '';

  constructor(private readonly opts: ConsoleOptions) {
    const read = (signal?: AbortSignal): Promise<string | null> => this.read(signal);
    if (!opts.tty) {
      this.input = { isTTY: false, read };
      return;
    }
    const terminal: TerminalLikeInput = {
      isTTY: true,
      ttyName: 'pts/0',
      read,
      prompt: (text) => this.prompt(text),
      pushForeground: (job) => this.clientTerminal()?.pushForeground(job) ?? (() => {}),
      setCompleter: (completer) => this.clientTerminal()?.setCompleter?.(completer),
    };
    this.input = terminal;
  }

  /** The init process's stdout or stderr: the CRI log, and the attached client (one stream on a tty). */
  output(log: OutputStream, which: 'stdout' | 'stderr'): OutputStream {
    const self = this;
    return {
      get isTTY() {
        return self.opts.tty;
      },
      get columns() {
        return self.session?.client.stdout.columns ?? 80;
      },
      write(text: string) {
        log.write(text);
        const c = self.session?.client;
        if (c) (which === 'stderr' && !self.opts.tty ? c.stderr : c.stdout).write(text);
      },
      close() {
        log.close();
      },
    };
  }

  /** Serve one client until it goes (its signal) or the process exits. */
  attach(client: AttachClient): Promise<void> {
    this.session?.end();
    return new Promise<void>((resolve) => {
      const session: Session = {
        client,
        stdinEnded: false,
        end: () => {
          if (this.session !== session) return;
          this.session = null;
          client.signal.removeEventListener('abort', session.end);
          const p = this.pending;
          if (p?.forwarding) {
            p.forwarding.abort();
            p.forwarding = null;
          }
          this.opts.setInteractive(false);
          if (this.opts.stdinOnce && client.stdin && this.opts.stdin) this.closeStdin();
          resolve();
        },
      };
      if (client.signal.aborted) return resolve();
      this.session = session;
      client.signal.addEventListener('abort', session.end, { once: true });
      // Someone typing into the container drives it as they drive their own shell (headless sleeps).
      if (client.stdin && this.opts.stdin) this.opts.setInteractive(client.interactive);
      // kubectl's resize dance on attach makes a line-editing shell redraw its prompt.
      if (this.pending && this.lastPrompt) this.clientTerminal()?.prompt(this.lastPrompt);
      this.pump();
    });
  }

  /** The init process is gone: its sessions end, and so does its stdin. */
  exited(): void {
    this.session?.end();
    this.closeStdin();
  }

  /** The attached client's terminal, when it attached one (kubectl attach -i -t on a terminal). */
  private clientTerminal(): TerminalLikeInput | null {
    const c = this.session?.client;
    return c && c.tty ? terminalBehind(c.stdin) : null;
  }

  private prompt(text: string): void {
    this.lastPrompt = text;
    const c = this.session?.client;
    if (!c) return;
    const t = this.clientTerminal();
    if (t) t.prompt(text);
    // A client without a terminal gets the prompt as the tty's output, as it would from a pty.
    else c.stdout.write(text);
  }

  private read(signal?: AbortSignal): Promise<string | null> {
    if (this.closed || signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const p: PendingRead = { resolve, forwarding: null };
      this.pending = p;
      signal?.addEventListener(
        'abort',
        () => {
          if (this.pending !== p) return;
          this.pending = null;
          p.forwarding?.abort();
          resolve(null);
        },
        { once: true },
      );
      this.pump();
    });
  }

  /** Hand the waiting read to the attached client's stdin, if there is one to read. */
  private pump(): void {
    const p = this.pending;
    const s = this.session;
    if (!p || !s || p.forwarding || s.stdinEnded || !s.client.stdin || !this.opts.stdin) return;
    const ac = new AbortController();
    p.forwarding = ac;
    void s.client.stdin.read(ac.signal).then(
      (chunk) => this.forwarded(p, s, ac, chunk),
      () => this.forwarded(p, s, ac, null),
    );
  }

  private forwarded(p: PendingRead, s: Session, ac: AbortController, chunk: string | null): void {
    if (p.forwarding === ac) p.forwarding = null;
    if (this.pending !== p) return;
    if (chunk !== null) {
      this.pending = null;
      p.resolve(chunk);
      return;
    }
    // A read cancelled because the client went: the process keeps waiting for the next one.
    if (ac.signal.aborted) return;
    s.stdinEnded = true;
    if (this.opts.stdinOnce) this.closeStdin();
  }

  private closeStdin(): void {
    this.closed = true;
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    p.forwarding?.abort();
    p.resolve(null);
  }
}
