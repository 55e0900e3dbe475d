// What systemctl and journalctl may ask of a node's systemd and journald (service clients on Sys).

import type { Sys } from '../kernel/program';
import type { JournalEntry } from '../journal';
import type { UnitState } from './unit';

export interface ExitedProcess {
  pid: number;
  /** `ExecStart` / `ExecStopPost` */
  kind: string;
  argv: string[];
  code: 'exited' | 'killed';
  status: number;
}

export interface UnitStatus extends UnitState {
  /** Processes of the unit's cgroup, for the CGroup tree. */
  cgroup: { pid: number; argv: string[] }[];
  /** Exec* processes of the current/last activation that have exited. */
  exited: ExitedProcess[];
  memoryBytes: number | null;
  tasks: number | null;
  /** Unit file changed on disk since the last daemon-reload. */
  changedOnDisk: boolean;
}

/**
 * `not-applicable`: the unit cannot do this job at all (reload without ExecReload=); `invalid`: not now
 * (reload of a unit that is not active).
 */
export type JobResult = { ok: true } | { ok: false; error: 'not-found' | 'access-denied' | 'failed' | 'not-applicable' | 'invalid'; message?: string };

export interface SystemdClient {
  /** Accepts `falco` or `falco.service`; null when no such unit. */
  status(unit: string): UnitStatus | null;
  listUnits(): UnitState[];
  start(unit: string): Promise<JobResult>;
  stop(unit: string): Promise<JobResult>;
  restart(unit: string): Promise<JobResult>;
  reload(unit: string): Promise<JobResult>;
  enable(unit: string): JobResult;
  disable(unit: string): JobResult;
  daemonReload(): JobResult;
}

export interface JournalFilter {
  /** Unit names (with .service); entries of the unit plus systemd's lines about it. */
  units?: string[];
  identifiers?: string[];
  sinceNs?: number;
  /** Entries logged by this uid only (non-privileged readers). */
  uid?: number;
}

/** A message a program logs (syslog(3) or sd_journal_send); journald adds time, _UID and _PID itself. */
export interface JournalRecord {
  /** SYSLOG_IDENTIFIER: `sudo`, a logger tag. */
  ident: string;
  /** Shown as `ident[pid]`; the sender's pid when omitted (journalctl prints _PID when it has one). */
  pid?: number;
  /** 0 emerg … 7 debug. */
  priority: number;
  message: string;
  /** _SYSTEMD_UNIT; the sender's unit when omitted (a program run by a service logs under it). */
  unit?: string;
  /** syslog facility (4 auth, 10 authpriv …); the program's usual openlog() facility when omitted. */
  facility?: number;
  /** openlog(LOG_PID): the pid is part of the syslog tag rsyslog writes (`logger -i`, sshd). */
  logPid?: boolean;
}

export interface JournalClient {
  hostname(): string;
  epochMs(): number;
  /** Entries matching, oldest first. */
  query(filter: JournalFilter): JournalEntry[];
  /** First and last timestamp of the whole journal (header line). */
  bounds(): { first: number; last: number } | null;
  /** Call `onEntry` for every new matching entry until the signal aborts. */
  follow(filter: JournalFilter, onEntry: (e: JournalEntry) => void, signal: AbortSignal): Promise<void>;
  /** Log as the calling process; the entry records its uid. Dropped inside a container (no /dev/log there). */
  append(entry: JournalRecord): void;
}

export const systemdOf = (sys: Sys): SystemdClient | undefined => sys.services.get<SystemdClient>('systemd');
export const journalOf = (sys: Sys): JournalClient | undefined => sys.services.get<JournalClient>('journal');
