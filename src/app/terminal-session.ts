// The TUI's terminal pane over the lab's simulated terminal (pts/0): typed lines in, program output out,
// and "busy" from the shell's own prompts, so type-ahead and pasted lines reach the right reader.

import { Terminal } from '../shell/terminal';
import type { Completion, TerminalSession } from '../tui/types';

export interface LabTerminalOptions {
  /** Columns programs see (`ls` lays out, `kubectl` wraps); the app follows the pane's width. */
  columns?: number;
  ttyName?: string;
  /** Earlier command lines (saved by the app), continued by what is typed here. */
  history?: readonly string[];
  /** A command line finished and the shell shows its prompt again: the moment to save the world. */
  onCommandDone?: () => void;
}

const TAIL_CHARS = 4000;

/** End of file (Ctrl-D) queued behind the lines typed before it. */
const EOF = null;

/**
 * A tty in cooked mode as the TUI sees it. The shell announces each prompt (TtyInput.prompt); between a
 * typed line and the next prompt a command runs, so the session is busy. Typed lines wait in `pending`
 * until someone reads: the shell (it reads right after prompting) or a program reading the terminal
 * (`cat > file`), which `pump()` notices. Feeding lines one reader at a time keeps a pasted block from
 * running while the TUI still shows an idle prompt.
 */
export class LabTerminal implements TerminalSession {
  readonly terminal: Terminal;
  private atPrompt = false;
  private everPrompted = false;
  private fedSincePrompt = false;
  private readonly pending: (string | typeof EOF)[] = [];
  /** Output printed before the TUI subscribed (the login banner), replayed to the first listener. */
  private early: string[] = [];
  /** The last few thousand characters printed, to explain a login that failed after the TUI closed. */
  private recent = '';
  private readonly typed: string[];
  private readonly outputListeners = new Set<(text: string) => void>();
  private readonly stateListeners = new Set<() => void>();

  constructor(private readonly options: LabTerminalOptions = {}) {
    this.typed = [...(options.history ?? [])];
    this.terminal = new Terminal(
      (text) => this.output(text),
      options.ttyName ?? 'pts/0',
      options.columns ?? 80,
      () => this.prompted(),
      () => this.notify(),
    );
  }

  prompt(): string {
    return this.atPrompt ? this.terminal.currentPrompt : '';
  }

  busy(): boolean {
    return !this.atPrompt;
  }

  /** The end of what the terminal printed. */
  tail(): string {
    return this.recent;
  }

  /** Whether the shell has shown a prompt at least once (a login that never got there failed). */
  get reachedPrompt(): boolean {
    return this.everPrompted;
  }

  submit(line: string): void {
    this.remember(line);
    this.enqueue(line.split('\n'));
  }

  /** False while a program reads a password with echo off. */
  echo(): boolean {
    return this.terminal.echo;
  }

  sendInput(text: string): void {
    const line = text.replace(/\n$/, '');
    // A password typed with echo off never lands in the saved history.
    if (this.terminal.echo) this.remember(line);
    this.enqueue(line.split('\n'));
  }

  /**
   * Tab: the shell waiting at its prompt completes the word before the cursor. While a command runs the
   * line goes to a program, not to the shell's line editor, so there is nothing to complete.
   */
  complete(line: string, cursor: number): Completion {
    const none = { start: cursor, candidates: [] };
    if (!this.atPrompt) return none;
    try {
      return this.terminal.complete(line, cursor);
    } catch {
      // A completion bug must not take the TUI down with it; Tab then just rings the bell.
      return none;
    }
  }

  /** What was typed, newest last, as the line editor keeps it for ↑ (blank lines and repeats left out). */
  history(): readonly string[] {
    return this.typed;
  }

  sendEof(): void {
    this.pending.push(EOF);
    this.pump();
  }

  /** Ctrl-D at an empty prompt: end of input for the shell, which logs out (the prompt stays on screen). */
  logout(): void {
    if (this.atPrompt) this.output(this.terminal.currentPrompt);
    this.atPrompt = false;
    this.sendEof();
    this.notify();
  }

  interrupt(): void {
    // A real tty discards unread input on SIGINT.
    this.pending.length = 0;
    this.terminal.interrupt();
  }

  onOutput(listener: (text: string) => void): () => void {
    this.outputListeners.add(listener);
    if (this.early.length > 0) {
      const replay = this.early.join('');
      this.early = [];
      listener(replay);
    }
    return () => this.outputListeners.delete(listener);
  }

  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  setColumns(columns: number): void {
    this.terminal.columns = Math.max(20, columns);
  }

  /** Hand the next typed line to a program that is reading the terminal without a prompt. */
  pump(): void {
    if (this.pending.length > 0 && this.terminal.reading) this.deliverNext();
  }

  /** The terminal goes away (the app quits): every reader sees end of file. */
  close(): void {
    this.pending.length = 0;
    this.terminal.close();
  }

  private remember(line: string): void {
    if (line.trim() !== '' && line !== this.typed[this.typed.length - 1]) this.typed.push(line);
  }

  private enqueue(lines: string[]): void {
    if (this.atPrompt) {
      this.atPrompt = false;
      this.notify();
    }
    this.pending.push(...lines);
    this.pump();
  }

  private deliverNext(): void {
    const next = this.pending.shift();
    if (next === undefined) return;
    this.fedSincePrompt = true;
    if (next === EOF) this.terminal.eof();
    else this.terminal.feed(next);
  }

  private prompted(): void {
    this.everPrompted = true;
    if (this.pending.length > 0) {
      // The shell reads right after prompting; the line waits in the terminal's queue for that read.
      this.deliverNext();
      return;
    }
    this.atPrompt = true;
    this.notify();
    if (this.fedSincePrompt) {
      this.fedSincePrompt = false;
      this.options.onCommandDone?.();
    }
  }

  private output(text: string): void {
    this.recent = (this.recent + text).slice(-TAIL_CHARS);
    if (this.outputListeners.size === 0) {
      this.early.push(text);
      return;
    }
    for (const l of this.outputListeners) l(text);
  }

  private notify(): void {
    for (const l of this.stateListeners) l();
  }
}
