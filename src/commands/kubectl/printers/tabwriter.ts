// Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, spaces): tab-separated cells in,
// aligned columns out. Widths count runes; a line's last cell is never padded; columns are aligned
// per block of consecutive lines that have a cell in that column, as tabwriter's format() does.

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl get / custom-columns (cli-runtime printers.GetNewTabWriter). */
export const KUBECTL_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };

const runeLength = (s: string): number => Array.from(s).length;

/** Align lines of cells; each line is [...cells, lastCell]. Every output line ends in a newline. */
export function tabwrite(lines: readonly (readonly string[])[], options: TabWriterOptions = KUBECTL_TABWRITER): string {
  const widths: number[] = [];
  let out = '';

  const writeLines = (from: number, to: number): void => {
    for (let l = from; l < to; l++) {
      const line = lines[l] as readonly string[];
      for (let j = 0; j < line.length; j++) {
        const cell = line[j] as string;
        out += cell;
        if (j < widths.length) out += ' '.repeat(Math.max(0, (widths[j] as number) - runeLength(cell)));
      }
      out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let l = line0; l < line1; l++) {
      if (column >= (lines[l] as readonly string[]).length - 1) continue;
      writeLines(start, l);
      start = l;
      let width = options.minWidth;
      for (; l < line1; l++) {
        const line = lines[l] as readonly string[];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeLength(line[column] as string) + options.padding);
      }
      widths.push(width);
      format(start, l);
      widths.pop();
      start = l;
      l--; // the loop's l++ must not skip the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out;
}

/** Parse tab-separated text (as written to a Go tabwriter) and align it. */
export function tabwriteText(text: string, options: TabWriterOptions = KUBECTL_TABWRITER): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body === '' && text === '') return '';
  return tabwrite(body.split('\n').map((line) => line.split('\t')), options);
}

/** A table cell as cli-runtime's printTable writes it: cut at the first line break with `...`, terminal escapes defused. */
export function tableCell(value: string): string {
  const cut = value.search(/[\f\n\r]/);
  const shown = cut >= 0 ? `${value.slice(0, cut)}...` : value;
  return shown.replaceAll('\x1b', '^[');
}
