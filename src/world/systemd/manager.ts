// systemd on one node: starts, stops and restarts units' main processes and logs as systemd 245 does.

import { journalAppend, type JournalEntry } from '../journal';
import type { Kernel } from '../kernel/kernel';
import type { ProcessRecord } from '../kernel/process';
import { SIGTERM } from '../kernel/kernel';
import type { NodeState } from '../world';
import type { ExitedProcess, JobResult, JournalClient, JournalFilter, SystemdClient, UnitStatus } from './client';
import { journalStream } from './journal-stream';
import { listSetting, reloadSignal, unitFileTexts } from './unit-file';
import { rootReader } from '../root-reader';
import type { UnitState } from './unit';
import { journalSubscribe } from '../journal';
import { SyslogForwarder } from '../syslog/rsyslog';
import { defaultFacility, FACILITY } from '../syslog/facility';

const SYSTEMD_PID = 1;
const SERVICE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };

/** Per-unit runtime facts that do not survive a saved world (waiters for exit). */
interface LiveUnit {
  exited?: Promise<number>;
  exitedHistory: ExitedProcess[];
}

export function unitName(name: string): string {
  return name.includes('.') ? name : `${name}.service`;
}

export class SystemdManager {
  private live = new Map<string, LiveUnit>();

  constructor(
    private readonly kernel: Kernel,
    private readonly nodeName: string,
  ) {
    // journald forwards every entry to the syslog socket, where rsyslogd (if running) picks it up.
    new SyslogForwarder(kernel, nodeName);
    kernel.scheduler.on(`systemd-restart:${nodeName}`, (data) => {
      const u = this.node.units[String(data)];
      if (u && u.activeState === 'activating' && u.subState === 'auto-restart') {
        this.log(`${u.name}: Scheduled restart job, restart counter is at ${this.bumpRestarts(u)}.`);
        void this.startUnit(u, true);
      }
    });
  }

  get node(): NodeState {
    return this.kernel.node(this.nodeName);
  }

  private now(): number {
    return this.kernel.world.clock.now;
  }

  private log(message: string, priority = 6): void {
    journalAppend(this.node, { time: this.now(), ident: 'systemd', pid: SYSTEMD_PID, unit: null, priority, message, uid: 0, facility: FACILITY.daemon });
  }

  private liveOf(name: string): LiveUnit {
    let l = this.live.get(name);
    if (!l) this.live.set(name, (l = { exitedHistory: [] }));
    return l;
  }

  private bumpRestarts(u: UnitState): number {
    const s = (u.serviceState ?? {}) as { restarts?: number };
    const restarts = (s.restarts ?? 0) + 1;
    u.serviceState = { ...s, restarts };
    return restarts;
  }

  private setState(u: UnitState, active: UnitState['activeState'], sub: string): void {
    u.activeState = active;
    u.subState = sub;
    u.since = this.now();
  }

  /** Boot: start every enabled unit, as systemd does at multi-user.target. */
  async boot(): Promise<void> {
    for (const u of Object.values(this.node.units)) if (u.startAtBoot) await this.startUnit(u);
  }

