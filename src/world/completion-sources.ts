// What a shell's Tab completion learns from the node where bash-completion would run a program
// (`systemctl list-units`, `journalctl -F FIELD`) or read a file whole: answered for the shell's own
// process, so its permissions and the journal it may read apply.

import type { JournalEntry } from './journal';
import type { Sys } from './kernel/program';
import { journalOf, systemdOf } from './systemd/client';

/** Journal fields `journalctl -F` can list here, from the entries' plain data. */
const FIELD_VALUE: Record<string, (e: JournalEntry) => string | number | null | undefined> = {
  _SYSTEMD_UNIT: (e) => e.unit,
  SYSLOG_IDENTIFIER: (e) => e.ident,
  PRIORITY: (e) => e.priority,
  SYSLOG_FACILITY: (e) => e.facility,
  _PID: (e) => e.pid,
  _UID: (e) => e.uid ?? 0,
};

/** Structurally the shell's CompletionSources (src/shell/completion-env.ts); the world does not import the shell. */
export function completionSourcesFor(sys: Sys): {
  readText(path: string): string | null;
  units(): { name: string; activeState: string; enabled: boolean }[];
  journalValues(field: string): string[];
} {
  return {
    readText(path) {
      try {
        return sys.fs.readFile(path);
      } catch {
        return null;
      }
    },
    units() {
      return (systemdOf(sys)?.listUnits() ?? []).map((u) => ({ name: u.name, activeState: u.activeState, enabled: u.enabled }));
    },
    journalValues(field) {
      const value = FIELD_VALUE[field];
      const journal = journalOf(sys);
      if (!value || !journal) return [];
      const out = new Set<string>();
      for (const e of journal.query({})) {
        const v = value(e);
        if (v !== null && v !== undefined) out.add(String(v));
      }
      return [...out];
    },
  };
}
