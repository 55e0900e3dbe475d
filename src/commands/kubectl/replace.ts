// kubectl replace -f: PUT the whole object (`pod/x replaced`); with --force, delete, wait until it is
// gone, and create it again (`pod "x" deleted` then `pod/x replaced`).

import type { JsonValue, KubeObject } from '../../kube/types';
import { deleteOne, gracePeriod, waitGone } from './delete';
import { forEachManifestObject, readManifestBatch, writeManifestObject, writeQuery } from './manifest-writes';
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
  const batch = await readManifestBatch(k, files);
  if (typeof batch === 'number') return batch;
  return forEachManifestObject(k, batch, async (m, ns) => {
    const name = m.obj.metadata.name!;
    const obj = structuredClone(m.obj);
    if (ns !== null) obj.metadata.namespace = ns;
    const replaced = (o: KubeObject): void => k.out(nameLine(o, 'replaced'));
    if (k.bool('force')) {
      const t = { r: m.resource, ns, name };
      // replace.go: replacing creates what does not exist, so a missing object is not an error;
      // --grace-period=0 becomes 1 and the deletion is waited for.
      const grace = g.force ? (g.grace === 0 ? 1 : g.grace) : -1;
      const uid = await deleteOne(k, t, grace, false, m.source, true);
      if (uid === 'failed') return 'failed';
      if (uid !== null && !(await waitGone(k, t, uid))) return { exit: 130 };
      delete obj.metadata.resourceVersion;
      return writeManifestObject(k, m, { verb: 'create', uri: resourcePath(m.resource, ns, undefined, undefined, writeQuery(k)), body: obj as unknown as JsonValue, doing: 'creating' }, replaced);
    }
    return writeManifestObject(k, m, { verb: 'update', uri: resourcePath(m.resource, ns, name, undefined, writeQuery(k)), body: obj as unknown as JsonValue, doing: 'replacing' }, replaced);
  });
}
