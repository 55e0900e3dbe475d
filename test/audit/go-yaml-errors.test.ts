import { describe, expect, it } from 'vitest';
import { loadPolicyFromBytes } from '../../src/audit';

// Expected texts follow go-yaml v2 (libyaml): scanner errors name the 1-based line of the problem,
// parser errors the 0-based one, and a parser error on line 0 has no "line N:" prefix.
const cases: Array<[string, string, string]> = [
  ['a tab used as indentation', 'a:\n\t- x\n', 'yaml: line 2: found character that cannot start any token'],
  ['a reserved character starting a value', 'a: @x\n', 'yaml: line 1: found character that cannot start any token'],
  ['a key indented under a plain value', 'kind: Policy\n  rules:\n  - level: None\n', 'yaml: line 2: mapping values are not allowed in this context'],
  ['two colons on one line', 'a: b: c\n', 'yaml: line 1: mapping values are not allowed in this context'],
  ['a key without a colon', 'apiVersion: v1\nfoo\nrules: []\n', "yaml: line 3: could not find expected ':'"],
  ['a key without a colon at the end', 'a: 1\nfoo\n', "yaml: line 3: could not find expected ':'"],
  [
    'a list item one column too deep',
    'rules:\n  - level: Metadata\n    resources:\n    - group: ""\n      resources: ["secrets"]\n   - level: None\n',
    "yaml: line 5: did not find expected '-' indicator",
  ],
  ['a list item one column too shallow', 'rules:\n  - level: Metadata\n - level: None\n', 'yaml: line 2: did not find expected key'],
  ['a list item inside a mapping', 'a: 1\n- b\n', 'yaml: line 1: did not find expected key'],
  ['a key after a top-level list', '- a\nb: c\n', "yaml: line 1: did not find expected '-' indicator"],
  ['a key level with list items', 'a:\n  - x\n  y: 1\n', "yaml: line 2: did not find expected '-' indicator"],
  [
    'a key between an indentless dash and its siblings',
    'rules:\n  - level: Metadata\n    resources:\n    - group: ""\n     resources: ["secrets"]\n',
    'yaml: line 4: did not find expected key',
  ],
  ['an unclosed quote', "a: 'x\n", 'yaml: line 2: found unexpected end of stream'],
  ['an unclosed flow list', 'a: [1, 2\n', "yaml: line 1: did not find expected ',' or ']'"],
  ['a stray closing bracket on line 1', 'a: ]\n', 'yaml: did not find expected node content'],
];

describe('YAML syntax errors read as go-yaml v2 prints them', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    const r = loadPolicyFromBytes(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(`failed decoding: ${expected}`);
  });
});
