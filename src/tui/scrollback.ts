// The terminal pane's scrollback: program output folded into finished lines plus the unfinished last one.
import { displayWidth } from './display-width';

export interface Scrollback {
  /** Finished lines, oldest first, at most `max`. */
  readonly lines: readonly string[];
  /** Output after the last newline (a prompt-less `echo -n`, a progress line). */
  readonly partial: string;
  /** Where in `partial` the next output lands; a carriage return moves it back to 0. */
  readonly column: number;
  readonly max: number;
}

export const DEFAULT_SCROLLBACK_LINES = 2000;

export function createScrollback(max = DEFAULT_SCROLLBACK_LINES): Scrollback {
  return { lines: [], partial: '', column: 0, max };
}

/** Erase display (`clear` prints ESC[H ESC[2J ESC[3J) or full reset (ESC c). */
const CLEAR_SCREEN = /\x1b\[[23]J|\x1bc/;
/** Any escape sequence; only SGR (colour) survives because the pane cannot move a cursor. */
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

export function appendOutput(sb: Scrollback, text: string): Scrollback {
  if (text === '') return sb;
  let lines = [...sb.lines];
  let partial = sb.partial;
  let column = sb.column;

  let rest = text;
  const clear = lastMatchEnd(rest, CLEAR_SCREEN);
  if (clear >= 0) {
    lines = [];
    partial = '';
    column = 0;
    rest = rest.slice(clear);
  }
  rest = rest.replace(ESCAPE, (seq) => (seq.endsWith('m') && seq.startsWith('\x1b[') ? seq : ''));

  const parts = rest.replace(/\r\n/g, '\n').split('\n');
  parts.forEach((part, i) => {
    [partial, column] = overstrike(partial, column, part);
    if (i < parts.length - 1) {
      lines.push(partial);
      partial = '';
      column = 0;
    }
  });
  if (lines.length > sb.max) lines = lines.slice(lines.length - sb.max);
  return { lines, partial, column, max: sb.max };
}

/** Lines to add as-is (the lab's own notes: hints, check results); each becomes one finished line. */
export function appendLines(sb: Scrollback, newLines: readonly string[]): Scrollback {
  const lines = sb.partial === '' ? [...sb.lines] : [...sb.lines, sb.partial];
  lines.push(...newLines);
  return { lines: lines.slice(Math.max(0, lines.length - sb.max)), partial: '', column: 0, max: sb.max };
}

export function clearScrollback(sb: Scrollback): Scrollback {
  return { ...sb, lines: [] };
}

/**
 * Text lands at the column; a carriage return moves it to 0 so later text overwrites, enough for
 * the progress lines real tools print. Tabs are expanded to 8-column stops here, once, so the
 * renderer never has to guess how the host terminal expands them.
 */
function overstrike(current: string, column: number, chunk: string): [string, number] {
  let line = current;
  let col = column;
  chunk.split('\r').forEach((seg, i) => {
    if (i > 0) col = 0;
    const text = expandTabs(seg.replace(/[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g, ''), displayWidth(line.slice(0, col)));
    line = line.slice(0, col) + text + line.slice(col + text.length);
    col += text.length;
  });
  return [line, col];
}

function expandTabs(text: string, startColumn: number): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = startColumn;
  for (const ch of text) {
    if (ch === '\t') {
      const pad = 8 - (col % 8);
      out += ' '.repeat(pad);
      col += pad;
    } else {
      out += ch;
      col += displayWidth(ch);
    }
  }
  return out;
}

function lastMatchEnd(text: string, re: RegExp): number {
  const global = new RegExp(re.source, 'g');
  let end = -1;
  for (const m of text.matchAll(global)) end = (m.index ?? 0) + m[0].length;
  return end;
}
