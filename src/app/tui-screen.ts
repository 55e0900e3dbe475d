// The host terminal while the TUI runs: Ink draws and reads through a switch that can hand the screen
// and keyboard to a full-screen host program (the editor) and take them back; alternate screen and
// bracketed paste are turned on around the session and always turned off again, even on a crash.

import { PassThrough, Writable } from 'node:stream';
import type { ScreenHandover } from './editor';

/** The host side: process.stdin/stdout, or the ends of a test's fake terminal. */
export interface HostInput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
  ref?(): unknown;
  unref?(): unknown;
}

export interface HostOutput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(data: string): unknown;
}

export const ALT_SCREEN_ON = '\x1b[?1049h';
export const ALT_SCREEN_OFF = '\x1b[?1049l';
export const PASTE_ON = '\x1b[?2004h';
export const PASTE_OFF = '\x1b[?2004l';
const CLEAR_HOME = '\x1b[2J\x1b[H';
/** Ink wraps each frame in a synchronized update (begin/end); a clear inside it shows with the frame. */
const SYNC_BEGIN = '\x1b[?2026h';
const CURSOR_SHOW = '\x1b[?25h';
const CURSOR_HIDE = '\x1b[?25l';

/** Ink renders at most this often (its default maxFps 30); a hidden frame is drawn within two of them. */
const FRAME_MS = 40;

/** Ink's stdin: a stream Ink reads keys from, with the tty methods it calls. */
type InkInput = PassThrough & { isTTY: boolean; setRawMode(raw: boolean): void; ref(): void; unref(): void };
type InkOutput = Writable & { isTTY: boolean; readonly columns: number; readonly rows: number };

export class HostScreen implements ScreenHandover {
  /** Give these to Ink's render() as stdin and stdout. */
  readonly inkInput: InkInput;
  readonly inkOutput: InkOutput;
  private suspended = false;
  private hiddenView = false;
  private inkWantsRaw = false;
  /** Between enter() and leave(): the screen is ours. */
  private entered = false;
  /** Clear the screen right before Ink's next write (see clearBeforeNextFrame). */
  private clearPending = false;
  private readonly viewListeners = new Set<() => void>();
  private readonly inputListeners = new Set<(data: string) => void>();
  private readonly resizeListeners = new Set<() => void>();
  private readonly onData = (data: Buffer | string): void => {
    const text = typeof data === 'string' ? data : data.toString('utf8');
    if (this.suspended) for (const l of this.inputListeners) l(text);
    else this.inkInput.write(text);
  };
  private readonly handleResize = (): void => {
    this.inkOutput.emit('resize');
    for (const l of this.resizeListeners) l();
  };
  private readonly restoreOnExit = (): void => this.leave();

  constructor(
    private readonly input: HostInput,
    private readonly output: HostOutput,
  ) {
    const inkInput = new PassThrough() as InkInput;
    inkInput.isTTY = true;
    inkInput.setRawMode = (raw: boolean) => {
      this.inkWantsRaw = raw;
      if (!this.suspended) this.setRawMode(raw);
    };
    inkInput.ref = () => {};
    inkInput.unref = () => {};
    this.inkInput = inkInput;
    const screen = this;
    const inkOutput = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        // While a host program owns the screen, Ink's frames would draw over it; after leave() (Ink's
        // own exit hook unmounts late, on process exit) they would land on the learner's shell screen.
        if (screen.entered && !screen.suspended) output.write(screen.withPendingClear(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
        done();
      },
    }) as InkOutput;
    inkOutput.isTTY = true;
    Object.defineProperty(inkOutput, 'columns', { get: () => this.columns });
    Object.defineProperty(inkOutput, 'rows', { get: () => this.rows });
    this.inkOutput = inkOutput;
  }

  get columns(): number {
    return this.output.columns || 80;
  }

  get rows(): number {
    return this.output.rows || 24;
  }

  /** Alternate screen, bracketed paste, raw keys; restored by leave(), on exit and on SIGTERM/SIGHUP. */
  enter(): void {
    if (this.entered) return;
    this.entered = true;
    this.output.write(ALT_SCREEN_ON + PASTE_ON + CLEAR_HOME);
    this.input.on('data', this.onData);
    this.input.resume();
    this.output.on('resize', this.handleResize);
    process.on('exit', this.restoreOnExit);
  }

  /** Put the host terminal back as it was. Safe to call more than once. */
  leave(): void {
    if (!this.entered) return;
    this.entered = false;
    this.input.off('data', this.onData);
    this.output.off('resize', this.handleResize);
    this.setRawMode(false);
    this.input.pause();
    this.output.write(PASTE_OFF + CURSOR_SHOW + ALT_SCREEN_OFF);
    process.off('exit', this.restoreOnExit);
  }

  /** Clear the screen between views (the picker, then the lab). */
  clear(): void {
    this.clearPending = false;
    if (!this.suspended) this.output.write(CLEAR_HOME);
  }

  /**
   * Clear the screen when the next view draws its first frame, not now: the first render of the lab
   * takes a moment, and until then the screen keeps saying that the lab is starting instead of going blank.
   */
  clearBeforeNextFrame(): void {
    this.clearPending = true;
  }

  private withPendingClear(chunk: string): string {
    if (!this.clearPending) return chunk;
    this.clearPending = false;
    return chunk.startsWith(SYNC_BEGIN) ? SYNC_BEGIN + CLEAR_HOME + chunk.slice(SYNC_BEGIN.length) : CLEAR_HOME + chunk;
  }

  // — the view gate: the app's root component hides the TUI while a host program runs —

  /** Whether the TUI should draw nothing (a host program owns the screen). */
  hidden(): boolean {
    return this.hiddenView;
  }

  subscribe(listener: () => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  // — ScreenHandover, for the editor —

  async suspend(): Promise<void> {
    if (this.suspended) return;
    this.setView(true);
    // Let Ink draw its empty frame before its writes are cut off: the resumed frame then differs from
    // Ink's last one, so Ink repaints the whole screen instead of thinking it is still there.
    await new Promise((resolve) => setTimeout(resolve, 2 * FRAME_MS));
    this.suspended = true;
    this.output.write(PASTE_OFF + CLEAR_HOME + CURSOR_SHOW);
  }

  async resume(): Promise<void> {
    if (!this.suspended) return;
    // Full-screen editors leave the alternate screen when they quit; come back to ours.
    this.output.write(ALT_SCREEN_ON + PASTE_ON + CLEAR_HOME + CURSOR_HIDE);
    this.suspended = false;
    this.setRawMode(this.inkWantsRaw);
    this.setView(false);
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
  }

  setRawMode(raw: boolean): void {
    if (this.input.isTTY && typeof this.input.setRawMode === 'function') this.input.setRawMode(raw);
  }

  write(data: string): void {
    this.output.write(data);
  }

  onInput(listener: (data: string) => void): () => void {
    this.inputListeners.add(listener);
    return () => this.inputListeners.delete(listener);
  }

  onResize(listener: () => void): () => void {
    this.resizeListeners.add(listener);
    return () => this.resizeListeners.delete(listener);
  }

  private setView(hidden: boolean): void {
    this.hiddenView = hidden;
    for (const l of this.viewListeners) l();
  }
}
