// The node kernel: process creation (fork+execve), credentials, signals, syscall events, the Sys façade.

import type { Random } from '../../core/random';
import { emptyInput, interruptibleInput, nullOutput, type InputStream, type OutputStream } from '../../core/stream';
import { wallTime, type SimNs } from '../../core/time';
import { basename, Vfs, type MountTable } from '../../vfs';
import type { Command, CommandContext, EditorRequest, EditorResult, ProcessInfo, PsEntry, SpawnOptions, SpawnResult, Sys } from './program';
import { EventBus, type FdInfo, type SyscallType } from '../events';
import type { Scheduler } from '../scheduler';
import type { NodeState, World } from '../world';
import { resolveExec, searchPath } from './exec-resolve';
import { ProcessFsImpl, type DeviceHooks } from './process-fs';
import type { ProcessRecord } from './process';

export interface ProgramRegistry {
  get(name: string): Command | undefined;
}

export interface KernelHooks {
  openEditor?: (req: EditorRequest) => Promise<EditorResult>;
}

/** How a service client is built for a calling process (systemd, journal, kube API, CRI…). */
export type ServiceFactory = (kernel: Kernel, node: string, proc: ProcessRecord) => unknown;

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGKILL = 9;
export const SIGTERM = 15;

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface LiveProcess {
  abort: AbortController;
  traps: Map<number, () => boolean>;
  killedBy?: number;
  /** A child it waited on caught the same Ctrl-C and exited on its own terms. */
  childCaughtInterrupt?: boolean;
}

export interface ExecOptions extends SpawnOptions {
  containerId?: string | null;
  unit?: string;
  loginuid?: number;
  interactive?: boolean;
  /** Run in the background: resolve as soon as the process has started; exit status via `onExit`. */
  onExit?: (status: number) => void;
  /** Called with the new pid right after execve succeeds. */
  onStart?: (pid: number) => void;
  /** Opaque state kept in the record for resumable programs. */
  resume?: unknown;
  /** Replace argv[0] after the program was found (login shells run as `-bash`). */
  argv0?: string;
}

/** headless: foreground sleeps advance the clock; realtime: the clock follows the wall clock. */
export type ClockMode = 'headless' | 'realtime';

export class Kernel {
  private readonly buses = new Map<string, EventBus>();
  private readonly live = new Map<string, LiveProcess>();
  private readonly services = new Map<string, ServiceFactory>();
  clockMode: ClockMode = 'headless';

  constructor(
    readonly world: World,
    readonly scheduler: Scheduler,
    readonly programs: ProgramRegistry,
    readonly random: Random,
    readonly hooks: KernelHooks = {},
  ) {}

