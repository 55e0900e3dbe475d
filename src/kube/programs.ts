// Programs that run inside control-plane and sandbox containers: kube-apiserver (flags → boot hook →
// serving), etcd, kube-scheduler, kube-controller-manager and pause. They wait for a signal to stop.

import type { Command, CommandContext, ProcessFs } from '../world/kernel/program';
import type { OutputStream } from '../core/stream';
import { NS_PER_S, type SimNs } from '../core/time';
import type { AuditHook } from './apiserver/types';
import { goAggregate, KUBE_APISERVER_VERSION, parseApiServerCommand, validateAuditConfig, type FlagValue } from '../audit';
import { USAGE_HEAD } from './audit/apiserver-process';
import type { AuditWebhookBackend } from './audit/webhook-queue';
import { goQuote, klogHeader } from './timefmt';

/** What a kube-apiserver process can ask of the simulated cluster (service `kube-apiserver-host`). */
export interface ApiServerHost {
  boot: ApiServerBoot;
  /** This container was serving when the world was saved: serve again without a cold start. */
  wasServing(containerId: string): boolean;
  serve(s: { pid: number; containerId: string; node: string; flags: Record<string, string>; audit: AuditHook | null }): void;
  stop(pid: number): void;
  /** Time from process start to serving (probes would pass). */
  startupDelay: SimNs;
  /** The audit webhook backend (buffer and retries on the world's timers). */
  webhookBackend?: AuditWebhookBackend;
}

export interface ApiServerBootContext {
  flags: Record<string, string>;
  argv: string[];
  /** The apiserver process's own file view (its container's mounts). */
  fs: ProcessFs;
  /** The container log (stderr). */
  stderr: OutputStream;
  /** Standard output (`--audit-log-path=-` writes events here). */
  stdout: OutputStream;
  now: () => SimNs;
  epochMs: number;
  /** The node the process runs on (the webhook's source address). */
  node: string;
  /** The process's container: its pending webhook work dies with it. */
  containerId: string;
  webhookBackend?: AuditWebhookBackend;
}

/** `ok: false` ends the process with `run.go:74] "command failed" err=<error>` and exit 1. */
export type ApiServerBootResult = { ok: true; audit: AuditHook | null; stop?: () => void } | { ok: false; error: string };

/** Decides from flags and files whether kube-apiserver starts, and with which audit pipeline. */
export interface ApiServerBoot {
  boot(ctx: ApiServerBootContext): ApiServerBootResult | Promise<ApiServerBootResult>;
}

/** Without the audit engine wired in: every configuration starts, nothing is audited. */
export const permissiveBoot: ApiServerBoot = { boot: () => ({ ok: true, audit: null }) };

/** Block until SIGTERM/SIGINT (handled: exit 0) or SIGKILL. */
function waitForStop(ctx: CommandContext, onStop: () => void = () => {}): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      onStop();
      resolve(code);
    };
    ctx.trap(15, () => (finish(0), true));
    ctx.trap(2, () => (finish(0), true));
    if (ctx.signal.aborted) finish(137);
    ctx.signal.addEventListener('abort', () => finish(137), { once: true });
  });
}

function klog(ctx: CommandContext, level: 'I' | 'W' | 'E', site: string, text: string): void {
  const epoch = ctx.sys.wall(0).date.getTime();
  ctx.stderr.write(`${klogHeader(level, epoch, ctx.sys.now(), 1, site)}${text}\n`);
}

/** A restored world re-attaches running daemons to their processes: they said their start-up lines already. */
const isResumed = (ctx: CommandContext): boolean => ctx.resumed !== undefined;

/** pflag's typed values as the text the process was given (`true`, `5`, `a,b`). */
function flagText(flags: Record<string, FlagValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(flags)) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

/** What the process read at start-up (policy, webhook kubeconfig): a running apiserver never re-reads them. */
interface ApiServerMemory {
  files: Record<string, string>;
}

/**
 * The process's file view for its boot. A fresh start records every file it reads; a resumed process
 * sees the texts it read when it really started, so an edit made since takes effect only on a restart.
 */
