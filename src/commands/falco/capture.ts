// Falco's event loop in the simulation: open the driver, match every event, hand alerts to the
// outputs, and stop on SIGINT/SIGTERM, SIGHUP (or SIGIO from a watched file), -M or a kill.

import type { Alert, RuleStats } from '../../falco';
import { countAlert, formatDropStats, formatRuleStats, parseEventTime } from '../../falco';
import type { FalcoHostClient } from '../../world/falco/host';
import { SIGIO, type InotifyWatchState } from '../../world/falco/inotify';
import type { CommandContext } from '../types';
import { LOG_ERR, LOG_INFO, type FalcoLogger, type SyslogClient } from './logger';
import type { FalcoOptions } from './options';
import { FalcoOutputs } from './outputs';
import type { LoadedFalco } from './startup';

export type StopReason = 'terminate' | 'restart' | 'duration' | 'killed';

/** Signals arrive whenever; a run waits for them, and one that arrives between runs is kept. */
export class FalcoSignals {
  private pending: StopReason | null = null;
  private waiter: ((r: StopReason) => void) | null = null;
  onReopen: (() => void) | null = null;
  /** Whether SIGIO has Falco's handler (inotify attached); otherwise it kills, its default action. */
  watching = false;

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
    ctx.trap(SIGIO, () => this.watching && deliver('restart'));
  }

  /** create_signal_handlers at each start: flags raised meanwhile (a second SIGIO) are cleared. */
  reset(): void {
    if (this.pending === 'restart') this.pending = null;
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
  /** The inotify watches on config and rules (kept current by the instance); null when watch_config_files is off. */
  watch: InotifyWatchState[] | null;
  /** From the driver: processes from this pid on were seen starting (see world/falco/driver.ts). */
  firstNewPid?: number;
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
  let events = 0;
  const startNs = ctx.sys.now();

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
  const sub = env.host.openCapture(ctx.process.pid, (e) => guarded(() => falco.engine.process(e)), state.firstNewPid !== undefined ? { firstNewPid: state.firstNewPid } : {});
  state.firstNewPid = sub.firstNewPid;
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
