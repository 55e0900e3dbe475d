// Terminal column widths (CJK is two columns, escape sequences none) and wrapping of output lines to rows.

// Output may carry colour (grep --color, ls --color) and a prompt may set the window title (Ubuntu's
// bashrc puts `ESC]0;user@host: dir BEL` in PS1 for xterm): escape sequences occupy no column.
const ESCAPE_AT_START = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/;
/** Every escape sequence; only SGR (colour) is something the pane can draw. */
const ESCAPE = new RegExp(ESCAPE_AT_START.source.slice(1), 'g');
const SGR = /^\x1b\[[0-9;:]*m$/;

/** East Asian Wide/Fullwidth blocks and the common emoji planes: two columns. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

export function codePointWidth(cp: number): number {
  if (cp === 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // Combining marks and zero-width joiners/spaces take no column of their own.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp >= lo && cp <= hi) return 2;
  }
  return 1;
}

/** The visible characters of a line: where each starts and the columns it takes (escape sequences skipped). */
function* glyphs(text: string): Generator<{ at: number; width: number }> {
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x1b) {
      const m = ESCAPE_AT_START.exec(text.slice(i));
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    yield { at: i, width: codePointWidth(cp) };
    i += cp > 0xffff ? 2 : 1;
  }
}

/** Columns the text takes on screen, ignoring escape sequences (colour, window title). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const g of glyphs(text)) width += g.width;
  return width;
}

/**
 * Split a line into rows of at most `width` columns, hard-wrapping like a terminal does (no word
 * breaks: a terminal does not move words). Returns the start index of each row so a cursor index
 * can be mapped onto a row. An empty line is one empty row.
 */
export function wrapRows(text: string, width: number): { rows: string[]; starts: number[] } {
  const cols = Math.max(1, width);
  const rows: string[] = [];
  const starts: number[] = [];
  let rowStart = 0;
  let used = 0;
  for (const g of glyphs(text)) {
    if (used + g.width > cols && used > 0) {
      rows.push(text.slice(rowStart, g.at));
      starts.push(rowStart);
      rowStart = g.at;
      used = 0;
    }
    used += g.width;
  }
  rows.push(text.slice(rowStart));
  starts.push(rowStart);
  return { rows, starts };
}

/** Pad or cut a plain string to exactly `width` columns. */
export function fitWidth(text: string, width: number): string {
  const { rows } = wrapRows(text, width);
  const first = rows[0] ?? '';
  return first + ' '.repeat(Math.max(0, width - displayWidth(first)));
}

/**
 * Text as the pane draws it: colour kept; other escape sequences (a window title, cursor moves) and
 * control characters other than tab and newline dropped, so that what Ink writes to the host terminal takes exactly the columns
 * counted here.
 */
export function paneText(text: string): string {
  return text
    .replace(ESCAPE, (seq) => (SGR.test(seq) ? seq : ''))
    .replace(/[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g, '');
}
