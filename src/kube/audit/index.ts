// Public surface of the audit wiring: the kube-apiserver static pod's start-up decision, the audit hook a
// serving apiserver installs, and the VFS adapters they write through.

export { startApiServer } from './apiserver-startup';
export type { ApiServerStartInput, ApiServerStartResult } from './apiserver-startup';
export { runApiServerProcess } from './apiserver-process';
export type { ApiServerProcessInput, ApiServerProcessResult, ApiServerRunConfig, AuditLogTarget, ProcessFailureReason, ProcessLogEntry } from './apiserver-process';
export { preflightStaticPod, hostPathTypeCheck, invalidPodMessage, volumeFailureMessages, DEFAULT_MANIFEST } from './pod-preflight';
export type { ContainerMount, HostPathKind, HostPaths, KubeletClock, KubeletMessage, PreflightResult } from './pod-preflight';
export { mountApiServerContainer, hostPathsOfVfs } from './container-mounts';
export type { ContainerMountInput, MountedContainer } from './container-mounts';
export { createAuditSink, auditSinkFor, responseStatusOf } from './audit-sink';
export type { AuditSink, AuditSinkOptions } from './audit-sink';
export { vfsAuditLogFs, vfsReadFile, vfsContainerView } from './vfs-log-fs';
export type { ContainerFileView, FileRead } from './vfs-log-fs';
export { klogHeader, klogLine, goTimeString } from './klog';
export { auditApiServerBoot } from './apiserver-boot';
export type { AuditBootContext, AuditBootOptions, AuditBootResult } from './apiserver-boot';
export { applyAuditOptions } from './apiserver-process';
export type { AppliedAudit, ApplyAuditResult } from './apiserver-process';
export type { FileOps } from './vfs-log-fs';
export { AuditWebhookQueue, WEBHOOK_TIMER } from './webhook-queue';
export type { AuditWebhookBackend, AuditWebhookDelivery, AuditWebhookState, AuditWebhookTarget, AuditWebhookTransport } from './webhook-queue';
