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

/**
 * Rules filed under the one request attribute they need most (a user, a group, a namespace, a verb, or
 * the kind of request), so a request only tries the rules that could match it. Each rule sits under one
 * dimension; the first match overall is the lowest index any candidate list yields.
 */
interface CompiledPolicy {
  rules: readonly AuditPolicyRule[];
  count: number;
  compiled: CompiledRule[];
  none: AuditDecision;
  byUser: Map<string, number[]>;
  byGroup: Map<string, number[]>;
  byNamespace: Map<string, number[]>;
  byVerb: Map<string, number[]>;
  resourceOnly: number[];
  nonResourceOnly: number[];
  anyRequest: number[];
}

function fileUnder(index: Map<string, number[]>, keys: readonly string[], i: number): void {
  for (const k of new Set(keys)) {
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  }
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
    byUser: new Map(),
    byGroup: new Map(),
    byNamespace: new Map(),
    byVerb: new Map(),
    resourceOnly: [],
    nonResourceOnly: [],
    anyRequest: [],
  };
  policy.rules.forEach((rule, i) => {
    if (rule.users.length > 0) fileUnder(c.byUser, rule.users, i);
    else if (rule.userGroups.length > 0) fileUnder(c.byGroup, rule.userGroups, i);
    else if (rule.namespaces.length > 0) fileUnder(c.byNamespace, rule.namespaces, i);
    else if (rule.verbs.length > 0) fileUnder(c.byVerb, rule.verbs, i);
    else if (rule.resources.length > 0) c.resourceOnly.push(i);
    else if (rule.nonResourceURLs.length > 0) c.nonResourceOnly.push(i);
    else c.anyRequest.push(i);
  });
  compiledPolicies.set(policy, c);
  return c;
}

/** The first rule of `list` (ascending indices) below `best` that matches, else `best`. */
function firstMatch(c: CompiledPolicy, list: number[] | undefined, attrs: RequestAttributes, best: number): number {
  if (list === undefined) return best;
  for (const i of list) {
    if (i >= best) return best;
    if (c.compiled[i]!.matches(attrs)) return i;
  }
  return best;
}

/**
 * EvaluatePolicyRule for one request. The decision returned is shared by every request the same rule
 * decides: read it, do not change it.
 */
export function evaluatePolicy(policy: AuditPolicy, attrs: RequestAttributes): AuditDecision {
  const c = compiledPolicy(policy);
  let best = firstMatch(c, c.anyRequest, attrs, Infinity);
  if (attrs.user !== null) {
    best = firstMatch(c, c.byUser.get(attrs.user.username), attrs, best);
    for (const g of attrs.user.groups) best = firstMatch(c, c.byGroup.get(g), attrs, best);
  }
  if (attrs.resourceRequest) {
    best = firstMatch(c, c.byNamespace.get(attrs.namespace), attrs, best);
    best = firstMatch(c, c.resourceOnly, attrs, best);
  } else best = firstMatch(c, c.nonResourceOnly, attrs, best);
  best = firstMatch(c, c.byVerb.get(attrs.verb), attrs, best);
  return best === Infinity ? c.none : c.compiled[best]!.decision;
}
