import { describe, expect, it } from 'vitest';
import { auditPolicyReadError, loadAuditPolicy } from '../../src/audit';

const PATH = '/etc/kubernetes/audit/policy.yaml';
const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
const wrap = (inner: string): string => `loading audit policy file: ${inner}: from file ${PATH}`;

const DNS_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('loadAuditPolicy accepts valid policies', () => {
  it('loads the study guide start policy with its policy-wide omitStages', () => {
    const r = loadAuditPolicy(
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages:\n  - "RequestReceived"\nrules:\n  - level: RequestResponse\n    resources:\n    - group: ""\n      resources: ["pods"]\n',
      PATH,
    );
    expect(r).toEqual({
      ok: true,
      warnings: [],
      policy: {
        omitStages: ['RequestReceived'],
        omitManagedFields: false,
        rules: [
          {
            level: 'RequestResponse',
            users: [],
            userGroups: [],
            verbs: [],
            resources: [{ group: '', resources: ['pods'], resourceNames: [] }],
            namespaces: [],
            nonResourceURLs: [],
            omitStages: [],
            omitManagedFields: null,
          },
        ],
      },
    });
  });

  it('loads the same policy written as JSON', () => {
    const r = loadAuditPolicy('{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"Metadata"}]}', PATH);
    expect(r.ok && r.policy.rules[0].level).toBe('Metadata');
  });

  it('defaults kind to Policy when only apiVersion is given', () => {
    const r = loadAuditPolicy('apiVersion: audit.k8s.io/v1\nrules:\n- level: None\n', PATH);
    expect(r.ok).toBe(true);
  });

  it('reads YAML 1.1 booleans as go-yaml v2 does (yes = true)', () => {
    const r = loadAuditPolicy(`${HEAD}omitManagedFields: yes\nrules:\n- level: Metadata\n  omitManagedFields: off\n`, PATH);
    expect(r.ok && [r.policy.omitManagedFields, r.policy.rules[0].omitManagedFields]).toEqual([true, false]);
  });

  it('reads only the first YAML document', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: Metadata\n---\nthis: [is broken\n`, PATH);
    expect(r.ok).toBe(true);
  });

  it('accepts a bare "*" non-resource URL and verbs it never validates', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: None\n  verbs: [GET]\n  nonResourceURLs: ["*"]\n`, PATH);
    expect(r.ok && r.policy.rules[0].verbs).toEqual(['GET']);
  });
});

