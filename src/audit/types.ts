// Plain-data types of the audit engine: policy (internal form, after loading), levels, stages, JSON values.

/** Audit levels in increasing order of detail (audit.k8s.io/v1 Level). */
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export const AUDIT_LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Stages of a request at which an event may be written (audit.k8s.io/v1 Stage). */
export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

export const AUDIT_STAGES: readonly AuditStage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

/** `Level.Ordinal()`: unknown values count as None, as upstream does. */
export function levelOrdinal(level: string): number {
  const i = AUDIT_LEVELS.indexOf(level as AuditLevel);
  return i < 0 ? 0 : i;
}

/** `Level.Less`: a < b. */
export function levelLess(a: string, b: string): boolean {
  return levelOrdinal(a) < levelOrdinal(b);
}

/** One entry of a rule's `resources:` list. */
export interface GroupResources {
  group: string;
  resources: string[];
  resourceNames: string[];
}

/** A policy rule as the API server holds it after decoding and validation. */
export interface AuditPolicyRule {
  level: AuditLevel;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: GroupResources[];
  namespaces: string[];
  nonResourceURLs: string[];
  /** The rule's own list, as written (the checker unions it with the policy's). */
  omitStages: AuditStage[];
  /** null when the rule does not set it: the policy-wide value then applies. */
  omitManagedFields: boolean | null;
}

/** A loaded audit policy (internal version). */
export interface AuditPolicy {
  rules: AuditPolicyRule[];
  omitStages: AuditStage[];
  omitManagedFields: boolean;
}

/** A JSON value, as found in request and response bodies. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An authenticated user as the audit filter sees it (never the impersonated one). */
export interface AuditUser {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}
