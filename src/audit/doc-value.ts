// The decoded document tree shared by the JSON and YAML readers: ordered entries, duplicates kept.

export type DocValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: DocValue[] }
  | { kind: 'object'; entries: Array<[string, DocValue]> };

export const DOC_NULL: DocValue = { kind: 'null' };

/** Go's encoding/json names for a JSON value's kind, as in "cannot unmarshal string into …". */
export function jsonKindName(v: DocValue): string {
  switch (v.kind) {
    case 'null': return 'null';
    case 'bool': return 'bool';
    case 'number': return 'number';
    case 'string': return 'string';
    case 'array': return 'array';
    case 'object': return 'object';
  }
}

/** unicode.IsSpace, which decides whether a buffer "looks like JSON" after leading space. */
export function isGoUnicodeSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** apimachinery's utilyaml.IsJSONBuffer: after leading unicode space, the data starts with `{`. */
export function looksLikeJson(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isGoUnicodeSpace(cp)) continue;
    return ch === '{';
  }
  return false;
}
