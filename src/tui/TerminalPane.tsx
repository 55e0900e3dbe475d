// The terminal: scrollback, then the prompt and the line being edited with a block cursor.
import { Box, Text } from 'ink';
import { t, type Lang } from './i18n';
import { inputRows, visibleWindow, type TerminalRow, type VisibleWindow } from './terminal-view';
import { defaultTheme, type Theme } from './theme';
import { CONTINUATION_PROMPT } from './use-terminal';

export interface TerminalPaneProps {
  /** Finished output lines, oldest first. */
  lines: readonly string[];
  /** Output after the last newline. */
  partial: string;
  prompt: string;
  /** The input line being edited. */
  buffer: string;
  cursor: number;
  /** A command runs: no prompt; typed text goes to the program. */
  busy: boolean;
  width: number;
  height: number;
  /** Rows scrolled up from the bottom (PageUp); 0 follows the output. */
  scrollOffset?: number;
  lang: Lang;
  theme?: Theme;
  /** Draw the cursor; false while a dialog has the keyboard. */
  focused?: boolean;
}

/** The rows the pane shows and how far it can scroll; the app uses it to clamp PageUp. */
export function paneWindow(props: TerminalPaneProps): VisibleWindow {
  const offset = props.scrollOffset ?? 0;
  const input = inputRows(
    {
      partial: props.partial,
      prompt: props.busy ? '' : props.prompt,
      continuation: CONTINUATION_PROMPT,
      buffer: props.buffer,
      cursor: props.cursor,
      showCursor: (props.focused ?? true) && offset === 0,
    },
    props.width,
  );
  // While scrolled back, the last row says so, leaving one row less for content.
  const rows = offset > 0 ? props.height - 1 : props.height;
  return visibleWindow(props.lines, input, props.width, rows, offset);
}

export default function TerminalPane(props: TerminalPaneProps) {
  const theme = props.theme ?? defaultTheme;
  const window = paneWindow(props);
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      {window.rows.map((row, i) => (
        <Row key={i} row={row} />
      ))}
      {window.offset > 0 ? (
        <Text color={theme.warning} wrap="truncate">
          {t(props.lang, 'scrolledUp', { n: window.offset })}
        </Text>
      ) : null}
    </Box>
  );
}

function Row({ row }: { row: TerminalRow }) {
  if (row.cursor === undefined) return <Text wrap="truncate">{row.text === '' ? ' ' : row.text}</Text>;
  const before = row.text.slice(0, row.cursor);
  const cp = row.text.codePointAt(row.cursor);
  const at = cp === undefined ? ' ' : String.fromCodePoint(cp);
  const after = row.text.slice(row.cursor + at.length);
  return (
    <Text wrap="truncate">
      {before}
      <Text inverse>{at}</Text>
      {after}
    </Text>
  );
}
