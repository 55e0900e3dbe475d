// What the lab screen and the sandbox share: the screen size (following resizes unless given), the
// learner's shell with its history and Ctrl-D, the terminal pane's view of it, and the too-small notice.
import { Text, useApp } from 'ink';
import { t, type Lang } from './i18n';
import type { TerminalPaneProps } from './TerminalPane';
import type { Theme } from './theme';
import type { TerminalSession } from './types';
import { useScreenSize } from './use-screen-size';
import { useTerminal, type TerminalController } from './use-terminal';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface LabTerminalOptions {
  /** The learner's shell. */
  session: TerminalSession;
  lang: Lang;
  theme?: Theme;
  /** Screen size; defaults to the output terminal's, following resizes. */
  columns?: number;
  rows?: number;
  /** Earlier command lines for ↑. */
  history?: readonly string[];
  /** Ctrl-D at an empty prompt; defaults to unmounting the Ink app. Receives the command history. */
  onQuit?: (history: readonly string[]) => void;
}

/**
 * `paneWidth` is the terminal pane's width on a screen of that size: a double Tab lists completions in
 * columns that fit the pane, not the screen.
 */
export function useLabTerminal(
  options: LabTerminalOptions,
  paneWidth: (columns: number, rows: number) => number = (columns) => columns,
): { columns: number; rows: number; term: TerminalController; quit: () => void } {
  const screen = useScreenSize();
  const columns = options.columns ?? screen.columns;
  const rows = options.rows ?? screen.rows;
  const { exit } = useApp();
  const quit = () => (options.onQuit ? options.onQuit(term.history()) : exit());
  const term = useTerminal(options.session, { history: options.history, onEof: quit, width: paneWidth(columns, rows) });
  return { columns, rows, term, quit };
}

/** The pane fields that come from the terminal's state (size, language and theme are the caller's). */
export function paneState(term: TerminalController): Pick<TerminalPaneProps, 'lines' | 'partial' | 'prompt' | 'buffer' | 'cursor' | 'busy' | 'scrollOffset'> {
  return {
    lines: term.scrollback.lines,
    partial: term.scrollback.partial,
    prompt: term.prompt,
    // A password being typed is not drawn; the cursor stays where the program's prompt left it.
    buffer: term.echo ? term.editor.buffer : '',
    cursor: term.echo ? term.editor.cursor : 0,
    busy: term.busy,
    scrollOffset: term.scrollOffset,
  };
}

/** Shown instead of the app below MIN_COLUMNS × MIN_ROWS; null when the screen is large enough. */
export function tooSmallNotice(columns: number, rows: number, lang: Lang, theme: Theme) {
  if (columns >= MIN_COLUMNS && rows >= MIN_ROWS) return null;
  return <Text color={theme.warning}>{t(lang, 'tooSmall', { cols: columns, rows, minCols: MIN_COLUMNS, minRows: MIN_ROWS })}</Text>;
}