function bootFiles(fs: ProcessFs, memory: ApiServerMemory, replay: boolean): ProcessFs {
  const readFile = (path: string): string => {
    if (replay && Object.hasOwn(memory.files, path)) return memory.files[path]!;
    const text = fs.readFile(path);
    memory.files[path] = text;
    return text;
  };
  return new Proxy(fs, {
    get(target, prop) {
      if (prop === 'readFile') return readFile;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export const kubeApiserverCommand: Command = {
  name: 'kube-apiserver',
  async run(ctx) {
    const parsed = parseApiServerCommand(ctx.argv);
    if (parsed.kind === 'error') {
      // cobra prints the error before klog is set up, with no usage (SilenceUsage).
      ctx.stderr.write(`${parsed.stderr}\n`);
      return 1;
    }
    if (parsed.kind === 'help') {
      ctx.stdout.write(USAGE_HEAD);
      return 0;
    }
    if (parsed.kind === 'version') {
      ctx.stdout.write(`${parsed.stdout}\n`);
      return 0;
    }
    const resumed = isResumed(ctx);
    const remembered = (ctx.resumed ?? null) as ApiServerMemory | null;
    const memory: ApiServerMemory = { files: { ...(remembered?.files ?? {}) } };
    const log = (level: 'I' | 'W' | 'E', site: string, text: string): void => {
      if (!resumed) klog(ctx, level, site, text);
    };
    if (!resumed) for (const notice of parsed.stderr) ctx.stderr.write(`${notice}\n`);
    const flags = flagText(parsed.flags);
    const host = ctx.sys.services.get<ApiServerHost>('kube-apiserver-host');
    if (!flags['external-hostname']) log('I', 'server.go:555', `external host was not specified, using ${flags['advertise-address'] ?? ctx.process.hostname}`);
    // Options.Validate() runs before the version banner: an invalid --audit-* value fails first.
    const invalid = validateAuditConfig(parsed.audit);
    if (invalid.length > 0) {
      klog(ctx, 'E', 'run.go:74', `"command failed" err=${goQuote(goAggregate(invalid))}`);
      return 1;
    }
    log('I', 'server.go:163', `Version: ${KUBE_APISERVER_VERSION}`);
    log('I', 'server.go:165', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    if (!host) return waitForStop(ctx);
    // A resumed process already logged its start-up warnings; what it logs once serving still counts.
    let muted = resumed;
    const bootStderr: OutputStream = { isTTY: false, columns: 80, write: (t) => void (muted || ctx.stderr.write(t)), close: () => {} };
    const boot = await host.boot.boot({
      flags,
      argv: ctx.argv,
      fs: bootFiles(ctx.sys.fs, memory, resumed),
      stderr: bootStderr,
      stdout: ctx.stdout,
      now: () => ctx.sys.now(),
      epochMs: ctx.sys.wall(0).date.getTime(),
      node: ctx.process.node,
      containerId: ctx.process.containerId ?? '',
      ...(host.webhookBackend ? { webhookBackend: host.webhookBackend } : {}),
    });
    muted = false;
    if (!boot.ok) {
      klog(ctx, 'E', 'run.go:74', `"command failed" err=${goQuote(boot.error)}`);
      return 1;
    }
    ctx.persist(memory);
    const cid = ctx.process.containerId ?? '';
    if (!host.wasServing(cid)) {
      const ok = await ctx.sys.sleep(host.startupDelay);
      if (!ok) {
        boot.stop?.();
        return 137;
      }
    }
    host.serve({ pid: ctx.process.pid, containerId: cid, node: ctx.process.node, flags, audit: boot.audit });
    return waitForStop(ctx, () => {
      host.stop(ctx.process.pid);
      boot.stop?.();
    });
  },
};

function daemon(name: string, lines: (now: string) => string[]): Command {
  return {
    name,
    async run(ctx) {
      const w = ctx.sys.wall();
      if (!isResumed(ctx)) for (const l of lines(w.date.toISOString())) ctx.stderr.write(`${l}\n`);
      return waitForStop(ctx);
    },
  };
}

export const etcdCommand = daemon('etcd', (ts) => [
  `{"level":"info","ts":"${ts}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://192.168.56.10:2379"]}`,
  `{"level":"info","ts":"${ts}","caller":"embed/serve.go:198","msg":"serving client traffic securely","address":"127.0.0.1:2379"}`,
]);

/** A leader-elected control-plane component: start-up lines, then it runs until stopped. */
function leaderElectedComponent(name: string, startSite: string, startText: string): Command {
  return {
    name,
    async run(ctx) {
      if (isResumed(ctx)) return waitForStop(ctx);
      klog(ctx, 'I', 'serving.go:348', 'Generated self-signed cert in-memory');
      klog(ctx, 'I', startSite, startText);
      klog(ctx, 'I', 'leaderelection.go:248', `attempting to acquire leader lease kube-system/${name}...`);
      return waitForStop(ctx);
    },
  };
}

export const kubeSchedulerCommand = leaderElectedComponent('kube-scheduler', 'server.go:152', '"Starting Kubernetes Scheduler" version="v1.26.1"');

export const kubeControllerManagerCommand = leaderElectedComponent('kube-controller-manager', 'controllermanager.go:196', '"Starting" version="v1.26.1"');

export const pauseCommand: Command = { name: 'pause', run: (ctx) => waitForStop(ctx) };

/** What the kubelet daemon can ask of the simulation (service `kubelet-control`). */
export interface KubeletControl {
  /** The daemon (re)started: re-read manifests and sync pods now. */
  started(): void;
}

/** /usr/bin/kubelet as systemd runs it: the pod logic lives in src/kube/kubelet; this is its process. */
export const kubeletCommand: Command = {
  name: 'kubelet',
  async run(ctx) {
    if (!isResumed(ctx)) {
      klogTo(ctx, 'I', 'server.go:412', '"Kubelet version" kubeletVersion="v1.26.1"');
      klogTo(ctx, 'I', 'server.go:414', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    }
    ctx.sys.services.get<KubeletControl>('kubelet-control')?.started();
    return waitForStop(ctx);
  },
};

function klogTo(ctx: CommandContext, level: 'I' | 'W' | 'E', site: string, text: string): void {
  const epoch = ctx.sys.wall(0).date.getTime();
  ctx.stderr.write(`${klogHeader(level, epoch, ctx.sys.now(), ctx.process.pid, site)}${text}\n`);
}

export const DEFAULT_STARTUP_DELAY = 12 * NS_PER_S;
