// kubectl apply (client-side): create with the last-applied-configuration annotation, or compute the
// three-way strategic merge patch against the live object: `created`, `configured`, `unchanged`.

import { threeWayStrategicPatch } from '../../kube/patch';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { forEachManifestObject, readManifestBatch, writeManifestObject, writeQuery } from './manifest-writes';
import { nameLine, parseOutputFormat, printObjects } from './printers';
import { resourcePath, type Kubectl } from './session';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of a map: keys sorted at every level, no spaces, HTML characters escaped. */
export function goJson(v: JsonValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${goJson(v[k]!)}`)
    .join(',')}}`;
}

/** The annotation's value: the object as given, its own annotation removed, namespace filled in. */
export function lastAppliedOf(obj: KubeObject, namespace: string | null): string {
  const o = structuredClone(obj) as unknown as JsonObject;
  const meta = (o.metadata ??= {}) as JsonObject;
  const ann = { ...((meta.annotations as JsonObject | undefined) ?? {}) };
  delete ann[LAST_APPLIED];
  meta.annotations = ann;
  if (namespace !== null) meta.namespace = namespace;
  return `${goJson(o)}\n`;
}

export async function applyCommand(k: Kubectl): Promise<number> {
  const files = k.list('filename');
  if (files.length === 0) {
    k.err("error: must specify one of -f and -k\n\n");
    return 1;
  }
  const dryRun = k.str('dry-run');
  const batch = await readManifestBatch(k, files, 'error: no objects passed to apply\n');
  if (typeof batch === 'number') return batch;
  const output = k.str('output');
  const fmt = output ? parseOutputFormat(output, k.str('template')) : null;
  if (fmt && !fmt.ok) {
    k.err(fmt.stderr);
    return 1;
  }
  const report = (obj: KubeObject, what: string): void => {
    if (fmt?.ok) k.out(printObjects([obj], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
    else k.out(nameLine(obj, what));
  };
  return forEachManifestObject(k, batch, async (m, ns) => {
    const name = m.obj.metadata.name!;
    const modified = structuredClone(m.obj);
    if (ns !== null) modified.metadata.namespace = ns;
    modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(m.obj, ns) };
    const live = await k.call('get', resourcePath(m.resource, ns, name));
    if (!live) return { exit: 1 };
    if (live.code === 404) {
      if (dryRun === 'client') {
        report(modified, 'created (dry run)');
        return 'done';
      }
      const uri = resourcePath(m.resource, ns, undefined, undefined, writeQuery(k, dryRun === 'server'));
      return writeManifestObject(k, m, { verb: 'create', uri, body: modified as unknown as JsonValue, doing: 'creating' }, (o) =>
        report(o, dryRun === 'server' ? 'created (server dry run)' : 'created'),
      );
    }
    const lst = asStatus(live.body);
    if (lst && live.code >= 400) {
      k.err(statusErrorText(lst, { source: { verb: 'retrieving current configuration of', file: m.source } }));
      return 'failed';
    }
    const current = live.body as unknown as KubeObject;
    const previous = current.metadata.annotations?.[LAST_APPLIED];
    if (previous === undefined) {
      k.err(`Warning: resource ${m.resource.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
    }
    let original: JsonValue = null;
    try {
      original = previous ? (JSON.parse(previous) as JsonValue) : null;
    } catch {
      original = null;
    }
    const patch = threeWayStrategicPatch(original, modified as unknown as JsonValue, current as unknown as JsonValue);
    if (Object.keys(patch).length === 0) {
      report(current, dryRun === 'client' ? 'unchanged (dry run)' : dryRun === 'server' ? 'unchanged (server dry run)' : 'unchanged');
      return 'done';
    }
    if (dryRun === 'client') {
      report(current, 'configured (dry run)');
      return 'done';
    }
    const uri = resourcePath(m.resource, ns, name, undefined, writeQuery(k, dryRun === 'server'));
    const patchType = m.resource.group === '' || m.resource.group === 'apps' ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json';
    return writeManifestObject(k, m, { verb: 'patch', uri, body: patch, patchType, doing: 'patching' }, (o) =>
      report(o, dryRun === 'server' ? 'configured (server dry run)' : 'configured'),
    );
  });
}
