// A JSON reader with Go encoding/json's syntax-error wording ("invalid character '}' looking for …").
//
// value  = object | array | string | number | "true" | "false" | "null"
// object = "{" ws [ string ws ":" ws value ws { "," ws string ws ":" ws value ws } ] "}"
// array  = "[" ws [ value ws { "," ws value ws } ] "]"
// Duplicate keys are kept in order: the strict decoder reports them, the lenient one keeps the last.

import { goQuote } from './go-format';
import type { DocValue } from './doc-value';

export type GoJsonResult = { ok: true; value: DocValue } | { ok: false; error: string };

class JsonSyntaxError extends Error {}

/** Go's quoteChar: how the scanner names the offending byte. */
function quoteByte(b: number): string {
  if (b === 0x27) return `'\\''`;
  if (b === 0x22) return `'"'`;
  const q = goQuote(String.fromCharCode(b));
  return `'${q.slice(1, -1)}'`;
}

const END = 'unexpected end of JSON input';

export function parseGoJson(text: string): GoJsonResult {
  // Work on UTF-8 bytes so the offending "character" is a byte, as in Go.
  const bytes = new TextEncoder().encode(text);
  let i = 0;
  const fail = (context: string): never => {
    if (i >= bytes.length) throw new JsonSyntaxError(END);
    throw new JsonSyntaxError(`invalid character ${quoteByte(bytes[i])} ${context}`);
  };
  const ws = (): void => {
    while (i < bytes.length) {
      const b = bytes[i];
      if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) i++;
      else break;
    }
  };
  const decoder = new TextDecoder();

  const parseString = (): string => {
    // at the opening quote
    const start = ++i;
    let hasEscape = false;
    for (;;) {
      if (i >= bytes.length) throw new JsonSyntaxError(END);
      const b = bytes[i];
      if (b === 0x22) break;
      if (b < 0x20) fail('in string literal');
      if (b === 0x5c) {
        hasEscape = true;
        i++;
        if (i >= bytes.length) throw new JsonSyntaxError(END);
        const e = bytes[i];
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= bytes.length) throw new JsonSyntaxError(END);
            const h = bytes[i];
            const isHex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
            if (!isHex) fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
          fail('in string escape code');
        }
      }
      i++;
    }
    const raw = decoder.decode(bytes.subarray(start, i));
    i++; // closing quote
    if (!hasEscape) return raw;
    // Valid JSON escapes at this point; JSON.parse decodes them (lone surrogates become U+FFFD as in Go).
    return (JSON.parse(`"${raw}"`) as string).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  };

  const parseNumber = (): number => {
    const start = i;
    if (bytes[i] === 0x2d) {
      i++;
      if (i >= bytes.length) throw new JsonSyntaxError(END);
      if (!(bytes[i] >= 0x30 && bytes[i] <= 0x39)) fail('in numeric literal');
    }
    if (bytes[i] === 0x30) i++;
    else while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
    if (i < bytes.length && bytes[i] === 0x2e) {
      i++;
      if (i >= bytes.length) throw new JsonSyntaxError(END);
      if (!(bytes[i] >= 0x30 && bytes[i] <= 0x39)) fail('after decimal point in numeric literal');
      while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
    }
    if (i < bytes.length && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
      i++;
      if (i < bytes.length && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
      if (i >= bytes.length) throw new JsonSyntaxError(END);
      if (!(bytes[i] >= 0x30 && bytes[i] <= 0x39)) fail('in exponent of numeric literal');
      while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
    }
    return Number(decoder.decode(bytes.subarray(start, i)));
  };

  const parseLiteral = (word: string): void => {
    for (let k = 0; k < word.length; k++) {
      if (i >= bytes.length) throw new JsonSyntaxError(END);
      if (bytes[i] !== word.charCodeAt(k)) fail(`in literal ${word} (expecting ${quoteByte(word.charCodeAt(k))})`);
      i++;
    }
  };

  const parseValue = (depth: number): DocValue => {
    // Go stops at 10000 levels; we stop at 1000 to keep the JS stack safe (no real policy nests that deep).
    if (depth > 1000) throw new JsonSyntaxError('exceeded max depth');
    ws();
    if (i >= bytes.length) throw new JsonSyntaxError(END);
    const b = bytes[i];
    if (b === 0x7b) {
      i++;
      const entries: Array<[string, DocValue]> = [];
      ws();
      if (i < bytes.length && bytes[i] === 0x7d) {
        i++;
        return { kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (i >= bytes.length) throw new JsonSyntaxError(END);
        if (bytes[i] !== 0x22) fail('looking for beginning of object key string');
        const key = parseString();
        ws();
        if (i >= bytes.length) throw new JsonSyntaxError(END);
        if (bytes[i] !== 0x3a) fail('after object key');
        i++;
        entries.push([key, parseValue(depth + 1)]);
        ws();
        if (i >= bytes.length) throw new JsonSyntaxError(END);
        if (bytes[i] === 0x2c) {
          i++;
          continue;
        }
        if (bytes[i] === 0x7d) {
          i++;
          return { kind: 'object', entries };
        }
        fail('after object key:value pair');
      }
    }
    if (b === 0x5b) {
      i++;
      const items: DocValue[] = [];
      ws();
      if (i < bytes.length && bytes[i] === 0x5d) {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        ws();
        if (i >= bytes.length) throw new JsonSyntaxError(END);
        if (bytes[i] === 0x2c) {
          i++;
          continue;
        }
        if (bytes[i] === 0x5d) {
          i++;
          return { kind: 'array', items };
        }
        fail('after array element');
      }
    }
    if (b === 0x22) return { kind: 'string', value: parseString() };
    if (b === 0x2d || (b >= 0x30 && b <= 0x39)) return { kind: 'number', value: parseNumber() };
    if (b === 0x74) {
      parseLiteral('true');
      return { kind: 'bool', value: true };
    }
    if (b === 0x66) {
      parseLiteral('false');
      return { kind: 'bool', value: false };
    }
    if (b === 0x6e) {
      parseLiteral('null');
      return { kind: 'null' };
    }
    return fail('looking for beginning of value');
  };

  try {
    const value = parseValue(0);
    ws();
    if (i < bytes.length) fail('after top-level value');
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}
