// kube-apiserver's audit options (server/options/audit.go): the typed configuration the --audit-* flags
// build, their defaults, and Validate()'s messages (run only for enabled backends).

import { formatGoFloat } from './go-parse';

export const AUDIT_MODES = ['batch', 'blocking', 'blocking-strict'] as const;
export const AUDIT_LOG_FORMATS = ['legacy', 'json'] as const;

export interface AuditBatchOptions {
  mode: string;
  bufferSize: number;
  maxBatchSize: number;
  /** Nanoseconds. */
  maxBatchWait: number;
  throttleEnable: boolean;
  throttleQPS: number;
  throttleBurst: number;
}

export interface AuditTruncateOptions {
  enabled: boolean;
  maxBatchSize: number;
  maxEventSize: number;
}

export interface AuditLogOptions {
  /** "" = no log backend; "-" = standard output. */
  path: string;
  /** Days; 0 = no age limit. */
  maxAge: number;
  /** Rotated files kept; 0 = all. */
  maxBackup: number;
  /** Megabytes; 0 = lumberjack's 100 MB. */
  maxSize: number;
  compress: boolean;
  format: string;
  version: string;
  batch: AuditBatchOptions;
  truncate: AuditTruncateOptions;
}

export interface AuditWebhookOptions {
  /** A kubeconfig; "" = no webhook backend. */
  configFile: string;
  /** Nanoseconds. */
  initialBackoff: number;
  version: string;
  batch: AuditBatchOptions;
  truncate: AuditTruncateOptions;
}

/** Everything the --audit-* flags configure. */
export interface ApiServerAuditConfig {
  /** "" = auditing off, whatever the backends say. */
  policyFile: string;
  log: AuditLogOptions;
  webhook: AuditWebhookOptions;
}

const SECOND = 1_000_000_000;

const defaultTruncate = (): AuditTruncateOptions => ({ enabled: false, maxBatchSize: 10 * 1024 * 1024, maxEventSize: 100 * 1024 });

export function defaultAuditConfig(): ApiServerAuditConfig {
  return {
    policyFile: '',
    log: {
      path: '',
      maxAge: 0,
      maxBackup: 0,
      maxSize: 0,
      compress: false,
      format: 'json',
      version: 'audit.k8s.io/v1',
      // Batching is pointless for a file: one event per write, no throttling.
      batch: { mode: 'blocking', bufferSize: 10000, maxBatchSize: 1, maxBatchWait: 0, throttleEnable: false, throttleQPS: 0, throttleBurst: 0 },
      truncate: defaultTruncate(),
    },
    webhook: {
      configFile: '',
      initialBackoff: 10 * SECOND,
      version: 'audit.k8s.io/v1',
      batch: { mode: 'batch', bufferSize: 10000, maxBatchSize: 400, maxBatchWait: 30 * SECOND, throttleEnable: true, throttleQPS: 10, throttleBurst: 15 },
      truncate: defaultTruncate(),
    },
  };
}

export const logBackendEnabled = (c: ApiServerAuditConfig): boolean => c.log.path !== '';
export const webhookBackendEnabled = (c: ApiServerAuditConfig): boolean => c.webhook.configFile !== '';

/** Whether any event can be written: a policy and at least one backend. */
export function auditEnabled(c: ApiServerAuditConfig): boolean {
  return c.policyFile !== '' && (logBackendEnabled(c) || webhookBackendEnabled(c));
}

/** validateBackendBatchOptions: the first problem only. */
function validateBatch(plugin: string, o: AuditBatchOptions): string | null {
  if (!(AUDIT_MODES as readonly string[]).includes(o.mode)) {
    return `invalid audit ${plugin} mode ${o.mode}, allowed modes are "${AUDIT_MODES.join(',')}"`;
  }
  if (o.mode !== 'batch') return null;
  if (o.bufferSize <= 0) return `invalid audit batch ${plugin} buffer size ${o.bufferSize}, must be a positive number`;
  if (o.maxBatchSize <= 0) return `invalid audit batch ${plugin} max batch size ${o.maxBatchSize}, must be a positive number`;
  if (o.throttleEnable) {
    if (o.throttleQPS <= 0) return `invalid audit batch ${plugin} throttle QPS ${formatGoFloat(o.throttleQPS, 32)}, must be a positive number`;
    if (o.throttleBurst <= 0) return `invalid audit batch ${plugin} throttle burst ${o.throttleBurst}, must be a positive number`;
  }
  return null;
}

function validateTruncate(plugin: string, o: AuditTruncateOptions): string | null {
  if (o.maxEventSize <= 0) return `invalid audit truncate ${plugin} max event size ${o.maxEventSize}, must be a positive number`;
  if (o.maxBatchSize < o.maxEventSize) {
    return `invalid audit truncate ${plugin} max batch size ${o.maxBatchSize}, must be greater than max event size (${o.maxEventSize})`;
  }
  return null;
}

function validateGroupVersion(gv: string): string | null {
  const slashes = gv.split('/').length - 1;
  if (slashes > 1) return `unexpected GroupVersion string: ${gv}`;
  if (gv !== 'audit.k8s.io/v1') return 'invalid group version, allowed versions are ["audit.k8s.io/v1"]';
  return null;
}

/** AuditOptions.Validate(): messages in upstream order (log backend, then webhook). */
export function validateAuditConfig(c: ApiServerAuditConfig): string[] {
  const errs: string[] = [];
  const push = (e: string | null): void => {
    if (e !== null) errs.push(e);
  };
  if (logBackendEnabled(c)) {
    push(validateBatch('log', c.log.batch));
    push(validateTruncate('log', c.log.truncate));
    push(validateGroupVersion(c.log.version));
    if (!(AUDIT_LOG_FORMATS as readonly string[]).includes(c.log.format)) {
      errs.push(`invalid audit log format ${c.log.format}, allowed formats are "${AUDIT_LOG_FORMATS.join(',')}"`);
    }
    if (c.log.maxAge < 0) errs.push(`--audit-log-maxage ${c.log.maxAge} can't be a negative number`);
    if (c.log.maxBackup < 0) errs.push(`--audit-log-maxbackup ${c.log.maxBackup} can't be a negative number`);
    if (c.log.maxSize < 0) errs.push(`--audit-log-maxsize ${c.log.maxSize} can't be a negative number`);
  }
  if (webhookBackendEnabled(c)) {
    push(validateBatch('webhook', c.webhook.batch));
    push(validateTruncate('webhook', c.webhook.truncate));
    push(validateGroupVersion(c.webhook.version));
  }
  return errs;
}
