// The kube-apiserver binary's start-up inside its container, as far as auditing decides it: flag parsing
// (cobra/pflag errors print `Error: …` before logging starts), option validation, then building the audit
// configuration — policy file, log file (ensureLogFile), webhook kubeconfig — each read or written
// through the container's own view of files. Fatal errors are the `run.go:74] "command failed"` line.

import {
  auditPolicyReadError,
  commandFailedText,
  ensureAuditLogFile,
  goAggregate,
  KUBE_APISERVER_VERSION,
  loadAuditPolicy,
  parseApiServerCommand,
  POLICY_WARNING_SOURCE,
  validateAuditConfig,
  webhookServerOf,
  type ApiServerAuditConfig,
  type AuditPolicy,
  type Clock,
  type FlagValue,
} from '../../audit';
import type { SimNs } from '../../core/time';
import { klogLine, type KlogLevel } from './klog';
import type { ContainerFileView, FileRead } from './vfs-log-fs';

/** One line the process writes, `afterNs` after it started. stderr lines are klog entries (or `Error: …`). */
export interface ProcessLogEntry {
  stream: 'stdout' | 'stderr';
  text: string;
  afterNs: SimNs;
}

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

export type ProcessFailureReason = 'FlagError' | 'InvalidOptions' | 'PolicyLoadFailed' | 'LogFileFailed' | 'WebhookConfigFailed' | 'HelpOrVersion';

export type ApiServerProcessResult =
  | { ok: true; config: ApiServerRunConfig; log: ProcessLogEntry[]; logLines: string[] }
  | { ok: false; exitCode: number; reason: ProcessFailureReason; message: string; log: ProcessLogEntry[]; logLines: string[] };

export interface ApiServerProcessInput {
  /** The container's argv: command then args (`kube-apiserver --advertise-address=…`). */
  argv: readonly string[];
  /** The container's files, as the process sees them. */
  view: ContainerFileView;
  /** The moment the process starts. */
  clock: Clock;
  /** The process id klog prints: 1 in the container's pid namespace. */
  pid?: number;
  /** os.Hostname(), used as the external host when no --advertise-address is given. */
  hostname?: string;
}

// Offsets of the start-up lines, close to a real 1.26 apiserver's (a few ms apart, config errors ~0.4 s in).
const T_EXTERNAL_HOST = 1_243_000;
const T_VERSION = 2_118_000;
const T_GOLANG = 2_191_000;
const T_CONFIG = 371_406_000;

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

/** Run the kube-apiserver's start-up: the decision to serve or exit, and what it logs on the way. */
export function runApiServerProcess(input: ApiServerProcessInput): ApiServerProcessResult {
  const pid = input.pid ?? 1;
  const log: ProcessLogEntry[] = [];
  const klog = (level: KlogLevel, afterNs: SimNs, site: string, msg: string): void => {
    log.push({ stream: 'stderr', text: klogLine(level, input.clock, afterNs, pid, site, msg), afterNs });
  };
  const lines = (): string[] => log.map((e) => e.text);
  const fail = (reason: ProcessFailureReason, message: string, exitCode = 1): ApiServerProcessResult => ({ ok: false, exitCode, reason, message, log, logLines: lines() });
  const commandFailed = (afterNs: SimNs, reason: ProcessFailureReason, err: string): ApiServerProcessResult => {
    klog('E', afterNs, 'run.go:74', commandFailedText(err));
    return fail(reason, err);
  };

  const parsed = parseApiServerCommand(input.argv);
  if (parsed.kind === 'error') {
    log.push({ stream: 'stderr', text: parsed.stderr, afterNs: 0 });
    return fail('FlagError', parsed.stderr.replace(/^Error: /, ''));
  }
  if (parsed.kind === 'help') {
    for (const l of USAGE_HEAD.replace(/\n$/, '').split('\n')) log.push({ stream: 'stdout', text: l, afterNs: 0 });
    return fail('HelpOrVersion', 'help requested', 0);
  }
  if (parsed.kind === 'version') {
    log.push({ stream: 'stdout', text: parsed.stdout, afterNs: 0 });
    return fail('HelpOrVersion', parsed.stdout, 0);
  }
  for (const notice of parsed.stderr) log.push({ stream: 'stderr', text: notice, afterNs: 0 });
  const { flags, audit } = parsed;

  // Complete(): the external host defaults to the advertise address, else the hostname.
  if (typeof flags['external-hostname'] !== 'string' || flags['external-hostname'] === '') {
    const advertise = typeof flags['advertise-address'] === 'string' ? flags['advertise-address'] : (input.hostname ?? 'localhost');
    klog('I', T_EXTERNAL_HOST, 'server.go:555', `external host was not specified, using ${advertise}`);
  }
  const invalid = validateAuditConfig(audit);
  if (invalid.length > 0) return commandFailed(T_EXTERNAL_HOST + 40_000, 'InvalidOptions', goAggregate(invalid));

  klog('I', T_VERSION, 'server.go:163', `Version: ${KUBE_APISERVER_VERSION}`);
  klog('I', T_GOLANG, 'server.go:165', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');

  const applied = applyAuditOptions(audit, input.view);
  for (const w of applied.warnings) klog('W', T_CONFIG - 20_000, POLICY_WARNING_SOURCE, w);
  if (!applied.ok) return commandFailed(T_CONFIG, applied.reason, applied.error);
  const config: ApiServerRunConfig = { flags, audit, ...applied.outputs };
  return { ok: true, config, log, logLines: lines() };
}
