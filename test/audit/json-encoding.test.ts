// encoding/json as Go 1.19 writes audit events: HTML characters, U+2028/2029, \b and \f as \u escapes,
// lone surrogates as U+FFFD, non-ASCII written raw, and the UTF-8 byte length lumberjack counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEventSized } from '../../src/audit/event-format';
import { goJsonString, goJsonStringRepeated, goJsonValue, utf8Length } from '../../src/audit/go-format';
import type { AuditEvent } from '../../src/audit';

describe('Go JSON encoding', () => {
  it.each([
    ['plain text', 'kubernetes-admin', '"kubernetes-admin"'],
    ['HTML characters', '<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
    ['\\b and \\f have no short form', '\b\f\n\r\t', '"\\u0008\\u000c\\n\\r\\t"'],
    ['line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['a lone surrogate', 'a\ud800b', '"a\\ufffdb"'],
    ['non-ASCII as is', 'café ☕', '"café ☕"'],
    ['a backslash before b', '\\b', '"\\\\b"'],
  ])('strings: %s', (_name, input, want) => {
    expect(goJsonString(input)).toBe(want);
    expect(goJsonStringRepeated(input)).toBe(want);
    expect(goJsonValue({ k: input })).toBe(`{"k":${want}}`);
  });

  it('keeps key order, drops undefined members and writes numbers as Go does', () => {
    expect(goJsonValue({ b: 1, a: [true, null, 1.5e21, 1e-7], c: undefined, d: { e: 'x' } })).toBe('{"b":1,"a":[true,null,1.5e+21,1e-7],"d":{"e":"x"}}');
  });

  it('agrees with the character-by-character encoder on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(goJsonValue([s])).toBe(`[${goJsonString(s)}]`);
      }),
    );
  });

  it('counts UTF-8 bytes for the log backend without rescanning ASCII lines', () => {
    const ev: AuditEvent = {
      level: 'Request', auditID: 'a', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/default/configmaps', verb: 'create',
      user: { username: 'jane' }, requestReceivedTimestamp: '2023-03-01T10:15:30.000000Z', stageTimestamp: '2023-03-01T10:15:30.000000Z', receivedNano: '',
      requestObject: { data: { greeting: 'grüß dich 👋' } },
    };
    const sized = formatEventSized(ev, 'json');
    expect(sized.bytes).toBe(utf8Length(sized.line));
    expect(sized.bytes).toBe(new TextEncoder().encode(sized.line).length);
    const ascii = formatEventSized({ ...ev, requestObject: { data: { greeting: 'hi' } } }, 'json');
    expect(ascii.bytes).toBe(ascii.line.length);
  });
});
