// GNU ls's multi-column layout (-C): the most columns that fit the line, filled top to bottom.

const MIN_COLUMN_WIDTH = 3;

/** Display width of a name (escape sequences for colour excluded by the caller). */
export type Widths = number[];

/**
 * Lay out `names` (whose display widths are `widths`) in columns for a line of `lineWidth`
 * characters, as ls.c's calculate_columns + print_many_per_line do. Returns the lines.
 */
export function layoutColumns(names: string[], widths: Widths, lineWidth: number): string[] {
  const n = names.length;
  if (n === 0) return [];
  const maxCols = Math.max(1, Math.min(Math.floor(lineWidth / MIN_COLUMN_WIDTH), n));
  const info = Array.from({ length: maxCols }, (_, i) => ({
    valid: true,
    lineLen: (i + 1) * MIN_COLUMN_WIDTH,
    cols: new Array<number>(i + 1).fill(MIN_COLUMN_WIDTH),
  }));
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < maxCols; i++) {
      const ci = info[i];
      if (!ci.valid) continue;
      const idx = Math.floor(f / Math.floor((n + i) / (i + 1)));
      const real = widths[f] + (idx === i ? 0 : 2);
      if (ci.cols[idx] < real) {
        ci.lineLen += real - ci.cols[idx];
        ci.cols[idx] = real;
        ci.valid = ci.lineLen < lineWidth;
      }
    }
  }
  let cols = maxCols;
  while (cols > 1 && !info[cols - 1].valid) cols--;
  const colWidths = info[cols - 1].cols;
  const rows = Math.floor(n / cols) + (n % cols !== 0 ? 1 : 0);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = '';
    let col = 0;
    for (let f = row; f < n; f += rows) {
      line += names[f];
      if (f + rows < n) line += ' '.repeat(Math.max(0, colWidths[col] - widths[f]));
      col++;
    }
    lines.push(line);
  }
  return lines;
}
