// -o yaml as sigs.k8s.io/yaml + yaml.v2 write it: layout, key order, quoting and folding.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  isYamlTimestamp,
  resolvesToString,
  stringStyle,
  toKubectlYaml,
  toKubectlYamlDocuments,
  yamlSortedKeys,
} from '../../src/commands/kubectl/printers';
import type { GoValue } from '../../src/jsonpath';
import { DRY_RUN_POD_YAML, NGINX_POD_YAML, nginxPod, scrambleKeys } from './fixtures';

describe('reference objects print verbatim', () => {
  it('a running pod from kubectl run', () => {
    expect(toKubectlYaml(nginxPod() as unknown as GoValue)).toBe(NGINX_POD_YAML);
  });

  it('a dry-run pod with creationTimestamp: null and status: {}', () => {
    expect(toKubectlYaml(scrambleKeys(parse(DRY_RUN_POD_YAML)))).toBe(DRY_RUN_POD_YAML);
  });

  it('a List of items, as get prints several objects', () => {
    const list = { kind: 'List', metadata: { resourceVersion: '' }, items: [{ kind: 'ConfigMap', apiVersion: 'v1', data: { k: 'v' } }], apiVersion: 'v1' };
    expect(toKubectlYaml(list)).toBe('apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    k: v\n  kind: ConfigMap\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });
});

describe('layout', () => {
  it('nested lists, maps in lists and empty containers', () => {
    expect(toKubectlYaml({ a: [['p', 'q'], { x: 1, z: [] }, {}], b: {} })).toBe('a:\n- - p\n  - q\n- x: 1\n  z: []\n- {}\nb: {}\n');
  });

  it('top-level empty map and list', () => {
    expect(toKubectlYaml({})).toBe('{}\n');
    expect(toKubectlYaml([])).toBe('[]\n');
  });

  it('several documents are separated by ---', () => {
    expect(toKubectlYamlDocuments([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });

  it('numbers: integers plain, floats in Go %g form', () => {
    expect(toKubectlYaml({ i: 420, f: 0.5, big: 1234567.5, neg: -3 })).toBe('big: 1.2345675e+06\nf: 0.5\ni: 420\nneg: -3\n');
  });

  it('a trailing newline gives a | block (the last-applied annotation)', () => {
    const annotation = '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx","namespace":"default"}}\n';
    expect(toKubectlYaml({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': annotation } } })).toBe(
      `metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${annotation}`,
    );
  });

  it.each([
    ['a\nb', 'k: |-\n  a\n  b\n'],
    ['a\n\n', 'k: |+\n  a\n\nz: 1\n'],
    ['\na\n', 'k: |2\n\n  a\n'],
    ['a \nb', 'k: "a \\nb"\n'],
    ['a\tb\nc', 'k: "a\\tb\\nc"\n'],
  ])('block scalar %j', (value, yaml) => {
    const obj: Record<string, GoValue> = { k: value };
    if (yaml.includes('z: 1')) obj.z = 1;
    expect(toKubectlYaml(obj)).toBe(yaml);
  });
});

describe('key order', () => {
  it('is yaml.v2 natural order: digit runs as numbers, non-letters before letters', () => {
    expect(yamlSortedKeys({ key10: 1, key9: 1, ab: 1, a_b: 1, 'a-b': 1, B: 1, a: 1, 'a.b': 1 })).toEqual(['B', 'a', 'a-b', 'a.b', 'a_b', 'ab', 'key9', 'key10']);
  });
});

describe('string styles', () => {
  it.each([
    ['nginx', 'plain'],
    ['', 'double'],
    ['True', 'double'],
    ['yes', 'double'],
    ['y', 'double'],
    ['null', 'double'],
    ['~', 'double'],
    ['48211', 'double'],
    ['0x1F', 'double'],
    ['1e3', 'double'],
    ['.5', 'double'],
    ['1_000', 'double'],
    ['08', 'double'],
    ['10:30', 'double'],
    ['2023-03-06T10:15:02Z', 'double'],
    ['2023-03-06', 'double'],
    ['2023-02-30', 'plain'],
    ['1.26.0', 'plain'],
    ['v1.26.0', 'plain'],
    ['containers with unready status: [nginx]', 'single'],
    ['- x', 'single'],
    ['-x', 'plain'],
    ['key:', 'single'],
    ['a:b', 'plain'],
    ['#x', 'single'],
    ['a #x', 'single'],
    ['a#x', 'plain'],
    ['*', 'single'],
    [' lead', 'single'],
    ['trail ', 'single'],
    ['it\'s', 'plain'],
    ['a\tb', 'double'],
    ['multi\nline', 'literal'],
    ['---', 'single'],
    ['ümlaut', 'plain'],
    ['emoji 😀', 'double'],
    ['/var/run/secrets/kubernetes.io/serviceaccount', 'plain'],
    ['spec.containers{nginx}', 'plain'],
  ])('%j is %s', (value, style) => {
    expect(stringStyle(value, false)).toBe(style);
  });

  it('quoted forms escape as yaml.v2 does', () => {
    expect(toKubectlYaml({ s: "it's: here", d: 'tab\there "q" \\', e: 'emoji 😀' })).toBe(
      'd: "tab\\there \\"q\\" \\\\"\ne: "emoji \\U0001F600"\ns: \'it\'\'s: here\'\n',
    );
  });

  it('a multi-line key is double-quoted', () => {
    expect(toKubectlYaml({ 'a\nb': 1 })).toBe('"a\\nb": 1\n');
  });

  it.each([
    ['2006-1-2', true],
    ['2023-03-06 10:15:02', true],
    ['2023-03-06t10:15:02.5+01:00', true],
    ['2023-13-01', false],
    ['2023-03-06T25:00:00Z', false],
    ['20230306', false],
  ])('timestamp %s → %s', (s, isTs) => {
    expect(isYamlTimestamp(s)).toBe(isTs);
  });

  it.each(['on', 'Off', 'NO', '.inf', '-.Inf', '+1', '-0b101'])('%s does not read back as a string', (s) => {
    expect(resolvesToString(s)).toBe(false);
  });
});

describe('folding at column 80', () => {
  it('a long single-quoted event message folds at the first space past column 80', () => {
    const message =
      'Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(toKubectlYaml({ message })).toBe(
      `message: 'Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to
  pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference
  "docker.io/library/nginxx:latest": pull access denied, repository does not exist
  or may require authorization: server message: insufficient_scope: authorization
  failed'
`,
    );
  });

  it('a plain scalar in a nested list folds to the item indentation + 2', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const out = toKubectlYaml({ a: { b: [{ msg: words }] } });
    expect(out).toBe(
      'a:\n  b:\n  - msg: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n' +
        '      word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22\n' +
        '      word23 word24 word25 word26 word27 word28 word29\n',
    );
  });

  it('a long word without spaces is never broken', () => {
    const long = 'x'.repeat(120);
    expect(toKubectlYaml({ k: long })).toBe(`k: ${long}\n`);
  });

  it('keys never fold', () => {
    const key = Array.from({ length: 20 }, () => 'ab').join(' ').concat(' z'.repeat(30));
    expect(toKubectlYaml({ [key]: 1 }).split('\n')).toHaveLength(2);
  });
});
