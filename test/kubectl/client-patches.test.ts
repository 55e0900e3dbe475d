// The patches kubectl computes (two-way strategic for edit, merge for label/annotate), the edit file's
// header and comment handling, and Go's JSON syntax messages — with malformed and random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMergePatch, deepEqual, twoWayStrategicPatch } from '../../src/commands/kubectl/client-patches';
import { editHeader, hashOnLineBreak, hasLines, manualStrip, stripComments } from '../../src/commands/kubectl/edit-file';
import { goJsonSyntaxError } from '../../src/commands/kubectl/go-json-syntax';
import { applyMergePatch, applyStrategicPatch } from '../../src/kube/patch';
import type { JsonObject, JsonValue } from '../../src/kube/types';

/** JSON objects without nulls (a null in a patch means "delete", so it cannot round-trip as a value). */
const nonNullJson: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }).filter((k) => !k.startsWith('$')), tie('v'), { maxKeys: 4 }),
  ),
})).v;
const obj = fc.dictionary(fc.constantFrom('a', 'b', 'spec', 'metadata', 'x'), nonNullJson, { maxKeys: 5 }) as fc.Arbitrary<JsonObject>;

describe('two-way strategic merge patch', () => {
  it('applied to the original gives the modified object', () => {
    fc.assert(fc.property(obj, obj, (o, m) => deepEqual(applyStrategicPatch(o, twoWayStrategicPatch(o, m)), m)));
  });

  it('is empty for equal objects', () => {
    fc.assert(fc.property(obj, (o) => Object.keys(twoWayStrategicPatch(o, structuredClone(o))).length === 0));
  });

  const pod = (containers: JsonObject[]): JsonObject => ({ spec: { containers } });
  it.each([
    [
      'a changed field of one container, with the merge key and the element order',
      pod([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]),
      pod([{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }]),
      { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ image: 'z', name: 'b' }] } },
    ],
    [
      'a removed container as $patch: delete',
      pod([{ name: 'a' }, { name: 'b' }]),
      pod([{ name: 'a' }]),
      { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] } },
    ],
    [
      'a reorder alone as $setElementOrder',
      pod([{ name: 'a' }, { name: 'b' }]),
      pod([{ name: 'b' }, { name: 'a' }]),
      { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
    ],
    [
      'an atomic list (args) replaced whole',
      { spec: { args: ['a', 'b'] } },
      { spec: { args: ['a'] } },
      { spec: { args: ['a'] } },
    ],
    ['a removed key as null', { metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: '1' } } }, { metadata: { labels: { b: null } } }],
  ])('%s', (_name, o, m, want) => {
    const patch = twoWayStrategicPatch(o, m);
    expect(patch).toEqual(want);
    expect(JSON.stringify(patch)).toBe(JSON.stringify(want));
    expect(applyStrategicPatch(o, patch)).toEqual(m);
  });
});

describe('merge patch', () => {
  it('applied to the original gives the modified object', () => {
    fc.assert(fc.property(obj, obj, (o, m) => deepEqual(applyMergePatch(o, createMergePatch(o, m)), m)));
  });

  it('writes keys sorted, as Go marshals a map', () => {
    expect(JSON.stringify(createMergePatch({ metadata: { labels: { z: '1' } } }, { metadata: { labels: { z: '1', b: '2', a: '3' } } }))).toBe('{"metadata":{"labels":{"a":"3","b":"2"}}}');
  });
});

describe('the edit file', () => {
  it('writes the header with each reason and its causes as comments', () => {
    expect(editHeader([{ head: 'pods "x" was not valid', other: ['spec: Forbidden: no\n  diff line\n# kept'] }])).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n# pods \"x\" was not valid:\n# * spec: Forbidden: no\n#   diff line\n# kept\n#\n",
    );
    expect(editHeader([{ head: 'The edited file had a syntax error: bad', other: [] }]).endsWith('#\n# The edited file had a syntax error: bad\n#\n')).toBe(true);
  });

  it.each([
    ['a\nb', 'a\n# b'],
    ['a\n#b', 'a\n#b'],
    ['a\n', 'a\n'],
    ['', ''],
  ])('hashOnLineBreak(%j)', (input, want) => expect(hashOnLineBreak(input)).toBe(want));

  it.each([
    ['# c\na: 1\n  # indented\nb: 2\n', 'a: 1\nb: 2\n'],
    ['a: 1', 'a: 1'],
    ['#only', ''],
  ])('manualStrip(%j)', (input, want) => expect(manualStrip(input)).toBe(want));

  it('compares saves by content, not layout or comments', () => {
    expect(stripComments('# x\na:   1\nb: [1, 2]\n')).toBe(stripComments('b:\n- 1\n- 2\na: 1\n'));
    expect(stripComments('a: [1\n')).toBe('a: [1\n');
  });

  it.each([
    ['', false],
    ['# a\n  # b\n\n', false],
    ['# a\nx\n', true],
  ])('hasLines(%j) is %s', (text, want) => expect(hasLines(text)).toBe(want));

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (t) => typeof stripComments(t) === 'string' && typeof manualStrip(t) === 'string'));
  });
});

describe("Go's JSON syntax errors", () => {
  it.each([
    ['{"a":1}', null],
    [' [1, 2.5e-3, "x\\u00e9", true, null] ', null],
    ['{"a":1', 'unexpected end of JSON input'],
    ['', 'unexpected end of JSON input'],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['{"a":1}}', "invalid character '}' after top-level value"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
    ['{"a":x}', "invalid character 'x' looking for beginning of value"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":"\\x"}', "invalid character 'x' in string escape code"],
    ['{"a":"\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape"],
    ['{"a":"\n"}', "invalid character '\\n' in string literal"],
  ])('%j → %j', (text, want) => expect(goJsonSyntaxError(text)).toBe(want));

  it('agrees with JSON.parse on what is valid', () => {
    const text = fc.oneof(
      fc.json(),
      fc.json().map((s) => s.slice(0, Math.max(0, s.length - 1))),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom('}', ']', ',', '"', ':', 'x', ' ', "'")).map(([s, i, c]) => s.slice(0, i % (s.length + 1)) + c + s.slice(i % (s.length + 1))),
    );
    fc.assert(
      fc.property(text, (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        return (goJsonSyntaxError(s) === null) === valid;
      }),
    );
  });
});
