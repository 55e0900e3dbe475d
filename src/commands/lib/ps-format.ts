// procps-ng 3.3.16 column printing: fixed widths, right or left aligned, an over-wide value pushes the
// rest of the line right and the next column's padding absorbs it.

export interface Column {
  text: string;
  width: number;
  align: 'left' | 'right';
}

/** One line; the last column is unpadded (COMMAND/CMD). */
export function formatRow(cols: Column[]): string {
  let out = '';
  let debt = 0;
  cols.forEach((c, i) => {
    if (i > 0) out += ' ';
    const last = i === cols.length - 1;
    let pad = last ? 0 : c.width - c.text.length - debt;
    if (pad < 0) {
      debt = -pad;
      pad = 0;
    } else debt = 0;
    if (last && c.align === 'right') pad = Math.max(0, c.width - c.text.length - debt);
    out += c.align === 'right' ? ' '.repeat(pad) + c.text : c.text + ' '.repeat(pad);
  });
  return out;
}

/** `M:SS` (ps u) cumulative CPU time. */
export function cpuTimeShort(ns: number): string {
  const s = Math.floor(ns / 1e9);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** `HH:MM:SS` (ps -f, plain ps), with days as `D-HH:MM:SS`. */
export function cpuTimeLong(ns: number): string {
  const s = Math.floor(ns / 1e9);
  const d = Math.floor(s / 86400);
  const hms = `${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return d > 0 ? `${d}-${hms}` : hms;
}
