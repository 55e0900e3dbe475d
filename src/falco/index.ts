// Public surface of the pure Falco engine, for host adapters (the node's falco service, `cks-lab falco …`).
export { createFalcoEngine } from './engine';
export type { Alert, FalcoEngine, FalcoEngineOptions, PluginInfo, RuleSelection, RuleSummary } from './engine';
export type {
  AncestorInfo,
  ContainerInfo,
  ContainerMount,
  EventArgValue,
  EventInfo,
  EventTime,
  FalcoSyscallEvent,
  FdInfo,
  FdTypeChar,
  GroupInfo,
  K8sInfo,
  ProcessInfo,
  UserInfo,
} from './event';
export { eventTimeRawString } from './event';
export { formatAlertLine, alertText } from './output/alert-line';
export type { AlertLineOptions } from './output/alert-line';
export type { OutputFieldValue } from './output/format';
export { parsePriority, priorityName, PRIORITY_NAMES } from './priority';
export type { Priority, PriorityName } from './priority';
export { LoadResult, loadResultsJson, ERROR_CODES, WARNING_CODES } from './rules/load-result';
export type { ErrorCode, WarningCode, LoadError, LoadWarning, Location, Position } from './rules/load-result';
export { ENGINE_VERSION } from './rules/collector';
export { parseCondition } from './condition/parser';
export type { ParseResult } from './condition/parser';
export type { Expr } from './condition/ast';
export { syscallFields } from './fields/syscall';
export type { FieldDef, FieldRegistry, FieldType } from './fields/types';
export { loadFalcoConfig, enabledPlugins } from './config/falco-config';
export type { FalcoConfig, FalcoConfigResult, PluginConfig } from './config/falco-config';
export { formatRulesList } from './output/rules-list';
export { k8sAuditFields, jsonPointer } from './fields/k8saudit';
export type { K8sAuditEvent } from './fields/k8saudit';
export { validateRulesFiles } from './app/validate';
export type { RulesText, ValidateOptions, ValidateOutcome } from './app/validate';
export { countAlert, emptyRuleStats, formatDropStats, formatRuleStats } from './app/rule-stats';
export type { RuleStats } from './app/rule-stats';
export { formatFieldsList } from './output/fields-list';
export type { FieldsListOptions } from './output/fields-list';
export { formatParseTree } from './condition/tree';
export { readReplayLine, parseEventTime, REPLAY_BASE_TIME } from './app/replay-event';
export type { ReplayEvent, ReplayLineResult } from './app/replay-event';
export { timeIso8601, timeOfDay } from './fields/time-format';
