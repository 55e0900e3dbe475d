// Go's printing of unstructured values: fmt %v / %#v, strconv.Quote, encoding/json.
import { describe, expect, it } from 'vitest';
import { goFormatFloat, goJsonMarshal, goPrint, goQuote, goSyntax, type GoValue } from '../../src/jsonpath';

describe('strconv.FormatFloat(f, g, -1, 64)', () => {
  it.each([
    [0.5, '0.5'],
    [2.2, '2.2'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [-0.25, '-0.25'],
  ])('%d → %s', (f, text) => {
    expect(goFormatFloat(f)).toBe(text);
  });
});

describe('fmt %v', () => {
  it.each<[GoValue, string]>([
    [{ b: [1, 'x'], a: { c: true } }, 'map[a:map[c:true] b:[1 x]]'],
    [[], '[]'],
    [null, '<nil>'],
    [{ cpu: '4' }, 'map[cpu:4]'],
  ])('%j → %s', (value, text) => {
    expect(goPrint(value)).toBe(text);
  });
});

describe('fmt %#v', () => {
  it('prints unstructured content as kubectl shows it in jsonpath debug output', () => {
    const list: GoValue = { kind: 'List', items: [], metadata: { resourceVersion: '' }, apiVersion: 'v1' };
    expect(goSyntax(list)).toBe(
      'map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}',
    );
  });

  it('a nil member is interface {}(nil)', () => {
    expect(goSyntax({ t: null, n: 3 })).toBe('map[string]interface {}{"n":3, "t":interface {}(nil)}');
  });
});

describe('strconv.Quote', () => {
  it.each([
    ['{.a}', '"{.a}"'],
    ['{"\\n"}', '"{\\"\\\\n\\"}"'],
    ['tab\there', '"tab\\there"'],
    ['\x1b[0m', '"\\x1b[0m"'],
    ['héllo', '"héllo"'],
  ])('%j', (s, quoted) => {
    expect(goQuote(s)).toBe(quoted);
  });
});

describe('encoding/json', () => {
  it('MarshalIndent with four spaces sorts keys and keeps empty containers inline', () => {
    expect(goJsonMarshal({ b: [], a: { y: 1, x: [1, 2] }, c: {} }, { indent: '    ' })).toBe(
      '{\n    "a": {\n        "x": [\n            1,\n            2\n        ],\n        "y": 1\n    },\n    "b": [],\n    "c": {}\n}',
    );
  });

  it('escapes HTML characters and line separators', () => {
    expect(goJsonMarshal('<a href="x">&\u2028\b')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u0008"');
  });

  it('keeps struct order when keys are not sorted', () => {
    expect(goJsonMarshal({ kind: 'Pod', apiVersion: 'v1' }, { sortKeys: false })).toBe('{"kind":"Pod","apiVersion":"v1"}');
  });
});
