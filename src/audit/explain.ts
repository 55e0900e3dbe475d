// Explains a policy decision rule by rule: for each rule tried before the winner, why it did not match.
// Used by `cks-lab audit explain` and by hints; the verdict itself always comes from the checker.

import {
  evaluatePolicy,
  groupResourcesMatch,
  nonResourcePathMatches,
  resourceEntryMatches,
  type AuditDecision,
  type RequestAttributes,
  type ResourceRequestAttributes,
} from './checker';
import type { AuditLevel, AuditPolicy, AuditPolicyRule } from './types';

export type RuleField = 'users' | 'userGroups' | 'verbs' | 'namespaces' | 'resources' | 'nonResourceURLs';

export interface RuleMismatch {
  field: RuleField;
  message: string;
  /** A likely mistake worth pointing at (wrong group, missing subresource, …). */
  hint?: string;
}

export interface RuleExplanation {
  index: number;
  level: AuditLevel;
  matched: boolean;
  /** Every field that failed, in the checker's order (empty when matched). */
  mismatches: RuleMismatch[];
}

export interface PolicyExplanation {
  decision: AuditDecision;
  /** The rules tried, in order, up to and including the one that matched. */
  rules: RuleExplanation[];
}

const list = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

function exactnessHint(value: string, allowed: readonly string[], what: string): string | undefined {
  if (allowed.includes('*')) return `"*" is not a wildcard in ${what}: values are compared exactly`;
  if (allowed.some((a) => a.toLowerCase() === value.toLowerCase())) return `${what} are compared case-sensitively`;
  return undefined;
}

function resourceHint(rule: AuditPolicyRule, attrs: ResourceRequestAttributes): string | undefined {
  const { apiGroup, resource, subresource, name } = attrs;
  for (const gr of rule.resources) {
    const covers = gr.resources.length === 0 || gr.resources.some((r) => resourceEntryMatches(r, resource, subresource));
    if (gr.group !== apiGroup && covers && gr.resources.length > 0) {
      return `"${resource}" is listed under group "${gr.group}" but the request's group is "${apiGroup}"`;
    }
  }
  for (const gr of rule.resources) {
    if (gr.group !== apiGroup) continue;
    if (subresource !== '' && gr.resources.includes(resource)) {
      return `"${resource}" does not cover the subresource "${subresource}": list "${resource}/${subresource}" or "${resource}/*"`;
    }
    const covers = gr.resources.some((r) => resourceEntryMatches(r, resource, subresource));
    if (covers && gr.resourceNames.length > 0) {
      if (name === '') return `resourceNames never match ${attrs.verb} requests: their name attribute is ""`;
      return `name "${name}" is not in resourceNames ${list(gr.resourceNames)}`;
    }
  }
  return undefined;
}

function explainRule(rule: AuditPolicyRule, attrs: RequestAttributes): RuleMismatch[] {
  const out: RuleMismatch[] = [];
  if (rule.users.length > 0) {
    if (attrs.user === null) out.push({ field: 'users', message: 'the request has no authenticated user, so users never match' });
    else if (!rule.users.includes(attrs.user.username)) {
      out.push({
        field: 'users',
        message: `user "${attrs.user.username}" is not in users ${list(rule.users)}`,
        hint: exactnessHint(attrs.user.username, rule.users, 'users'),
      });
    }
  }
  if (rule.userGroups.length > 0) {
    if (attrs.user === null) out.push({ field: 'userGroups', message: 'the request has no authenticated user, so userGroups never match' });
    else if (!attrs.user.groups.some((g) => rule.userGroups.includes(g))) {
      out.push({ field: 'userGroups', message: `none of the user's groups ${list(attrs.user.groups)} is in userGroups ${list(rule.userGroups)}` });
    }
  }
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) {
    out.push({ field: 'verbs', message: `verb "${attrs.verb}" is not in verbs ${list(rule.verbs)}`, hint: exactnessHint(attrs.verb, rule.verbs, 'verbs') });
  }
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    const field: RuleField = rule.resources.length > 0 ? 'resources' : 'namespaces';
    if (!attrs.resourceRequest) {
      out.push({ field, message: `the rule sets ${field}, so it only matches resource requests; ${attrs.path} is a non-resource URL` });
      return out;
    }
    if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace)) {
      out.push({
        field: 'namespaces',
        message:
          attrs.namespace === ''
            ? `the request is cluster-scoped or spans all namespaces (namespace ""), which is not in namespaces ${list(rule.namespaces)}`
            : `namespace "${attrs.namespace}" is not in namespaces ${list(rule.namespaces)}`,
      });
    }
    if (rule.resources.length > 0 && !rule.resources.some((gr) => groupResourcesMatch(gr, attrs))) {
      const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
      out.push({
        field: 'resources',
        message: `no resources entry covers group "${attrs.apiGroup}" resource "${combined}"`,
        hint: resourceHint(rule, attrs),
      });
    }
    return out;
  }
  if (rule.nonResourceURLs.length > 0) {
    if (attrs.resourceRequest) {
      out.push({ field: 'nonResourceURLs', message: 'the rule sets nonResourceURLs, so it only matches non-resource requests' });
    } else if (!rule.nonResourceURLs.some((spec) => nonResourcePathMatches(attrs.path, spec))) {
      out.push({ field: 'nonResourceURLs', message: `path "${attrs.path}" matches none of nonResourceURLs ${list(rule.nonResourceURLs)}` });
    }
  }
  return out;
}

/** The checker's decision, with the reasons each earlier rule was passed over. */
export function explainPolicy(policy: AuditPolicy, attrs: RequestAttributes): PolicyExplanation {
  const decision = evaluatePolicy(policy, attrs);
  const last = decision.ruleIndex ?? policy.rules.length - 1;
  const rules: RuleExplanation[] = [];
  for (let i = 0; i <= last; i++) {
    const rule = policy.rules[i];
    const matched = i === decision.ruleIndex;
    rules.push({ index: i, level: rule.level, matched, mismatches: matched ? [] : explainRule(rule, attrs) });
  }
  return { decision, rules };
}
