// The policy rule evaluator (audit/policy/checker.go): which level, omitted stages and managed-fields
// setting a request gets. First matching rule wins; no match means None.

import type { AuditLevel, AuditPolicy, AuditPolicyRule, AuditStage, GroupResources } from './types';

/** What the authorizer attributes tell the audit policy about one request. */
export interface RequestAttributesBase {
  /** The authenticated user; null when authentication failed (users/userGroups rules never match). */
  user: { username: string; groups: string[] } | null;
  /** `get`, `list`, `watch`, `create`, … for resources; the lowercased HTTP method otherwise. */
  verb: string;
}

export interface ResourceRequestAttributes extends RequestAttributesBase {
  resourceRequest: true;
  /** "" for cluster-scoped objects and all-namespace lists/watches. */
  namespace: string;
  /** "" for the core group. */
  apiGroup: string;
  resource: string;
  subresource: string;
  /** The name from the URL: "" for create, list, watch and deletecollection. */
  name: string;
}

export interface NonResourceRequestAttributes extends RequestAttributesBase {
  resourceRequest: false;
  /** The URL path without the query. */
  path: string;
}

export type RequestAttributes = ResourceRequestAttributes | NonResourceRequestAttributes;

/** The RequestAuditConfig a request gets. */
export interface AuditDecision {
  level: AuditLevel;
  omitStages: AuditStage[];
  omitManagedFields: boolean;
  /** Index of the matching rule, or null when none matched (level None). */
  ruleIndex: number | null;
}

/** Go's strings.TrimLeft/TrimRight take a cutset, not a prefix: a cutset of star and slash strips any run of both. */
export function trimLeftCutset(s: string, cutset: string): string {
  let i = 0;
  while (i < s.length && cutset.includes(s[i])) i++;
  return s.slice(i);
}

export function trimRightCutset(s: string, cutset: string): string {
  let i = s.length;
  while (i > 0 && cutset.includes(s[i - 1])) i--;
  return s.slice(0, i);
}

/** pathMatches: `*`, exact, or a trailing-`*` prefix (plain string prefix, so `/api*` covers `/apis/…`). */
export function nonResourcePathMatches(path: string, spec: string): boolean {
  if (spec === '*') return true;
  if (spec === path) return true;
  return spec.endsWith('*') && path.startsWith(trimRightCutset(spec, '*'));
}

/** Whether one `resources` entry string covers the request's resource/subresource. */
export function resourceEntryMatches(res: string, resource: string, subresource: string): boolean {
  const combined = subresource !== '' ? `${resource}/${subresource}` : resource;
  if (res === combined || res === '*') return true;
  if (subresource.length > 0 && res.startsWith('*/') && subresource === trimLeftCutset(res, '*/')) return true;
  if (res.endsWith('/*') && resource === trimRightCutset(res, '/*')) return true;
  return false;
}

/** Whether a GroupResources entry covers the request (group, resources, resourceNames). */
export function groupResourcesMatch(gr: GroupResources, attrs: ResourceRequestAttributes): boolean {
  if (gr.group !== attrs.apiGroup) return false;
  if (gr.resources.length === 0) return true;
  for (const res of gr.resources) {
    if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(attrs.name)) continue;
    if (resourceEntryMatches(res, attrs.resource, attrs.subresource)) return true;
  }
  return false;
}

function ruleMatchesResource(rule: AuditPolicyRule, attrs: RequestAttributes): boolean {
  if (!attrs.resourceRequest) return false;
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace)) return false;
  if (rule.resources.length === 0) return true;
  return rule.resources.some((gr) => groupResourcesMatch(gr, attrs));
}

function ruleMatchesNonResource(rule: AuditPolicyRule, attrs: RequestAttributes): boolean {
  if (attrs.resourceRequest) return false;
  return rule.nonResourceURLs.some((spec) => nonResourcePathMatches(attrs.path, spec));
}

/** ruleMatches: every set field must match (ANDed); empty lists mean "any". */
export function ruleMatches(rule: AuditPolicyRule, attrs: RequestAttributes): boolean {
  if (rule.users.length > 0 && (attrs.user === null || !rule.users.includes(attrs.user.username))) return false;
  if (rule.userGroups.length > 0) {
    if (attrs.user === null) return false;
    if (!attrs.user.groups.some((g) => rule.userGroups.includes(g))) return false;
  }
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return ruleMatchesResource(rule, attrs);
  if (rule.nonResourceURLs.length > 0) return ruleMatchesNonResource(rule, attrs);
  return true;
}

/** unionStages: the policy's omitStages plus the rule's own, each once. */
export function unionStages(...lists: ReadonlyArray<readonly AuditStage[]>): AuditStage[] {
  const out: AuditStage[] = [];
  for (const list of lists) for (const s of list) if (!out.includes(s)) out.push(s);
  return out;
}

/** EvaluatePolicyRule for one request. */
export function evaluatePolicy(policy: AuditPolicy, attrs: RequestAttributes): AuditDecision {
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i];
    if (ruleMatches(rule, attrs)) {
      return {
        level: rule.level,
        omitStages: unionStages(policy.omitStages, rule.omitStages),
        omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields,
        ruleIndex: i,
      };
    }
  }
  return { level: 'None', omitStages: [...policy.omitStages], omitManagedFields: policy.omitManagedFields, ruleIndex: null };
}
