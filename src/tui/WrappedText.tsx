// Prose wrapped by our own word wrapper (src/tui/word-wrap.ts) and drawn one Text per row, so Ink never
// re-wraps it: no stray space at a row's start, no word cut in two, list items continued under their text.
import { Box, Text, type TextProps } from 'ink';
import { wrapText } from './word-wrap';

export interface WrappedTextProps extends Omit<TextProps, 'wrap' | 'children'> {
  text: string;
  /** Columns available. */
  width: number;
  /** Indent of continuation rows; default under a list item's text (see wrapText). */
  hang?: number;
}

export default function WrappedText({ text, width, hang, ...style }: WrappedTextProps) {
  const rows = wrapText(text, width, hang === undefined ? {} : { hang });
  return (
    <Box flexDirection="column" flexShrink={0}>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate" {...style}>
          {row === '' ? ' ' : row}
        </Text>
      ))}
    </Box>
  );
}
