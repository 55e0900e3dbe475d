// AuditOptions.ApplyTo for the kube-apiserver in its container: the policy file, the log file
// (ensureLogFile) and the webhook kubeconfig, each read or written through the container's own view of
// files, giving what the serving process audits with or the `err=` text of its "command failed" line.
// Also the head of `kube-apiserver --help`.

import {
  auditPolicyReadError,
  ensureAuditLogFile,
  loadAuditPolicy,
  webhookServerOf,
  type ApiServerAuditConfig,
  type AuditPolicy,
  type FlagValue,
} from '../../audit';
import type { ContainerFileView, FileRead } from './vfs-log-fs';

/** Where audit events go once serving. */
export type AuditLogTarget =
  | { kind: 'stdout' }
  | {
      kind: 'file';
      path: string;
      /** The mount the file lives on inside the container (`overlay` = the container's own layer). */
      mount: { target: string; source: string; fstype: string; readOnly: boolean } | null;
      /** Where the host sees the file, or null when only the container does (no mount covers it). */
      hostPath: string | null;
    };

/** What a serving kube-apiserver was configured with. */
export interface ApiServerRunConfig {
  flags: Record<string, FlagValue>;
  audit: ApiServerAuditConfig;
  /** The loaded policy; absent when --audit-policy-file is empty (nothing is audited). */
  policy?: AuditPolicy;
  /** Set when the log backend is on (--audit-log-path given). */
  logTarget?: AuditLogTarget;
  /** The webhook kubeconfig text, when --audit-webhook-config-file is set and a policy is loaded. */
  webhookKubeconfig?: string;
  /** The URL its current-context names (cluster.server). */
  webhookServer?: string;
}

/** The head of `kube-apiserver --help` (cobra prints the long description, then the usage line). */
export const USAGE_HEAD =
  'The Kubernetes API server validates and configures data\n' +
  'for the api objects which include pods, services, replicationcontrollers, and\n' +
  'others. The API Server services REST operations and provides the frontend to the\n' +
  "cluster's shared state through which all other components interact.\n\n" +
  'Usage:\n  kube-apiserver [flags]\n';

/** FileRead errors as reader.go reports them (`open …` or `read …: is a directory`). */
function policyReadError(path: string, r: Extract<FileRead, { ok: false }>): string {
  if (r.op === 'read' && r.errno === 'EISDIR') return auditPolicyReadError(path, 'EISDIR');
  const reason = r.errno === 'ENOENT' || r.errno === 'ENOTDIR' || r.errno === 'EISDIR' ? r.errno : 'EACCES';
  return auditPolicyReadError(path, reason);
}

const ERRNO_TEXT: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory' };

/** Resolve a container path to the host path behind its mount, when it is a bind mount. */
function hostPathBehind(path: string, mount: NonNullable<Extract<AuditLogTarget, { kind: 'file' }>['mount']>): string | null {
  if (mount.fstype !== 'bind') return null;
  if (path === mount.target) return mount.source;
  const rest = path.slice(mount.target === '/' ? 0 : mount.target.length);
  return `${mount.source.replace(/\/+$/, '')}${rest}`;
}

/** What AuditOptions.ApplyTo builds when it succeeds. */
export type AppliedAudit = Pick<ApiServerRunConfig, 'policy' | 'logTarget' | 'webhookKubeconfig' | 'webhookServer'>;

export type ApplyAuditResult =
  | { ok: true; outputs: AppliedAudit; warnings: string[] }
  | { ok: false; reason: 'PolicyLoadFailed' | 'LogFileFailed' | 'WebhookConfigFailed'; error: string; warnings: string[] };

/**
 * AuditOptions.ApplyTo, in upstream order: 1. the policy, 2. the log writer (ensureLogFile, even with no
 * policy), 3. the webhook kubeconfig (only with a policy). Every file is read or written through `view`.
 * Errors are the `err=` text of the "command failed" line; warnings are reader.go's klog.Warning texts.
 */
export function applyAuditOptions(audit: ApiServerAuditConfig, view: ContainerFileView): ApplyAuditResult {
  const warnings: string[] = [];
  const outputs: AppliedAudit = {};
  if (audit.policyFile !== '') {
    const read = view.readFile(audit.policyFile);
    if (!read.ok) return { ok: false, reason: 'PolicyLoadFailed', error: policyReadError(audit.policyFile, read), warnings };
    const loaded = loadAuditPolicy(read.text, audit.policyFile);
    warnings.push(...loaded.warnings);
    if (!loaded.ok) return { ok: false, reason: 'PolicyLoadFailed', error: loaded.error, warnings };
    outputs.policy = loaded.policy;
  }
  if (audit.log.path === '-') outputs.logTarget = { kind: 'stdout' };
  else if (audit.log.path !== '') {
    const err = ensureAuditLogFile(view.logFs, audit.log.path);
    if (err !== null) return { ok: false, reason: 'LogFileFailed', error: err, warnings };
    const mount = view.mountOf?.(audit.log.path) ?? null;
    outputs.logTarget = { kind: 'file', path: audit.log.path, mount, hostPath: mount ? hostPathBehind(audit.log.path, mount) : null };
  }
  if (audit.webhook.configFile !== '' && outputs.policy !== undefined) {
    const p = audit.webhook.configFile;
    const read = view.readFile(p);
    if (!read.ok) {
      // clientcmd stats an explicit path first, then reads it.
      const why = read.op === 'open' ? `stat ${p}: ${ERRNO_TEXT[read.errno] ?? 'permission denied'}` : `read ${p}: is a directory`;
      return { ok: false, reason: 'WebhookConfigFailed', error: `initializing audit webhook: ${why}`, warnings };
    }
    const server = webhookServerOf(read.text, p);
    if (!server.ok) return { ok: false, reason: 'WebhookConfigFailed', error: `initializing audit webhook: ${server.error}`, warnings };
    outputs.webhookKubeconfig = read.text;
    outputs.webhookServer = server.server;
  }
  return { ok: true, outputs, warnings };
}
