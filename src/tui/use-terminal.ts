// The terminal pane's state (scrollback, input line, scroll position) wired to a TerminalSession.
import { useCallback, useEffect, useRef, useState } from 'react';
import { displayWidth, paneText } from './display-width';
import { createLineEditor, reduceLineEditor, type EditorKey, type LineEditorState } from './line-editor';
import { appendLines, appendOutput, clearScrollback, createScrollback, type Scrollback } from './scrollback';
import type { TerminalSession } from './types';

export const CONTINUATION_PROMPT = '> ';

export interface TerminalOptions {
  /** Earlier command lines for ↑ (saved per scenario by the app). */
  history?: readonly string[];
  /** Ctrl-D on an empty prompt while no command runs. */
  onEof?: () => void;
  /** Pane width, for laying out a completion list in columns. */
  width?: number;
}

export interface TerminalController {
  scrollback: Scrollback;
  editor: LineEditorState;
  /** Rows scrolled up from the bottom; 0 follows the output. */
  scrollOffset: number;
  prompt: string;
  busy: boolean;
  /** False while a program reads a password: what is typed is neither shown nor remembered. */
  echo: boolean;
  press(key: EditorKey): void;
  /** Positive scrolls up (back in time), never past `maxOffset` (see paneWindow). */
  scroll(rows: number, maxOffset?: number): void;
  /** Add the lab's own notes (hints, check results) below the output. */
  print(lines: readonly string[]): void;
  /** The command history, newest last (for the app to save). */
  history(): readonly string[];
}

export function useTerminal(session: TerminalSession, options: TerminalOptions = {}): TerminalController {
  const scrollback = useRef<Scrollback>(createScrollback());
  const editor = useRef<LineEditorState>(createLineEditor(options.history ?? []));
  const offset = useRef(0);
  const opts = useRef(options);
  opts.current = options;
  const [, setVersion] = useState(0);
  const rerender = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const offOutput = session.onOutput((text) => {
      scrollback.current = appendOutput(scrollback.current, text);
      rerender();
    });
    const offState = session.onStateChange(rerender);
    return () => {
      offOutput();
      offState();
    };
  }, [session, rerender]);

  const echo = (text: string) => {
    scrollback.current = appendOutput(scrollback.current, text);
  };

  const press = useCallback(
    (key: EditorKey) => {
      const busy = session.busy();
      // With echo off (getpass turned it off to read a password) the tty shows nothing of the line,
      // not even the newline or ^C, and there is no shell line editor: no history, no completion.
      const secret = busy && session.echo?.() === false;
      if (secret && ['history-prev', 'history-next', 'tab'].includes(key.type)) return;
      const before = editor.current;
      const next = reduceLineEditor(before, secret && key.type === 'submit' ? { type: 'submit', remember: false } : key);
      editor.current = next;
      offset.current = 0;
      const effect = next.effect;
      const shown = (line: string) => line.split('\n').join(`\n${CONTINUATION_PROMPT}`);
      if (effect) {
        switch (effect.type) {
          case 'submit':
            if (busy) {
              if (!secret) echo(`${shown(effect.line)}\n`);
              session.sendInput?.(`${effect.line}\n`);
            } else {
              echo(`${session.prompt()}${shown(effect.line)}\n`);
              session.submit(effect.line);
            }
            break;
          case 'cancel':
            // The tty echoes ^C; a running job's shell then starts a new line itself (bash does on
            // SIGINT), while at the prompt the line editor does.
            if (!secret) echo(busy ? `${shown(effect.line)}^C` : `${session.prompt()}${shown(effect.line)}^C\n`);
            if (busy) session.interrupt();
            break;
          case 'eof':
            if (busy) session.sendEof?.();
            else opts.current.onEof?.();
            break;
          case 'clear-screen':
            scrollback.current = clearScrollback(scrollback.current);
            break;
          case 'complete': {
            const answer = session.complete?.(effect.line, effect.cursor);
            if (answer) {
              editor.current = reduceLineEditor(next, { type: 'completion', ...answer });
              const listed = editor.current.effect;
              if (listed?.type === 'list-candidates') {
                echo(`${busy ? '' : session.prompt()}${shown(next.buffer)}\n`);
                scrollback.current = appendLines(
                  scrollback.current,
                  columnize(listed.candidates, opts.current.width ?? 80),
                );
              }
            }
            break;
          }
          default:
            break;
        }
      }
      rerender();
    },
    [session, rerender],
  );

  const scroll = useCallback(
    (rows: number, maxOffset = Number.POSITIVE_INFINITY) => {
      offset.current = Math.max(0, Math.min(offset.current + rows, maxOffset));
      rerender();
    },
    [rerender],
  );

  const print = useCallback(
    (lines: readonly string[]) => {
      scrollback.current = appendLines(scrollback.current, lines);
      rerender();
    },
    [rerender],
  );

  const history = useCallback(() => editor.current.history, []);

  return {
    scrollback: scrollback.current,
    editor: editor.current,
    scrollOffset: offset.current,
    prompt: paneText(session.prompt()),
    busy: session.busy(),
    echo: !(session.busy() && session.echo?.() === false),
    press,
    scroll,
    print,
    history,
  };
}

/** Candidates in columns, filled row by row as bash lists them on a double Tab. */
export function columnize(items: readonly string[], width: number): string[] {
  if (items.length === 0) return [];
  const colWidth = Math.max(...items.map(displayWidth)) + 2;
  const perRow = Math.max(1, Math.floor(width / colWidth));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const row = items.slice(i, i + perRow);
    rows.push(
      row
        .map((item, j) => (j === row.length - 1 ? item : item + ' '.repeat(colWidth - displayWidth(item))))
        .join(''),
    );
  }
  return rows;
}
