// How Go prints the JSON values kubectl works on (unstructured maps): fmt's %v and %#v, strconv.Quote,
// encoding/json (compact and indented) and Go's type names, so messages and outputs match byte for byte.
//
// Value model: a JS JSON value stands for Go's interface{} holding map[string]interface{},
// []interface{}, string, bool, nil, int64 (integral numbers, as kubectl's unstructured decoder
// produces) or float64 (everything else). `undefined` members are treated as absent.

export type GoValue = null | boolean | number | string | GoValue[] | { [key: string]: GoValue };

export function isGoMap(v: unknown): v is { [key: string]: GoValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys with a defined value, in Go's map iteration order for printing (sorted by bytes). */
export function sortedKeys(m: { [key: string]: unknown }): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
}

/** Go compares strings by UTF-8 bytes; for BMP text that is code-point order, not UTF-16 order. */
export function compareGoStrings(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let i = 0; i < ca.length && i < cb.length; i++) {
    const x = (ca[i] as string).codePointAt(0) as number;
    const y = (cb[i] as string).codePointAt(0) as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

/** reflect.Type.String() of the dynamic type. */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    default:
      return 'map[string]interface {}';
  }
}

/** strconv.FormatFloat(f, 'g', -1, 64), which is also fmt's %v for float64. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // Shortest %g uses the exponent form outside [1e-4, 1e6); toExponential() gives the shortest digits.
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(f);
}

/** An integral number as Go prints an int64. */
function goFormatInt(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

function goFormatNumber(n: number): string {
  return Number.isInteger(n) ? goFormatInt(n) : goFormatFloat(n);
}

/** fmt's %v (also fmt.Print / fmt.Sprint): `map[a:1 b:[x y]]`, `<nil>`, raw strings. */
export function goPrint(v: GoValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x) => goPrint(x)).join(' ')}]`;
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return goFormatNumber(v);
    default:
      return `map[${sortedKeys(v)
        .map((k) => `${k}:${goPrint(v[k])}`)
        .join(' ')}]`;
  }
}

/** fmt's %#v of a value held in an interface{}: `map[string]interface {}{"a":"b", "n":1}`. */
export function goSyntax(v: GoValue | undefined): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSyntax(x)).join(', ')}}`;
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return goFormatNumber(v);
    default:
      return `map[string]interface {}{${sortedKeys(v)
        .map((k) => `${goQuote(k)}:${goSyntax(v[k])}`)
        .join(', ')}}`;
  }
}

/** strconv.Quote (also fmt's %q for strings). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x7f || isUnicodePrintable(ch)) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function isUnicodePrintable(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/** encoding/json string encoding with HTML escaping, as json.Marshal does by default (Go 1.19). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    else out += ch;
  }
  return `${out}"`;
}

export interface GoJsonOptions {
  /** Indent unit for json.MarshalIndent; compact json.Marshal when absent. */
  indent?: string;
  /** Go sorts map keys; typed structs keep declaration order (`run --dry-run=client -o json`). */
  sortKeys?: boolean;
}

/** json.Marshal / json.MarshalIndent(v, "", indent) of an interface{} value. No trailing newline. */
export function goJsonMarshal(v: GoValue | undefined, options: GoJsonOptions = {}): string {
  const sortKeys = options.sortKeys ?? true;
  const indent = options.indent;
  const walk = (x: GoValue | undefined, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      const items = x.map((e) => walk(e, depth + 1));
      if (indent === undefined) return `[${items.join(',')}]`;
      const pad = indent.repeat(depth + 1);
      return `[\n${items.map((e) => pad + e).join(',\n')}\n${indent.repeat(depth)}]`;
    }
    switch (typeof x) {
      case 'string':
        return goJsonString(x);
      case 'boolean':
        return x ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(x)) return 'null';
        return Number.isInteger(x) ? goFormatInt(x) : JSON.stringify(x);
      default: {
        const keys = sortKeys ? sortedKeys(x) : Object.keys(x).filter((k) => x[k] !== undefined);
        if (keys.length === 0) return '{}';
        const entries = keys.map((k) => `${goJsonString(k)}:${indent === undefined ? '' : ' '}${walk(x[k], depth + 1)}`);
        if (indent === undefined) return `{${entries.join(',')}}`;
        const pad = indent.repeat(depth + 1);
        return `{\n${entries.map((e) => pad + e).join(',\n')}\n${indent.repeat(depth)}}`;
      }
    }
  };
  return walk(v, 0);
}
