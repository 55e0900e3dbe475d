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

/** `res === resource + "/" + subresource` (or `=== resource` without one), without building the string. */
function isCombined(res: string, resource: string, subresource: string): boolean {
  if (subresource === '') return res === resource;
  return res.length === resource.length + 1 + subresource.length && res.startsWith(resource) && res.charCodeAt(resource.length) === 0x2f && res.endsWith(subresource);
}

/** Whether one `resources` entry string covers the request's resource/subresource. */
export function resourceEntryMatches(res: string, resource: string, subresource: string): boolean {
  if (res === '*' || isCombined(res, resource, subresource)) return true;
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

/** A rule as the checker runs it: set lookups, and its decision worked out once (as checker.go does at load). */
interface CompiledRule {
  matches(attrs: RequestAttributes): boolean;
  decision: AuditDecision;
}

interface CompiledPolicy {
  rules: readonly AuditPolicyRule[];
  count: number;
  compiled: CompiledRule[];
  none: AuditDecision;
}

const setOf = (xs: readonly string[]): Set<string> | null => (xs.length > 0 ? new Set(xs) : null);

function compileRule(rule: AuditPolicyRule): (attrs: RequestAttributes) => boolean {
  const users = setOf(rule.users);
  const groups = setOf(rule.userGroups);
  const verbs = setOf(rule.verbs);
  const namespaces = setOf(rule.namespaces);
  const resourceMode = rule.namespaces.length > 0 || rule.resources.length > 0;
  const resources = rule.resources;
  const urls = rule.nonResourceURLs;
  return (a) => {
    if (users !== null && (a.user === null || !users.has(a.user.username))) return false;
    if (groups !== null) {
      if (a.user === null) return false;
      let shared = false;
      for (const g of a.user.groups) {
        if (groups.has(g)) {
          shared = true;
          break;
        }
      }
      if (!shared) return false;
    }
    if (verbs !== null && !verbs.has(a.verb)) return false;
    if (resourceMode) {
      if (!a.resourceRequest) return false;
      if (namespaces !== null && !namespaces.has(a.namespace)) return false;
      if (resources.length === 0) return true;
      for (const gr of resources) if (groupResourcesMatch(gr, a)) return true;
      return false;
    }
    if (urls.length > 0) {
      if (a.resourceRequest) return false;
      for (const spec of urls) if (nonResourcePathMatches(a.path, spec)) return true;
      return false;
    }
    return true;
  };
}

// Loaded policies are not changed afterwards; a replaced rules list (or a different length) recompiles.
const compiledPolicies = new WeakMap<AuditPolicy, CompiledPolicy>();

function compiledPolicy(policy: AuditPolicy): CompiledPolicy {
  const known = compiledPolicies.get(policy);
  if (known && known.rules === policy.rules && known.count === policy.rules.length) return known;
  const c: CompiledPolicy = {
    rules: policy.rules,
    count: policy.rules.length,
    compiled: policy.rules.map((rule, i) => ({
      matches: compileRule(rule),
      decision: { level: rule.level, omitStages: unionStages(policy.omitStages, rule.omitStages), omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields, ruleIndex: i },
    })),
    none: { level: 'None', omitStages: [...policy.omitStages], omitManagedFields: policy.omitManagedFields, ruleIndex: null },
  };
  compiledPolicies.set(policy, c);
  return c;
}

/**
 * EvaluatePolicyRule for one request. The decision returned is shared by every request the same rule
 * decides: read it, do not change it.
 */
export function evaluatePolicy(policy: AuditPolicy, attrs: RequestAttributes): AuditDecision {
  const c = compiledPolicy(policy);
  for (const rule of c.compiled) if (rule.matches(attrs)) return rule.decision;
  return c.none;
}
