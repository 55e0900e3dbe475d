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

/** A GroupResources entry with its set and the wildcard forms worked out once. */
interface CompiledGroupResources {
  group: string;
  /** `resources: []`: every resource of the group. */
  anyResource: boolean;
  names: Set<string> | null;
  entries: CompiledResourceEntry[];
}

// One `resources` string: `*`, `*/x` (subOf = x), `x/*` (resourceOf = x), or compared whole.
interface CompiledResourceEntry {
  res: string;
  wildcard: boolean;
  subOf: string | null;
  resourceOf: string | null;
}

/** A rule as the checker runs it: set lookups, and its decision worked out once (as checker.go does at load). */
interface CompiledRule {
  users: Set<string> | null;
  groups: Set<string> | null;
  verbs: Set<string> | null;
  resourceMode: boolean;
  namespaces: Set<string> | null;
  resources: CompiledGroupResources[];
  urlAny: boolean;
  urlExact: Set<string> | null;
  /** Trailing-`*` specs with the stars cut off (pathMatches's prefix test). */
  urlPrefixes: string[];
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
  /** Rules with only `resources`, by API group, then by the resource an entry names (or any). */
  byGroupResource: Map<string, GroupResourceIndex>;
  /** The lowest rule index filed in each index (NO_MATCH when it is empty). */
  first: { byUser: number; byGroup: number; byNamespace: number; byVerb: number; byGroupResource: number };
  nonResourceOnly: number[];
  anyRequest: number[];
}

/** Larger than any rule index: no rule matched (yet). */
const NO_MATCH = 0x7fffffff;

interface GroupResourceIndex {
  byResource: Map<string, number[]>;
  // Rules covering every resource of the group: `resources: []`, `*`, and `*/x` entries.
  anyResource: number[];
}

// File a resources-only rule under each group it names, and there under each resource an entry can
// match: `x`, `x/sub` and `x/*` under x (every prefix before a slash, to be exact about `a/b/c`);
// wildcards and whole groups under any. Indices are filed in ascending order, once per list.
function fileByGroupResource(index: Map<string, GroupResourceIndex>, rule: AuditPolicyRule, i: number): void {
  const add = (list: number[]): void => {
    if (list[list.length - 1] !== i) list.push(i);
  };
  for (const gr of rule.resources) {
    let g = index.get(gr.group);
    if (g === undefined) index.set(gr.group, (g = { byResource: new Map(), anyResource: [] }));
    const group = g;
    const under = (resource: string): void => {
      const list = group.byResource.get(resource);
      if (list) add(list);
      else group.byResource.set(resource, [i]);
    };
    if (gr.resources.length === 0) add(group.anyResource);
    for (const res of gr.resources) {
      if (res === '*' || res.startsWith('*/')) {
        add(group.anyResource);
        continue;
      }
      under(res);
      if (res.endsWith('/*')) under(trimRightCutset(res, '/*'));
      for (let j = res.indexOf('/'); j >= 0; j = res.indexOf('/', j + 1)) under(res.slice(0, j));
    }
  }
}

function fileUnder(index: Map<string, number[]>, keys: readonly string[], i: number): void {
  for (const k of new Set(keys)) {
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  }
}

const setOf = (xs: readonly string[]): Set<string> | null => (xs.length > 0 ? new Set(xs) : null);

function compileEntry(res: string): CompiledResourceEntry {
  return {
    res,
    wildcard: res === '*',
    subOf: res.startsWith('*/') ? trimLeftCutset(res, '*/') : null,
    resourceOf: res.endsWith('/*') ? trimRightCutset(res, '/*') : null,
  };
}

function compileRule(rule: AuditPolicyRule, decision: AuditDecision): CompiledRule {
  const urls = rule.nonResourceURLs;
  return {
    users: setOf(rule.users),
    groups: setOf(rule.userGroups),
    verbs: setOf(rule.verbs),
    resourceMode: rule.namespaces.length > 0 || rule.resources.length > 0,
    namespaces: setOf(rule.namespaces),
    resources: rule.resources.map((gr) => ({
      group: gr.group,
      anyResource: gr.resources.length === 0,
      names: setOf(gr.resourceNames),
      entries: gr.resources.map(compileEntry),
    })),
    urlAny: urls.includes('*'),
    urlExact: setOf(urls),
    urlPrefixes: urls.filter((u) => u.endsWith('*')).map((u) => trimRightCutset(u, '*')),
    decision,
  };
}

/** groupResourcesMatch over a compiled entry. */
function compiledGroupResourcesMatch(gr: CompiledGroupResources, a: ResourceRequestAttributes): boolean {
  if (gr.group !== a.apiGroup) return false;
  if (gr.anyResource) return true;
  if (gr.names !== null && !gr.names.has(a.name)) return false;
  const sub = a.subresource;
  for (const e of gr.entries) {
    if (e.wildcard || isCombined(e.res, a.resource, sub)) return true;
    if (e.subOf !== null && sub.length > 0 && sub === e.subOf) return true;
    if (e.resourceOf !== null && a.resource === e.resourceOf) return true;
  }
  return false;
}

