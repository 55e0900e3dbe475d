// Authentication (client certificates, service-account tokens, anonymous) and authorization
// (the system:masters fast path, the Node authorizer, RBAC over the stored roles and bindings).

import type { JsonObject, KubeObject } from '../types';
import type { ObjectStore } from '../store';
import type { RequestInfo } from './request-info';
import type { Credentials, Impersonation, UserInfo } from './types';
import { parseCertificate } from './x509';

export const CLUSTER_CA_COMMON_NAME = 'kubernetes';

export type AuthnResult = { ok: true; user: UserInfo } | { ok: false; message: string };

export function authenticate(creds: Credentials, store: ObjectStore): AuthnResult {
  if (creds.component) return { ok: true, user: creds.component };
  if (creds.clientCertificate) {
    const cert = parseCertificate(creds.clientCertificate);
    if (cert && cert.issuerCommonName === CLUSTER_CA_COMMON_NAME) {
      return { ok: true, user: { username: cert.commonName, groups: [...cert.organizations, 'system:authenticated'] } };
    }
    return { ok: false, message: 'Authentication failed, attempted: x509' };
  }
  if (creds.token) {
    const sa = serviceAccountForToken(creds.token, store);
    if (sa) return { ok: true, user: sa };
    return { ok: false, message: 'Authentication failed, attempted: bearer' };
  }
  return { ok: true, user: { username: 'system:anonymous', groups: ['system:unauthenticated'] } };
}

function serviceAccountForToken(token: string, store: ObjectStore): UserInfo | null {
  for (const s of store.list('secrets')) {
    const sec = s as KubeObject & { type?: string; data?: Record<string, string> };
    if (sec.type !== 'kubernetes.io/service-account-token' || !sec.data?.token) continue;
    let text: string;
    try {
      text = atob(sec.data.token);
    } catch {
      continue;
    }
    if (text !== token) continue;
    const ns = sec.metadata.namespace ?? 'default';
    const sa = sec.metadata.annotations?.['kubernetes.io/service-account.name'] ?? 'default';
    return { username: `system:serviceaccount:${ns}:${sa}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
  }
  return null;
}

export interface AuthzDecision {
  allowed: boolean;
  /** authorization.k8s.io/reason: '' for system:masters, the Node authorizer and every RBAC deny. */
  reason: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

function ruleAllows(rule: PolicyRule, info: RequestInfo): boolean {
  const verbs = rule.verbs ?? [];
  if (!verbs.includes('*') && !verbs.includes(info.verb)) return false;
  if (!info.isResource) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === info.path || (u.endsWith('*') && info.path.startsWith(u.slice(0, -1))));
  }
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(info.group)) return false;
  const combined = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const resources = rule.resources ?? [];
  const resOk = resources.some((r) => r === '*' || r === combined || (info.subresource && r === `*/${info.subresource}`) || (r === `${info.resource}/*` && info.subresource !== ''));
  if (!resOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(info.name);
}

function subjectMatches(s: Subject, user: UserInfo, bindingNs: string): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.username === `system:serviceaccount:${s.namespace ?? bindingNs}:${s.name}`;
  return false;
}

function subjectText(s: Subject, bindingNs: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name}/${s.namespace ?? bindingNs}"`;
  return `${s.kind} "${s.name}"`;
}

/** RBAC as rbac.go's RBACAuthorizer: cluster role bindings first, then role bindings of the namespace. */
function rbac(user: UserInfo, info: RequestInfo, store: ObjectStore): AuthzDecision {
  const rulesOf = (kind: string, name: string, ns: string): PolicyRule[] => {
    const role = kind === 'ClusterRole' ? store.get('clusterroles', undefined, name) : store.get('roles', ns, name);
    return ((role as unknown as JsonObject | undefined)?.rules as PolicyRule[] | undefined) ?? [];
  };
  for (const b of store.list('clusterrolebindings')) {
    const rb = b as unknown as { metadata: { name: string }; roleRef: { kind: string; name: string }; subjects?: Subject[] };
    const subj = (rb.subjects ?? []).find((s) => subjectMatches(s, user, ''));
    if (!subj) continue;
    if (rulesOf('ClusterRole', rb.roleRef.name, '').some((r) => ruleAllows(r, info))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${rb.metadata.name}" of ClusterRole "${rb.roleRef.name}" to ${subjectText(subj, '')}` };
    }
  }
  if (info.namespace) {
    for (const b of store.list('rolebindings', info.namespace)) {
      const rb = b as unknown as { metadata: { name: string }; roleRef: { kind: string; name: string }; subjects?: Subject[] };
      const subj = (rb.subjects ?? []).find((s) => subjectMatches(s, user, info.namespace));
      if (!subj) continue;
      if (rulesOf(rb.roleRef.kind, rb.roleRef.name, info.namespace).some((r) => ruleAllows(r, info))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by RoleBinding "${rb.metadata.name}/${info.namespace}" of ${rb.roleRef.kind} "${rb.roleRef.name}" to ${subjectText(subj, info.namespace)}`,
        };
      }
    }
  }
  return { allowed: false, reason: '' };
}

export function authorize(user: UserInfo, info: RequestInfo, store: ObjectStore): AuthzDecision {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  // The Node authorizer answers for kubelets before RBAC and gives no reason text.
  if (user.groups.includes('system:nodes') && user.username.startsWith('system:node:')) return { allowed: true, reason: '' };
  return rbac(user, info, store);
}

/** The text after `is forbidden: ` (or `forbidden: ` for paths). */
export function forbiddenReason(user: UserInfo, info: RequestInfo): string {
  if (!info.isResource) return `User "${user.username}" cannot ${info.verb} path "${info.path}"`;
  const res = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const scope = info.namespace ? `in the namespace "${info.namespace}"` : 'at the cluster scope';
  return `User "${user.username}" cannot ${info.verb} resource "${res}" in API group "${info.group}" ${scope}`;
}

export type ImpersonationResult = { ok: true; user: UserInfo } | { ok: false; info: RequestInfo; reason: string };

const SA_PREFIX = 'system:serviceaccount:';

/**
 * The impersonation filter (WithImpersonation): the authenticated user needs the `impersonate` verb
 * on each requested part — `users` (or `serviceaccounts` in their namespace), `groups`, `uids` — and
 * the request then acts as the new user, who is given system:authenticated unless a group says otherwise.
 */
export function impersonate(actor: UserInfo, want: Impersonation, store: ObjectStore): ImpersonationResult {
  const attrs = (resource: string, name: string, namespace = ''): RequestInfo => ({
    isResource: true, path: '', query: new URLSearchParams(), verb: 'impersonate', group: '', version: 'v1', namespace, resource, name, subresource: '',
  });
  const checks: RequestInfo[] = [];
  const sa = want.user.startsWith(SA_PREFIX) ? want.user.slice(SA_PREFIX.length).split(':') : null;
  checks.push(sa && sa.length === 2 && sa[0] && sa[1] ? attrs('serviceaccounts', sa[1], sa[0]) : attrs('users', want.user));
  for (const g of want.groups) checks.push(attrs('groups', g));
  if (want.uid) checks.push(attrs('uids', want.uid));
  for (const c of checks) {
    if (!authorize(actor, c, store).allowed) return { ok: false, info: c, reason: forbiddenReason(actor, c) };
  }
  let groups = [...want.groups];
  if (groups.length === 0 && sa && sa.length === 2) groups = ['system:serviceaccounts', `system:serviceaccounts:${sa[0]}`];
  if (want.user === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  const user: UserInfo = { username: want.user, groups };
  if (want.uid) user.uid = want.uid;
  return { ok: true, user };
}
