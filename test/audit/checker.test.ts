import { describe, expect, it } from 'vitest';
import { evaluatePolicy, loadAuditPolicy, type AuditPolicy, type RequestAttributes } from '../../src/audit';

function policy(rules: string, head = ''): AuditPolicy {
  const r = loadAuditPolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\n${head}rules:\n${rules}`, '/p.yaml');
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const ADMIN = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const NODE = { username: 'system:node:kube-worker-1', groups: ['system:nodes', 'system:authenticated'] };
const ANON = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

interface ResOpts {
  ns?: string;
  group?: string;
  sub?: string;
  name?: string;
  user?: { username: string; groups: string[] } | null;
}
const res = (verb: string, resource: string, o: ResOpts = {}): RequestAttributes => ({
  user: o.user === undefined ? ADMIN : o.user,
  verb,
  resourceRequest: true,
  namespace: o.ns ?? 'default',
  apiGroup: o.group ?? '',
  resource,
  subresource: o.sub ?? '',
  name: o.name ?? '',
});
const url = (verb: string, path: string, user: RequestAttributes['user'] = ANON): RequestAttributes => ({
  user,
  verb,
  resourceRequest: false,
  path,
});

// [description, rules YAML (one rule, level Metadata unless stated), request, matches?]
const single: Array<[string, string, RequestAttributes, boolean]> = [
  ['an empty rule matches resource requests', '- level: Metadata\n', res('get', 'pods'), true],
  ['an empty rule matches non-resource requests', '- level: Metadata\n', url('get', '/healthz'), true],
  ['users must list the username', '- level: Metadata\n  users: ["jane"]\n', res('get', 'pods'), false],
  ['users match exactly', '- level: Metadata\n  users: ["kubernetes-admin"]\n', res('get', 'pods'), true],
  ['"*" is not a wildcard in users', '- level: Metadata\n  users: ["*"]\n', res('get', 'pods'), false],
  ['userGroups match any of the user\'s groups', '- level: Metadata\n  userGroups: ["system:masters"]\n', res('get', 'pods'), true],
  ['userGroups fail when no group is shared', '- level: Metadata\n  userGroups: ["system:nodes"]\n', res('get', 'pods'), false],
  ['users never match an unauthenticated request', '- level: Metadata\n  users: ["system:anonymous"]\n', res('get', 'pods', { user: null }), false],
  ['userGroups never match an unauthenticated request', '- level: Metadata\n  userGroups: ["system:unauthenticated"]\n', url('get', '/livez', null), false],
  ['verbs match exactly', '- level: Metadata\n  verbs: ["get", "list"]\n', res('list', 'pods'), true],
  ['verbs are case-sensitive', '- level: Metadata\n  verbs: ["GET"]\n', res('get', 'pods'), false],
  ['"*" is not a wildcard in verbs', '- level: Metadata\n  verbs: ["*"]\n', res('get', 'pods'), false],
  ['namespaces must list the request namespace', '- level: Metadata\n  namespaces: ["prod"]\n', res('get', 'secrets'), false],
  ['namespaces match the request namespace', '- level: Metadata\n  namespaces: ["default"]\n', res('get', 'secrets'), true],
  ['cluster-scoped objects have namespace ""', '- level: Metadata\n  namespaces: [""]\n', res('get', 'nodes', { ns: '' }), true],
  ['all-namespace lists have namespace ""', '- level: Metadata\n  namespaces: ["default"]\n', res('list', 'pods', { ns: '' }), false],
  ['a namespaces rule never matches a non-resource URL', '- level: Metadata\n  namespaces: ["default"]\n', url('get', '/api'), false],
  ['a resources rule never matches a non-resource URL', '- level: Metadata\n  resources: [{group: ""}]\n', url('get', '/api/v1'), false],
  ['an entry with no resources covers the whole group', '- level: Metadata\n  resources: [{group: ""}]\n', res('get', 'pods', { sub: 'log' }), true],
  ['the group must equal the request group', '- level: Metadata\n  resources: [{group: "", resources: ["deployments"]}]\n', res('create', 'deployments', { group: 'apps' }), false],
  ['deployments live in apps', '- level: Metadata\n  resources: [{group: "apps", resources: ["deployments"]}]\n', res('create', 'deployments', { group: 'apps' }), true],
  ['"pods" does not cover pods/log', '- level: Metadata\n  resources: [{group: "", resources: ["pods"]}]\n', res('get', 'pods', { sub: 'log', name: 'web' }), false],
  ['"pods/log" covers pods/log', '- level: Metadata\n  resources: [{group: "", resources: ["pods/log"]}]\n', res('get', 'pods', { sub: 'log', name: 'web' }), true],
  ['"*" covers subresources too', '- level: Metadata\n  resources: [{group: "", resources: ["*"]}]\n', res('create', 'pods', { sub: 'exec', name: 'web' }), true],
  ['"*/status" covers any status subresource', '- level: Metadata\n  resources: [{group: "", resources: ["*/status"]}]\n', res('update', 'pods', { sub: 'status', name: 'web' }), true],
  ['"*/status" does not cover the plain resource', '- level: Metadata\n  resources: [{group: "", resources: ["*/status"]}]\n', res('update', 'pods', { name: 'web' }), false],
  ['"pods/*" covers every pods subresource', '- level: Metadata\n  resources: [{group: "", resources: ["pods/*"]}]\n', res('create', 'pods', { sub: 'exec', name: 'web' }), true],
  ['"pods/*" also covers plain pods', '- level: Metadata\n  resources: [{group: "", resources: ["pods/*"]}]\n', res('get', 'pods', { name: 'web' }), true],
  ['resourceNames match the name', '- level: Metadata\n  resources: [{group: "", resources: ["configmaps"], resourceNames: ["cfg"]}]\n', res('get', 'configmaps', { name: 'cfg' }), true],
  ['resourceNames never match a create (no name)', '- level: Metadata\n  resources: [{group: "", resources: ["configmaps"], resourceNames: ["cfg"]}]\n', res('create', 'configmaps'), false],
  ['resourceNames never match a list', '- level: Metadata\n  resources: [{group: "", resources: ["configmaps"], resourceNames: ["cfg"]}]\n', res('list', 'configmaps'), false],
  ['nonResourceURLs match exactly', '- level: Metadata\n  nonResourceURLs: ["/healthz"]\n', url('get', '/healthz'), true],
  ['a trailing * is a prefix match', '- level: Metadata\n  nonResourceURLs: ["/readyz*"]\n', url('get', '/readyz/etcd'), true],
  ['the prefix is a plain string prefix', '- level: Metadata\n  nonResourceURLs: ["/api*"]\n', url('get', '/apis/apps/v1'), true],
  ['a bare * matches every path', '- level: Metadata\n  nonResourceURLs: ["*"]\n', url('get', '/metrics'), true],
  ['without * the match is exact', '- level: Metadata\n  nonResourceURLs: ["/api"]\n', url('get', '/api/v1'), false],
  ['nonResourceURLs never match a resource request', '- level: Metadata\n  nonResourceURLs: ["*"]\n', res('get', 'pods'), false],
];

describe('ruleMatches semantics (checker.go)', () => {
  it.each(single)('%s', (_d, rules, attrs, matches) => {
    const d = evaluatePolicy(policy(rules), attrs);
    expect(d.level).toBe(matches ? 'Metadata' : 'None');
    expect(d.ruleIndex).toBe(matches ? 0 : null);
  });
});

describe('evaluatePolicy', () => {
  const book = policy(
    [
      '- level: RequestResponse',
      '  resources: [{group: "", resources: ["pods"]}]',
      '- level: Metadata',
      '  resources: [{group: "", resources: ["secrets", "configmaps"]}]',
      '- level: Request',
      '  resources: [{group: "", resources: ["services"]}]',
      '',
    ].join('\n'),
    'omitStages: ["RequestReceived"]\n',
  );

  it.each([
    ['pods', 'RequestResponse', 0],
    ['configmaps', 'Metadata', 1],
    ['secrets', 'Metadata', 1],
    ['services', 'Request', 2],
    ['deployments', 'None', null],
  ] as const)('the study guide policy logs %s at %s', (resource, level, index) => {
    const d = evaluatePolicy(book, res('create', resource));
    expect([d.level, d.ruleIndex]).toEqual([level, index]);
    expect(d.omitStages).toEqual(['RequestReceived']);
  });

  it('stops at the first match, so an early None excludes later rules', () => {
    const p = policy('- level: None\n  nonResourceURLs: ["/healthz*", "/livez*", "/readyz*"]\n- level: Metadata\n');
    expect(evaluatePolicy(p, url('get', '/readyz', ANON)).level).toBe('None');
    expect(evaluatePolicy(p, url('get', '/readyz', ANON)).ruleIndex).toBe(0);
    expect(evaluatePolicy(p, url('get', '/version', ANON)).level).toBe('Metadata');
  });

  it('lets an early catch-all shadow every later rule', () => {
    const p = policy('- level: Metadata\n- level: RequestResponse\n  resources: [{group: "", resources: ["namespaces"]}]\n');
    expect(evaluatePolicy(p, res('create', 'namespaces', { ns: '' })).level).toBe('Metadata');
  });

  it('excludes a user group with None', () => {
    const p = policy('- level: None\n  userGroups: ["system:nodes"]\n- level: Metadata\n');
    expect(evaluatePolicy(p, res('get', 'nodes', { ns: '', user: NODE })).level).toBe('None');
    expect(evaluatePolicy(p, res('get', 'nodes', { ns: '' })).level).toBe('Metadata');
  });

  it('returns the union of policy and rule omitStages', () => {
    const p = policy('- level: Metadata\n  omitStages: ["ResponseStarted", "RequestReceived"]\n', 'omitStages: ["RequestReceived"]\n');
    expect(evaluatePolicy(p, res('get', 'pods')).omitStages).toEqual(['RequestReceived', 'ResponseStarted']);
  });

  it('returns the policy omitStages when nothing matches', () => {
    const p = policy('- level: Metadata\n  verbs: ["delete"]\n', 'omitStages: ["RequestReceived"]\n');
    expect(evaluatePolicy(p, res('get', 'pods'))).toEqual({ level: 'None', omitStages: ['RequestReceived'], omitManagedFields: false, ruleIndex: null });
  });

  it.each([
    ['the policy default applies when the rule is silent', 'omitManagedFields: true\n', '- level: Request\n', true],
    ['a rule false overrides a policy true', 'omitManagedFields: true\n', '- level: Request\n  omitManagedFields: false\n', false],
    ['a rule true overrides a policy default of false', '', '- level: Request\n  omitManagedFields: true\n', true],
  ] as const)('omitManagedFields: %s', (_d, head, rules, expected) => {
    expect(evaluatePolicy(policy(rules, head), res('update', 'pods', { name: 'x' })).omitManagedFields).toBe(expected);
  });
});
