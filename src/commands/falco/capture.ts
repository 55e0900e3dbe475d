// Falco's event loop in the simulation: open the driver, match every event, hand alerts to the
// outputs, and stop on SIGINT/SIGTERM, SIGHUP (or a watched file change), -M or a kill.

import type { Alert, FalcoSyscallEvent, RuleStats } from '../../falco';
import { countAlert, formatDropStats, formatRuleStats, parseEventTime } from '../../falco';
import type { FalcoHostClient } from '../../world/falco/host';
import type { CommandContext } from '../types';
import { LOG_ERR, LOG_INFO, type FalcoLogger, type SyslogClient } from './logger';
import type { FalcoOptions } from './options';
import { FalcoOutputs } from './outputs';
import { snapshotsDiffer, watchSnapshot, type WatchSnapshot } from './rules-files';
import type { LoadedFalco } from './startup';

export type StopReason = 'terminate' | 'restart' | 'duration' | 'killed';

/** Signals arrive whenever; a run waits for them, and one that arrives between runs is kept. */
export class FalcoSignals {
  private pending: StopReason | null = null;
  private waiter: ((r: StopReason) => void) | null = null;
  onReopen: (() => void) | null = null;

  constructor(ctx: CommandContext) {
    const deliver = (r: StopReason): boolean => {
      this.raise(r);
      return true;
    };
    ctx.trap(1, () => deliver('restart'));
    ctx.trap(2, () => deliver('terminate'));
    ctx.trap(15, () => deliver('terminate'));
    ctx.trap(10, () => {
      this.onReopen?.();
      return true;
    });
  }

  raise(r: StopReason): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(r);
    } else if (this.pending === null || r === 'terminate') this.pending = r;
  }

  /** The next stop reason (a pending one at once). */
  next(): Promise<StopReason> {
    if (this.pending !== null) {
      const r = this.pending;
      this.pending = null;
      return Promise.resolve(r);
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }

  cancelWait(): void {
    this.waiter = null;
  }
}

/** What a running Falco keeps with its process so a restored world resumes it (see falco.ts). */
export interface FalcoPersisted {
  v: 1;
  configPath: string;
  configText: string;
  rules: { name: string; content: string }[];
  folders: string[];
  /** Baseline of the watched files; null when watch_config_files is off. */
  watch: WatchSnapshot | null;
  stats: RuleStats;
}

export interface CaptureEnv {
  ctx: CommandContext;
  opts: FalcoOptions;
  logger: FalcoLogger;
  syslog: SyslogClient | undefined;
  host: FalcoHostClient | undefined;
  signals: FalcoSignals;
}

const MUTATING = new Set(['unlink', 'unlinkat', 'rename', 'renameat', 'mkdir', 'mkdirat', 'rmdir', 'symlink', 'symlinkat', 'link', 'linkat']);

/** Events after which inotify might fire on a watched file: writes, creations, removals, renames. */
function mayChangeFiles(e: FalcoSyscallEvent): boolean {
  if (MUTATING.has(e.evt.type)) return true;
  if (e.evt.type !== 'openat' && e.evt.type !== 'open') return false;
  const flags = String(e.evt.args?.flags ?? '');
  return /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(flags);
}

// A write is seen at open(2), before the data lands; look at the files a moment later, as inotify's
// IN_CLOSE_WRITE would.
const WATCH_DELAY_NS = 100_000_000;

export function watchedPaths(falco: LoadedFalco): { files: string[]; folders: string[] } {
  return { files: [falco.configPath, ...falco.rules.map((r) => r.name)], folders: falco.folders };
}

/**
 * Runs until a stop reason; `state` is persisted (and updated in place) while it runs. `silent`: the
 * capture was re-attached after a restore, so nothing is logged on opening it.
 */
