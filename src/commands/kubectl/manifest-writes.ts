// What `create -f`, `replace -f` and `apply` share: reading the files with their per-document errors,
// the namespace each object goes to, and one write request whose failure names the file it came from.

import type { ApiRequest, Verb } from '../../kube/apiserver/types';
import type { JsonValue, KubeObject } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { readManifests, type ManifestObject } from './manifests';
import type { Kubectl } from './session';

/** How one object went: written (or printed), failed with its error printed, or stop the command now. */
export type ObjectOutcome = 'done' | 'failed' | { exit: number };

/** Which namespace an object from a file goes to; an error text when it contradicts -n. */
export function targetNamespace(k: Kubectl, m: ManifestObject): string | null | { error: string } {
  if (!m.resource.namespaced) return null;
  const own = m.obj.metadata.namespace;
  const flag = k.changed('namespace') ? k.str('namespace') : '';
  if (own && flag && own !== flag) return { error: `error: the namespace from the provided object "${own}" does not match the namespace "${flag}". You must pass '--namespace=${own}' to perform this operation.\n` };
  return own || k.namespace();
}

/** The query every kubectl write sends. */
export function writeQuery(k: Kubectl, serverDryRun = false): string {
  return `fieldManager=${k.str('field-manager')}&fieldValidation=Strict${serverDryRun ? '&dryRun=All' : ''}`;
}

/**
 * Reads the -f files (errors per document printed, their status kept), then connects. Returns the exit
 * status instead when there is nothing to send; `noObjectsText` is printed when the files were merely empty.
 */
export async function readManifestBatch(k: Kubectl, files: string[], noObjectsText = ''): Promise<{ objects: ManifestObject[]; status: number } | number> {
  const read = await readManifests(k.ctx, files);
  if (!read.ok) return k.err(read.stderr), 1;
  for (const e of read.errors) k.err(e);
  if (read.objects.length === 0) {
    if (read.errors.length === 0 && noObjectsText) k.err(noObjectsText);
    return 1;
  }
  if (!k.connect()) return 1;
  return { objects: read.objects, status: read.errors.length > 0 ? 1 : 0 };
}

/** Runs `each` on every object with its target namespace; a namespace conflict fails that object only. */
export async function forEachManifestObject(
  k: Kubectl,
  batch: { objects: ManifestObject[]; status: number },
  each: (m: ManifestObject, ns: string | null) => Promise<ObjectOutcome>,
): Promise<number> {
  let status = batch.status;
  for (const m of batch.objects) {
    const ns = targetNamespace(k, m);
    if (ns !== null && typeof ns === 'object') {
      k.err(ns.error);
      status = 1;
      continue;
    }
    const outcome = await each(m, ns);
    if (typeof outcome === 'object') return outcome.exit;
    if (outcome === 'failed') status = 1;
  }
  return status;
}

export interface ManifestWrite {
  verb: Verb;
  uri: string;
  body: JsonValue;
  patchType?: ApiRequest['patchType'];
  /** How the error names the attempt: `error when creating "pod.yaml"`. */
  doing: string;
}

/** Sends one write for an object from `m`'s file and hands the server's object to `done`. */
export async function writeManifestObject(k: Kubectl, m: ManifestObject, w: ManifestWrite, done: (obj: KubeObject) => void): Promise<ObjectOutcome> {
  const r = await k.call(w.verb, w.uri, w.body, w.patchType);
  if (!r) return { exit: 1 };
  const st = asStatus(r.body);
  if (st && r.code >= 400) {
    k.err(statusErrorText(st, { source: { verb: w.doing, file: m.source } }));
    return 'failed';
  }
  done(r.body as unknown as KubeObject);
  return 'done';
}
