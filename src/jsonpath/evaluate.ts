// Evaluator for parsed JSONPath templates: a port of client-go util/jsonpath/jsonpath.go (v0.26).
//
// The range/end handling keeps Go's counter-based design (beginRange / inRange / endRange and the
// index of the last `{end}` seen) because its edge cases — an `{end}` outside a range, a range with
// no `{end}`, an empty range — are behaviour learners hit and kubectl reports.

import type { ArrayNode, FilterNode, JsonPathNode, JsonPathTemplate, ListNode, UnionNode } from './ast';
import { compareByOperator } from './compare';
import { goJsonMarshal, goPrint, goTypeName, isGoMap, sortedKeys, type GoValue } from './go-values';

export interface EvaluateOptions {
  /** kubectl's --allow-missing-template-keys (true by default for -o jsonpath). */
  allowMissingKeys?: boolean;
}

export type FindResult = { ok: true; results: GoValue[][] } | { ok: false; error: string };
export type ExecuteResult = { ok: true; text: string } | { ok: false; error: string };

/** What a walk step yields; on error Go still returns a value list, and filters look at it. */
interface Walked {
  values: GoValue[];
  error?: string;
}

/** Every match, grouped per top-level template node (JSONPath.FindResults). */
export function findResults(template: JsonPathTemplate, data: GoValue, options: EvaluateOptions = {}): FindResult {
  const evaluator = new Evaluator(template.root.nodes, options.allowMissingKeys ?? false);
  const found = evaluator.find(data, 0);
  if (typeof found === 'string') return { ok: false, error: found };
  return { ok: true, results: found };
}

/** Render matches as JSONPath.PrintResults does: maps and lists as compact JSON, scalars raw, space-separated. */
export function printResults(results: GoValue[][]): string {
  return results.map((group) => group.map(renderResultValue).join(' ')).join('');
}

export function renderResultValue(v: GoValue): string {
  return typeof v === 'object' && v !== null ? goJsonMarshal(v) : goPrint(v);
}