export async function runCapture(env: CaptureEnv, falco: LoadedFalco, state: FalcoPersisted, silent: boolean): Promise<{ kind: 'stopped'; reason: StopReason } | { kind: 'fatal'; message: string }> {
  const { ctx, logger, opts } = env;
  const cfg = falco.cfg;
  if (!silent) {
    logger.log(LOG_INFO, `Enabled event sources: ${falco.sources.join(', ')}\n`);
    for (const s of falco.sources) {
      const plugin = falco.plugins.find((p) => p.source === s);
      logger.log(LOG_INFO, plugin ? `Opening capture with plugin '${plugin.name}'\n` : 'Opening capture with Kernel module\n');
    }
  }
  if (ctx.process.euid !== 0 || !env.host) {
    // libscap cannot open /dev/falco0 without root; Falco then tries modprobe, which fails too.
    logger.log(LOG_ERR, 'Unable to load the driver.\n');
    return { kind: 'fatal', message: 'error opening device /dev/falco0. Make sure you have root credentials and that the falco module is loaded.' };
  }
  ctx.persist(state);

  const run = new AbortController();
  const stopSignal = AbortSignal.any([run.signal, ctx.signal]);
  const outputs = new FalcoOutputs(cfg, {
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    syslog: env.syslog,
    fs: ctx.sys.fs,
    spawn: ctx.sys.spawn,
    logger,
    host: env.host,
    now: () => ctx.sys.now(),
    hostname: ctx.env.FALCO_HOSTNAME ?? ctx.process.hostname,
    signal: ctx.signal,
  });
  env.signals.onReopen = () => {
    logger.log(LOG_INFO, 'SIGUSR1 received, reopening outputs...\n');
    outputs.reopen();
  };

  let stopped = false;
  let watchPending = false;
  let events = 0;
  const startNs = ctx.sys.now();
  const watched = watchedPaths(falco);
  const checkWatch = async (): Promise<void> => {
    if (watchPending || !state.watch) return;
    watchPending = true;
    const ok = await ctx.sys.sleep(WATCH_DELAY_NS, stopSignal);
    watchPending = false;
    if (!ok || stopped || !state.watch) return;
    if (snapshotsDiffer(state.watch, watchSnapshot(ctx.sys.fs, watched.files, watched.folders))) env.signals.raise('restart');
  };

  let internalError = false;
  /** Runs one event through the engine; an engine bug must not break the process that caused it. */
  const guarded = (match: () => Alert | null): void => {
    if (stopped) return;
    try {
      events++;
      const alert = match();
      if (!alert) return;
      countAlert(state.stats, alert.rule, alert.priority);
      outputs.handle(alert);
    } catch (err) {
      if (!internalError) ctx.stderr.write(`cks-lab: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      internalError = true;
    }
  };
  const closers: Array<() => void> = [];
  const auditPlugin = falco.plugins.find((p) => p.source === 'k8s_audit');
  if (auditPlugin) {
    const host = env.host;
    const close = host.listenAuditWebhook(auditPlugin.openParams, (batch) => {
      for (const ev of batch) {
        const wall = ctx.sys.wall();
        const time = parseEventTime((ev as { stageTimestamp?: unknown }).stageTimestamp) ?? { s: wall.epochSeconds, ns: wall.nsOfSecond };
        guarded(() => falco.engine.processSourceEvent('k8s_audit', ev, time));
      }
    });
    if (typeof close === 'string') return { kind: 'fatal', message: `cannot open plugin k8saudit: ${close}` };
    closers.push(close);
  }
  const sub = env.host.openCapture(ctx.process.pid, (e) =>
    guarded(() => {
      if (state.watch && mayChangeFiles(e)) void checkWatch();
      return falco.engine.process(e);
    }),
  );
  closers.push(() => sub.unsubscribe());

  const reasons: Promise<StopReason>[] = [env.signals.next()];
  reasons.push(
    new Promise((resolve) => {
      const onAbort = (): void => resolve(ctx.signal.reason === 2 ? 'terminate' : 'killed');
      if (ctx.signal.aborted) onAbort();
      else ctx.signal.addEventListener('abort', onAbort, { once: true });
    }),
  );
  if (opts.durationS > 0) reasons.push(ctx.sys.sleep(opts.durationS * 1e9, stopSignal).then((ok) => (ok ? 'duration' : new Promise<StopReason>(() => {}))));
  // A restored world may hold an edit that a pending check had not looked at yet.
  if (silent) void checkWatch();
  const reason = await Promise.race(reasons);
  stopped = true;
  for (const close of closers) close();
  env.signals.cancelWait();
  env.signals.onReopen = null;
  run.abort();
  outputs.close();
  if (reason === 'killed') return { kind: 'stopped', reason };

  if (reason === 'terminate') logger.log(LOG_INFO, 'SIGINT received, exiting...\n');
  if (reason === 'restart') logger.log(LOG_INFO, 'SIGHUP received, restarting...\n');
  if (opts.verbose) {
    const elapsed = Math.max(0.001, ((ctx.sys.now() - startNs) / 1e9) * 0.02);
    ctx.stderr.write(`Driver Events:${events}\nDriver Drops:0\n`);
    ctx.stderr.write(`Elapsed time: ${elapsed.toFixed(3)}, Captured Events: ${events}, ${(events / elapsed).toFixed(2)} eps\n`);
  }
  ctx.stdout.write(formatRuleStats(state.stats, falco.engine.rules().map((r) => r.name)));
  ctx.stderr.write(formatDropStats());
  return { kind: 'stopped', reason };
}
