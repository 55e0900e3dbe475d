// Fakes of the node's systemd and journald clients (the lead implements the real ones).

import type { JournalClient, JournalFilter, JournalRecord, JobResult, SystemdClient, UnitStatus } from '../../src/world/systemd/client';
import type { JournalEntry } from '../../src/world/journal';
import type { MiniWorld } from '../helpers/mini-world';

export const FALCO_UNIT: UnitStatus = {
  name: 'falco.service',
  description: 'Falco: Container Native Runtime Security',
  fragmentPath: '/lib/systemd/system/falco.service',
  enabled: true,
  execStart: ['/usr/bin/falco', '--pidfile=/var/run/falco.pid'],
  activeState: 'active',
  subState: 'running',
  mainPid: 6123,
  since: 0,
  result: 'success',
  exitStatus: null,
  restart: 'on-failure',
  restartSec: 15,
  docs: ['https://falco.org/docs/'],
  startAtBoot: true,
  type: 'simple',
  cgroup: [{ pid: 6123, argv: ['/usr/bin/falco', '--pidfile=/var/run/falco.pid'] }],
  exited: [],
  memoryBytes: 37854000,
  tasks: 11,
  changedOnDisk: false,
};

export class FakeSystemd implements SystemdClient {
  calls: string[] = [];
  units = new Map<string, UnitStatus>();
  next: JobResult = { ok: true };
  constructor(units: UnitStatus[] = [structuredClone(FALCO_UNIT)]) {
    for (const u of units) this.units.set(u.name, u);
  }
  status(unit: string): UnitStatus | null {
    return this.units.get(unit.endsWith('.service') ? unit : `${unit}.service`) ?? null;
  }
  listUnits() {
    return [...this.units.values()];
  }
  private job(verb: string, unit: string): JobResult {
    this.calls.push(`${verb} ${unit}`);
    if (!this.status(unit)) return { ok: false, error: 'not-found' };
    return this.next;
  }
  async start(unit: string) {
    return this.job('start', unit);
  }
  async stop(unit: string) {
    return this.job('stop', unit);
  }
  async restart(unit: string) {
    return this.job('restart', unit);
  }
  async reload(unit: string) {
    return this.job('reload', unit);
  }
  enable(unit: string): JobResult {
    const u = this.status(unit);
    this.calls.push(`enable ${unit}`);
    if (!u) return { ok: false, error: 'not-found' };
    u.enabled = true;
    return { ok: true };
  }
  disable(unit: string): JobResult {
    const u = this.status(unit);
    this.calls.push(`disable ${unit}`);
    if (!u) return { ok: false, error: 'not-found' };
    u.enabled = false;
    return { ok: true };
  }
  daemonReload(): JobResult {
    this.calls.push('daemon-reload');
    return { ok: true };
  }
}

export class FakeJournal implements JournalClient {
  entries: JournalEntry[] = [];
  private listeners: ((e: JournalEntry) => void)[] = [];
  constructor(private readonly host: string, private readonly epoch: number) {}
  hostname() {
    return this.host;
  }
  epochMs() {
    return this.epoch;
  }
  add(e: Omit<JournalEntry, 'seq'>): void {
    const full = { seq: this.entries.length + 1, ...e };
    this.entries.push(full);
    for (const l of this.listeners) l(full);
  }
  private matches(e: JournalEntry, f: JournalFilter): boolean {
    if (f.units && !f.units.some((u) => e.unit === u || (e.ident === 'systemd' && e.message.toLowerCase().includes(u.replace(/\.service$/, ''))))) return false;
    if (f.identifiers && !f.identifiers.includes(e.ident)) return false;
    if (f.sinceNs !== undefined && e.time < f.sinceNs) return false;
    if (f.uid !== undefined && (e.uid ?? 0) !== f.uid) return false;
    return true;
  }
  /** Programs' own lines, stamped with the last entry's time (the fake has no clock). */
  append(r: JournalRecord): void {
    this.add({ time: this.entries.at(-1)?.time ?? 0, ident: r.ident, pid: r.pid ?? null, unit: r.unit ?? null, priority: r.priority, message: r.message });
  }
  query(f: JournalFilter) {
    return this.entries.filter((e) => this.matches(e, f));
  }
  bounds() {
    return this.entries.length === 0 ? null : { first: this.entries[0].time, last: this.entries[this.entries.length - 1].time };
  }
  follow(f: JournalFilter, onEntry: (e: JournalEntry) => void, signal: AbortSignal): Promise<void> {
    const l = (e: JournalEntry): void => {
      if (this.matches(e, f)) onEntry(e);
    };
    this.listeners.push(l);
    return new Promise((resolve) => {
      const done = (): void => {
        this.listeners = this.listeners.filter((x) => x !== l);
        resolve();
      };
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  }
}

export function installSystemd(w: MiniWorld, sd: FakeSystemd = new FakeSystemd(), j?: FakeJournal): { sd: FakeSystemd; journal: FakeJournal } {
  const journal = j ?? new FakeJournal(w.node.hostname, w.world.clock.epochMs);
  w.kernel.registerService('systemd', () => sd);
  w.kernel.registerService('journal', () => journal);
  return { sd, journal };
}
