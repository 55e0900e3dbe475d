// An OutputStream that turns a service's stdout/stderr into journal entries, one per line.

import type { OutputStream } from '../../core/stream';
import { journalAppend } from '../journal';
import type { NodeState } from '../world';

export function journalStream(node: NodeState, now: () => number, ident: string, pid: () => number | null, unit: string, priority = 6): OutputStream {
  let partial = '';
  const flush = (line: string): void => {
    // systemd runs every unit as root here (no User=), so its output is root's.
    journalAppend(node, { time: now(), ident, pid: pid(), unit, priority, message: line, uid: 0 });
  };
  return {
    isTTY: false,
    columns: 80,
    write(text: string) {
      partial += text;
      let nl = partial.indexOf('\n');
      while (nl >= 0) {
        flush(partial.slice(0, nl));
        partial = partial.slice(nl + 1);
        nl = partial.indexOf('\n');
      }
    },
    close() {
      if (partial !== '') flush(partial);
      partial = '';
    },
  };
}
