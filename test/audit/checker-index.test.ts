// evaluatePolicy files rules under one request attribute to skip rules that cannot match; whatever the
// policy, it must decide exactly as trying every rule in order does (checker.go's loop).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, ruleMatches, type AuditPolicy, type AuditPolicyRule, type RequestAttributes } from '../../src/audit';

const USERS = ['kubernetes-admin', 'jane', 'system:anonymous', 'system:node:w1'];
const GROUPS = ['system:masters', 'system:authenticated', 'system:nodes', 'system:unauthenticated', 'dev'];
const VERBS = ['get', 'list', 'create', 'update', 'patch', 'delete', 'watch', 'post'];
const NAMESPACES = ['', 'default', 'kube-system'];
const GROUP_NAMES = ['', 'apps', 'coordination.k8s.io'];
const RESOURCES = ['pods', 'pods/log', 'pods/*', '*/status', '*', 'secrets', 'leases', 'nodes/status'];
const URLS = ['*', '/healthz', '/healthz*', '/api*', '/readyz'];
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;

const some = <T>(xs: readonly T[]) => fc.subarray([...xs], { maxLength: Math.min(3, xs.length) });
const maybe = <T>(arb: fc.Arbitrary<T[]>) => fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 2 }, { arbitrary: arb, weight: 1 });

const rule: fc.Arbitrary<AuditPolicyRule> = fc
  .record({
    level: fc.constantFrom(...LEVELS),
    users: maybe(some(USERS)),
    userGroups: maybe(some(GROUPS)),
    verbs: maybe(some(VERBS)),
    namespaces: maybe(some(NAMESPACES)),
    resources: maybe(fc.array(fc.record({ group: fc.constantFrom(...GROUP_NAMES), resources: maybe(some(RESOURCES)), resourceNames: maybe(some(['web', 'db-pass'])) }), { maxLength: 2 })),
    urls: maybe(some(URLS)),
  })
  .map((r) => ({
    level: r.level,
    users: r.users,
    userGroups: r.userGroups,
    verbs: r.verbs,
    namespaces: r.namespaces,
    resources: r.resources,
    // A rule never has both (validation refuses it).
    nonResourceURLs: r.namespaces.length > 0 || r.resources.length > 0 ? [] : r.urls,
    omitStages: [],
  }) as unknown as AuditPolicyRule);

const user = fc.oneof(fc.constant(null), fc.record({ username: fc.constantFrom(...USERS), groups: some(GROUPS) }));
const request: fc.Arbitrary<RequestAttributes> = fc.oneof(
  fc.record({
    user,
    verb: fc.constantFrom(...VERBS),
    resourceRequest: fc.constant(true as const),
    namespace: fc.constantFrom(...NAMESPACES),
    apiGroup: fc.constantFrom(...GROUP_NAMES),
    resource: fc.constantFrom('pods', 'secrets', 'leases', 'nodes'),
    subresource: fc.constantFrom('', 'log', 'status', 'exec'),
    name: fc.constantFrom('', 'web', 'db-pass'),
  }),
  fc.record({ user, verb: fc.constantFrom(...VERBS), resourceRequest: fc.constant(false as const), path: fc.constantFrom('/healthz', '/healthz/etcd', '/readyz', '/apis/apps/v1', '/version') }),
);

function linearScan(policy: AuditPolicy, attrs: RequestAttributes): number | null {
  const i = policy.rules.findIndex((r) => ruleMatches(r, attrs));
  return i < 0 ? null : i;
}

describe('evaluatePolicy with indexed rules', () => {
  it('picks the same rule as trying every rule in order', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 25 }), fc.array(request, { minLength: 1, maxLength: 10 }), (rules, requests) => {
        const policy = { rules, omitStages: [], omitManagedFields: false } as unknown as AuditPolicy;
        for (const attrs of requests) expect(evaluatePolicy(policy, attrs).ruleIndex).toBe(linearScan(policy, attrs));
      }),
      { numRuns: 400 },
    );
  });

  it('sees a policy whose rules list was replaced', () => {
    const policy = { rules: [{ level: 'Metadata', users: [], userGroups: [], verbs: [], namespaces: [], resources: [], nonResourceURLs: [], omitStages: [] }], omitStages: [], omitManagedFields: false } as unknown as AuditPolicy;
    const attrs: RequestAttributes = { user: null, verb: 'get', resourceRequest: false, path: '/readyz' };
    expect(evaluatePolicy(policy, attrs).level).toBe('Metadata');
    policy.rules = [{ ...policy.rules[0]!, level: 'Request' }];
    expect(evaluatePolicy(policy, attrs).level).toBe('Request');
  });
});