/** ruleMatches over a compiled rule (one function for every rule, so the call stays monomorphic). */
function compiledRuleMatches(r: CompiledRule, a: RequestAttributes): boolean {
  if (r.users !== null && (a.user === null || !r.users.has(a.user.username))) return false;
  if (r.groups !== null) {
    if (a.user === null) return false;
    let shared = false;
    for (const g of a.user.groups) {
      if (r.groups.has(g)) {
        shared = true;
        break;
      }
    }
    if (!shared) return false;
  }
  if (r.verbs !== null && !r.verbs.has(a.verb)) return false;
  if (r.resourceMode) {
    if (!a.resourceRequest) return false;
    if (r.namespaces !== null && !r.namespaces.has(a.namespace)) return false;
    if (r.resources.length === 0) return true;
    for (const gr of r.resources) if (compiledGroupResourcesMatch(gr, a)) return true;
    return false;
  }
  if (r.urlExact !== null) {
    if (a.resourceRequest) return false;
    if (r.urlAny || r.urlExact.has(a.path)) return true;
    for (const prefix of r.urlPrefixes) if (a.path.startsWith(prefix)) return true;
    return false;
  }
  return true;
}

// Loaded policies are not changed afterwards; a replaced rules list (or a different length) recompiles.
const compiledPolicies = new WeakMap<AuditPolicy, CompiledPolicy>();
// The API server checks every request against the same policy: remember the last one before the WeakMap.
let lastPolicy: AuditPolicy | null = null;
let lastCompiled: CompiledPolicy | null = null;

function compiledPolicy(policy: AuditPolicy): CompiledPolicy {
  if (policy === lastPolicy && lastCompiled!.rules === policy.rules && lastCompiled!.count === policy.rules.length) return lastCompiled!;
  let c = compiledPolicies.get(policy);
  if (c === undefined || c.rules !== policy.rules || c.count !== policy.rules.length) {
    c = compilePolicy(policy);
    compiledPolicies.set(policy, c);
  }
  lastPolicy = policy;
  lastCompiled = c;
  return c;
}

function compilePolicy(policy: AuditPolicy): CompiledPolicy {
  const c: CompiledPolicy = {
    rules: policy.rules,
    count: policy.rules.length,
    compiled: policy.rules.map((rule, i) =>
      compileRule(rule, { level: rule.level, omitStages: unionStages(policy.omitStages, rule.omitStages), omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields, ruleIndex: i }),
    ),
    none: { level: 'None', omitStages: [...policy.omitStages], omitManagedFields: policy.omitManagedFields, ruleIndex: null },
    byUser: new Map(),
    byGroup: new Map(),
    byNamespace: new Map(),
    byVerb: new Map(),
    byGroupResource: new Map(),
    first: { byUser: NO_MATCH, byGroup: NO_MATCH, byNamespace: NO_MATCH, byVerb: NO_MATCH, byGroupResource: NO_MATCH },
    nonResourceOnly: [],
    anyRequest: [],
  };
  const filed = (index: keyof CompiledPolicy['first'], i: number): void => {
    c.first[index] = Math.min(c.first[index], i);
  };
  policy.rules.forEach((rule, i) => {
    if (rule.users.length > 0) {
      fileUnder(c.byUser, rule.users, i);
      filed('byUser', i);
    } else if (rule.userGroups.length > 0) {
      fileUnder(c.byGroup, rule.userGroups, i);
      filed('byGroup', i);
    } else if (rule.namespaces.length > 0) {
      fileUnder(c.byNamespace, rule.namespaces, i);
      filed('byNamespace', i);
    } else if (rule.verbs.length > 0) {
      fileUnder(c.byVerb, rule.verbs, i);
      filed('byVerb', i);
    } else if (rule.resources.length > 0) {
      fileByGroupResource(c.byGroupResource, rule, i);
      filed('byGroupResource', i);
    } else if (rule.nonResourceURLs.length > 0) c.nonResourceOnly.push(i);
    else c.anyRequest.push(i);
  });
  return c;
}

/** The first rule of `list` (ascending indices) below `best` that matches, else `best`. */
function firstMatch(c: CompiledPolicy, list: number[] | undefined, attrs: RequestAttributes, best: number): number {
  if (list === undefined) return best;
  const compiled = c.compiled;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    if (i >= best) return best;
    if (compiledRuleMatches(compiled[i], attrs)) return i;
  }
  return best;
}

/**
 * EvaluatePolicyRule for one request. The decision returned is shared by every request the same rule
 * decides: read it, do not change it.
 */
export function evaluatePolicy(policy: AuditPolicy, attrs: RequestAttributes): AuditDecision {
  const c = compiledPolicy(policy);
  // A rule with no conditions at all matches every request: the first one bounds the search.
  let best = c.anyRequest.length > 0 ? c.anyRequest[0] : NO_MATCH;
  // An index whose first rule comes after the best match so far cannot improve it: not looked up.
  const first = c.first;
  if (attrs.user !== null) {
    if (best > first.byUser) best = firstMatch(c, c.byUser.get(attrs.user.username), attrs, best);
    if (best > first.byGroup) for (const g of attrs.user.groups) best = firstMatch(c, c.byGroup.get(g), attrs, best);
  }
  if (attrs.resourceRequest) {
    if (best > first.byNamespace) best = firstMatch(c, c.byNamespace.get(attrs.namespace), attrs, best);
    if (best > first.byGroupResource) {
      const g = c.byGroupResource.get(attrs.apiGroup);
      if (g !== undefined) {
        best = firstMatch(c, g.byResource.get(attrs.resource), attrs, best);
        best = firstMatch(c, g.anyResource, attrs, best);
      }
    }
  } else best = firstMatch(c, c.nonResourceOnly, attrs, best);
  if (best > first.byVerb) best = firstMatch(c, c.byVerb.get(attrs.verb), attrs, best);
  return best === NO_MATCH ? c.none : c.compiled[best].decision;
}
