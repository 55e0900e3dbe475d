// kubectl replace -f: PUT the whole object (`pod/x replaced`); with --force, delete every object with
// its own grace period, wait until each is gone, and create them again (replace.go forceReplace).

import type { JsonValue, KubeObject } from '../../kube/types';
import { deleteOne, type DeleteTarget } from './delete';
import { forEachManifestObject, readManifestBatch, writeManifestObject, writeQuery } from './manifest-writes';
import type { ManifestObject } from './manifests';
import { nameLine } from './printers';
import { pollUntil, resourcePath, type Kubectl } from './session';

/** forceReplace's wait when --timeout is not given. */
const DEFAULT_WAIT_SECONDS = 5 * 60;

/**
 * The delete half's options as replace.go builds them: --force here means "delete and re-create", not
 * an immediate deletion, so the grace period stays the object's own unless --grace-period is given
 * (and 0 becomes 1, waited for). An error text when the flags contradict each other.
 */
function forceDeleteGrace(k: Kubectl): number | string {
  let grace = k.num('grace-period');
  if (grace === 0) grace = 1;
  const force = k.bool('force');
  if (grace >= 0 && !force) return 'error: --grace-period must have --force specified';
  if (k.num('timeout') !== 0 && !force) return 'error: --timeout must have --force specified';
  if (force && k.str('dry-run') !== 'none') return 'error: --dry-run can not be used when --force is set';
  return grace;
}

export async function replaceCommand(k: Kubectl): Promise<number> {
  const files = k.list('filename');
  if (files.length === 0) {
    k.err("error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n");
    return 1;
  }
  const grace = forceDeleteGrace(k);
  if (typeof grace === 'string') return k.err(`${grace}\n`), 1;
  const batch = await readManifestBatch(k, files);
  if (typeof batch === 'number') return batch;
  const replaced = (o: KubeObject): void => k.out(nameLine(o, 'replaced'));
  if (!k.bool('force')) {
    return forEachManifestObject(k, batch, async (m, ns) => {
      const obj = structuredClone(m.obj);
      if (ns !== null) obj.metadata.namespace = ns;
      return writeManifestObject(k, m, { verb: 'update', uri: resourcePath(m.resource, ns, m.obj.metadata.name!, undefined, writeQuery(k)), body: obj as unknown as JsonValue, doing: 'replacing' }, replaced);
    });
  }
  // Every object is deleted first (`pod "x" deleted` as each DELETE is accepted), then waited for.
  const targets: { m: ManifestObject; t: DeleteTarget }[] = [];
  const deleted = await forEachManifestObject(k, batch, async (m, ns) => {
    const t = { r: m.resource, ns, name: m.obj.metadata.name! };
    // Replacing creates what does not exist, so a missing object is not an error (IgnoreNotFound).
    const uid = await deleteOne(k, t, grace, false, m.source, true);
    if (uid === 'failed') return { exit: 1 };
    targets.push({ m, t });
    return 'done';
  });
  if (deleted !== 0) return deleted;
  const timeout = k.num('timeout') > 0 ? k.num('timeout') / 1e9 : DEFAULT_WAIT_SECONDS;
  for (const { t } of targets) {
    const gone = await untilNotFound(k, t, timeout);
    if (gone === 'interrupted') return 130;
    if (gone === 'timeout') return k.err('error: timed out waiting for the condition\n'), 1;
  }
  let status = 0;
  for (const { m, t } of targets) {
    const obj = structuredClone(m.obj);
    if (t.ns !== null) obj.metadata.namespace = t.ns;
    delete obj.metadata.resourceVersion;
    const outcome = await writeManifestObject(k, m, { verb: 'create', uri: resourcePath(m.resource, t.ns, undefined, undefined, writeQuery(k)), body: obj as unknown as JsonValue, doing: 'creating' }, replaced);
    if (typeof outcome === 'object') return outcome.exit;
    if (outcome === 'failed') status = 1;
  }
  return status;
}

/** wait.PollImmediate(1s, timeout, GET is NotFound): only NotFound ends it, whatever object answers. */
async function untilNotFound(k: Kubectl, t: DeleteTarget, timeoutSeconds: number): Promise<'gone' | 'timeout' | 'interrupted'> {
  const gone = await pollUntil(
    k,
    async () => {
      const g = await k.call('get', resourcePath(t.r, t.ns, t.name));
      return !g || g.code === 404;
    },
    timeoutSeconds,
  );
  return gone ? 'gone' : k.ctx.signal.aborted ? 'interrupted' : 'timeout';
}
