// Scenario loader: YAML text → validated Scenario, or errors with line/column for `cks-lab lint`.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema';

/** One problem in a scenario file; line and col are 1-based. */
export interface LoadError {
  /** Where in the document, e.g. `checks[2].pattern`; empty for the whole file. */
  path: string;
  line: number;
  col: number;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: LoadError[] };

/** Larger than any honest scenario; keeps a hostile pack from tying up the parser. */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/** Anchors are handy for repeated text; expansion beyond this is a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 50;
const MAX_ERRORS = 50;

type PathSegment = string | number;

export function loadScenario(text: string): LoadResult {
  if (text.length > MAX_SCENARIO_BYTES) {
    return fail([{ path: '', line: 1, col: 1, message: `file is too large (over ${MAX_SCENARIO_BYTES} bytes)` }]);
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntax = [...doc.errors, ...doc.warnings].map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { path: '', line: pos.line, col: pos.col, message: yamlMessage(e.code, e.message) };
    });
    if (syntax.length > 0) return fail(syntax);
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // toJS throws on alias bombs; pathological nesting can exhaust the stack. Both are user input.
    const reason = err instanceof Error ? err.message : String(err);
    const message = /alias/i.test(reason)
      ? 'too many alias expansions (a YAML bomb?); scenario files may use only a few anchors'
      : `could not read the YAML: ${reason}`;
    return fail([{ path: '', line: 1, col: 1, message }]);
  }

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const errors = parsed.error.issues.flatMap((issue) => issueToErrors(issue, doc, lineCounter));
  return fail(errors);
}

/** `file:line:col: path: message`, one per line, as compilers print them. */
export function formatLoadErrors(fileName: string, errors: readonly LoadError[]): string {
  return errors
    .map((e) => `${fileName}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ''}${e.message}`)
    .join('\n');
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function fail(errors: LoadError[]): LoadResult {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, errors: sorted.slice(0, MAX_ERRORS) };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first}`;
  if (code === 'TAG_RESOLVE_FAILED' || /tag/i.test(first)) return `YAML tags are not allowed in scenario files: ${first}`;
  return `YAML syntax error: ${first}`;
}

function issueToErrors(issue: z.core.$ZodIssue, doc: Document.Parsed, lc: LineCounter): LoadError[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = locate(doc, [...path, key], lc, true);
      return { path: formatPath([...path, key]), ...at.pos, message: `unknown field "${key}"` };
    });
  }

  const at = locate(doc, path, lc, false);
  const last = path[path.length - 1];
  let message = issue.message;
  if (!at.found && last !== undefined) {
    // The field is absent from the file: say so, and point at the mapping that should hold it.
    message =
      issue.code === 'invalid_type'
        ? `missing required field "${last}"`
        : `missing required field "${last}": ${issue.message}`;
  } else if (path.length === 0 && issue.code === 'invalid_type') {
    message = 'a scenario file must be a YAML mapping (apiVersion, kind, id, …)';
  }
  return [{ path: formatPath(path), ...at.pos, message }];
}

/**
 * Walk the YAML tree along a zod path. When the path leaves the document (a missing field), the
 * deepest existing node is used. `atKey` points at the key of the last pair instead of its value.
 */
function locate(
  doc: Document.Parsed,
  path: readonly PathSegment[],
  lc: LineCounter,
  atKey: boolean,
): { found: boolean; pos: { line: number; col: number } } {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  let found = true;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node === null || isAlias(node)) {
      found = false;
      break;
    }
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) {
        found = false;
        break;
      }
      const key = pair.key as Node;
      const value = (pair.value as Node | null) ?? null;
      const isLast = i === path.length - 1;
      if ((atKey && isLast) || value === null) {
        offset = key.range?.[0] ?? offset;
        node = value;
        if (value === null && !isLast) {
          found = false;
          break;
        }
        continue;
      }
      node = value;
      offset = value.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = (node.items[seg] as Node | undefined) ?? null;
      if (item === null) {
        found = false;
        break;
      }
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      found = false;
      break;
    }
  }
  return { found, pos: lc.linePos(offset) };
}
