// The free sandbox: the whole screen is the terminal, with a status line; no tasks, hints or checks.
import { Box, Text, useApp } from 'ink';
import { t, type Lang } from './i18n';
import { bindingFor } from './keymap';
import TerminalPane, { paneWindow, type TerminalPaneProps } from './TerminalPane';
import { defaultTheme, type Theme } from './theme';
import type { TerminalSession } from './types';
import { useKeypress } from './use-keypress';
import { useScreenSize } from './use-screen-size';
import { useTerminal } from './use-terminal';
import { MIN_COLUMNS, MIN_ROWS } from './App';

export interface SandboxAppProps {
  session: TerminalSession;
  lang: Lang;
  theme?: Theme;
  columns?: number;
  rows?: number;
  history?: readonly string[];
  /** Ctrl-D at an empty prompt; defaults to unmounting the Ink app. Receives the command history. */
  onQuit?: (history: readonly string[]) => void;
}

/** The terminal's size in the sandbox: everything but the status line and Ink's spare row. */
export function sandboxTerminalSize(columns: number, rows: number): { width: number; height: number } {
  return { width: columns, height: Math.max(1, rows - 2) };
}

export default function SandboxApp(props: SandboxAppProps) {
  const { session, lang, theme = defaultTheme } = props;
  const screen = useScreenSize();
  const columns = props.columns ?? screen.columns;
  const rows = props.rows ?? screen.rows;
  const { exit } = useApp();
  const quit = () => (props.onQuit ? props.onQuit(term.history()) : exit());
  const term = useTerminal(session, { history: props.history, onEof: quit, width: columns });
  const size = sandboxTerminalSize(columns, rows);
  const paneProps: TerminalPaneProps = {
    lines: term.scrollback.lines,
    partial: term.scrollback.partial,
    prompt: term.prompt,
    buffer: term.editor.buffer,
    cursor: term.editor.cursor,
    busy: term.busy,
    width: size.width,
    height: size.height,
    scrollOffset: term.scrollOffset,
    lang,
    theme,
  };

  useKeypress((press) => {
    const binding = bindingFor(press);
    if (!binding) return;
    if (binding.to === 'editor') {
      term.press(binding.key);
      return;
    }
    const page = Math.max(1, size.height - 2);
    if (binding.action === 'help') term.print([t(lang, 'sandboxHelp')]);
    else if (binding.action === 'scroll-up') term.scroll(page, paneWindow({ ...paneProps, scrollOffset: 0 }).maxOffset + 1);
    else if (binding.action === 'scroll-down') term.scroll(-page);
  });

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text color={theme.warning}>
        {t(lang, 'tooSmall', { cols: columns, rows, minCols: MIN_COLUMNS, minRows: MIN_ROWS })}
      </Text>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={size.height + 1}>
      <TerminalPane {...paneProps} />
      <Box width={columns}>
        <Text wrap="truncate">
          <Text bold color={theme.accent}>
            {t(lang, 'sandboxTitle')}
          </Text>
          {term.busy ? (
            <>
              {' │ '}
              <Text color={theme.muted}>{t(lang, 'busy')}</Text>
            </>
          ) : null}
          {' │ '}
          {t(lang, 'sandboxKeys')}
        </Text>
      </Box>
    </Box>
  );
}
