// The interfaces the TUI needs from outside: the learner's shell session and the scenario session actor.
import type { SessionContext, SessionEvent } from '../scenarios/session.machine';

/** Shell completion for the word ending at the cursor: candidates replace line[start, cursor). */
export interface Completion {
  start: number;
  candidates: readonly string[];
}

/**
 * The learner's interactive shell as the terminal pane drives it (implemented in src/shell/ or the
 * app). It behaves like a tty in cooked mode: the TUI edits and echoes the line, the session runs it.
 */
export interface TerminalSession {
  /** The prompt for the next command line, e.g. `root@kube-worker-1:~# `. */
  prompt(): string;
  /** Run a command line; it may hold newlines (a pasted heredoc). Output arrives through onOutput. */
  submit(line: string): void;
  /** Ctrl-C while a command runs: SIGINT to the foreground job (`journalctl -f`, `tail -f`). */
  interrupt(): void;
  /** True while a foreground command runs; typed lines then go to sendInput instead of submit. */
  busy(): boolean;
  /** A line typed while a command runs (its stdin from the terminal), newline included. */
  sendInput?(text: string): void;
  /** Ctrl-D on an empty line while a command runs: end of file on its stdin. */
  sendEof?(): void;
  /**
   * Whether the tty echoes what is typed; false while a program reads a password (getpass turns ECHO
   * off). Absent means always on.
   */
  echo?(): boolean;
  /** Tab completion; absent means Tab just rings the bell. */
  complete?(line: string, cursor: number): Completion;
  /** Everything the session prints (stdout and stderr, as the terminal shows them). Returns unsubscribe. */
  onOutput(listener: (text: string) => void): () => void;
  /** Called when busy() or prompt() may have changed (a command finished, `ssh` changed host). */
  onStateChange(listener: () => void): () => void;
}

/** What the TUI reads from a scenario session snapshot. */
export interface SessionView {
  value: unknown;
  context: SessionContext;
  matches(state: 'briefing' | 'working' | 'checking' | 'confirmingSolution' | 'passed'): boolean;
  can(event: SessionEvent): boolean;
}

/**
 * The running scenario session (an xstate actor of sessionMachine, structurally). Kept as an
 * interface so src/tui never imports xstate itself.
 */
export interface SessionActorRef {
  getSnapshot(): SessionView;
  subscribe(listener: () => void): { unsubscribe(): void };
  send(event: SessionEvent): void;
}
