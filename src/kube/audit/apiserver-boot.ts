// The audit side of the kube-apiserver program's boot (src/kube/programs.ts ApiServerBoot): from the
// process's argv and its own file view, build the audit configuration exactly as AuditOptions does —
// validation, policy, log file, webhook kubeconfig — and return the hook the serving API server calls,
// or the `err=` text the program logs as "command failed" before exiting 1.

import { goAggregate, parseApiServerCommand, POLICY_WARNING_SOURCE, validateAuditConfig, type AuditEvent } from '../../audit';
import type { SimNs } from '../../core/time';
import { applyAuditOptions, type ApiServerRunConfig } from './apiserver-process';
import { auditSinkFor, type AuditSink } from './audit-sink';
import { klogLine } from './klog';
import { vfsAuditLogFs, vfsContainerView, type FileOps } from './vfs-log-fs';
import type { AuditWebhookBackend, AuditWebhookTransport } from './webhook-queue';

interface TextSink {
  write(text: string): void;
}

/** The part of the program's boot context this needs (ApiServerBootContext has it all). */
export interface AuditBootContext {
  argv: readonly string[];
  /** The apiserver process's files: its container's mounts (ProcessFs, or a Vfs). */
  fs: FileOps;
  /** The container log's stderr. */
  stderr: TextSink;
  /** Standard output, for --audit-log-path=- (falls back to stderr when the context has none). */
  stdout?: TextSink;
  now(): SimNs;
  epochMs: number;
  /** Node the process runs on, and its container (owner of the webhook backend's pending work). */
  node?: string;
  containerId?: string;
  /** The cluster's webhook backend (buffer, retries on the world's timers); without it no webhook runs. */
  webhookBackend?: AuditWebhookBackend;
}

export type AuditBootResult = { ok: true; audit: AuditSink | null; config: ApiServerRunConfig; stop?: () => void } | { ok: false; error: string };

export interface AuditBootOptions {
  /** Random hex digits for requests without an audit ID (the kernel's seeded Random). */
  hex?(len: number): string;
  /**
   * The simulated network the webhook backend POSTs through (e.g. to Falco's k8saudit endpoint on the
   * worker). Without it a configured webhook is validated at start-up but sends nothing.
   */
  webhook?: AuditWebhookTransport;
  /** Told the configuration once the process passes its audit set-up (for status and hints). */
  onConfigured?(config: ApiServerRunConfig): void;
}

/** An ApiServerBoot for src/kube/programs.ts: `host.boot = auditApiServerBoot({ hex: (n) => random.hex(n) })`. */
export function auditApiServerBoot(options: AuditBootOptions = {}): { boot(ctx: AuditBootContext): AuditBootResult } {
  return {
    boot(ctx) {
      const parsed = parseApiServerCommand(ctx.argv);
      if (parsed.kind === 'error') return { ok: false, error: parsed.stderr.replace(/^Error: /, '') };
      if (parsed.kind !== 'ok') return { ok: false, error: 'kube-apiserver: --help/--version do not serve' };
      const { flags, audit } = parsed;
      const invalid = validateAuditConfig(audit);
      if (invalid.length > 0) return { ok: false, error: goAggregate(invalid) };
      const clock = () => ({ epochMs: ctx.epochMs, now: ctx.now() });
      const applied = applyAuditOptions(audit, vfsContainerView(ctx.fs));
      for (const w of applied.warnings) ctx.stderr.write(`${klogLine('W', clock(), 0, 1, POLICY_WARNING_SOURCE, w)}\n`);
      if (!applied.ok) return { ok: false, error: applied.error };
      const config: ApiServerRunConfig = { flags, audit, ...applied.outputs };
      const transport = options.webhook;
      const backend = ctx.webhookBackend;
      const owner = ctx.containerId ?? '';
      const webhookOn = transport !== undefined && backend !== undefined && config.webhookServer !== undefined;
      if (webhookOn) {
        backend.configure({
          owner,
          fromNode: ctx.node ?? '',
          server: config.webhookServer!,
          batch: audit.webhook.batch,
          initialBackoffNs: audit.webhook.initialBackoff,
          transport,
          log: (line) => ctx.stderr.write(`${line}\n`),
          clock,
        });
      }
      const sink = auditSinkFor(audit, config.policy, {
        logFs: vfsAuditLogFs(ctx.fs),
        stdout: (text) => (ctx.stdout ?? ctx.stderr).write(text),
        stderr: (entry) => ctx.stderr.write(`${entry}\n`),
        clock,
        ...(options.hex ? { hex: options.hex } : {}),
        ...(webhookOn ? { webhook: (events: AuditEvent[]) => backend.submit(owner, events) } : {}),
      });
      options.onConfigured?.(config);
      return { ok: true, audit: sink, config, ...(webhookOn ? { stop: () => backend.release(owner) } : {}) };
    },
  };
}
