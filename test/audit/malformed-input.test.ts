import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, explainPolicy, loadAuditPolicy, parseApiServerCommand } from '../../src/audit';

// Fragments that steer random text towards the shapes a policy file has.
const policyToken = fc.constantFrom(
  'apiVersion: audit.k8s.io/v1\n',
  'kind: Policy\n',
  'rules:\n',
  '- level: Metadata\n',
  '  - level: None\n',
  '    resources:\n',
  '    - group: ""\n',
  '      resources: ["pods", "pods/*"]\n',
  '  verbs: [get]\n',
  '  nonResourceURLs: ["/healthz*"]\n',
  '  omitStages: [RequestReceived]\n',
  'omitManagedFields: yes\n',
  '&a [*a]\n',
  '*a\n',
  '{"rules": [',
  ']}',
  '\t',
  ': ',
  '- ',
  '"',
  "'",
  '[',
  '{',
  '\n',
  '#',
  '---\n',
);
const policyText = fc.oneof(fc.string(), fc.array(policyToken, { maxLength: 30 }).map((xs) => xs.join('')), fc.json());

const flagToken = fc.constantFrom(
  '--audit-log-path=/var/log/a.log',
  '--audit-log-path',
  '--audit-log-maxage=',
  '--audit-log-maxage=-1',
  '--audit-webhook-initial-backoff=1.5h',
  '--allow-privileged',
  '--enable-admission-plugins="a,b"',
  '-v',
  '-v=3',
  '--',
  '-',
  '---',
  '--=x',
  '--version=raw',
  '',
  'true',
);

describe('user input never throws out of the public API', () => {
  it('loadAuditPolicy returns a result for any text', () => {
    fc.assert(
      fc.property(policyText, (text) => {
        const r = loadAuditPolicy(text, '/p.yaml');
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.startsWith('loading audit policy file: ')).toBe(true);
        else {
          // A loaded policy always evaluates.
          const d = evaluatePolicy(r.policy, { user: null, verb: 'get', resourceRequest: false, path: '/healthz' });
          expect(explainPolicy(r.policy, { user: null, verb: 'get', resourceRequest: false, path: '/healthz' }).decision).toEqual(d);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parseApiServerCommand returns a result for any argument list', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(flagToken, fc.string()), { maxLength: 12 }), (args) => {
        const r = parseApiServerCommand(['kube-apiserver', ...args]);
        expect(['ok', 'error', 'help', 'version']).toContain(r.kind);
        if (r.kind === 'error') expect(r.stderr.startsWith('Error: ')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
