// ValidatePolicy from k8s.io/apiserver/pkg/apis/audit/validation: field errors in upstream's wording.

import { goQuote, goStringSliceSyntax } from './go-format';
import { AUDIT_LEVELS, AUDIT_STAGES } from './types';

/** A policy as decoded, before validation: values are whatever the file held. */
export interface RawPolicyRule {
  level: string;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: Array<{ group: string; resources: string[]; resourceNames: string[] }>;
  namespaces: string[];
  nonResourceURLs: string[];
  omitStages: string[];
  omitManagedFields: boolean | null;
}

export interface RawPolicy {
  rules: RawPolicyRule[];
  omitStages: string[];
  omitManagedFields: boolean;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** validation.IsDNS1123Subdomain: the messages, joined by "," as the audit validator does. */
function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

function validateOmitStages(stages: string[], path: string): string[] {
  const errs: string[] = [];
  stages.forEach((stage, i) => {
    if (!(AUDIT_STAGES as readonly string[]).includes(stage)) {
      errs.push(`${path}[${i}]: Invalid value: ${goQuote(stage)}: allowed stages are ${AUDIT_STAGES.join(',')}`);
    }
  });
  return errs;
}

function validateLevel(level: string, path: string): string[] {
  if ((AUDIT_LEVELS as readonly string[]).includes(level)) return [];
  if (level === '') return [`${path}: Required value`];
  const supported = AUDIT_LEVELS.map((l) => goQuote(l)).join(', ');
  return [`${path}: Unsupported value: ${goQuote(level)}: supported values: ${supported}`];
}

function validateNonResourceURLs(urls: string[], path: string): string[] {
  const errs: string[] = [];
  urls.forEach((url, i) => {
    if (url === '*') return;
    if (!url.startsWith('/')) {
      errs.push(`${path}[${i}]: Invalid value: ${goQuote(url)}: non-resource URL rules must begin with a '/' character`);
    }
    if (url !== '' && url.slice(0, -1).includes('*')) {
      errs.push(`${path}[${i}]: Invalid value: ${goQuote(url)}: non-resource URL wildcards '*' must be the final character of the rule`);
    }
  });
  return errs;
}

function validateResources(groups: RawPolicyRule['resources'], path: string): string[] {
  const errs: string[] = [];
  for (const gr of groups) {
    // No index after "resources": upstream builds the child path from the list, not the entry.
    if (gr.group !== '') {
      const msgs = dns1123SubdomainErrors(gr.group);
      if (msgs.length > 0) errs.push(`${path}.group: Invalid value: ${goQuote(gr.group)}: ${msgs.join(',')}`);
    }
    if (gr.resourceNames.length > 0 && gr.resources.length === 0) {
      errs.push(
        `${path}.resourceNames: Invalid value: ${goStringSliceSyntax(gr.resourceNames)}: using resourceNames requires at least one resource`,
      );
    }
  }
  return errs;
}

function validateRule(rule: RawPolicyRule, path: string): string[] {
  const errs = [
    ...validateLevel(rule.level, `${path}.level`),
    ...validateNonResourceURLs(rule.nonResourceURLs, `${path}.nonResourceURLs`),
    ...validateResources(rule.resources, `${path}.resources`),
    ...validateOmitStages(rule.omitStages, `${path}.omitStages`),
  ];
  if (rule.nonResourceURLs.length > 0 && (rule.resources.length > 0 || rule.namespaces.length > 0)) {
    errs.push(
      `${path}.nonResourceURLs: Invalid value: ${goStringSliceSyntax(rule.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs`,
    );
  }
  return errs;
}

/** Every field error, in upstream's order (policy omitStages, then each rule). */
export function validatePolicy(policy: RawPolicy): string[] {
  const errs = validateOmitStages(policy.omitStages, 'omitStages');
  policy.rules.forEach((rule, i) => errs.push(...validateRule(rule, `rules[${i}]`)));
  return errs;
}