describe('strict decoding falls back to lenient decoding with a warning', () => {
  it('ignores a misspelled field, making the rule broader', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: Metadata\n  verb: ["get"]\n`, PATH);
    expect(r).toMatchObject({
      ok: true,
      warnings: ['Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].verb"'],
    });
    expect(r.ok && r.policy.rules[0].verbs).toEqual([]);
  });

  it('is case-sensitive about field names', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: None\n  Verbs: ["get"]\n`, PATH);
    expect(r.warnings).toEqual(['Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].Verbs"']);
  });

  it('reports unknown fields in sorted key order, as the YAML-to-JSON map conversion yields them', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: None\n  zeta: 1\n  alpha: 2\n  resources:\n  - group: ""\n    resource: ["pods"]\n`, PATH);
    expect(r.warnings).toEqual([
      'Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].alpha", unknown field "rules[0].resources[0].resource", unknown field "rules[0].zeta"',
    ]);
  });

  it('reports a duplicate YAML key with go-yaml wording and keeps the last value', () => {
    const r = loadAuditPolicy(`${HEAD}rules:\n- level: Metadata\n  level: None\n`, PATH);
    expect(r.warnings).toEqual([
      'Audit policy contains errors, falling back to lenient decoding: strict decoding error: yaml: unmarshal errors:\n  line 5: key "level" already set in map',
    ]);
    expect(r.ok && r.policy.rules[0].level).toBe('None');
  });

  it('reports a duplicate JSON field with its path', () => {
    const r = loadAuditPolicy('{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None","level":"Request"}]}', PATH);
    expect(r.warnings).toEqual(['Audit policy contains errors, falling back to lenient decoding: strict decoding error: duplicate field "rules[0].level"']);
    expect(r.ok && r.policy.rules[0].level).toBe('Request');
  });
});

const failures: Array<[string, string, string]> = [
  [
    'a removed apiVersion (v1beta1)',
    'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n',
    wrap('failed decoding: no kind "Policy" is registered for version "audit.k8s.io/v1beta1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30"'),
  ],
  [
    'a wrong kind',
    'apiVersion: audit.k8s.io/v1\nkind: AuditPolicy\nrules:\n- level: Metadata\n',
    wrap('failed decoding: no kind "AuditPolicy" is registered for version "audit.k8s.io/v1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30"'),
  ],
  [
    'apiVersion v1',
    'apiVersion: v1\nkind: Policy\nrules:\n- level: Metadata\n',
    wrap('failed decoding: no kind "Policy" is registered for version "v1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30"'),
  ],
  ['no apiVersion or kind', 'rules:\n- level: Metadata\n', wrap('unknown group version field audit.k8s.io/__internal, Kind=Policy in policy')],
  ['an apiVersion with two slashes', 'apiVersion: audit.k8s.io/v1/x\nkind: Policy\n', wrap('failed decoding: unexpected GroupVersion string: audit.k8s.io/v1/x')],
  ['`rule:` for `rules:`', `${HEAD}rule:\n- level: Metadata\n`, wrap('loaded illegal policy with 0 rules')],
  ['apiVersion and kind only', HEAD, wrap('loaded illegal policy with 0 rules')],
  ['a stage typo in omitStages', `${HEAD}omitStages: ["Foo"]\nrules:\n- level: None\n`, wrap('omitStages[0]: Invalid value: "Foo": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic')],
  ['a missing level', `${HEAD}rules:\n- verbs: ["get"]\n`, wrap('rules[0].level: Required value')],
  [
    'a lowercase level',
    `${HEAD}rules:\n- level: metadata\n`,
    wrap('rules[0].level: Unsupported value: "metadata": supported values: "None", "Metadata", "Request", "RequestResponse"'),
  ],
  [
    'a relative non-resource URL',
    `${HEAD}rules:\n- level: None\n  nonResourceURLs: ["logs"]\n`,
    wrap(`rules[0].nonResourceURLs[0]: Invalid value: "logs": non-resource URL rules must begin with a '/' character`),
  ],
  [
    'a wildcard in the middle of a URL',
    `${HEAD}rules:\n- level: None\n  nonResourceURLs: ["/logs/*.log"]\n`,
    wrap(`rules[0].nonResourceURLs[0]: Invalid value: "/logs/*.log": non-resource URL wildcards '*' must be the final character of the rule`),
  ],
  [
    'URLs mixed with namespaces',
    `${HEAD}rules:\n- level: None\n  namespaces: ["default"]\n  nonResourceURLs: ["/logs*"]\n`,
    wrap('rules[0].nonResourceURLs: Invalid value: []string{"/logs*"}: rules cannot apply to both regular resources and non-resource URLs'),
  ],
  ['a group with a version', `${HEAD}rules:\n- level: None\n  resources:\n  - group: apps/v1\n`, wrap(`rules[0].resources.group: Invalid value: "apps/v1": ${DNS_MSG}`)],
  ['"*" as a group (a wildcard only from 1.36)', `${HEAD}rules:\n- level: None\n  resources:\n  - group: "*"\n`, wrap(`rules[0].resources.group: Invalid value: "*": ${DNS_MSG}`)],
  [
    'resourceNames without resources',
    `${HEAD}rules:\n- level: None\n  resources:\n  - group: coordination.k8s.io\n    resourceNames: ["leader"]\n`,
    wrap('rules[0].resources.resourceNames: Invalid value: []string{"leader"}: using resourceNames requires at least one resource'),
  ],
  [
    'several errors, bracketed and deduplicated',
    `${HEAD}rules:\n- level: Info\n  resources:\n  - group: Apps\n  - group: Apps\n- level: Metadata\n  omitStages: [RequestRecieved]\n`,
    wrap(
      `[rules[0].level: Unsupported value: "Info": supported values: "None", "Metadata", "Request", "RequestResponse", rules[0].resources.group: Invalid value: "Apps": ${DNS_MSG}, rules[1].omitStages[0]: Invalid value: "RequestRecieved": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic]`,
    ),
  ],
  [
    'a string where a list belongs',
    `${HEAD}rules:\n- level: Metadata\n  verbs: get\n`,
    wrap('failed decoding: json: cannot unmarshal string into Go struct field PolicyRule.rules.verbs of type []string'),
  ],
  [
    'a list where the level belongs',
    `${HEAD}rules:\n- level: [Metadata]\n`,
    wrap('failed decoding: json: cannot unmarshal array into Go struct field PolicyRule.rules.level of type v1.Level'),
  ],
  [
    'a number as a group',
    `${HEAD}rules:\n- level: Metadata\n  resources:\n  - group: 1\n`,
    wrap('failed decoding: json: cannot unmarshal number into Go struct field GroupResources.rules.resources.group of type string'),
  ],
  [
    'a mapping where rules belong',
    `${HEAD}rules:\n  level: Metadata\n`,
    wrap('failed decoding: json: cannot unmarshal object into Go struct field Policy.rules of type []v1.PolicyRule'),
  ],
  [
    'a document that is a plain string',
    'hello\n',
    wrap(
      'failed decoding: couldn\'t get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
    ),
  ],
  [
    'an apiVersion that is a number',
    'apiVersion: 1\nkind: Policy\n',
    wrap("failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string"),
  ],
  [
    'a JSON trailing comma',
    '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None",}]}',
    wrap("failed decoding: couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string"),
  ],
  [
    'a YAML flow mapping, which the decoder takes for JSON',
    '{apiVersion: audit.k8s.io/v1, kind: Policy}',
    wrap("failed decoding: couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of object key string"),
  ],
  [
    'a key indented one space too far after a flow list',
    `${HEAD}rules:\n  - level: Metadata\n    resources:\n    - group: ""\n      resources: ["secrets"]\n       verbs: ["get"]\n`,
    wrap('failed decoding: yaml: line 7: did not find expected key'),
  ],
  [
    'a key indented into the previous plain value',
    `${HEAD}rules:\n  - level: Metadata\n     resources:\n    - group: ""\n      resources: ["secrets"]\n`,
    wrap('failed decoding: yaml: line 5: mapping values are not allowed in this context'),
  ],
  [
    'an alias bomb',
    `${HEAD}a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nrules: [*d]\n`,
    wrap('failed decoding: yaml: document contains excessive aliasing'),
  ],
  ['an undefined alias', `${HEAD}rules: *nope\n`, wrap("failed decoding: yaml: unknown anchor 'nope' referenced")],
  ['an event in place of a policy', 'apiVersion: audit.k8s.io/v1\nkind: Event\n', wrap('failed decoding: converting (k8s.io/apiserver/pkg/apis/audit/v1) Event to (k8s.io/apiserver/pkg/apis/audit) Policy: unknown conversion')],
];

describe('loadAuditPolicy rejects bad policies with kube-apiserver 1.26 wording', () => {
  it.each(failures)('%s', (_name, text, error) => {
    const r = loadAuditPolicy(text, PATH);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(error);
  });

  it('warns before failing when a file without apiVersion has an unknown field', () => {
    const r = loadAuditPolicy('metadata:\n  name: x\nrules:\n- level: None\n', PATH);
    expect(r).toEqual({
      ok: false,
      error: wrap('unknown group version field audit.k8s.io/__internal, Kind=Policy in policy'),
      warnings: ['Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "metadata"'],
    });
  });

  it('words a missing file as upstream, without the from-file suffix', () => {
    expect(auditPolicyReadError(PATH, 'ENOENT')).toBe(
      'loading audit policy file: failed to read file path "/etc/kubernetes/audit/policy.yaml": open /etc/kubernetes/audit/policy.yaml: no such file or directory',
    );
    expect(auditPolicyReadError('/etc/kubernetes/audit', 'EISDIR')).toBe(
      'loading audit policy file: failed to read file path "/etc/kubernetes/audit": read /etc/kubernetes/audit: is a directory',
    );
  });
});
