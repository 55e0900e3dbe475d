// YAML to the JSON-shaped document tree, as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) converts a policy file.
//
// Why each step: go-yaml v2 reads only the first document, resolves YAML 1.1 scalars (yes/no/on/off are
// bools, 0777 is octal) but keeps timestamps and 1:20 as strings, and the conversion goes through a Go map,
// so keys come out sorted and the last duplicate wins. The strict pass (YAMLToJSONStrict) reports
// duplicates as `line N: key "x" already set in map`; we collect those for the strict decoder.

import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { DocValue } from './doc-value';
import { goQuote } from './go-format';
import { goYamlSyntaxError } from './go-yaml-errors';

export type YamlReadResult =
  | { ok: true; value: DocValue; duplicateKeyErrors: string[] }
  | { ok: false; error: string };

/** yaml's own guard against alias bombs; go-yaml v2 refuses them too, with its own message. */
const MAX_ALIAS_COUNT = 100;

// Schema tags go-yaml v2 does not resolve implicitly into non-strings.
type TagLike = { tag: string; format?: string };
const goYamlTags = <T extends TagLike>(tags: T[]): T[] =>
  tags.filter((t) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME');

export function readYamlDocument(text: string): YamlReadResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    prettyErrors: true,
    lineCounter,
    // The option is typed against yaml's internal Tags union; the filter keeps entries as they are.
    customTags: goYamlTags as never,
  });
  if (docs.length === 0) return { ok: true, value: { kind: 'null' }, duplicateKeyErrors: [] };
  const doc = docs[0];
  if (doc.errors.length > 0) return { ok: false, error: goYamlSyntaxError(text, doc.errors[0], lineCounter) };

  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/Excessive alias count/.test(msg)) return { ok: false, error: 'yaml: document contains excessive aliasing' };
    const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(msg);
    if (unresolved) return { ok: false, error: `yaml: unknown anchor '${unresolved[1]}' referenced` };
    return { ok: false, error: `yaml: ${msg}` };
  }

  const selfRef = findSelfContainingAnchor(doc);
  if (selfRef !== null) return { ok: false, error: `yaml: anchor '${selfRef}' value contains itself` };

  const converted = toDocValue(js);
  if (!converted.ok) return converted;
  return { ok: true, value: converted.value, duplicateKeyErrors: duplicateKeyErrors(doc, lineCounter) };
}

type Converted = { ok: true; value: DocValue } | { ok: false; error: string };

/** sigs.k8s.io/yaml's key conversion: non-string keys become their Go string form. */
function keyString(k: unknown): string | null {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') {
    if (Number.isInteger(k)) return String(k);
    if (k === Infinity) return '.inf';
    if (k === -Infinity) return '-.inf';
    if (Number.isNaN(k)) return '.nan';
    return String(Math.fround(k)); // Go formats float keys as float32
  }
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'bigint') return k.toString();
  return null;
}

function toDocValue(root: unknown): Converted {
  const convert = (v: unknown): DocValue => {
    if (v === null || v === undefined) return { kind: 'null' };
    if (typeof v === 'string') return { kind: 'string', value: v };
    if (typeof v === 'boolean') return { kind: 'bool', value: v };
    if (typeof v === 'number') return { kind: 'number', value: v };
    if (typeof v === 'bigint') return { kind: 'number', value: Number(v) };
    if (v instanceof Uint8Array) return { kind: 'string', value: new TextDecoder().decode(v) };
    if (Array.isArray(v)) return { kind: 'array', items: v.map(convert) };
    if (v instanceof Map || v instanceof Set) {
      const pairs: Array<[string, DocValue]> = [];
      const entries: Array<[unknown, unknown]> = v instanceof Map ? [...v.entries()] : [...v].map((k) => [k, null]);
      for (const [k, val] of entries) {
        const ks = keyString(k);
        if (ks === null) throw new KeyError(k);
        const at = pairs.findIndex(([existing]) => existing === ks);
        const dv = convert(val);
        if (at >= 0) pairs[at] = [ks, dv];
        else pairs.push([ks, dv]);
      }
      // Go's json.Marshal of a map sorts keys bytewise.
      pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return { kind: 'object', entries: pairs };
    }
    if (typeof v === 'object') return convert(new Map(Object.entries(v as Record<string, unknown>)));
    return { kind: 'string', value: String(v) };
  };
  try {
    return { ok: true, value: convert(root) };
  } catch (e) {
    if (e instanceof KeyError) {
      const k = e.key;
      const type = k === null ? '%!s(<nil>)' : Array.isArray(k) ? '[]interface {}' : 'map[interface {}]interface {}';
      const shown = k === null ? '<nil>' : JSON.stringify(k);
      return { ok: false, error: `Unsupported map key of type: ${type}, key: ${shown}` };
    }
    throw e;
  }
}

class KeyError extends Error {
  constructor(readonly key: unknown) {
    super('unsupported key');
  }
}

/** `%#v` of a decoded YAML key, as go-yaml prints it in "key … already set in map". */
function goKeySyntax(node: YamlNode | null, doc: Document): string {
  if (node === null) return '<nil>';
  const v: unknown = node.toJS(doc);
  if (typeof v === 'string') return goQuote(v);
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The duplicate-key messages go-yaml's strict decoder collects, in its decode order. */
function duplicateKeyErrors(doc: Document, lc: LineCounter): string[] {
  const errors: string[] = [];
  const lineOf = (node: YamlNode | null, fallback: number): number => {
    const off = node?.range?.[0] ?? fallback;
    return lc.linePos(off).line;
  };
  const visit = (node: unknown): void => {
    if (isSeq(node)) {
      for (const item of node.items) visit(item);
      return;
    }
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      // go-yaml decodes the value before it notices the key is taken, so nested errors come first.
      visit(valueNode);
      if (isScalar(keyNode) && keyNode.value === '<<') continue; // merge key
      const id = JSON.stringify(keyNode === null ? null : (keyNode.toJS(doc) as unknown) ?? null);
      if (seen.has(id)) {
        const line = lineOf(valueNode, keyNode?.range?.[0] ?? 0);
        errors.push(`line ${line}: key ${goKeySyntax(keyNode, doc)} already set in map`);
      } else seen.add(id);
    }
  };
  visit(doc.contents);
  return errors;
}

/** An anchor whose node contains an alias to itself (go-yaml: "anchor 'x' value contains itself"). */
function findSelfContainingAnchor(doc: Document): string | null {
  const stack: unknown[] = [];
  let found: string | null = null;
  const visit = (node: unknown): void => {
    if (found !== null || node === null || node === undefined) return;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target !== undefined && stack.includes(target)) found = node.source;
      return;
    }
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
      return;
    }
    if (isMap(node) || isSeq(node)) {
      stack.push(node);
      for (const item of node.items) visit(item);
      stack.pop();
    }
  };
  visit(doc.contents);
  return found;
}
