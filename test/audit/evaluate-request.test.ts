// evaluateRequest decides from the request info directly (reusing one attributes object); it must give
// what evaluatePolicy gives on requestAttributesOf(info), for any request and any policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, evaluateRequest, loadAuditPolicy, requestAttributesOf, ruleMatches, type AuditPolicy, type AuditPolicyRule, type AuditRequestInfo, type ResourceRequestAttributes } from '../../src/audit';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: None
  users: ["system:kube-controller-manager"]
  verbs: ["get", "update"]
  namespaces: ["kube-system"]
  resources: [{group: "coordination.k8s.io", resources: ["leases"]}]
- level: None
  nonResourceURLs: ["/healthz*", "/readyz", "/livez*"]
- level: Request
  userGroups: ["system:nodes"]
  verbs: ["update", "patch"]
  resources: [{group: "", resources: ["nodes/status", "pods/status"]}]
- level: Metadata
  resources: [{group: "", resources: ["secrets"], resourceNames: ["db-pass"]}]
- level: RequestResponse
  resources: [{group: "", resources: ["pods/*"]}]
- level: Request
  namespaces: [""]
- level: Metadata
  omitStages: ["ResponseStarted"]
`;

const loaded = loadAuditPolicy(POLICY, '/etc/kubernetes/audit/policy.yaml');
if (!loaded.ok) throw new Error(loaded.error);
const policy: AuditPolicy = loaded.policy;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const info: fc.Arbitrary<AuditRequestInfo> = fc.record({
  auditID: fc.constant('id'),
  verb: fc.constantFrom('get', 'list', 'update', 'patch', 'create', 'watch'),
  requestURI: fc.constantFrom('/readyz', '/readyz?verbose', '/healthz/etcd', '/livez', '/version', '/api/v1/pods?watch=1'),
  user: fc.oneof(fc.constant(null), fc.record({ username: fc.constantFrom('system:kube-controller-manager', 'system:node:w1', 'jane'), groups: fc.subarray(['system:nodes', 'system:authenticated', 'dev']) })),
  sourceIPs: fc.constant([]),
  userAgent: fc.constant(''),
  // Any subset of fields, in any order: objectRefs come in many shapes.
  objectRef: maybe(
    fc
      .record(
        {
          resource: fc.constantFrom('pods', 'leases', 'secrets', 'nodes'),
          subresource: fc.constantFrom('', 'status', 'log', 'exec'),
          namespace: fc.constantFrom('', 'default', 'kube-system'),
          name: fc.constantFrom('', 'db-pass', 'web'),
          apiGroup: fc.constantFrom('', 'coordination.k8s.io'),
          apiVersion: fc.constant('v1'),
        },
        { requiredKeys: [] },
      )
      .chain((r) => fc.shuffledSubarray(Object.keys(r), { minLength: Object.keys(r).length }).map((keys) => Object.fromEntries(keys.map((k) => [k, r[k as keyof typeof r]])))),
  ),
  times: fc.constant({ epochMs: 0, received: 0, completed: 0 }),
});

describe('evaluateRequest', () => {
  it('decides as evaluatePolicy on requestAttributesOf does', () => {
    fc.assert(
      fc.property(fc.array(info, { minLength: 1, maxLength: 8 }), (requests) => {
        for (const r of requests) expect(evaluateRequest(policy, r)).toBe(evaluatePolicy(policy, requestAttributesOf(r)));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['/readyz', 'None'],
    ['/readyz?verbose', 'None'],
    ['/healthz/etcd', 'None'],
    ['/version', 'Metadata'],
  ])('matches nonResourceURLs against the path of %s (query cut off)', (requestURI, level) => {
    const r: AuditRequestInfo = { auditID: 'a', verb: 'get', requestURI, user: { username: 'jane', groups: [] }, sourceIPs: [], userAgent: '', times: { epochMs: 0, received: 0, completed: 0 } };
    expect(evaluateRequest(policy, r).level).toBe(level);
  });
});

describe('rules indexed by group and resource', () => {
  // Entries whose wildcard and slash handling the index must mirror: prefixes, cutsets, literal stars.
  const ENTRIES = ['pods', 'pods/log', 'pods/*', 'pods/**', '*/status', '*//status', '*', '**', '/*', 'a/b/c', 'a/b', 'a', '*/*', ''];
  const resourceRule = fc
    .record({
      level: fc.constantFrom('Metadata', 'Request'),
      resources: fc.array(fc.record({ group: fc.constantFrom('', 'apps'), resources: fc.subarray(ENTRIES, { maxLength: 3 }), resourceNames: fc.constantFrom<string[]>([], ['web']) }), { minLength: 1, maxLength: 2 }),
    })
    .map((r) => ({ ...r, users: [], userGroups: [], verbs: [], namespaces: [], nonResourceURLs: [], omitStages: [], omitManagedFields: null }) as AuditPolicyRule);
  const attrs: fc.Arbitrary<ResourceRequestAttributes> = fc.record({
    user: fc.constant(null),
    verb: fc.constant('get'),
    resourceRequest: fc.constant(true as const),
    namespace: fc.constant('default'),
    apiGroup: fc.constantFrom('', 'apps', 'batch'),
    resource: fc.constantFrom('pods', 'a', 'a/b', '', '**', '*'),
    subresource: fc.constantFrom('', 'log', 'status', 'b', 'b/c', '*', '/status'),
    name: fc.constantFrom('', 'web'),
  });

  it('picks the first rule that matches, as trying every rule in order does', () => {
    fc.assert(
      fc.property(fc.array(resourceRule, { maxLength: 12 }), fc.array(attrs, { minLength: 1, maxLength: 10 }), (rules, requests) => {
        const policy: AuditPolicy = { rules, omitStages: [], omitManagedFields: false };
        for (const a of requests) {
          const first = rules.findIndex((r) => ruleMatches(r, a));
          expect(evaluatePolicy(policy, a).ruleIndex).toBe(first < 0 ? null : first);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