/** JSONPath.Execute: find and print. No newline is appended. */
export function executeJsonPath(template: JsonPathTemplate, data: GoValue, options: EvaluateOptions = {}): ExecuteResult {
  const found = findResults(template, data, options);
  if (!found.ok) return found;
  return { ok: true, text: printResults(found.results) };
}

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** FindResults over nodes[from:], as Go re-slices the parser's root for each range body. */
  find(data: GoValue, from: number): GoValue[][] | string {
    const cur: GoValue[] = [data];
    const full: GoValue[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const walked = this.walk(cur, this.nodes[i] as JsonPathNode);
      if (walked.error !== undefined) return walked.error;

      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (walked.values.length > 0) {
          for (const value of walked.values) {
            const inner = this.find(value, i + 1);
            if (typeof inner === 'string') return inner;
            full.push(...inner);
          }
        } else {
          // An empty range still walks its body so the position advances to its {end}.
          const inner = this.find(null, i + 1);
          if (typeof inner === 'string') return inner;
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(walked.values);
    }
    return full;
  }

  private walk(input: GoValue[], node: JsonPathNode): Walked {
    switch (node.type) {
      case 'List':
        return this.evalList(input, node);
      case 'Text':
        return { values: [node.text] };
      case 'Field':
        return this.evalField(input, node.name);
      case 'Array':
        return evalArray(input, node);
      case 'Filter':
        return this.evalFilter(input, node);
      case 'Int':
      case 'Float':
      case 'Bool':
        return { values: input.map(() => node.value) };
      case 'Wildcard':
        return { values: input.flatMap((v) => childrenOf(v)) };
      case 'Recursive':
        return { values: evalRecursive(input) };
      case 'Union':
        return this.evalUnion(input, node);
      case 'Identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: GoValue[], list: ListNode): Walked {
    let cur = input;
    for (const node of list.nodes) {
      const walked = this.walk(cur, node);
      if (walked.error !== undefined) return walked;
      cur = walked.values;
    }
    return { values: cur };
  }

  private evalField(input: GoValue[], name: string): Walked {
    if (input.length === 0) return { values: [] };
    const results: GoValue[] = [];
    for (const value of input) {
      if (isGoMap(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) {
        results.push(value[name] as GoValue);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) return { values: [], error: `${name} is not found` };
    return { values: results };
  }

  private evalUnion(input: GoValue[], node: UnionNode): Walked {
    const results: GoValue[] = [];
    for (const list of node.nodes) {
      const walked = this.evalList(input, list);
      if (walked.error !== undefined) return { values: input, error: walked.error };
      results.push(...walked.values);
    }
    return { values: results };
  }

  private evalIdentifier(input: GoValue[], name: string): Walked {
    switch (name) {
      case 'range':
        this.beginRange++;
        return { values: input };
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return { values: [] };
        }
        return { values: [], error: 'not in range, nothing to end' };
      default:
        return { values: input, error: `unrecognized identifier ${name}` };
    }
  }

  private evalFilter(input: GoValue[], node: FilterNode): Walked {
    const results: GoValue[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        return { values: input, error: `${goPrint(value)} is not array or slice and cannot be filtered` };
      }
      for (const item of value) {
        const lefts = this.evalList([item], node.left);
        if (node.operator === 'exists') {
          if (lefts.values.length > 0) results.push(item);
          continue;
        }
        if (lefts.error !== undefined) return { values: input, error: lefts.error };
        if (lefts.values.length === 0) continue;
        if (lefts.values.length > 1) return { values: input, error: 'can only compare one element at a time' };

        const rights = this.evalList([item], node.right);
        if (rights.error !== undefined) return { values: input, error: rights.error };
        if (rights.values.length === 0) continue;
        if (rights.values.length > 1) return { values: input, error: 'can only compare one element at a time' };

        const verdict = compareByOperator(node.operator, lefts.values[0] as GoValue, rights.values[0] as GoValue);
        if (verdict === null) return { values: results, error: `unrecognized filter operator ${node.operator}` };
        if (!verdict.ok) return { values: results, error: verdict.error };
        if (verdict.pass) results.push(item);
      }
    }
    return { values: results };
  }
}

function evalArray(input: GoValue[], node: ArrayNode): Walked {
  const results: GoValue[] = [];
  for (const value of input) {
    if (value === null) continue;
    if (!Array.isArray(value)) return { values: input, error: `${goTypeName(value)} is not array or slice` };
    const [p0, p1, p2] = node.params.map((p) => ({ ...p }));
    const length = value.length;
    if (!p0!.known) p0!.value = 0;
    if (p0!.value < 0) p0!.value += length;
    if (!p1!.known) p1!.value = length;
    if (p1!.value < 0 || (p1!.value === 0 && p1!.derived)) p1!.value += length;
    const start = p0!.value;
    const end = p1!.value;
    if (end === start) return { values: results }; // Go stops here, even with inputs left.
    if (start >= length || start < 0) {
      return { values: input, error: `array index out of bounds: index ${start}, length ${length}` };
    }
    if (end > length || end < 0) {
      return { values: input, error: `array index out of bounds: index ${end - 1}, length ${length}` };
    }
    if (start > end) return { values: input, error: `starting index ${start} is greater than ending index ${end}` };
    let step = 1;
    if (p2!.known) {
      if (p2!.value <= 0) return { values: input, error: 'step must be > 0' };
      step = p2!.value;
    }
    const slice = value.slice(start, end);
    for (let i = 0; i < slice.length; i += step) results.push(slice[i] as GoValue);
  }
  return { values: results };
}

/** Members of a map (in sorted key order: Go's order is random), elements of a list, bytes of a string. */
function childrenOf(value: GoValue): GoValue[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  if (isGoMap(value)) return sortedKeys(value).map((k) => value[k] as GoValue);
  if (typeof value === 'string') return Array.from(new TextEncoder().encode(value));
  return [];
}

/** `..`: every value that has children, followed by its descendants, depth first. */
function evalRecursive(input: GoValue[]): GoValue[] {
  const result: GoValue[] = [];
  for (const value of input) {
    const children = childrenOf(value);
    if (children.length === 0) continue;
    result.push(value);
    result.push(...evalRecursive(children));
  }
  return result;
}
