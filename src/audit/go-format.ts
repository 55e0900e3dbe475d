// Go formatting the API server's messages depend on: strconv.Quote, %#v of string slices, encoding/json strings.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.Quote: a double-quoted Go string literal (non-printable runes escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp === 0x20 || (cp > 0x20 && cp < 0x7f)) out += ch;
    else if (cp >= 0x80 && cp !== 0xfffd && PRINTABLE.test(ch)) out += ch;
    else if (cp === 0xfffd) out += ch;
    else {
      switch (cp) {
        case 7: out += '\\a'; break;
        case 8: out += '\\b'; break;
        case 12: out += '\\f'; break;
        case 10: out += '\\n'; break;
        case 13: out += '\\r'; break;
        case 9: out += '\\t'; break;
        case 11: out += '\\v'; break;
        default:
          if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
          else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
          else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
          else out += `\\U${cp.toString(16).padStart(8, '0')}`;
      }
    }
  }
  return out + '"';
}

/** `%#v` of a []string: `[]string{"a", "b"}`. */
export function goStringSliceSyntax(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** `%q` of a []string: `["a" "b"]`. */
export function goQuotedSlice(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

const HEX = '0123456789abcdef';

/** encoding/json string encoding with HTML escaping, as Go 1.19 writes it (no \b or \f short forms). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x22: out += '\\"'; break;
        case 0x5c: out += '\\\\'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        default: out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16)}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
      out += '\\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** encoding/json number formatting for a float64: the ES6 number-to-string rules, which Go copies. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null'; // Go refuses to encode these; a body never holds them
  return String(n);
}

/** Compact JSON encoding of a value the way encoding/json writes it, keeping the object's key order. */
export function goJsonValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJsonValue).join(',')}]`;
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === undefined) continue;
      parts.push(`${goJsonString(k)}:${goJsonValue(val)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return 'null';
}

/** UTF-8 length in bytes: file sizes and lumberjack's limits count bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Go's error aggregate (`utilerrors.NewAggregate(...).Error()`): one bare, several as `[a, b]`, deduplicated. */
export function goAggregate(messages: readonly string[]): string {
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  if (seen.length === 1) return seen[0];
  return `[${seen.join(', ')}]`;
}
