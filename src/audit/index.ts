// Public surface of the audit engine: policy loading and checking, events, the log backend and the
// kube-apiserver flags that configure them. Pure: strings and plain data in, strings and data out.

export type { AuditLevel, AuditStage, AuditPolicy, AuditPolicyRule, GroupResources, JsonValue, AuditUser } from './types';
export { AUDIT_LEVELS, AUDIT_STAGES, levelOrdinal, levelLess } from './types';

export { loadAuditPolicy, loadPolicyFromBytes, auditPolicyReadError, POLICY_WARNING_SOURCE } from './policy-loader';
export type { LoadPolicyResult } from './policy-loader';

export { evaluatePolicy, ruleMatches, nonResourcePathMatches, resourceEntryMatches } from './checker';
export type {
  AuditDecision,
  RequestAttributes,
  ResourceRequestAttributes,
  NonResourceRequestAttributes,
} from './checker';
export { explainPolicy } from './explain';
export type { PolicyExplanation, RuleExplanation, RuleMismatch, RuleField } from './explain';

export {
  buildAuditEvents,
  requestAttributesOf,
  isLongRunning,
  requestPath,
  truncateUserAgent,
  newAuditID,
} from './event';
export type { AuditEvent, AuditRequestInfo, AuditObjectRef } from './event';
export {
  formatEventJson,
  eventString,
  formatEvent,
  webhookBody,
  truncateEvent,
  pluginErrorMessage,
  TRUNCATED_ANNOTATION,
} from './event-format';
export type { AuditLogFormat } from './event-format';
export {
  authorizationAnnotations,
  rbacAllowReason,
  forbiddenMessage,
  forbiddenStatus,
  authenticationFailedMessage,
  DECISION_ANNOTATION,
  REASON_ANNOTATION,
} from './annotations';
export type { AuthorizationOutcome, RbacGrant, RbacSubject, ResponseStatus, StatusDetails, AuthMethod } from './annotations';

export {
  ensureAuditLogFile,
  lumberjackWrite,
  newLumberjackState,
  backupName,
  processLogEvents,
  pathError,
} from './log-backend';
export type {
  AuditLogFs,
  FsErrno,
  FsResult,
  FsStat,
  LumberjackState,
  RotationOptions,
  Clock,
  AuditLogSink,
  LogEventsResult,
} from './log-backend';

export {
  defaultAuditConfig,
  validateAuditConfig,
  auditEnabled,
  logBackendEnabled,
  webhookBackendEnabled,
  AUDIT_MODES,
  AUDIT_LOG_FORMATS,
} from './audit-options';
export type { ApiServerAuditConfig, AuditLogOptions, AuditWebhookOptions, AuditBatchOptions, AuditTruncateOptions } from './audit-options';

export { parseApiServerCommand, KUBE_APISERVER_VERSION } from './apiserver-flags';
export type { ApiServerCommandResult, FlagValue } from './apiserver-flags';
export { APISERVER_FLAGS } from './apiserver-flag-table';
export type { FlagSpec, FlagType } from './apiserver-flag-table';

export { auditRequest, evaluateRequest, klogKeyValue, commandFailedText } from './pipeline';
export type { AuditedRequest } from './pipeline';

export { formatGoDuration } from './go-parse';
export { goQuote, goAggregate } from './go-format';

export {
  webhookServerOf,
  webhookRequestUrl,
  webhookRetryWaits,
  batchRoundEnd,
  batchesOf,
  webhookBatched,
  webhookItems,
  webhookClientError,
  WEBHOOK_ATTEMPTS,
  WEBHOOK_REQUEST_TIMEOUT,
} from './webhook-backend';
export type { WebhookServerResult } from './webhook-backend';
export { goYamlSyntaxError } from './go-yaml-errors';
