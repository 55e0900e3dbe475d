// A host terminal for driving the TUI in-process: keys in, and everything written rendered by
// @xterm/headless so tests read the screen a learner would see.
import { EventEmitter } from 'node:events';
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

export class FakeTty {
  readonly xterm: InstanceType<typeof Terminal>;
  readonly input: EventEmitter & { isTTY: true; setRawMode(raw: boolean): void; resume(): void; pause(): void };
  readonly output: EventEmitter & { isTTY: true; columns: number; rows: number; write(data: string): boolean };
  /** Every raw-mode change, in order. */
  readonly rawModes: boolean[] = [];
  /** Everything written, for checking escape sequences. */
  written = '';
  private pending: Promise<void> = Promise.resolve();

  constructor(columns = 100, rows = 30) {
    // convertEol: a tty's ONLCR turns \n into \r\n, and Ink relies on it.
    this.xterm = new Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true });
    const input = new EventEmitter() as FakeTty['input'];
    input.isTTY = true;
    input.setRawMode = (raw) => {
      this.rawModes.push(raw);
    };
    input.resume = () => {};
    input.pause = () => {};
    this.input = input;
    const output = new EventEmitter() as FakeTty['output'];
    output.isTTY = true;
    output.columns = columns;
    output.rows = rows;
    output.write = (data: string) => {
      this.written += data;
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.xterm.write(data, resolve)));
      return true;
    };
    this.output = output;
  }

  type(data: string): void {
    this.input.emit('data', Buffer.from(data, 'utf8'));
  }

  resize(columns: number, rows: number): void {
    this.output.columns = columns;
    this.output.rows = rows;
    this.xterm.resize(columns, rows);
    this.output.emit('resize');
  }

  /** The visible screen as text, trailing spaces trimmed. */
  async screen(): Promise<string> {
    await this.pending;
    const buffer = this.xterm.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.xterm.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Wait until the screen shows `text` (or the predicate holds); fails with the screen after `ms`. */
  async waitFor(expected: string | ((screen: string) => boolean), ms = 8000): Promise<string> {
    const ok = typeof expected === 'string' ? (s: string) => s.includes(expected) : expected;
    const deadline = Date.now() + ms;
    for (;;) {
      const s = await this.screen();
      if (ok(s)) return s;
      if (Date.now() > deadline) throw new Error(`screen never showed ${typeof expected === 'string' ? JSON.stringify(expected) : 'the expected state'}:\n${s}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
