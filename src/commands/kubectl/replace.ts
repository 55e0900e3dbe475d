// kubectl replace -f: PUT the whole object (`pod/x replaced`); with --force, delete, wait until it is
// gone, and create it again (`pod "x" deleted` then `pod/x replaced`).

import type { JsonValue, KubeObject } from '../../kube/types';
import { targetNamespace } from './apply';
import { deleteOne, gracePeriod, waitGone } from './delete';
import { asStatus, statusErrorText } from './errors';
import { readManifests } from './manifests';
import { nameLine } from './printers';
import { resourcePath, type Kubectl } from './session';

export async function replaceCommand(k: Kubectl): Promise<number> {
  const files = k.list('filename');
  if (files.length === 0) {
    k.err("error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n");
    return 1;
  }
  const g = gracePeriod(k);
  if (typeof g === 'string') return k.err(`${g}\n`), 1;
  const read = await readManifests(k.ctx, files);
  if (!read.ok) return k.err(read.stderr), 1;
  let status = read.errors.length > 0 ? 1 : 0;
  for (const e of read.errors) k.err(e);
  if (read.objects.length === 0) return 1;
  if (!k.connect()) return 1;
  for (const m of read.objects) {
    const ns = targetNamespace(k, m);
    if (ns !== null && typeof ns === 'object') {
      k.err(ns.error);
      status = 1;
      continue;
    }
    const name = m.obj.metadata.name!;
    const obj = structuredClone(m.obj);
    if (ns !== null) obj.metadata.namespace = ns;
    const q = `fieldManager=${k.str('field-manager')}&fieldValidation=Strict`;
    if (k.bool('force')) {
      const t = { r: m.resource, ns, name };
      const uid = await deleteOne(k, t, g.force ? g.grace : -1, false, m.source);
      if (uid === 'failed') {
        status = 1;
        continue;
      }
      if (uid !== null && !(await waitGone(k, t, uid))) return 130;
      delete obj.metadata.resourceVersion;
      const r = await k.call('create', resourcePath(m.resource, ns, undefined, undefined, q), obj as unknown as JsonValue);
      if (!r) return 1;
      const st = asStatus(r.body);
      if (st && r.code >= 400) {
        k.err(statusErrorText(st, { source: { verb: 'creating', file: m.source } }));
        status = 1;
        continue;
      }
      k.out(nameLine(r.body as unknown as KubeObject, 'replaced'));
      continue;
    }
    const r = await k.call('update', resourcePath(m.resource, ns, name, undefined, q), obj as unknown as JsonValue);
    if (!r) return 1;
    const st = asStatus(r.body);
    if (st && r.code >= 400) {
      k.err(statusErrorText(st, { source: { verb: 'replacing', file: m.source } }));
      status = 1;
      continue;
    }
    k.out(nameLine(r.body as unknown as KubeObject, 'replaced'));
  }
  return status;
}
