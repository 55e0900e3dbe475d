import { describe, expect, it } from 'vitest';
import { explainPolicy, loadAuditPolicy, type AuditPolicy, type RequestAttributes } from '../../src/audit';

function policy(rules: string): AuditPolicy {
  const r = loadAuditPolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`, '/p.yaml');
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const ADMIN = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const create = (resource: string, group = '', ns = 'default'): RequestAttributes => ({
  user: ADMIN,
  verb: 'create',
  resourceRequest: true,
  namespace: ns,
  apiGroup: group,
  resource,
  subresource: '',
  name: '',
});

describe('explainPolicy', () => {
  it('lists why each earlier rule was passed over and marks the winner', () => {
    const p = policy(
      [
        '- level: None',
        '  nonResourceURLs: ["/healthz*"]',
        '- level: RequestResponse',
        '  resources: [{group: "", resources: ["deployments"]}]',
        '- level: Metadata',
        '',
      ].join('\n'),
    );
    const e = explainPolicy(p, create('deployments', 'apps'));
    expect(e.decision).toMatchObject({ level: 'Metadata', ruleIndex: 2 });
    expect(e.rules).toEqual([
      { index: 0, level: 'None', matched: false, mismatches: [{ field: 'nonResourceURLs', message: 'the rule sets nonResourceURLs, so it only matches non-resource requests' }] },
      {
        index: 1,
        level: 'RequestResponse',
        matched: false,
        mismatches: [
          {
            field: 'resources',
            message: 'no resources entry covers group "apps" resource "deployments"',
            hint: '"deployments" is listed under group "" but the request\'s group is "apps"',
          },
        ],
      },
      { index: 2, level: 'Metadata', matched: true, mismatches: [] },
    ]);
  });

  it.each([
    [
      'a subresource not covered by its resource',
      '- level: None\n  resources: [{group: "", resources: ["pods"]}]\n',
      { ...create('pods'), verb: 'get', subresource: 'log', name: 'web' } as RequestAttributes,
      '"pods" does not cover the subresource "log": list "pods/log" or "pods/*"',
    ],
    [
      'resourceNames on a create',
      '- level: None\n  resources: [{group: "", resources: ["configmaps"], resourceNames: ["cfg"]}]\n',
      create('configmaps'),
      'resourceNames never match create requests: their name attribute is ""',
    ],
    ['an uppercase verb', '- level: None\n  verbs: ["CREATE"]\n', create('pods'), 'verbs are compared case-sensitively'],
    ['a "*" verb', '- level: None\n  verbs: ["*"]\n', create('pods'), '"*" is not a wildcard in verbs: values are compared exactly'],
  ])('hints at %s', (_name, rules, attrs, hint) => {
    const e = explainPolicy(policy(rules), attrs);
    expect(e.rules[0].mismatches[0].hint).toBe(hint);
  });

  it('explains every rule when nothing matches', () => {
    const e = explainPolicy(policy('- level: Metadata\n  namespaces: ["prod"]\n- level: Metadata\n  userGroups: ["system:nodes"]\n'), create('secrets'));
    expect(e.decision.ruleIndex).toBeNull();
    expect(e.rules.map((r) => r.mismatches.map((m) => m.message))).toEqual([
      ['namespace "default" is not in namespaces ["prod"]'],
      ['none of the user\'s groups ["system:masters", "system:authenticated"] is in userGroups ["system:nodes"]'],
    ]);
  });
});
