// falco 0.33.1: the runtime security daemon. Runs start-up as Falco does (config, plugins, rules),
// then matches the node's syscall events until stopped; SIGHUP or a watched file change restarts it.
// A restored world re-attaches a running Falco with the rules it had loaded, not the files on disk.

import type { Command } from './types';
import { emptyRuleStats } from '../falco';
import type { FalcoHostClient } from '../world/falco/host';
import { journalOf } from '../world/systemd/client';
import type { SyslogClient } from './falco/logger';
import { FalcoSignals, runCapture, type FalcoPersisted } from './falco/capture';
import { attachInotify, isWatchList, restoreInotify } from './falco/config-watch';
import { falcoDriverLoader } from './falco/driver-tools';
import { FalcoLogger, LOG_INFO } from './falco/logger';
import { falcoHelp, parseFalcoArgs, type FalcoOptions } from './falco/options';
import { FALCO_VERSION, logServices, restoreFalco, startFalco, type LoadedFalco } from './falco/startup';
import type { CommandContext } from './types';
import type { InotifyInstance } from '../world/falco/inotify';

function isPersisted(x: unknown): x is FalcoPersisted {
  return typeof x === 'object' && x !== null && (x as FalcoPersisted).v === 1 && Array.isArray((x as FalcoPersisted).rules);
}

const VERSION_TEXT = `Falco version: ${FALCO_VERSION}
Libs version:  0.9.2
Plugin API:    2.0.0
Engine:        15
Driver:
  API version:    2.0.0
  Schema version: 2.0.0
  Default driver: 3.0.1+driver
`;

/**
 * syslog(3) without openlog(): identifier = the program's short name, facility user; journald fills
 * in the pid and unit (falco.service when the unit runs it, so `journalctl -u falco` shows both).
 */
function syslogOf(ctx: CommandContext): SyslogClient | undefined {
  const journal = journalOf(ctx.sys);
  if (!journal) return undefined;
  const ident = (ctx.argv[0] ?? 'falco').split('/').pop() || 'falco';
  return { log: (priority, message) => journal.append({ ident, priority, message: message.replace(/\n$/, '') }) };
}

function fileExists(ctx: CommandContext, path: string): boolean {
  try {
    ctx.sys.fs.readFile(path);
    return true;
  } catch {
    return false;
  }
}

function listPlugins(ctx: CommandContext, falco: LoadedFalco): void {
  let out = `${falco.plugins.length} Plugins:\n`;
  for (const p of falco.plugins) out += `Name: ${p.name}\nVersion: ${p.version}\nCapabilities:\n${p.source ? `  - Event Sourcing (source='${p.source}')\n` : ''}  - Field Extraction\n\n`;
  ctx.stdout.write(out);
}

/** One falco_init(): returns the exit status, or 'restart' to go round again. */
async function initOnce(ctx: CommandContext, opts: FalcoOptions, signals: FalcoSignals, resumed: FalcoPersisted | null): Promise<number | 'restart'> {
  if (opts.configFile !== null && !fileExists(ctx, opts.configFile)) {
    ctx.stderr.write(`Runtime error: Could not find configuration file at ${opts.configFile}. Exiting.\n`);
    return 1;
  }
  if (opts.help) {
    ctx.stdout.write(falcoHelp());
    return 0;
  }
  if (opts.version) {
    ctx.stdout.write(VERSION_TEXT);
    return 0;
  }
  const syslog = syslogOf(ctx);
  const host = ctx.sys.services.get<FalcoHostClient>('falco-host');
  const logger = new FalcoLogger(ctx.stderr, syslog, () => ctx.sys.wall());
  const fail = (message: string): number => {
    ctx.stderr.write(`Error: ${message}\n`);
    return 1;
  };

  let falco: LoadedFalco | null = null;
  let state: FalcoPersisted;
  let inotify: InotifyInstance | null = null;
  if (resumed) {
    falco = restoreFalco(ctx, opts, resumed);
    if (falco) logger.configure(falco.cfg);
  }
  const silent = falco !== null;
  if (falco && resumed) {
    state = resumed;
    if (!isWatchList(state.watch)) state.watch = null;
    if (state.watch && host) {
      signals.watching = true;
      inotify = restoreInotify(host, ctx.process.pid, state.watch);
    }
  } else {
    const r = startFalco(ctx, opts, logger);
    if (r.kind === 'exit') return r.status;
    if (r.kind === 'fatal') return fail(r.message);
    falco = r.falco;
    if (opts.listPlugins) {
      listPlugins(ctx, falco);
      return 0;
    }
    state = { v: 1, configPath: falco.configPath, configText: falco.configText, rules: falco.rules, folders: falco.folders, watch: null, stats: emptyRuleStats() };
    if (falco.cfg.watchConfigFiles && host) {
      // sigaction(SIGIO) comes before the watches, and stays for the life of the process.
      signals.watching = true;
      state.watch = [];
      const attached = attachInotify(host, ctx.process.pid, falco, logger, state.watch);
      if (!attached.ok) return fail(attached.message);
      inotify = attached.inotify;
    }
  }
  try {
    if (!silent) {
      if (opts.daemon) {
        try {
          ctx.sys.fs.writeFile(opts.pidfile, `${ctx.process.pid}\n`);
        } catch {
          // Falco ignores a pid file it cannot write
        }
      }
      if (ctx.env.FALCO_HOSTNAME) logger.log(LOG_INFO, `Hostname value has been overridden via environment variable to: ${ctx.env.FALCO_HOSTNAME}\n`);
      const err = logServices(ctx, falco.cfg, logger);
      if (err) return fail(err);
    }
    const out = await runCapture({ ctx, opts, logger, syslog, host, signals }, falco, state, silent);
    if (out.kind === 'fatal') return fail(out.message);
    if (out.reason === 'restart') return 'restart';
    return 0;
  } finally {
    // unregister_signal_handlers closes the inotify descriptor (the SIGIO handler itself stays).
    inotify?.close();
  }
}

export const falco: Command = {
  name: 'falco',
  async run(ctx) {
    // Let the parent finish fork+exec bookkeeping (systemd records the main pid) before any output.
    await Promise.resolve();
    const parsed = parseFalcoArgs(ctx.argv.slice(1));
    if (!parsed.ok) {
      ctx.stderr.write(`Runtime error: ${parsed.error}. Exiting.\n`);
      return 1;
    }
    const signals = new FalcoSignals(ctx);
    let resumed = isPersisted(ctx.resumed) ? ctx.resumed : null;
    for (;;) {
      signals.reset();
      const r = await initOnce(ctx, parsed.opts, signals, resumed);
      resumed = null;
      if (r !== 'restart') return r;
      if (ctx.signal.aborted) return 0;
    }
  },
};

/** Programs of the Falco package: /usr/bin/falco and /usr/bin/falco-driver-loader. */
export const falcoPrograms: Command[] = [falco, falcoDriverLoader];
