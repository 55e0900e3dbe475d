// Public surface of the audit wiring: the kube-apiserver boot hook (audit set-up from the process's argv
// and its container's files), the audit hook a serving apiserver installs, the webhook backend on the
// world's timers, and the VFS adapters they write through.

export { auditApiServerBoot } from './apiserver-boot';
export type { AuditBootContext, AuditBootOptions, AuditBootResult } from './apiserver-boot';
export { applyAuditOptions, USAGE_HEAD } from './apiserver-process';
export type { AppliedAudit, ApplyAuditResult, ApiServerRunConfig, AuditLogTarget } from './apiserver-process';
export { createAuditSink, auditSinkFor, responseStatusOf } from './audit-sink';
export type { AuditSink, AuditSinkOptions } from './audit-sink';
export { vfsAuditLogFs, vfsReadFile, vfsContainerView } from './vfs-log-fs';
export type { ContainerFileView, FileOps, FileRead } from './vfs-log-fs';
export { klogHeader, klogLine, goTimeString } from './klog';
export { AuditWebhookQueue, WEBHOOK_TIMER } from './webhook-queue';
export type { AuditWebhookBackend, AuditWebhookDelivery, AuditWebhookState, AuditWebhookTarget, AuditWebhookTransport } from './webhook-queue';
