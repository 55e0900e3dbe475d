// Scrollback folding, column widths, wrapping and the visible window of the terminal pane.
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapRows } from '../../src/tui/display-width';
import { appendLines, appendOutput, createScrollback } from '../../src/tui/scrollback';
import { inputRows, visibleWindow, type InputLineView } from '../../src/tui/terminal-view';

describe('appendOutput', () => {
  const fold = (...chunks: string[]) => chunks.reduce(appendOutput, createScrollback());

  it('splits output into finished lines and keeps the unfinished tail', () => {
    const sb = fold('NAME   READY\nhash   1/1', '\nmal');
    expect(sb.lines).toEqual(['NAME   READY', 'hash   1/1']);
    expect(sb.partial).toBe('mal');
  });

  it('treats CRLF as one line break', () => {
    expect(fold('a\r\nb\r\n').lines).toEqual(['a', 'b']);
  });

  it('a carriage return overwrites the line from its start', () => {
    expect(fold('10%\r', '55%\r100%\n').lines).toEqual(['100%']);
    expect(fold('abcdef\rXY\n').lines).toEqual(['XYcdef']);
  });

  it('expands tabs to 8-column stops', () => {
    expect(fold('a\tb\n', 'abcdefgh\tx\n').lines).toEqual(['a       b', 'abcdefgh        x']);
  });

  it('keeps colour codes but drops cursor movement', () => {
    expect(fold('\x1b[31mred\x1b[0m\x1b[2K\x1b[1G!\n').lines).toEqual(['\x1b[31mred\x1b[0m!']);
  });

  it('`clear` empties the scrollback', () => {
    expect(fold('old\nlines\n', '\x1b[H\x1b[2J\x1b[3Jnew\n').lines).toEqual(['new']);
  });

  it('keeps at most `max` lines', () => {
    const sb = Array.from({ length: 10 }, (_, i) => `${i}\n`).reduce(appendOutput, createScrollback(3));
    expect(sb.lines).toEqual(['7', '8', '9']);
  });

  it('appendLines finishes the partial line first', () => {
    expect(appendLines(fold('$ '), ['note']).lines).toEqual(['$ ', 'note']);
  });
});

describe('displayWidth and wrapRows', () => {
  it.each<[string, number]>([
    ['kubectl', 7],
    ['任务', 4],
    ['\x1b[32m✓\x1b[0m done', 6],
    ['e\u0301', 1],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('hard-wraps at the width and never splits a wide character', () => {
    expect(wrapRows('abcdefgh', 3).rows).toEqual(['abc', 'def', 'gh']);
    expect(wrapRows('ab任务c', 3).rows).toEqual(['ab', '任', '务c']);
    expect(wrapRows('', 5).rows).toEqual(['']);
  });
});

describe('inputRows', () => {
  const view = (over: Partial<InputLineView>): InputLineView => ({
    partial: '',
    prompt: '$ ',
    continuation: '> ',
    buffer: '',
    cursor: 0,
    showCursor: true,
    ...over,
  });

  it('puts the cursor after the prompt and typed text', () => {
    expect(inputRows(view({ buffer: 'ls', cursor: 2 }), 20)).toEqual([{ text: '$ ls', cursor: 4 }]);
  });

  it('follows unfinished output with the prompt', () => {
    expect(inputRows(view({ partial: 'hi', buffer: 'x', cursor: 0 }), 20)).toEqual([{ text: 'hi$ x', cursor: 4 }]);
  });

  it('wraps a long line and places the cursor on the right row', () => {
    expect(inputRows(view({ buffer: 'abcdefgh', cursor: 5 }), 4)).toEqual([
      { text: '$ ab' },
      { text: 'cdef', cursor: 3 },
      { text: 'gh' },
    ]);
  });

  it('a cursor after a full row moves to a new empty row', () => {
    expect(inputRows(view({ buffer: 'ab', cursor: 2 }), 4)).toEqual([{ text: '$ ab' }, { text: '', cursor: 0 }]);
  });

  it('shows further buffer lines after the continuation prompt', () => {
    expect(inputRows(view({ buffer: 'cat <<EOF\nx', cursor: 11 }), 30)).toEqual([
      { text: '$ cat <<EOF' },
      { text: '> x', cursor: 3 },
    ]);
  });

  it('without a cursor no row carries one', () => {
    expect(inputRows(view({ showCursor: false, buffer: 'a' }), 10)).toEqual([{ text: '$ a' }]);
  });
});

describe('visibleWindow', () => {
  const lines = ['1', '2', '3', '4', '5'];
  const input = [{ text: '$ ', cursor: 2 }];

  it('shows the bottom rows', () => {
    const w = visibleWindow(lines, input, 10, 3, 0);
    expect(w.rows.map((r) => r.text)).toEqual(['4', '5', '$ ']);
    expect(w.maxOffset).toBe(3);
  });

  it('scrolls up by rows and clamps at the top', () => {
    expect(visibleWindow(lines, input, 10, 3, 2).rows.map((r) => r.text)).toEqual(['2', '3', '4']);
    const top = visibleWindow(lines, input, 10, 3, 99);
    expect(top.offset).toBe(3);
    expect(top.rows.map((r) => r.text)).toEqual(['1', '2', '3']);
  });

  it('short content stays at the top', () => {
    expect(visibleWindow(['a'], input, 10, 5, 0).rows.map((r) => r.text)).toEqual(['a', '$ ']);
  });
});
