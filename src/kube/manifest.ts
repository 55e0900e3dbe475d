// Reading Kubernetes YAML as the Go tools do (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars,
// duplicate keys tolerated, and errors worded like go-yaml (`yaml: line 4: could not find expected ':'`).

import { parseAllDocuments, type YAMLError } from 'yaml';
import type { JsonValue } from './types';

export type YamlDocsResult = { ok: true; docs: JsonValue[] } | { ok: false; message: string };

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** go-yaml's wording for the problem the `yaml` library found. */
export function goYamlError(text: string, e: YAMLError): string {
  let line = lineOf(text, e.pos[0]);
  const lines = text.split('\n').length;
  let what: string;
  switch (e.code) {
    case 'TAB_AS_INDENT':
      what = 'found character that cannot start any token';
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      what = 'mapping values are not allowed in this context';
      break;
    case 'MISSING_CHAR':
      if (/quote/i.test(e.message)) what = 'found unexpected end of stream';
      else if (/Sequence item/.test(e.message)) what = "did not find expected '-' indicator";
      else {
        what = "could not find expected ':'";
        if (line < lines) line++;
      }
      break;
    case 'BAD_INDENT':
      what = /Flow sequence/.test(e.message) ? "did not find expected ',' or ']'" : /Flow map/.test(e.message) ? "did not find expected ',' or '}'" : 'did not find expected key';
      break;
    case 'UNEXPECTED_TOKEN':
      what = 'did not find expected node content';
      break;
    default:
      what = 'did not find expected key';
  }
  return `yaml: line ${line}: ${what}`;
}

/** Every document of a multi-document YAML stream, as JSON values (empty documents skipped). */
export function parseYamlDocuments(text: string): YamlDocsResult {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: false, merge: true });
  const out: JsonValue[] = [];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) return { ok: false, message: goYamlError(text, err) };
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
