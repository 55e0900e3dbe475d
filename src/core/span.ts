// Source spans and caret excerpts shared by every parser (shell, Falco conditions, YAML loaders).

/** A half-open character range [start, end) in a source string. */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line and column of an offset in a text. */
export interface LineCol {
  line: number;
  col: number;
}

export function lineColAt(text: string, offset: number): LineCol {
  let line = 1;
  let lineStart = 0;
  const stop = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: stop - lineStart + 1 };
}

/**
 * The line holding `offset` followed by a caret under that column, e.g.
 *   proc.name = bash and
 *                       ^
 */
export function caretExcerpt(text: string, offset: number, indent = ''): string {
  const { line, col } = lineColAt(text, offset);
  const lineText = text.split('\n')[line - 1] ?? '';
  return `${indent}${lineText}\n${indent}${' '.repeat(col - 1)}^`;
}
