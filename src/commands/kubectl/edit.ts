// kubectl edit: fetch the objects, hand their YAML to the learner's editor, and PATCH what changed
// (strategic merge, fieldManager=kubectl-edit); a rejected save reopens the file with the server's
// reasons as comments, and giving up keeps a copy for `kubectl replace --force -f` (editoptions.go).

import { byKind, type ResourceInfo } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { parseYamlDocuments } from '../../kube/manifest';
import { goJson } from './apply';
import { deepEqual, twoWayStrategicPatch } from './client-patches';
import { editHeader, editTempPath, hasLines, manualStrip, stripComments, type EditReason } from './edit-file';
import { launchEditor, preservedFileLine, removeQuietly } from './edit-launch';
import { asStatus } from './errors';
import { parseOutputFormat, toKubectlJson, toKubectlYaml } from './printers';
import { resourcePath, type Kubectl } from './session';
import { fetchTargets, type Target } from './targets';
import { visitErrorsText } from './visit-errors';
import { printWritten } from './write-output';

/** One object read back from the edited file. */
interface Edited {
  obj: KubeObject;
  r: ResourceInfo;
}

/** What one save did (editResults). */
interface SaveResults {
  reasons: EditReason[];
  retryable: number;
  notfound: number;
  /** Objects the server found invalid: edit again. */
  invalid: number;
  file: string;
}

const withoutManagedFields = (o: KubeObject): KubeObject => {
  const c = structuredClone(o);
  delete c.metadata.managedFields;
  return c;
};