  node(name: string): NodeState {
    const n = this.world.nodes[name];
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  bus(node: string): EventBus {
    let b = this.buses.get(node);
    if (!b) this.buses.set(node, (b = new EventBus()));
    return b;
  }

  registerService(name: string, factory: ServiceFactory): void {
    this.services.set(name, factory);
  }

  now(): SimNs {
    return this.world.clock.now;
  }

  mountsOf(node: NodeState, containerId: string | null): MountTable {
    if (containerId === null) return node.mounts;
    const c = node.containers[containerId];
    if (!c) throw new Error(`unknown container ${containerId}`);
    return c.mounts;
  }

  /** A VFS view with a process's credentials, cwd and mount namespace. */
  vfsFor(nodeName: string, proc: Pick<ProcessRecord, 'euid' | 'egid' | 'groups' | 'cwd' | 'containerId'>): Vfs {
    const node = this.node(nodeName);
    return new Vfs({
      fsTable: this.world.fs,
      mounts: this.mountsOf(node, proc.containerId),
      creds: { uid: proc.euid, gid: proc.egid, groups: proc.groups },
      cwd: proc.cwd,
      now: () => this.world.clock.now,
    });
  }

  emit(nodeName: string, pid: number, type: SyscallType, res: number, args: Record<string, string | number>, fd?: FdInfo): void {
    const bus = this.buses.get(nodeName);
    if (!bus || !bus.active) return;
    const node = this.node(nodeName);
    const e = { num: node.nextEventNum++, time: this.eventTime(), node: nodeName, type, dir: '<' as const, pid, res, args };
    bus.emit(fd ? { ...e, fd } : e);
  }

  private cpuBase = -1;
  private cpuNs = 0;

  /**
   * The clock moves in whole steps (a command, a timer), but syscalls take CPU time: events within one
   * step get increasing sub-second offsets, so Falco's evt.time reads like a real trace.
   */
  private eventTime(): SimNs {
    const now = this.world.clock.now;
    if (now !== this.cpuBase) {
      this.cpuBase = now;
      this.cpuNs = 100_000 + this.random.int(400_000);
    } else if (this.cpuNs < 900_000_000) this.cpuNs += 2_000 + this.random.int(40_000);
    return now + this.cpuNs;
  }

  private key(node: string, pid: number): string {
    return `${node}:${pid}`;
  }

  hostnameOf(node: NodeState, containerId: string | null): string {
    return containerId ? (node.containers[containerId]?.hostname ?? node.hostname) : node.hostname;
  }

  /**
   * fork+execve+wait: run `argv` as a child of `parent` (null: a kernel/systemd-spawned process).
   * Returns once the program exits, or right after start when `onExit` is given (background).
   */
  async exec(nodeName: string, parent: ProcessRecord | null, argv: string[], opts: ExecOptions = {}): Promise<SpawnResult> {
    const node = this.node(nodeName);
    const containerId = opts.containerId !== undefined ? opts.containerId : (parent?.containerId ?? null);
    const changeCreds = opts.uid !== undefined || opts.gid !== undefined;
    if (changeCreds && parent && parent.euid !== 0) return { status: 126, error: 'EACCES' };
    const uid = opts.uid ?? parent?.uid ?? 0;
    const gid = opts.gid ?? parent?.gid ?? 0;
    const env = { ...(opts.env ?? parent?.env ?? {}) };
    const cwd = opts.cwd ?? parent?.cwd ?? '/';
    const proto = {
      euid: changeCreds ? uid : (parent?.euid ?? uid),
      egid: changeCreds ? gid : (parent?.egid ?? gid),
      groups: opts.groups ?? (changeCreds ? [gid] : (parent?.groups ?? [gid])),
      cwd,
      containerId,
    };
    const vfs = this.vfsFor(nodeName, proto);
    let path = argv[0] ?? '';
    if (opts.searchPath !== false) {
      const found = searchPath(vfs, path, env.PATH ?? DEFAULT_PATH);
      if (found === 'ENOENT' || found === 'EACCES') return { status: found === 'ENOENT' ? 127 : 126, error: found };
      path = found;
    }
    const execPath = path;
    let target = resolveExec(vfs, path);
    let finalArgv = opts.argv0 !== undefined ? [opts.argv0, ...argv.slice(1)] : argv;
    if (target.kind === 'script') {
      const interpArgv = [target.interpreter, ...(target.interpreterArg ? [target.interpreterArg] : []), path, ...finalArgv.slice(1)];
      const interp = resolveExec(vfs, target.interpreter);
      if (interp.kind !== 'program') return { status: 126, error: interp.kind === 'error' && interp.error === 'ENOENT' ? 'ENOENT' : 'EACCES' };
      target = interp;
      finalArgv = interpArgv;
    }
    if (target.kind === 'error') return { status: target.error === 'ENOENT' ? 127 : 126, error: target.error };
    const command = this.programs.get(target.program);
    if (!command) return { status: 126, error: 'ENOEXEC' };

    const pid = node.nextPid++;
    const euid = target.setuid ? target.stat.uid : proto.euid;
    // A new terminal means a new session; so does entering a container: runc setsid()s what it starts.
    const newSession = opts.tty !== undefined || (parent !== null && containerId !== parent.containerId);
    const rec: ProcessRecord = {
      pid,
      ppid: parent?.pid ?? 1,
      sid: newSession ? pid : (parent?.sid ?? pid),
      pgid: pid,
      uid,
      gid,
      euid,
      egid: proto.egid,
      groups: proto.groups,
      loginuid: opts.loginuid ?? parent?.loginuid ?? -1,
      tty: opts.tty !== undefined ? opts.tty : (parent?.tty ?? null),
      cwd,
      argv: finalArgv,
      exe: target.path,
      // The kernel names a process after the file given to execve (a script's own name, a symlink's name).
      comm: basename(execPath).slice(0, 15),
      env,
      containerId,
      startTime: this.world.clock.now,
      state: 'R',
      vsz: 2000 + this.random.int(20000),
      rss: 500 + this.random.int(5000),
      interactive: opts.interactive ?? parent?.interactive ?? false,
    };
    if (opts.unit ?? parent?.unit) rec.unit = opts.unit ?? parent?.unit;
    if (opts.resume !== undefined) rec.resume = opts.resume;
    if (command.threads !== undefined && command.threads > 1) rec.threads = command.threads;
    node.procs[pid] = rec;
    this.emit(nodeName, pid, 'execve', 0, { exe: target.path, args: finalArgv.slice(1).join(' ') });

    // The parent learns the pid at fork time, before the program runs (systemd's MainPID).
    opts.onStart?.(pid);
    const running = this.run(nodeName, rec, command, opts);
    if (opts.onExit) {
      void running.then(opts.onExit);
      return { status: 0 };
    }
    return { status: await running };
  }

  private async run(nodeName: string, rec: ProcessRecord, command: Command, opts: ExecOptions, resumed?: unknown): Promise<number> {
    const node = this.node(nodeName);
    const own = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, own.signal]) : own.signal;
    const live: LiveProcess = { abort: own, traps: new Map() };
    this.live.set(this.key(nodeName, rec.pid), live);
    const stdout = opts.stdout ?? nullOutput;
    const stderr = opts.stderr ?? nullOutput;
    // A program blocked reading its input (cat at the terminal) dies of Ctrl-C like any other, unless it handles SIGINT.
    const stdin = interruptibleInput(opts.stdin ?? emptyInput, signal, () => live.killedBy !== undefined || !live.traps.has(SIGINT));
    const ctx: CommandContext = {
      argv: rec.argv,
      stdin,
      stdout,
      stderr,
      env: rec.env,
      cwd: rec.cwd,
      process: this.info(nodeName, rec),
      sys: this.sysFor(nodeName, rec, { stdin, stdout, stderr, signal }),
      signal,
      openEditor: (req) =>
        this.hooks.openEditor ? this.hooks.openEditor(req) : Promise.resolve({ content: null, status: 1, error: 'no terminal to run an editor in' }),
      trap: (sig, handler) => {
        live.traps.set(sig, handler);
      },
      persist: (state) => {
        rec.resume = state;
      },
    };
    if (resumed !== undefined) ctx.resumed = resumed;
    let status: number;
    try {
      status = await command.run(ctx);
    } catch (e) {
      stderr.write(`cks-lab: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      status = 70;
    }
    if (live.killedBy !== undefined) status = 128 + live.killedBy;
    // Ctrl-C reaches the foreground job through its parent's signal: a program without a SIGINT
    // handler dies of it (status 130); one that handles it (falco) exits with its own status, and so
    // does a parent that was waiting for it (sudo, bash: they act on how the child ended).
    else if (opts.signal?.aborted && !live.traps.has(SIGINT) && !live.childCaughtInterrupt && status === 0) status = 128 + SIGINT;
    if (opts.signal?.aborted && (live.traps.has(SIGINT) || live.childCaughtInterrupt) && live.killedBy === undefined) {
      const parent = this.live.get(this.key(nodeName, rec.ppid));
      if (parent) parent.childCaughtInterrupt = true;
    }
    rec.state = 'Z';
    rec.exitStatus = status;
    this.emit(nodeName, rec.pid, 'procexit', 0, { status });
    delete node.procs[rec.pid];
    this.live.delete(this.key(nodeName, rec.pid));
    return status;
  }

  info(nodeName: string, rec: ProcessRecord): ProcessInfo {
    const node = this.node(nodeName);
    return {
      pid: rec.pid,
      ppid: rec.ppid,
      uid: rec.uid,
      gid: rec.gid,
      euid: rec.euid,
      egid: rec.egid,
      groups: rec.groups,
      loginuid: rec.loginuid,
      tty: rec.tty,
      containerId: rec.containerId,
      hostname: this.hostnameOf(node, rec.containerId),
      node: nodeName,
      interactive: !!rec.interactive,
    };
  }

  /** Deliver a signal. Returns false when there is no such live process. */
  signal(nodeName: string, pid: number, sig: number): boolean {
    const live = this.live.get(this.key(nodeName, pid));
    if (!live) return false;
    if (sig === 0) return true;
    const trap = live.traps.get(sig);
    if (sig !== SIGKILL && trap && trap()) return true;
    live.killedBy = sig;
    live.abort.abort(sig);
    return true;
  }

  /**
   * Re-attach a program to a process record restored from a saved world (same pid, no execve event).
   * The program gets `ctx.resumed` (its persisted state, or null) and can reinstate itself silently.
   */
  resume(nodeName: string, pid: number, opts: ExecOptions = {}): { started: boolean } {
    const node = this.node(nodeName);
    const rec = node.procs[pid];
    if (!rec || this.isLive(nodeName, pid)) return { started: false };
    const vfs = this.vfsFor(nodeName, rec);
    const target = resolveExec(vfs, rec.exe);
    const command = target.kind === 'program' ? this.programs.get(target.program) : undefined;
    if (!command) {
      delete node.procs[pid];
      return { started: false };
    }
    rec.state = 'S';
    const running = this.run(nodeName, rec, command, { ...opts, env: rec.env, cwd: rec.cwd }, rec.resume ?? null);
    if (opts.onExit) void running.then(opts.onExit);
    return { started: true };
  }

  isLive(nodeName: string, pid: number): boolean {
    return this.live.has(this.key(nodeName, pid));
  }

  /** Processes `viewer` can see: a container sees its own; the host sees all. */
  visibleProcesses(nodeName: string, viewer: Pick<ProcessRecord, 'containerId'>): ProcessRecord[] {
    const all = Object.values(this.node(nodeName).procs);
    return viewer.containerId === null ? all : all.filter((p) => p.containerId === viewer.containerId);
  }

  sysFor(nodeName: string, rec: ProcessRecord, io: { stdin: InputStream; stdout: OutputStream; stderr: OutputStream; signal: AbortSignal }): Sys {
    const node = this.node(nodeName);
    const vfs = this.vfsFor(nodeName, rec);
    const devices: DeviceHooks = {
      write: (rdev, text) => {
        if (rdev[0] === 1) return; // /dev/null, /dev/zero…
        io.stdout.write(text); // a tty device: the process's terminal
      },
      read: (rdev) => (rdev[0] === 1 && rdev[1] === 5 ? '\0'.repeat(4096) : ''),
    };
    const mounts = this.mountsOf(node, rec.containerId);
    const fs = new ProcessFsImpl(vfs, (type, res, args, fd) => this.emit(nodeName, rec.pid, type, res, args, fd), devices, mounts);
    const kernel = this;
    const serviceCache = new Map<string, unknown>();
    return {
      fs,
      spawn: async (argv, opts = {}) => {
        const r = await kernel.exec(nodeName, rec, argv, {
          stdin: opts.stdin ?? io.stdin,
          stdout: opts.stdout ?? io.stdout,
          stderr: opts.stderr ?? io.stderr,
          signal: opts.signal ?? io.signal,
          ...(opts.env ? { env: opts.env } : { env: rec.env }),
          cwd: opts.cwd ?? vfs.cwd,
          ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
          ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
          ...(opts.groups !== undefined ? { groups: opts.groups } : {}),
          ...(opts.tty !== undefined ? { tty: opts.tty } : {}),
          ...(opts.searchPath !== undefined ? { searchPath: opts.searchPath } : {}),
          ...(opts.argv0 !== undefined ? { argv0: opts.argv0 } : {}),
          ...(opts.background ? { interactive: false } : {}),
        });
        return r;
      },
      which: (name, path) => {
        const found = searchPath(vfs, name, path ?? rec.env.PATH ?? DEFAULT_PATH);
        return found === 'ENOENT' || found === 'EACCES' ? null : found;
      },
      processes: () =>
        kernel.visibleProcesses(nodeName, rec).map(
          (p): PsEntry => ({
            pid: p.pid,
            ppid: p.ppid,
            uid: p.uid,
            tty: p.tty,
            state: p.state === 'T' || p.state === 'Z' ? p.state : p.pid === rec.pid ? 'R' : 'S',
            startTime: p.startTime,
            argv: p.argv,
            comm: p.comm,
            vsz: p.vsz,
            rss: p.rss,
            cpuTimeNs: 0,
            sid: isKernelThread(p) ? 0 : p.sid,
            sessionLeader: p.sid === p.pid && !isKernelThread(p),
            // Without job control in the kernel, everything on a terminal but its session leader (the
            // login shell, which hands the terminal to the job it waits for) counts as the foreground.
            foreground: p.tty !== null && p.sid !== p.pid,
            threads: p.threads ?? 1,
          }),
        ),
      kill: (pid, sig) => {
        const target = node.procs[pid];
        if (!target || (rec.containerId !== null && target.containerId !== rec.containerId)) return 'ESRCH';
        if (rec.euid !== 0 && rec.uid !== target.uid && rec.euid !== target.uid) return 'EPERM';
        kernel.emit(nodeName, rec.pid, 'kill', 0, { pid, sig });
        return kernel.signal(nodeName, pid, sig) ? 'ok' : 'ESRCH';
      },
      now: () => kernel.world.clock.now,
      wall: (t) => wallTime(kernel.world.clock.epochMs, t ?? kernel.world.clock.now),
      sleep: async (ns, signal) => {
        const sig = signal ?? io.signal;
        if (kernel.clockMode === 'headless' && rec.interactive) {
          if (sig.aborted) return false;
          await kernel.scheduler.advanceBy(ns);
          return !sig.aborted;
        }
        return kernel.scheduler.sleep(ns, sig);
      },
      random: kernel.random,
      services: {
        get<T>(name: string): T | undefined {
          if (!serviceCache.has(name)) {
            const f = kernel.services.get(name);
            serviceCache.set(name, f ? f(kernel, nodeName, rec) : undefined);
          }
          return serviceCache.get(name) as T | undefined;
        },
      },
    };
  }
}

/** kthreadd (pid 2) and the threads it spawns belong to no session (sid 0). */
function isKernelThread(p: ProcessRecord): boolean {
  return p.pid === 2 || p.ppid === 2;
}
