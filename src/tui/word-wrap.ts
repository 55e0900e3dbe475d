// Word wrapping of prose (task text, briefings, summaries) to rows of a given display width: breaks at
// spaces and between CJK characters, never inside a word that fits on a row of its own, no space at
// the start of a continuation row, and list items continued under their text rather than their marker.
import { codePointWidth, displayWidth } from './display-width';

export interface WrapOptions {
  /**
   * Columns to indent continuation rows by. Default: under the text of a list item (`- `, `* `, `· 3. `,
   * `1) `) or the paragraph's own leading spaces.
   */
  hang?: number;
}

/** CJK punctuation that may not begin a row (it belongs to the character before it). */
const NO_ROW_START = new Set([...'，。、；：！？）」』】〉》”’…—·％,.;:!?)]}%']);
/** CJK punctuation that may not end a row (it belongs to the character after it). */
const NO_ROW_END = new Set([...'（「『【〈《“‘([{']);

/** Where a list item's text starts: bullets, `1.`, `1)`, the task panel's `▸ 2. `, or plain indentation. */
const LIST_MARKER = /^(\s*)(?:[-*•·▸✓✗›]\s+)?(?:\d+[.)]\s+)?/;

/** The hanging indent a paragraph's continuation rows get by default. */
export function hangingIndent(paragraph: string): number {
  const m = LIST_MARKER.exec(paragraph);
  return m ? displayWidth(m[0]) : 0;
}

/** Rows of at most `width` columns (a single glyph wider than the row still gets a row). */
export function wrapText(text: string, width: number, opts: WrapOptions = {}): string[] {
  const cols = Math.max(1, width);
  const rows: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = paragraph.replace(/\s+$/, '');
    const hang = Math.min(opts.hang ?? hangingIndent(trimmed), Math.floor(cols / 2));
    rows.push(...wrapParagraph(trimmed, cols, hang));
  }
  return rows;
}

/** A run of text that stays on one row if it can: a word, or one CJK character with its punctuation. */
interface Piece {
  text: string;
  width: number;
  /** Spaces before it in the source; dropped when the piece starts a row. */
  space: string;
}

function wrapParagraph(paragraph: string, cols: number, hang: number): string[] {
  const lead = /^\s*/.exec(paragraph)![0];
  const pieces = piecesOf(paragraph.slice(lead.length));
  const rows: string[] = [];
  let row = lead;
  let used = displayWidth(lead);
  let rowHasText = false;
  const newRow = () => {
    rows.push(row);
    row = ' '.repeat(hang);
    used = hang;
    rowHasText = false;
  };
  for (const piece of pieces) {
    const space = rowHasText ? piece.space : '';
    const spaceWidth = displayWidth(space);
    if (used + spaceWidth + piece.width <= cols) {
      row += space + piece.text;
      used += spaceWidth + piece.width;
      rowHasText = true;
      continue;
    }
    // A word longer than a whole row has to be cut: after a / or - if it has one, else where the row
    // ends. A path starts on the row it follows when a part of it up to a / fits there.
    let rest = piece.text;
    if (rowHasText) {
      const [head, tail] = piece.width > cols - hang ? cutAt(rest, cols - used - spaceWidth, true) : ['', rest];
      if (head !== '') {
        row += space + head;
        rest = tail;
      }
      newRow();
    }
    while (used + displayWidth(rest) > cols) {
      const [head, tail] = cutAt(rest, cols - used, false);
      if (head === '') break;
      row += head;
      newRow();
      rest = tail;
    }
    row += rest;
    used += displayWidth(rest);
    rowHasText = rest !== '';
  }
  rows.push(row);
  return rows;
}

/** Split into pieces: words between spaces, and within a word each CJK character on its own. */
function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  const re = /(\s*)(\S+)/g;
  for (const m of text.matchAll(re)) {
    const chunks = breakCjk(m[2]!);
    chunks.forEach((chunk, i) => pieces.push({ text: chunk, width: displayWidth(chunk), space: i === 0 ? m[1]! : '' }));
  }
  return pieces;
}

/** A word may break between wide characters, except before closing or after opening punctuation. */
function breakCjk(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  let current = '';
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    const wide = (c: string) => codePointWidth(c.codePointAt(0)!) === 2;
    const canBreak =
      prev !== undefined && (wide(prev) || wide(ch)) && !NO_ROW_START.has(ch) && !NO_ROW_END.has(prev);
    if (canBreak && current !== '') {
      out.push(current);
      current = '';
    }
    current += ch;
  });
  if (current !== '') out.push(current);
  return out;
}

/**
 * The longest head of `text` that fits in `cols` columns, and the rest; a path is cut after its last
 * `/` that fits (else a name after its last `-`), so each part still reads as one. Only at such a place
 * when `softOnly`; otherwise at least one glyph.
 */
function cutAt(text: string, cols: number, softOnly: boolean): [string, string] {
  let used = 0;
  let i = 0;
  let slash = 0;
  let hyphen = 0;
  let named = false;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > cols && (i > 0 || softOnly)) break;
    used += w;
    i += ch.length;
    // A cut needs a name before it: `/` alone or a quote and `/` would read as a stray mark.
    named ||= /[\p{L}\p{N}]/u.test(ch);
    if (named && ch === '/' && i < text.length) slash = i;
    if (named && ch === '-' && i < text.length) hyphen = i;
  }
  const soft = slash || hyphen;
  const at = i >= text.length ? i : softOnly ? soft : soft || i;
  return [text.slice(0, at), text.slice(at)];
}