/** The resource builder reading the edited file: every document an object of a known kind, Lists flattened. */
function parseEdited(text: string): Edited[] | string {
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return `error parsing edited-file: error converting YAML to JSON: ${parsed.message}`;
  const docs = parsed.docs.flatMap((d) => ((d as JsonObject | null)?.kind === 'List' && Array.isArray((d as JsonObject).items) ? ((d as JsonObject).items as JsonValue[]) : [d]));
  const out: Edited[] = [];
  for (const d of docs) {
    if (d === null || typeof d !== 'object' || Array.isArray(d)) {
      const type = Array.isArray(d) ? 'array' : typeof d === 'boolean' ? 'bool' : typeof d;
      return `unable to decode "edited-file": json: cannot unmarshal ${type} into Go value of type map[string]interface {}`;
    }
    if (typeof d.kind !== 'string' || d.kind === '') return `unable to decode "edited-file": Object 'Kind' is missing in '${goJson(d)}'`;
    const apiVersion = typeof d.apiVersion === 'string' ? d.apiVersion : '';
    const r = byKind(apiVersion, d.kind);
    if (!r) {
      const meta = (d.metadata ?? {}) as JsonObject;
      return `resource mapping not found for name: ${JSON.stringify(meta.name ?? '')} namespace: ${JSON.stringify(meta.namespace ?? '')} from "edited-file": no matches for kind "${d.kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
    }
    const obj = d as unknown as KubeObject;
    obj.metadata ??= {};
    out.push({ obj, r });
  }
  return out;
}

/** --validate as the fieldValidation directive the server is asked for. */
function validationDirective(k: Kubectl): string {
  const v = k.str('validate').toLowerCase();
  if (v === 'warn') return 'Warn';
  if (v === 'false' || v === 'ignore') return 'Ignore';
  return 'Strict';
}

/** `pods`, `deployments.apps`: how edit names a resource in its messages. */
const resourceString = (r: ResourceInfo): string => (r.group ? `${r.resource}.${r.group}` : r.resource);

export async function editCommand(k: Kubectl): Promise<number> {
  const output = k.str('output') || 'yaml';
  const fileFormat = parseOutputFormat(output, '', ['json', 'yaml']);
  if (!fileFormat.ok) return k.err(fileFormat.stderr), 1;
  const asJson = output === 'json';
  const fetched = await fetchTargets(k, { args: k.flags.args, allowEmptySelector: true });
  if (typeof fetched === 'number') return fetched;
  if (fetched.errors.length > 0) return k.err(visitErrorsText(fetched.errors)), 1;
  if (fetched.targets.length === 0) return k.err('error: edit cancelled, no objects found\n'), 1;
  const originals = fetched.targets.map((t) => ({ ...t, obj: withoutManagedFields(t.obj) }));
  const shown: JsonValue =
    originals.length === 1
      ? (originals[0]!.obj as unknown as JsonObject)
      : { apiVersion: 'v1', items: originals.map((t) => t.obj as unknown as JsonObject), kind: 'List', metadata: {} };
  const render = (v: JsonValue): string => (asJson ? toKubectlJson(v) : toKubectlYaml(v));

  let results: SaveResults = { reasons: [], retryable: 0, notfound: 0, invalid: 0, file: '' };
  let original = '';
  let edited = '';
  let containsError = false;
  for (;;) {
    let buf = asJson ? '' : editHeader(results.reasons);
    if (!containsError) {
      buf += render(shown);
      original = buf;
    } else buf += manualStrip(edited);
    const previous = edited;
    const file = editTempPath(k.ctx.sys.random, asJson ? '.json' : '.yaml');
    const launched = await launchEditor(k, file, buf);
    if (!launched.ok) {
      k.err(preservedFileLine(k, results.file));
      k.err(`error: ${launched.error}\n`);
      return 1;
    }
    edited = launched.text;
    if (containsError && stripComments(previous) === stripComments(edited)) {
      k.err(preservedFileLine(k, file));
      k.err('error: Edit cancelled, no valid changes were saved.\n');
      return 1;
    }
    if (results.file !== '') removeQuietly(k, results.file);
    if (stripComments(original) === stripComments(edited)) {
      removeQuietly(k, file);
      k.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      removeQuietly(k, file);
      k.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    results = { reasons: [], retryable: 0, notfound: 0, invalid: 0, file };
    const updated = parseEdited(edited);
    if (typeof updated === 'string') {
      containsError = true;
      results.reasons.push({ head: `The edited file had a syntax error: ${updated}`, other: [] });
      continue;
    }
    containsError = false;
    const cmdNamespace = k.namespace();
    for (const u of updated) {
      if (!u.r.namespaced) continue;
      const ns = u.obj.metadata.namespace;
      if (!ns) u.obj.metadata.namespace = cmdNamespace;
      else if (ns !== cmdNamespace) {
        k.err(preservedFileLine(k, file));
        k.err(`error: the namespace from the provided object "${ns}" does not match the namespace "${cmdNamespace}". You must pass '--namespace=${ns}' to perform this operation.\n`);
        return 1;
      }
    }
    const failed = await patchEach(k, originals, updated, results, validationDirective(k));
    if (failed !== null) {
      k.err(preservedFileLine(k, results.file));
      k.err(`error: ${failed}\n`);
      return 1;
    }
    if (results.retryable > 0) {
      k.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (results.notfound > 0) {
      k.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
      return 1;
    }
    if (results.invalid === 0) {
      removeQuietly(k, file);
      return 0;
    }
    if (results.reasons.length > 0) containsError = true;
  }
}

/**
 * visitToPatch: a strategic patch per changed object, failures counted in `results`. Returns the
 * error that ends the edit at once (a changed name or kind), or null.
 */
async function patchEach(k: Kubectl, originals: Target[], updated: Edited[], results: SaveResults, directive: string): Promise<string | null> {
  const fmt = k.str('output') ? parseOutputFormat(k.str('output'), '', ['json', 'yaml']) : null;
  const report = (obj: KubeObject, what: string): void => printWritten(k, fmt, obj, what);
  for (const u of updated) {
    const uid = u.obj.metadata.uid ?? '';
    const orig = originals.find((o) => (o.obj.metadata.uid ?? '') === uid);
    if (!orig) return `no original object found for ${u.obj.kind}/${u.obj.metadata.name ?? ''}`;
    const before = orig.obj as unknown as JsonObject;
    const after = withoutManagedFields(u.obj) as unknown as JsonObject;
    if (deepEqual(before, after)) {
      report(orig.obj, 'skipped');
      continue;
    }
    const meta = (v: JsonObject): JsonObject => (v.metadata ?? {}) as JsonObject;
    if (before.apiVersion !== after.apiVersion || before.kind !== after.kind || meta(before).name !== meta(after).name) {
      return 'At least one of apiVersion, kind and name was changed';
    }
    const patch = twoWayStrategicPatch(before, after);
    if (k.bool('output-patch')) k.out(`Patch: ${goJson(patch)}\n`);
    const query = `fieldManager=${k.str('field-manager')}${directive === 'Ignore' ? '' : `&fieldValidation=${directive}`}`;
    const what = `${resourceString(orig.r)} "${orig.name}"`;
    const resp = await k.send({
      verb: 'patch',
      uri: resourcePath(orig.r, orig.ns, orig.name, undefined, query),
      body: patch,
      patchType: 'application/strategic-merge-patch+json',
      typed: `${what} could not be patched`,
    });
    if (!resp) {
      results.retryable++;
      continue;
    }
    const st = asStatus(resp.body);
    if (st && resp.code >= 400) {
      k.err(`${addError(results, what, st)}\n`);
      continue;
    }
    report(resp.body as unknown as KubeObject, 'edited');
  }
  return null;
}

/** editResults.addError: Invalid objects are edited again, missing ones saved, the rest retryable. */
function addError(results: SaveResults, what: string, st: JsonObject): string {
  const reason = typeof st.reason === 'string' ? st.reason : '';
  const message = typeof st.message === 'string' ? st.message : '';
  if (reason === 'Invalid') {
    results.invalid++;
    const causes = (((st.details as JsonObject | undefined)?.causes as JsonObject[] | undefined) ?? []).map((c) => `${String(c.field ?? '')}: ${String(c.message ?? '')}`);
    results.reasons.push({ head: `${what} was not valid`, other: causes });
    return `error: ${what} is invalid`;
  }
  if (reason === 'NotFound') {
    results.notfound++;
    return `error: ${what} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${what} could not be patched: ${message}`;
}
