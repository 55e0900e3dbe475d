import { it } from 'vitest';
import { loadAuditPolicy } from '../../src/audit/policy-loader';
const cases: Record<string,string> = {
  good: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceived"]\nrules:\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["pods"]\n',
  verbTypo: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  verb: ["get"]\n',
  v1beta1: 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n',
  noGvk: 'rules:\n- level: Metadata\n',
  empty: '',
  rule: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrule:\n- level: Metadata\n',
  badLevel: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: metadata\n- nonResourceURLs: ["logs", "/a*b"]\n  resources: [{group: "apps/v1", resourceNames: ["x"]}]\n',
  dup: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  level: None\n',
  json: '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None",}]}',
  jsonDup: '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None","level":"Metadata"}]}',
  typeErr: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  verbs: get\n',
  indent: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n     resources:\n    - group: ""\n',
  scalar: 'hello\n',
};
it('smoke', () => { for (const [k, v] of Object.entries(cases)) console.log(k, JSON.stringify(loadAuditPolicy(v, '/etc/kubernetes/audit/policy.yaml'))); });
