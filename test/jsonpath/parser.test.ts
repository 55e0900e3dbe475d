// Parsing kubectl JSONPath templates: node shapes, client-go's error messages, and malformed input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeJsonPath, parseJsonPath, unquoteExtend } from '../../src/jsonpath';

function parseError(template: string): string {
  const parsed = parseJsonPath(template);
  if (parsed.ok) throw new Error(`expected a parse error for ${template}`);
  return parsed.error;
}

describe('template structure', () => {
  it('splits literal text and actions at the top level', () => {
    const parsed = parseJsonPath('name: {.metadata.name}\n');
    expect(parsed.ok && parsed.template.root.nodes).toEqual([
      { type: 'Text', text: 'name: ' },
      { type: 'List', nodes: [{ type: 'Field', name: 'metadata' }, { type: 'Field', name: 'name' }] },
      { type: 'Text', text: '\n' },
    ]);
  });

  it.each([
    ['{.a[*]}', [{ type: 'Field', name: 'a' }, { type: 'Array', params: [{ value: 0, known: false, derived: false }, { value: 0, known: false, derived: false }, { value: 0, known: false, derived: false }] }]],
    ['{.a[-1]}', [{ type: 'Field', name: 'a' }, { type: 'Array', params: [{ value: -1, known: true, derived: false }, { value: 0, known: true, derived: true }, { value: 0, known: false, derived: false }] }]],
    ['{.a.*}', [{ type: 'Field', name: 'a' }, { type: 'Wildcard' }]],
    ['{..name}', [{ type: 'Recursive' }, { type: 'Field', name: 'name' }]],
    ["{['a.b']}", [{ type: 'Field', name: 'a' }, { type: 'Field', name: 'b' }]],
    ['{.a\\.b}', [{ type: 'Field', name: 'a.b' }]],
    ['{range .x}', [{ type: 'Identifier', name: 'range' }, { type: 'Field', name: 'x' }]],
    ['{true}', [{ type: 'Bool', value: true }]],
    ['{-3}', [{ type: 'Int', value: -3 }]],
    ['{1.5}', [{ type: 'Float', value: 1.5 }]],
    ['{"a\\tb"}', [{ type: 'Text', text: 'a\tb' }]],
    ["{'it'}", [{ type: 'Text', text: 'it' }]],
  ])('%s', (template, nodes) => {
    const parsed = parseJsonPath(template);
    expect(parsed.ok && parsed.template.root.nodes[0]).toEqual({ type: 'List', nodes });
  });

  it('a filter keeps both sides and the operator', () => {
    const parsed = parseJsonPath('{[?(@.x=="y")]}');
    expect(parsed.ok && parsed.template.root.nodes[0]).toEqual({
      type: 'List',
      nodes: [
        {
          type: 'Filter',
          left: { type: 'List', nodes: [{ type: 'Field', name: 'x' }] },
          right: { type: 'List', nodes: [{ type: 'Text', text: 'y' }] },
          operator: '==',
        },
      ],
    });
  });

  it('a filter without an operator is the exists form', () => {
    const parsed = parseJsonPath('{[?(@.z)]}');
    expect(parsed.ok && parsed.template.root.nodes[0]).toMatchObject({ nodes: [{ type: 'Filter', operator: 'exists' }] });
  });

  it('a ) inside a quoted filter value does not close the filter', () => {
    const parsed = parseJsonPath('{.a[?(@.m=="x)y")].n}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(executeJsonPath(parsed.template, { a: [{ m: 'x)y', n: 1 }] })).toEqual({ ok: true, text: '1' });
  });
});

describe('client-go parse errors', () => {
  it.each([
    ['{.metadata.name', 'unclosed action'],
    ['{.a\n}', 'unclosed action'],
    ['{.a[0}', 'unterminated array'],
    ['{.a[?(@.x=="y"}', 'unterminated filter'],
    ['{.a[?(@.x=="y")x}', 'unclosed array expect ]'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.a[x]}', 'invalid array index x'],
    ['{.a[1:x]}', 'invalid array index 1:x'],
    ['{.a[-]}', 'array index - is not a number'],
    ['{.a[99999999999999999999]}', 'array index 99999999999999999999 is not a number'],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{-}', 'cannot parse number -'],
    ['{1.2.3}', 'cannot parse number 1.2.3'],
    ['{.a{}', 'unrecognized character in action: U+007B \'{\''],
    ['{.a =}', 'unrecognized character in action: U+003D \'=\''],
    ['{\t}', 'unrecognized character in action: U+0009'],
    ['{"a\\qb"}', 'unquote string "a\\qb" error invalid syntax'],
    ['{\'a\\"b\'}', 'unquote string \'a\\"b\' error invalid syntax'],
    ['{.a[?(@.x==)]}', 'unrecognized character in action: U+003D \'=\''],
    ["{.a['b,c']}", "invalid array index 'b"],
  ])('%j → %s', (template, error) => {
    expect(parseError(template)).toBe(error);
  });

  it('plain text with a stray } is still text', () => {
    const parsed = parseJsonPath('a}b');
    expect(parsed.ok && parsed.template.root.nodes).toEqual([{ type: 'Text', text: 'a}b' }]);
  });
});

describe('UnquoteExtend', () => {
  it.each([
    ['"\\n"', '\n'],
    ["'\\t'", '\t'],
    ['"\\u00e9"', 'é'],
    ['"\\101"', 'A'],
    ["'it'", 'it'],
    ['"a\\"b"', 'a"b'],
  ])('%s', (quoted, value) => {
    expect(unquoteExtend(quoted)).toBe(value);
  });

  it.each(['"', '"abc', "'a\"", '"\\z"', '"\\400"', '"\\ud800"'])('rejects %s', (quoted) => {
    expect(unquoteExtend(quoted)).toBeNull();
  });
});

describe('malformed input', () => {
  it('never throws, whatever the template', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (template) => {
        const parsed = parseJsonPath(template);
        if (parsed.ok) executeJsonPath(parsed.template, { a: [1, { b: 'x' }], c: { d: null } });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on templates built from JSONPath punctuation', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '?(', ')', '@', '.', '..', '*', ':', ',', '"', "'", '\\', '==', '<', '-1', '0', 'a', 'range', 'end', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const parsed = parseJsonPath(pieces.join(''));
        if (parsed.ok) executeJsonPath(parsed.template, { a: [1, { a: 'x' }], range: { end: [] } });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('field names run to the next terminator', () => {
  it('= is part of a field name, as in Go', () => {
    const parsed = parseJsonPath('{.a=}');
    expect(parsed.ok && parsed.template.root.nodes[0]).toEqual({ type: 'List', nodes: [{ type: 'Field', name: 'a=' }] });
  });
});