  private async startUnit(u: UnitState, isRestart = false): Promise<JobResult> {
    if (u.activeState === 'active') return { ok: true };
    const live = this.liveOf(u.name);
    if (!isRestart) live.exitedHistory = [];
    this.log(`Starting ${u.description}...`);
    this.setState(u, 'activating', 'start');
    // service_start() resets the result: a unit running again after an auto-restart shows no `(Result: …)`.
    u.result = 'success';
    let mainPid: number | null = null;
    let resolveExit!: (s: number) => void;
    live.exited = new Promise((r) => (resolveExit = r));
    const out = journalStream(this.node, () => this.now(), u.execStart[0]!.split('/').pop()!.slice(0, 15), () => mainPid, u.name);
    const r = await this.kernel.exec(this.nodeName, null, u.execStart, {
      unit: u.name,
      uid: 0,
      gid: 0,
      groups: [0],
      env: { ...SERVICE_ENV },
      cwd: '/',
      loginuid: -1,
      stdout: out,
      stderr: out,
      searchPath: false,
      onStart: (pid) => {
        mainPid = pid;
        u.mainPid = pid;
        if (u.type === 'oneshot') return;
        // Type=simple: the unit is started as soon as the process has been forked.
        this.setState(u, 'active', 'running');
        this.log(`Started ${u.description}.`);
      },
      onExit: (status) => {
        out.close();
        this.onMainExit(u, status, mainPid);
        resolveExit(status);
      },
    });
    if (r.error) {
      // execve failed: systemd reports status 203/EXEC.
      this.log(`${u.name}: Failed to execute command: ${r.error === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}`, 3);
      this.onMainExit(u, 203, null);
      resolveExit(203);
      return { ok: false, error: 'failed' };
    }
    return { ok: true };
  }

  private onMainExit(u: UnitState, status: number, pid: number | null): void {
    const live = this.liveOf(u.name);
    const stopping = u.activeState === 'deactivating';
    const killed = status > 128 && status < 160;
    if (pid !== null) live.exitedHistory.push({ pid, kind: 'ExecStart', argv: u.execStart, code: killed ? 'killed' : 'exited', status: killed ? status - 128 : status });
    u.mainPid = null;
    u.exitStatus = status;
    if (u.type === 'oneshot' && status === 0) {
      this.log(`${u.name}: Succeeded.`);
      this.log(`Finished ${u.description}.`);
      u.result = 'success';
      this.setState(u, 'inactive', 'dead');
      return;
    }
    if (stopping || status === 0 || (killed && status - 128 === SIGTERM)) {
      if (!stopping && status === 0) this.log(`${u.name}: Succeeded.`);
      u.result = 'success';
      if (!stopping) this.setState(u, 'inactive', 'dead');
      return;
    }
    this.log(killed ? `${u.name}: Main process exited, code=killed, status=${status - 128}/${signalName(status - 128)}` : `${u.name}: Main process exited, code=exited, status=${status}/FAILURE`, 5);
    this.log(`${u.name}: Failed with result '${killed ? 'signal' : 'exit-code'}'.`, 4);
    u.result = killed ? 'signal' : 'exit-code';
    if (u.restart === 'always' || u.restart === 'on-failure') {
      this.setState(u, 'activating', 'auto-restart');
      this.kernel.scheduler.after(u.restartSec * 1e9, `systemd-restart:${this.nodeName}`, u.name);
    } else {
      this.setState(u, 'failed', 'failed');
    }
  }

  private async stopUnit(u: UnitState): Promise<JobResult> {
    this.kernel.scheduler.cancelWhere((t) => t.kind === `systemd-restart:${this.nodeName}` && t.data === u.name);
    if (u.activeState === 'inactive' || u.activeState === 'failed') {
      if (u.activeState === 'failed') this.setState(u, 'inactive', 'dead');
      return { ok: true };
    }
    if (u.subState === 'auto-restart') {
      this.setState(u, 'inactive', 'dead');
      return { ok: true };
    }
    this.log(`Stopping ${u.description}...`);
    this.setState(u, 'deactivating', 'stop-sigterm');
    const live = this.liveOf(u.name);
    if (u.mainPid !== null) {
      this.kernel.signal(this.nodeName, u.mainPid, SIGTERM);
      await live.exited;
    }
    this.log(`${u.name}: Succeeded.`);
    this.log(`Stopped ${u.description}.`);
    u.result = 'success';
    this.setState(u, 'inactive', 'dead');
    return { ok: true };
  }

