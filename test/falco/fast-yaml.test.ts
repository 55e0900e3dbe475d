// The fast rules-file reader gives the yaml library's nodes for the YAML it accepts, and declines the rest.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRulesYaml } from '../../src/falco/rules/fast-yaml';

const asset = (name: string): string => readFileSync(new URL(`../../assets/falco/${name}`, import.meta.url), 'utf8');
const SHIPPED = ['falco_rules.yaml', 'k8s_audit_rules.yaml', 'rules.available/application_rules.yaml'];

/** What the rules reader looks at: kinds, scalar style and text, start offsets. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return null;
  if (isMap(n)) return { map: n.range?.[0], pairs: n.items.map((p) => [shape(p.key), shape(p.value)]) };
  if (isSeq(n)) return { seq: n.range?.[0], items: n.items.map(shape) };
  if (isScalar(n)) return { scalar: n.range?.[0], type: n.type, text: n.type === 'PLAIN' ? n.source : String(n.value ?? '') };
  return { other: String(n) };
}

/** The library's reading, or undefined when it reports errors or several documents. */
function library(content: string): unknown {
  const docs = parseAllDocuments(content, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length > 0) return undefined;
  return shape(docs[0].contents);
}

function agrees(content: string): boolean {
  const fast = parseRulesYaml(content);
  if (fast === null) return true;
  expect(shape(fast as YamlNode)).toEqual(library(content));
  return true;
}

describe('fast rules YAML reader', () => {
  it.each(SHIPPED)('reads the shipped %s itself, exactly as the library does', (name) => {
    const content = asset(name);
    const fast = parseRulesYaml(content);
    expect(fast).not.toBeNull();
    expect(shape(fast as YamlNode)).toEqual(library(content));
  });

  it.each([
    ['a folded condition', '- macro: m\n  condition: >\n    a and\n    b\n\n    c\n'],
    ['a stripped literal', '- macro: m\n  condition: |-\n    a\n      b\n'],
    ['an empty value', '- rule: r\n  desc:\n  x: 1\n'],
    ['a sequence at the key’s indentation', '- rule: r\n  tags:\n  - a\n  - b\n  enabled: true\n'],
    ['nested exception values', '- rule: r\n  exceptions:\n    - name: e\n      values:\n        - [a, "b c"]\n        - [[x, y], \'z\'\'s\']\n'],
    ['a flow sequence over lines', '- list: l\n  items: [a, b,\n    c, "d"]  # trailing\n'],
    ['a multi-line plain scalar', '- rule: r\n  desc: one two\n    three\n\n    four\n  output: x %proc.name\n'],
    ['comments and blank lines', '# head\n\n- list: l   # c\n  # inside\n  items: []\n\n# tail\n'],
    ['escapes', '- rule: r\n  output: "a\\tb\\"c\\x41\\u00e9"\n'],
    ['control and separator characters', '- rule: a\x01b\n  desc: "x\x02"\n  output: a\u0085b \u2028 c\x7f\n  x: a\u00a0\n  y: b\u2028\n  z: [c\u00a0, d\u3000]\n'],
  ])('agrees with the library on %s', (_, content) => {
    expect(parseRulesYaml(content)).not.toBeNull();
    agrees(content);
  });

  it.each([
    ['anchors', '- list: l\n  items: &a [x]\n- list: m\n  items: *a\n'],
    ['tabs', '- list: l\n\titems: []\n'],
    ['CR line ends', '- list: l\r\n  items: []\r\n'],
    ['a top-level mapping', 'rule: r\n'],
    ['two documents', '- list: l\n  items: []\n---\n- list: m\n  items: []\n'],
    ['a flow mapping', '- list: l\n  items: {a: b}\n'],
    ['a multi-line quoted scalar', '- rule: r\n  desc: "a\n    b"\n'],
    ['bad indentation', '- rule: r\n   desc: x\n  output: y\n'],
    ['a key: value inside a plain scalar', '- rule: r\n  desc: a: b\n'],
    ['a trailing comma', '- list: l\n  items: [a, b,]\n'],
    ['an empty file', ''],
  ])('leaves %s to the library', (_, content) => {
    expect(parseRulesYaml(content)).toBeNull();
  });

  it('never disagrees with the library on mutated rules files', () => {
    const base = asset('falco_rules.yaml').slice(0, 6000) + asset('k8s_audit_rules.yaml').slice(0, 3000);
    const edit = fc.record({
      at: fc.nat(base.length),
      cut: fc.nat(4),
      insert: fc.array(fc.constantFrom(' ', '  ', '-', '- ', ':', ': ', '#', ' #', '\n', '\n  ', '[', ']', ',', '"', "'", '>', '|', '|-', 'a', '\\', '\n\n', '~', '&x', '*x', '{'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = base;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.cut);
        }
        const fast = parseRulesYaml(text);
        if (fast === null) return;
        // Whatever the fast reader accepts, the library accepts the same way.
        expect(shape(fast as YamlNode)).toEqual(library(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('never disagrees with the library on generated rules-like documents', () => {
    const word = fc.constantFrom('a', 'b c', 'proc.name', 'x:y', '-1', 'true', '~', '"q"', "'s'", 'a #c', '%x', '[a]', '[a, [b]]', '[]', '>\n    f\n    g', '|\n    l\n      m', '>-\n    s');
    const entry = fc.tuple(fc.constantFrom('rule', 'desc', 'condition', 'items', 'tags', 'append'), fc.oneof(word, fc.constant(''), fc.array(word, { minLength: 1, maxLength: 2 })));
    const item = fc.array(entry, { minLength: 1, maxLength: 4 }).map((es) =>
      es
        .map(([k, v], i) => {
          const key = `${i === 0 ? '- ' : '  '}${k}:`;
          if (Array.isArray(v)) return `${key}\n${v.map((x) => `  - ${x.replace(/\n/g, '\n  ')}`).join('\n')}`;
          return v === '' ? key : `${key} ${v}`;
        })
        .join('\n'),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), (items) => {
        agrees(`${items.join('\n')}\n`);
      }),
      { numRuns: 1500 },
    );
  });
});
