// `-o custom-columns=HDR:.path,…`: kubectl pkg/cmd/get/customcolumn.go. Headers verbatim, each path
// relaxed to `{.path}`, evaluated with missing keys allowed; no match is `<none>`, several are joined
// by commas, and values print Go-style (`[a b]`, `map[k:v]`), not as JSON.

import { findResults, goPrint, parseJsonPath, type GoValue, type JsonPathTemplate } from '../../../jsonpath';
import { tabwrite } from './tabwriter';

export interface CustomColumn {
  header: string;
  /** The relaxed template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

export type CustomColumnsSpec = { ok: true; columns: CustomColumn[] } | { ok: false; error: string };
export type CustomColumnsOutput = { ok: true; stdout: string } | { ok: false; stdout: string; error: string };

const jsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPathExpression(path: string): { ok: true; template: string } | { ok: false; error: string } {
  if (path === '') return { ok: true, template: path };
  const m = jsonRegexp.exec(path);
  if (!m) {
    return {
      ok: false,
      error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  }
  return { ok: true, template: `{.${m[1] ?? m[2]}}` };
}

/** NewCustomColumnsPrinterFromSpec. Errors are kubectl's messages (without the `error: ` prefix). */
export function parseCustomColumnsSpec(spec: string): CustomColumnsSpec {
  if (spec === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const relaxed = relaxedJsonPathExpression(part.slice(colon + 1));
    if (!relaxed.ok) return relaxed;
    columns.push({ header: part.slice(0, colon), fieldSpec: relaxed.template });
  }
  return { ok: true, columns };
}

/**
 * Print objects (the items of a List, or one object) under the columns. Like kubectl, the header is
 * written before the paths are parsed, so a bad path still leaves the header on stdout.
 */
export function printCustomColumns(objects: readonly GoValue[], columns: readonly CustomColumn[], noHeaders = false): CustomColumnsOutput {
  const lines: string[][] = [];
  const flush = (): string => (lines.length > 0 ? tabwrite(lines) : '');
  if (!noHeaders) lines.push(columns.map((c) => c.header));

  const templates: JsonPathTemplate[] = [];
  for (const column of columns) {
    const parsed = parseJsonPath(column.fieldSpec);
    if (!parsed.ok) return { ok: false, stdout: flush(), error: parsed.error };
    templates.push(parsed.template);
  }
  for (const obj of objects) {
    const cells: string[] = [];
    for (const template of templates) {
      const found = findResults(template, obj, { allowMissingKeys: true });
      if (!found.ok) return { ok: false, stdout: flush(), error: found.error };
      const values: string[] = [];
      if (found.results.length === 0 || (found.results[0] as GoValue[]).length === 0) values.push('<none>');
      for (const group of found.results) for (const v of group) values.push(goPrint(v));
      cells.push(values.join(','));
    }
    lines.push(cells);
  }
  return { ok: true, stdout: flush() };
}
