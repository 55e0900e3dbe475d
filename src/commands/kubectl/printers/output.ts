// `-o` for kubectl get and friends: parse the output format as cli-runtime's PrintFlags do, then print
// objects with the matching printer (table, json, yaml, name, jsonpath, custom-columns).

import { goQuote, type GoValue } from '../../../jsonpath';
import type { KubeObject } from '../../../kube/types';
import { parseCustomColumnsSpec, printCustomColumns } from './custom-columns';
import { isList, omitManagedFields, printNames, printableObject, toKubectlJson } from './generic';
import { printJsonPath } from './jsonpath-printer';
import { printObjectsTable, type TableOptions } from './table';
import { toKubectlYaml } from './yaml';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  /** The caller reads the file and prints with { kind: 'jsonpath', template: <contents> }. */
  | { kind: 'jsonpath-file'; path: string }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'custom-columns-file'; path: string }
  /** go-template and friends: accepted by kubectl, not simulated by the lab. */
  | { kind: 'go-template'; template: string };

export type OutputFormatResult = { ok: true; format: OutputFormat } | { ok: false; stderr: string };

/** kubectl get's allowed formats, as its "unable to match a printer" error lists them. */
export const GET_OUTPUT_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json',
  'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml',
];

/**
 * Read `-o` (and `--template` when the format names no template). `allowed` narrows the formats for
 * commands without table output (create, run: no `wide`).
 */
export function parseOutputFormat(output: string, template = '', allowed: readonly string[] = GET_OUTPUT_FORMATS): OutputFormatResult {
  const unmatched = (format: string): OutputFormatResult => ({
    ok: false,
    stderr: `error: unable to match a printer suitable for the output format ${goQuote(format)}, allowed formats are: ${allowed.join(',')}\n`,
  });
  if (output === '' && template !== '') return { ok: true, format: { kind: 'go-template', template } };
  if (output === '' || (output === 'wide' && allowed.includes('wide'))) return { ok: true, format: { kind: 'table', wide: output === 'wide' } };
  if (output === 'json' || output === 'yaml' || output === 'name') {
    return allowed.includes(output) ? { ok: true, format: { kind: output } } : unmatched(output);
  }
  const eq = output.indexOf('=');
  const name = eq >= 0 ? output.slice(0, eq) : output;
  const value = eq >= 0 ? output.slice(eq + 1) : template;
  if (!allowed.includes(name)) return unmatched(output);
  switch (name) {
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file':
      if (value === '') return { ok: false, stderr: 'error: template format specified but no template given\n' };
      return name === 'jsonpath-file'
        ? { ok: true, format: { kind: 'jsonpath-file', path: value } }
        : { ok: true, format: { kind: 'jsonpath', template: value, asJson: name === 'jsonpath-as-json' } };
    case 'custom-columns':
    case 'custom-columns-file':
      if (value === '') return { ok: false, stderr: 'error: custom-columns format specified but no custom columns given\n' };
      return name === 'custom-columns'
        ? { ok: true, format: { kind: 'custom-columns', spec: value } }
        : { ok: true, format: { kind: 'custom-columns-file', path: value } };
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
      if (value === '') return { ok: false, stderr: 'error: template format specified but no template given\n' };
      return { ok: true, format: { kind: 'go-template', template: value } };
    default:
      return unmatched(output);
  }
}

export interface PrintOptions extends Partial<TableOptions> {
  nowMs: number;
  /** One named object was requested (`get pod nginx`): print it bare, not as a List. */
  singleItemImplied?: boolean;
  showManagedFields?: boolean;
  allowMissingTemplateKeys?: boolean;
  /** JSON key order: sorted for stored objects (default), declaration order for typed dry-run objects. */
  sortKeys?: boolean;
}

/** stdout, and on failure the stderr text (starting with `error: `) for exit status 1. */
export type PrintOutput = { ok: true; stdout: string } | { ok: false; stdout: string; stderr: string };

/**
 * Print what `kubectl get` fetched. Tables print nothing for no objects: the caller then writes
 * noResourcesFound(…) to stderr. File-based formats must be resolved by the caller first.
 */
export function printObjects(objects: readonly KubeObject[], format: OutputFormat, options: PrintOptions): PrintOutput {
  if (format.kind === 'table') {
    return { ok: true, stdout: printObjectsTable(objects, { ...options, wide: format.wide }) };
  }
  let obj = printableObject(objects, options.singleItemImplied ?? false);
  if (!options.showManagedFields) obj = omitManagedFields(obj);
  const data = obj as unknown as GoValue;
  switch (format.kind) {
    case 'json':
      return { ok: true, stdout: toKubectlJson(obj, { sortKeys: options.sortKeys }) };
    case 'yaml':
      return { ok: true, stdout: toKubectlYaml(data) };
    case 'name':
      return { ok: true, stdout: printNames(obj) };
    case 'jsonpath': {
      const r = printJsonPath(format.template, data, { allowMissingKeys: options.allowMissingTemplateKeys ?? true, asJson: format.asJson });
      return r.ok ? r : { ok: false, stdout: '', stderr: r.stderr };
    }
    case 'custom-columns': {
      const spec = parseCustomColumnsSpec(format.spec);
      if (!spec.ok) return { ok: false, stdout: '', stderr: `error: ${spec.error}\n` };
      const items = (isList(obj) ? obj.items : [obj]) as unknown as GoValue[];
      const r = printCustomColumns(items, spec.columns, options.noHeaders ?? false);
      return r.ok ? r : { ok: false, stdout: r.stdout, stderr: `error: ${r.error}\n` };
    }
    default:
      return { ok: false, stdout: '', stderr: `error: output format ${format.kind} is not supported by this lab\n` };
  }
}
