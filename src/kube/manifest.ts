// Reading Kubernetes YAML as the Go tools do (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars,
// duplicate keys tolerated, and errors worded like go-yaml (`yaml: line 4: could not find expected ':'`).

import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { goYamlSyntaxError } from '../audit';
import type { JsonValue } from './types';

export type YamlDocsResult = { ok: true; docs: JsonValue[] } | { ok: false; message: string };

/** go-yaml's wording for the problem the `yaml` library found (scanner vs parser line quirks included). */
export function goYamlError(text: string, e: YAMLError, lineCounter: LineCounter): string {
  return goYamlSyntaxError(text, e, lineCounter);
}

/** Every document of a multi-document YAML stream, as JSON values (empty documents skipped). */
export function parseYamlDocuments(text: string): YamlDocsResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: true, merge: true, lineCounter });
  const out: JsonValue[] = [];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) return { ok: false, message: goYamlError(text, err, lineCounter) };
    let v: JsonValue | undefined;
    try {
      v = d.toJS({ maxAliasCount: 100 }) as JsonValue | undefined;
    } catch (e) {
      const alias = /alias[^:]*: (.*)$/.exec(e instanceof Error ? e.message : '');
      return { ok: false, message: alias ? `yaml: unknown anchor '${alias[1]}' referenced` : 'yaml: document contains excessive aliasing' };
    }
    if (v === null || v === undefined) continue;
    out.push(normalize(v));
  }
  return { ok: true, docs: out };
}

/** Dates and other non-JSON scalars become strings, as converting YAML to JSON does. */
function normalize(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object') {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = normalize(x);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v as JsonValue;
}
