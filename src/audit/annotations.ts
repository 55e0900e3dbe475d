// Audit annotations and statuses other API-server filters contribute: the authorizer's decision and
// reason (RBAC wording), the 403 Status, and the 401 message of the failed-authentication event.

import { goQuote } from './go-format';
import type { RequestAttributes } from './checker';

export const DECISION_ANNOTATION = 'authorization.k8s.io/decision';
export const REASON_ANNOTATION = 'authorization.k8s.io/reason';

/** What the authorization filter concluded; `error` is an authorizer failure (only a reason is recorded). */
export type AuthorizationOutcome =
  | { decision: 'allow'; reason: string }
  | { decision: 'forbid'; reason: string }
  | { decision: 'error' };

/** The annotations WithAuthorization adds (they appear from ResponseStarted on). */
export function authorizationAnnotations(outcome: AuthorizationOutcome): Record<string, string> {
  if (outcome.decision === 'error') return { [REASON_ANNOTATION]: 'internal error' };
  return { [DECISION_ANNOTATION]: outcome.decision, [REASON_ANNOTATION]: outcome.reason };
}

export interface RbacSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  /** ServiceAccount subjects: defaults to the binding's namespace. */
  namespace?: string;
}

export interface RbacGrant {
  binding: { kind: 'ClusterRoleBinding'; name: string } | { kind: 'RoleBinding'; name: string; namespace: string };
  role: { kind: 'ClusterRole' | 'Role'; name: string };
  subject: RbacSubject;
}

function describeSubject(s: RbacSubject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}

/** `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"` (rbac authorizer's reason). */
export function rbacAllowReason(grant: RbacGrant): string {
  const { binding, role, subject } = grant;
  if (binding.kind === 'ClusterRoleBinding') {
    return `RBAC: allowed by ClusterRoleBinding ${goQuote(binding.name)} of ${role.kind} ${goQuote(role.name)} to ${describeSubject(subject, '')}`;
  }
  return `RBAC: allowed by RoleBinding ${goQuote(`${binding.name}/${binding.namespace}`)} of ${role.kind} ${goQuote(role.name)} to ${describeSubject(subject, binding.namespace)}`;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
  retryAfterSeconds?: number;
}

/** The fields of a metav1.Status the audit event keeps. */
export interface ResponseStatus {
  code: number;
  status?: string;
  message?: string;
  reason?: string;
  details?: StatusDetails;
}

/** responsewriters.forbiddenMessage: `User "jane" cannot get resource "secrets" in API group "" in the namespace "default"`. */
export function forbiddenMessage(attrs: RequestAttributes): string {
  const username = attrs.user?.username ?? '';
  if (!attrs.resourceRequest) return `User ${goQuote(username)} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  if (attrs.namespace) {
    return `User ${goQuote(username)} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} in the namespace ${goQuote(attrs.namespace)}`;
  }
  return `User ${goQuote(username)} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} at the cluster scope`;
}

/** The 403 Status the API server returns (and the audit event records) for a denied request. */
export function forbiddenStatus(attrs: RequestAttributes, reason = ''): ResponseStatus {
  const base = forbiddenMessage(attrs);
  const err = reason === '' ? base : `${base}: ${reason}`;
  if (!attrs.resourceRequest) return { code: 403, status: 'Failure', message: `forbidden: ${err}`, reason: 'Forbidden', details: {} };
  const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
  const message = attrs.name ? `${qualified} ${goQuote(attrs.name)} is forbidden: ${err}` : `${qualified} is forbidden: ${err}`;
  const details: StatusDetails = {};
  if (attrs.name) details.name = attrs.name;
  if (attrs.apiGroup) details.group = attrs.apiGroup;
  details.kind = attrs.resource;
  return { code: 403, status: 'Failure', message, reason: 'Forbidden', details };
}

export type AuthMethod = 'basic' | 'bearer' | 'access_token' | 'x509';

/** getAuthMethods: the message of a 401 audit event. */
export function authenticationFailedMessage(attempted: readonly AuthMethod[]): string {
  const order: AuthMethod[] = ['basic', 'bearer', 'access_token', 'x509'];
  const used = order.filter((m) => attempted.includes(m));
  return used.length > 0 ? `Authentication failed, attempted: ${used.join(', ')}` : 'Authentication failed, no credentials provided';
}
