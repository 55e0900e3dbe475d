// The systemd journal of a node: structured entries and journald's short output format.

import type { SimNs } from '../core/time';
import { syslogStamp, wallTime } from '../core/time';
import type { NodeState } from './world';

export interface JournalEntry {
  seq: number;
  time: SimNs;
  /** SYSLOG_IDENTIFIER, e.g. `falco`, `systemd`, `kubelet`, `sudo`. */
  ident: string;
  pid: number | null;
  /** _SYSTEMD_UNIT (without `.service` stripped: `falco.service`). */
  unit: string | null;
  /** 0 emerg … 7 debug. */
  priority: number;
  message: string;
  /** _UID of the sender; absent for system daemons and the kernel (uid 0). */
  uid?: number;
  /** SYSLOG_FACILITY (0 kern … 23 local7); absent: user, as journald assumes when forwarding. */
  facility?: number;
  /** _TRANSPORT: `syslog` for syslog(3) messages; absent for the native protocol and stdout streams. */
  transport?: 'syslog';
  /** A syslog(3) sender that put its pid in the tag (openlog's LOG_PID): `sshd[912]:`, not `falco:`. */
  syslogPid?: boolean;
}

export type JournalListener = (e: JournalEntry) => void;

const listeners = new WeakMap<NodeState, Set<JournalListener>>();

export function journalAppend(node: NodeState, entry: Omit<JournalEntry, 'seq'>): JournalEntry {
  const e: JournalEntry = { seq: node.nextJournalSeq++, ...entry };
  node.journal.push(e);
  for (const l of listeners.get(node) ?? []) l(e);
  return e;
}

/** Subscribe to new entries (journalctl -f); returns an unsubscribe function. */
export function journalSubscribe(node: NodeState, l: JournalListener): () => void {
  let set = listeners.get(node);
  if (!set) listeners.set(node, (set = new Set()));
  set.add(l);
  return () => set!.delete(l);
}

/** `Jan 24 18:03:37 kube-worker-1 falco[8718]: message` */
export function formatJournalShort(e: JournalEntry, hostname: string, epochMs: number): string {
  const who = e.pid === null ? e.ident : `${e.ident}[${e.pid}]`;
  return `${syslogStamp(wallTime(epochMs, e.time))} ${hostname} ${who}: ${e.message}`;
}
