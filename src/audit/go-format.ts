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

/** Printable ASCII that encoding/json writes as is: no quote, backslash or HTML-escaped `<`, `>`, `&`. */
const JSON_SAFE = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

// Set when goJsonString writes a non-ASCII character as is, so an encoder can tell its output's UTF-8
// length without scanning it again (lumberjack counts bytes).
let rawNonAscii = false;

/** Forget whether non-ASCII text was written (call before encoding one value). */
export function resetNonAsciiSeen(): void {
  rawNonAscii = false;
}

/** Whether goJsonString wrote a non-ASCII character since resetNonAsciiSeen. */
export function nonAsciiSeen(): boolean {
  return rawNonAscii;
}

/** encoding/json string encoding with HTML escaping, as Go 1.19 writes it (no \b or \f short forms). */
export function goJsonString(s: string): string {
  // Names, URIs without a query and timestamps need no escaping: the common case, tested natively.
  return JSON_SAFE.test(s) ? `"${s}"` : escapeJsonString(s);
}

/** Encodings of strings that needed no escaping (so carry no non-ASCII), bounded. */
const safeEncodings = new Map<string, string>();

/**
 * goJsonString for values that repeat from event to event (user names, groups, user agents): their
 * encodings are remembered. Unique values (audit IDs, timestamps) must not come here: they would only
 * churn the table.
 */
export function goJsonStringRepeated(s: string): string {
  const known = safeEncodings.get(s);
  if (known !== undefined) return known;
  if (!JSON_SAFE.test(s)) return escapeJsonString(s);
  const out = `"${s}"`;
  if (s.length <= 512) {
    if (safeEncodings.size >= 4096) safeEncodings.clear();
    safeEncodings.set(s, out);
  }
  return out;
}

function escapeJsonString(s: string): string {
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
        rawNonAscii = true;
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
    rawNonAscii = true;
  }
  return out + '"';
}

/** encoding/json number formatting for a float64: the ES6 number-to-string rules, which Go copies. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null'; // Go refuses to encode these; a body never holds them
  return String(n);
}

/** What JSON.stringify writes differently from Go's encoding/json: HTML characters, U+2028/9, \b, \f, lone surrogates. */
const GO_DIFFERENCES = /[<>&\u2028\u2029]|\\[bfu]/;
const GO_FIXES = /\\(?:[bf]|u(d[89a-f][0-9a-f]{2}))|\\.|[<>&\u2028\u2029]/g;

function goFix(m: string, surrogate: string | undefined): string {
  if (surrogate !== undefined) return '\\ufffd';
  switch (m) {
    case '\\b': return '\\u0008';
    case '\\f': return '\\u000c';
    case '<': return '\\u003c';
    case '>': return '\\u003e';
    case '&': return '\\u0026';
    case '\u2028': return '\\u2028';
    case '\u2029': return '\\u2029';
    default: return m; // another escape, kept as JSON.stringify wrote it (matched so pairs are not split)
  }
}

/**
 * Compact JSON encoding of a value the way encoding/json writes it, keeping the object's key order.
 * JSON.stringify does the work (same key order, number text and omissions for these JSON-shaped
 * values); Go's differences are patched afterwards, only when the text contains one.
 */
export function goJsonValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  let out: string | undefined;
  try {
    out = JSON.stringify(v) as string | undefined;
  } catch {
    // A BigInt or a cycle has no JSON form; bodies decoded from JSON or YAML never hold one.
    return 'null';
  }
  if (out === undefined) return 'null';
  if (NON_ASCII.test(out)) rawNonAscii = true;
  return GO_DIFFERENCES.test(out) ? out.replace(GO_FIXES, goFix) : out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 length in bytes: file sizes and lumberjack's limits count bytes. */
export function utf8Length(s: string): number {
  // JSON lines are ASCII unless a body holds non-ASCII text: one native scan decides.
  if (!NON_ASCII.test(s)) return s.length;
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
