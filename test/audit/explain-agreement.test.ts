// `cks-lab audit explain --json` agrees with kube-apiserver 1.26's policy checker (checker.go): one case
// per rule of its semantics — first match wins, the None rule that stops the search, stage unions,
// omitManagedFields precedence, users/groups/verbs without wildcards, namespaces "" for cluster scope,
// group/resource/subresource forms, resourceNames never matching create or list, URL prefixes.
// Run through the built binary, as an author checking a policy would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '..', '..', 'bin', 'cks-lab.js');
const DIR = mkdtempSync(join(tmpdir(), 'cks-explain-'));
let files = 0;

function policyFile(rules: string[], head: string[] = []): string {
  const p = join(DIR, `policy-${files++}.yaml`);
  writeFileSync(p, ['apiVersion: audit.k8s.io/v1', 'kind: Policy', ...head, 'rules:', ...rules, ''].join('\n'));
  return p;
}

interface Decision {
  level: string;
  omitStages: string[];
  omitManagedFields: boolean;
  rule: number | null;
}

function explain(policy: string, args: string[]): Decision {
  const r = spawnSync(process.execPath, [BIN, 'audit', 'explain', '--policy', policy, ...args, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const d = JSON.parse(r.stdout) as Decision;
  // checker.go unions stages through a Go map: their order is not part of the answer.
  return { ...d, omitStages: [...d.omitStages].sort() };
}

const ADMIN = ['--user', 'kubernetes-admin', '--group', 'system:masters', '--group', 'system:authenticated'];
const get = (resource: string, ns = 'default', name = 'web', group = ''): string[] => ['--verb', 'get', '--resource', resource, '--namespace', ns, '--name', name, ...(group ? ['--api-group', group] : [])];
const clusterGet = (resource: string, name: string): string[] => ['--verb', 'get', '--resource', resource, '--name', name];

type Case = [name: string, rules: string[], request: string[], level: string, rule: number | null];

/** §1.1–1.2: rule order and matching, one behaviour each. */
const MATCHING: Case[] = [
  ['the first matching rule wins', ['- level: Metadata', '- level: RequestResponse'], [...ADMIN, ...get('pods')], 'Metadata', 0],
  ['no rule matching gives None', ['- level: Metadata', '  verbs: ["delete"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['a matching None rule stops the search (exclusions go first)', ['- level: None', '  resources: [{group: ""}]', '- level: RequestResponse'], [...ADMIN, ...get('pods')], 'None', 0],
  ['users must list the username', ['- level: Request', '  users: ["jane"]', '- level: Metadata'], ['--user', 'jane', ...get('pods')], 'Request', 0],
  ['users is exact and case-sensitive', ['- level: Request', '  users: ["Jane"]'], ['--user', 'jane', ...get('pods')], 'None', null],
  ['"*" is not a wildcard in users', ['- level: Request', '  users: ["*"]'], ['--user', 'jane', ...get('pods')], 'None', null],
  ['userGroups must share a group', ['- level: Request', '  userGroups: ["system:nodes", "system:masters"]'], [...ADMIN, ...get('pods')], 'Request', 0],
  ['"*" is not a wildcard in userGroups', ['- level: Request', '  userGroups: ["*"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['users never match a request without a user (failed authentication)', ['- level: Request', '  users: ["system:anonymous"]', '- level: Metadata'], get('pods'), 'Metadata', 1],
  ['userGroups never match a request without a user', ['- level: Request', '  userGroups: ["system:unauthenticated"]'], get('pods'), 'None', null],
  ['verbs must list the verb', ['- level: Request', '  verbs: ["get", "list"]'], [...ADMIN, ...get('pods')], 'Request', 0],
  ['"*" is not a wildcard in verbs', ['- level: Request', '  verbs: ["*"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['verbs are case-sensitive (GET never matches)', ['- level: Request', '  verbs: ["GET"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['a rule with neither resources nor URLs matches both kinds', ['- level: Request', '  verbs: ["get"]'], [...ADMIN, '--verb', 'get', '--path', '/version'], 'Request', 0],
];

const RESOURCES: Case[] = [
  ['a resource rule never matches a non-resource request', ['- level: Request', '  resources: [{group: ""}]'], [...ADMIN, '--verb', 'get', '--path', '/healthz'], 'None', null],
  ['namespaces must list the namespace', ['- level: Request', '  namespaces: ["kube-system"]'], [...ADMIN, ...get('pods', 'kube-system')], 'Request', 0],
  ['a namespaces rule passes over other namespaces', ['- level: Request', '  namespaces: ["kube-system"]'], [...ADMIN, ...get('pods', 'default')], 'None', null],
  ['namespaces [""] matches cluster-scoped objects', ['- level: Request', '  namespaces: [""]'], [...ADMIN, ...clusterGet('nodes', 'kube-worker-1')], 'Request', 0],
  ['namespaces [""] matches a list across all namespaces', ['- level: Request', '  namespaces: [""]'], [...ADMIN, '--verb', 'list', '--resource', 'pods'], 'Request', 0],
  ['"*" is not a wildcard in namespaces', ['- level: Request', '  namespaces: ["*"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['namespaces alone never match a non-resource request', ['- level: Request', '  namespaces: [""]'], [...ADMIN, '--verb', 'get', '--path', '/version'], 'None', null],
  ['the group must equal the request group ("" is core)', ['- level: Request', '  resources: [{group: "", resources: ["deployments"]}]'], [...ADMIN, ...get('deployments', 'default', 'web', 'apps')], 'None', null],
  ['group "apps" matches apps/deployments', ['- level: Request', '  resources: [{group: "apps", resources: ["deployments"]}]'], [...ADMIN, ...get('deployments', 'default', 'web', 'apps')], 'Request', 0],
  ['an entry without resources matches every resource of its group', ['- level: Request', '  resources: [{group: "apps"}]'], [...ADMIN, ...get('replicasets', 'default', 'web', 'apps')], 'Request', 0],
  ['an entry without resources matches subresources too', ['- level: Request', '  resources: [{group: ""}]'], [...ADMIN, ...get('pods/log')], 'Request', 0],
  ['"pods" does not match pods/log', ['- level: Request', '  resources: [{group: "", resources: ["pods"]}]'], [...ADMIN, ...get('pods/log')], 'None', null],
  ['"pods/log" matches pods/log', ['- level: Request', '  resources: [{group: "", resources: ["pods/log"]}]'], [...ADMIN, ...get('pods/log')], 'Request', 0],
  ['"pods/log" does not match pods', ['- level: Request', '  resources: [{group: "", resources: ["pods/log"]}]'], [...ADMIN, ...get('pods')], 'None', null],
  ['"*" matches every resource and subresource', ['- level: Request', '  resources: [{group: "", resources: ["*"]}]'], [...ADMIN, ...get('pods/exec')], 'Request', 0],
  ['"*/status" matches any resource\'s status', ['- level: Request', '  resources: [{group: "", resources: ["*/status"]}]'], [...ADMIN, ...get('nodes/status', '', 'kube-worker-1')], 'Request', 0],
  ['"*/status" does not match the resource itself', ['- level: Request', '  resources: [{group: "", resources: ["*/status"]}]'], [...ADMIN, ...get('pods')], 'None', null],
  ['"pods/*" matches every pod subresource', ['- level: Request', '  resources: [{group: "", resources: ["pods/*"]}]'], [...ADMIN, ...get('pods/exec')], 'Request', 0],
  ['"pods/*" matches plain pods as well', ['- level: Request', '  resources: [{group: "", resources: ["pods/*"]}]'], [...ADMIN, ...get('pods')], 'Request', 0],
  ['resourceNames must list the name', ['- level: Request', '  resources: [{group: "", resources: ["configmaps"], resourceNames: ["controller-leader"]}]'], [...ADMIN, ...get('configmaps', 'kube-system', 'controller-leader')], 'Request', 0],
  ['resourceNames passes over other names', ['- level: Request', '  resources: [{group: "", resources: ["configmaps"], resourceNames: ["controller-leader"]}]'], [...ADMIN, ...get('configmaps', 'kube-system', 'other')], 'None', null],
  ['resourceNames never match a create (no name yet)', ['- level: Request', '  resources: [{group: "", resources: ["secrets"], resourceNames: ["db-pass"]}]'], [...ADMIN, '--verb', 'create', '--resource', 'secrets', '--namespace', 'default'], 'None', null],
  ['resourceNames never match a list', ['- level: Request', '  resources: [{group: "", resources: ["secrets"], resourceNames: ["db-pass"]}]'], [...ADMIN, '--verb', 'list', '--resource', 'secrets', '--namespace', 'default'], 'None', null],
  ['"*" is not a wildcard in resourceNames', ['- level: Request', '  resources: [{group: "", resources: ["secrets"], resourceNames: ["*"]}]'], [...ADMIN, ...get('secrets')], 'None', null],
  ['any entry of the resources list may match', ['- level: Request', '  resources:', '  - group: ""', '    resources: ["secrets"]', '  - group: "apps"', '    resources: ["deployments"]'], [...ADMIN, ...get('deployments', 'default', 'web', 'apps')], 'Request', 0],
];

const URLS: Case[] = [
  ['nonResourceURLs "*" matches every path', ['- level: Request', '  nonResourceURLs: ["*"]'], [...ADMIN, '--verb', 'get', '--path', '/metrics'], 'Request', 0],
  ['an exact URL matches only itself', ['- level: Request', '  nonResourceURLs: ["/healthz"]'], [...ADMIN, '--verb', 'get', '--path', '/healthz/etcd'], 'None', null],
  ['a trailing * is a plain prefix test', ['- level: Request', '  nonResourceURLs: ["/healthz*"]'], [...ADMIN, '--verb', 'get', '--path', '/healthz/etcd'], 'Request', 0],
  ['"/api*" also matches /apis/apps/v1', ['- level: Request', '  nonResourceURLs: ["/api*"]'], [...ADMIN, '--verb', 'get', '--path', '/apis/apps/v1'], 'Request', 0],
  ['a URL rule never matches a resource request', ['- level: Request', '  nonResourceURLs: ["*"]'], [...ADMIN, ...get('pods')], 'None', null],
  ['non-resource verbs are lowercased HTTP methods', ['- level: Request', '  verbs: ["post"]', '  nonResourceURLs: ["/logs*"]'], [...ADMIN, '--verb', 'post', '--path', '/logs/x'], 'Request', 0],
  ['probes arrive as system:anonymous and are usually excluded', ['- level: None', '  users: ["system:anonymous"]', '  nonResourceURLs: ["/livez*", "/readyz*", "/healthz*"]', '- level: Metadata'], ['--user', 'system:anonymous', '--group', 'system:unauthenticated', '--verb', 'get', '--path', '/readyz'], 'None', 0],
];

describe('cks-lab audit explain agrees with checker.go', () => {
  it.each([...MATCHING, ...RESOURCES, ...URLS])('%s', (_name, rules, request, level, rule) => {
    const d = explain(policyFile(rules), request);
    expect({ level: d.level, rule: d.rule }).toEqual({ level, rule });
  });

  it("unions the policy's and the matching rule's omitStages", () => {
    const p = policyFile(['- level: Request', '  omitStages: ["ResponseStarted"]'], ['omitStages: ["RequestReceived"]']);
    expect(explain(p, [...ADMIN, ...get('pods')])).toMatchObject({ level: 'Request', omitStages: ['RequestReceived', 'ResponseStarted'], rule: 0 });
  });

  it("keeps the policy's omitStages when no rule matches", () => {
    const p = policyFile(['- level: Request', '  verbs: ["delete"]'], ['omitStages: ["RequestReceived"]']);
    expect(explain(p, [...ADMIN, ...get('pods')])).toEqual({ level: 'None', omitStages: ['RequestReceived'], omitManagedFields: false, rule: null });
  });

  it.each([
    ['the policy value applies when the rule sets none', ['- level: Request'], ['omitManagedFields: true'], true],
    ['the rule value overrides the policy', ['- level: Request', '  omitManagedFields: false'], ['omitManagedFields: true'], false],
    ['a rule may turn it on alone', ['- level: Request', '  omitManagedFields: true'], [], true],
  ])('omitManagedFields: %s', (_name, rules, head, want) => {
    expect(explain(policyFile(rules, head), [...ADMIN, ...get('pods')]).omitManagedFields).toBe(want);
  });

  it('refuses a policy the API server would refuse ("*" as a group is only valid from 1.36)', () => {
    const p = policyFile(['- level: Request', '  resources: [{group: "*"}]']);
    const r = spawnSync(process.execPath, [BIN, 'audit', 'explain', '--policy', p, ...ADMIN, ...get('pods'), '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rules[0].resources.group: Invalid value: "*": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters');
  });
});