  /**
   * A reload job: refused for a unit without ExecReload= (falco.service), invalid while the unit is not
   * active; otherwise the ExecReload= commands run. Only `kill -SIG $MAINPID` commands have an effect
   * here; a config test such as `sshd -t` is taken to pass.
   */
  private async reloadUnit(u: UnitState): Promise<JobResult> {
    const commands = listSetting(unitFileTexts(rootReader(this.kernel, this.nodeName), u.name, u.fragmentPath), 'Service', 'ExecReload');
    if (commands.length === 0) return { ok: false, error: 'not-applicable' };
    if (u.activeState !== 'active') {
      this.log(`${u.name}: Unit cannot be reloaded because it is inactive.`, 4);
      return { ok: false, error: 'invalid' };
    }
    this.log(`Reloading ${u.description}.`);
    for (const command of commands) {
      const sig = reloadSignal(command);
      if (sig !== null && u.mainPid !== null) this.kernel.signal(this.nodeName, u.mainPid, sig);
    }
    this.log(`Reloaded ${u.description}.`);
    return { ok: true };
  }

  /** Re-attach running units' main processes after a saved world was loaded. */
  resumeAll(): void {
    for (const u of Object.values(this.node.units)) {
      if (u.mainPid === null) continue;
      const pid = u.mainPid;
      const live = this.liveOf(u.name);
      let resolveExit!: (s: number) => void;
      live.exited = new Promise((r) => (resolveExit = r));
      const out = journalStream(this.node, () => this.now(), this.node.procs[pid]?.comm ?? u.name, () => pid, u.name);
      const { started } = this.kernel.resume(this.nodeName, pid, {
        stdout: out,
        stderr: out,
        onExit: (status) => {
          out.close();
          this.onMainExit(u, status, pid);
          resolveExit(status);
        },
      });
      if (!started) {
        u.mainPid = null;
        this.setState(u, 'failed', 'failed');
      }
    }
  }

  find(name: string): UnitState | undefined {
    return this.node.units[unitName(name)];
  }

  client(): SystemdClient {
    const notFound = (): JobResult => ({ ok: false, error: 'not-found' });
    return {
      status: (name) => {
        const u = this.find(name);
        if (!u) return null;
        const procs = Object.values(this.node.procs).filter((p) => p.unit === u.name);
        const st: UnitStatus = {
          ...u,
          cgroup: procs.map((p) => ({ pid: p.pid, argv: p.argv })),
          exited: this.liveOf(u.name).exitedHistory.slice(),
          memoryBytes: procs.length ? procs.reduce((n, p) => n + p.rss * 1024, 0) : null,
          tasks: procs.length ? procs.length : null,
          changedOnDisk: false,
        };
        return st;
      },
      listUnits: () => Object.values(this.node.units),
      start: async (name) => {
        const u = this.find(name);
        return u ? this.startUnit(u) : notFound();
      },
      stop: async (name) => {
        const u = this.find(name);
        return u ? this.stopUnit(u) : notFound();
      },
      restart: async (name) => {
        const u = this.find(name);
        if (!u) return notFound();
        await this.stopUnit(u);
        return this.startUnit(u);
      },
      reload: async (name) => {
        const u = this.find(name);
        return u ? this.reloadUnit(u) : notFound();
      },
      enable: (name) => {
        const u = this.find(name);
        if (!u) return notFound();
        u.enabled = true;
        return { ok: true };
      },
      disable: (name) => {
        const u = this.find(name);
        if (!u) return notFound();
        u.enabled = false;
        return { ok: true };
      },
      daemonReload: () => {
        this.log('Reloading.');
        return { ok: true };
      },
    };
  }

