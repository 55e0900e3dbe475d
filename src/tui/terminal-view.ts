// What the terminal pane shows: scrollback and the edited input line wrapped to rows, then the visible window.
import { displayWidth, wrapRows } from './display-width';

export interface TerminalRow {
  text: string;
  /** Index into `text` where the cursor is drawn (may equal text.length); absent on other rows. */
  cursor?: number;
}

export interface InputLineView {
  /** Unfinished output before the prompt (bash prints its prompt right after `echo -n`). */
  partial: string;
  /** Empty while a command runs: typed text then goes to the program, shown without a prompt. */
  prompt: string;
  /** Shown before each further line of a multi-line buffer (bash's PS2). */
  continuation: string;
  buffer: string;
  cursor: number;
  showCursor: boolean;
}

/** The input line, split at buffer newlines and wrapped; the cursor lands on exactly one row. */
export function inputRows(view: InputLineView, width: number): TerminalRow[] {
  const out: TerminalRow[] = [];
  const logical = view.buffer.split('\n');
  let offset = 0;
  let cursorPlaced = !view.showCursor;
  // A prompt may span lines (PS1 with \n): all but its last line are rows of their own.
  const promptLines = (view.partial + view.prompt).split('\n');
  const firstPrefix = promptLines.pop()!;
  for (const line of promptLines) for (const text of wrapRows(line, width).rows) out.push({ text });
  logical.forEach((line, k) => {
    const prefix = k === 0 ? firstPrefix : view.continuation;
    const text = prefix + line;
    const { rows, starts } = wrapRows(text, width);
    const rowsHere: TerminalRow[] = rows.map((t) => ({ text: t }));
    const local = view.cursor - offset;
    if (!cursorPlaced && local >= 0 && local <= line.length) {
      cursorPlaced = true;
      const at = prefix.length + local;
      let r = 0;
      for (let i = 0; i < starts.length; i++) if (starts[i]! <= at) r = i;
      const row = rowsHere[r]!;
      const col = at - starts[r]!;
      if (col === row.text.length && displayWidth(row.text) >= width) {
        // A cursor after a full row sits at the start of the next one, as on a real terminal.
        rowsHere.push({ text: '', cursor: 0 });
      } else {
        row.cursor = col;
      }
    }
    out.push(...rowsHere);
    offset += line.length + 1;
  });
  return out;
}

export interface VisibleWindow {
  rows: TerminalRow[];
  /** The largest useful scroll offset (rows above the window's bottom when scrolled fully up). */
  maxOffset: number;
  /** The offset actually used (clamped). */
  offset: number;
}

/**
 * The window of `height` rows ending `scrollOffset` rows above the bottom. Short content is
 * top-aligned, like a fresh terminal.
 */
export function visibleWindow(
  lines: readonly string[],
  input: readonly TerminalRow[],
  width: number,
  height: number,
  scrollOffset: number,
): VisibleWindow {
  const all: TerminalRow[] = [];
  for (const line of lines) {
    for (const text of wrapRows(line, width).rows) all.push({ text });
  }
  all.push(...input);
  const h = Math.max(1, height);
  const maxOffset = Math.max(0, all.length - h);
  const offset = Math.max(0, Math.min(scrollOffset, maxOffset));
  const end = all.length - offset;
  return { rows: all.slice(Math.max(0, end - h), end), maxOffset, offset };
}