  /**
   * The journal as `reader` sees it. Root and members of adm/systemd-journal read every file (Ubuntu's
   * ACL on /var/log/journal); anyone else reads only their own user journal, i.e. the entries they
   * logged. Without a reader (the simulation itself) everything is visible.
   */
  journal(reader?: ProcessRecord): JournalClient {
    const ownOnly = reader && !this.readsWholeJournal(reader) ? reader.euid : undefined;
    const visible = (e: JournalEntry): boolean => ownOnly === undefined || (e.uid ?? 0) === ownOnly;
    const matches = (e: JournalEntry, f: JournalFilter): boolean => {
      if (!visible(e)) return false;
      if (f.uid !== undefined && (e.uid ?? 0) !== f.uid) return false;
      if (f.sinceNs !== undefined && e.time < f.sinceNs) return false;
      if (f.units && f.units.length > 0) {
        const names = f.units.map(unitName);
        const aboutUnit = e.ident === 'systemd' && names.some((n) => e.message.startsWith(`${n}:`) || this.describes(n, e.message));
        if (!(e.unit !== null && names.includes(e.unit)) && !aboutUnit) return false;
      }
      if (f.identifiers && f.identifiers.length > 0 && !f.identifiers.includes(e.ident)) return false;
      return true;
    };
    return {
      hostname: () => this.node.hostname,
      epochMs: () => this.kernel.world.clock.epochMs,
      query: (f) => this.node.journal.filter((e) => matches(e, f)),
      bounds: () => {
        const j = ownOnly === undefined ? this.node.journal : this.node.journal.filter(visible);
        return j.length ? { first: j[0]!.time, last: j[j.length - 1]!.time } : null;
      },
      follow: (f, onEntry, signal) =>
        new Promise<void>((resolve) => {
          if (signal.aborted) return resolve();
          const off = journalSubscribe(this.node, (e) => {
            if (matches(e, f)) onEntry(e);
          });
          signal.addEventListener('abort', () => {
            off();
            resolve();
          }, { once: true });
        }),
      append: (r) => {
        if (reader && reader.containerId !== null) return;
        journalAppend(this.node, {
          time: this.now(),
          ident: r.ident,
          pid: r.pid ?? reader?.pid ?? null,
          unit: r.unit ?? reader?.unit ?? null,
          priority: r.priority,
          message: r.message,
          // journald takes _UID from the socket's credentials; setuid programs (sudo) switch to root
          // before they log, so the effective uid is what a real journal records.
          uid: reader?.euid ?? 0,
          facility: r.facility ?? defaultFacility(r.ident),
          transport: 'syslog',
          ...(r.logPid ? { syslogPid: true } : {}),
        });
      },
    };
  }

  private readsWholeJournal(reader: ProcessRecord): boolean {
    if (reader.euid === 0) return true;
    let groupFile: string;
    try {
      groupFile = this.kernel.vfsFor(this.nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).readFile('/etc/group');
    } catch {
      return false;
    }
    const readers = groupFile
      .split('\n')
      .map((line) => line.split(':'))
      .filter((f) => f[0] === 'adm' || f[0] === 'systemd-journal')
      .map((f) => Number(f[2]));
    return reader.groups.some((g) => readers.includes(g));
  }

  /** systemd's Starting/Started/Stopping/Stopped lines name the unit by its description. */
  private describes(unit: string, message: string): boolean {
    const u = this.node.units[unit];
    if (!u) return false;
    const d = u.description;
    return (
      message === `Starting ${d}...` || message === `Started ${d}.` || message === `Stopping ${d}...` || message === `Stopped ${d}.` ||
      message === `Failed to start ${d}.` || message === `Reloading ${d}.` || message === `Reloaded ${d}.`
    );
  }
}

function signalName(n: number): string {
  return ({ 1: 'HUP', 2: 'INT', 6: 'ABRT', 9: 'KILL', 11: 'SEGV', 15: 'TERM' } as Record<number, string>)[n] ?? String(n);
}

/** Register the systemd and journal clients for every node that has a manager. */
export function installSystemd(kernel: Kernel, managers: Map<string, SystemdManager>): void {
  kernel.registerService('systemd', (_k, node) => managers.get(node)?.client());
  kernel.registerService('journal', (_k, node, proc) => managers.get(node)?.journal(proc));
}
