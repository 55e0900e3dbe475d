// kubectl delete: by type and names, type/name, -f files, -l or --all; graceful by default, --now,
// --force --grace-period=0; prints `pod "x" deleted` as soon as the API accepts, then waits until gone.

import type { ResourceInfo } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { parseTypedArgs } from './get';
import { readManifests } from './manifests';
import { itemsOf, pollUntil, resourcePath, type Kubectl } from './session';

export interface DeleteTarget {
  r: ResourceInfo;
  ns: string | null;
  name: string;
}

/** Grace period from the flags; an error text when they conflict. */
export function gracePeriod(k: Kubectl): { grace: number; force: boolean } | string {
  let grace = k.num('grace-period');
  const force = k.bool('force');
  if (k.bool('now')) {
    if (grace !== -1) return 'error: --now and --grace-period cannot be specified together';
    grace = 1;
  }
  if (force && grace > 0) return 'error: --force and --grace-period greater than 0 cannot be specified together';
  if (force && grace < 0) grace = 0;
  if (!force && grace === 0) grace = 1;
  return { grace, force };
}

/** DELETE one object; prints the result line. Returns the deleted object's uid, or null. */
export async function deleteOne(k: Kubectl, t: DeleteTarget, grace: number, force: boolean, source?: string, ignoreNotFound = k.bool('ignore-not-found')): Promise<string | null | 'failed'> {
  const body: JsonObject = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
  if (grace >= 0) body.gracePeriodSeconds = grace;
  const r = await k.call('delete', resourcePath(t.r, t.ns, t.name), body as JsonValue);
  if (!r) return 'failed';
  const st = asStatus(r.body);
  if (r.code >= 400 && st) {
    if (r.code === 404 && ignoreNotFound) return null;
    k.err(statusErrorText(st, source ? { source: { verb: 'deleting', file: source } } : {}));
    return 'failed';
  }
  k.out(`${kindName(t.r)} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`);
  const uid = (r.body as JsonObject | null)?.metadata as JsonObject | undefined;
  return (uid?.uid as string | undefined) ?? ((st?.details as JsonObject | undefined)?.uid as string | undefined) ?? '';
}

/** kubectl's --wait: until a GET says NotFound (or the name belongs to a new object). */
export async function waitGone(k: Kubectl, t: DeleteTarget, uid: string): Promise<boolean> {
  return pollUntil(k, async () => {
    const g = await k.call('get', resourcePath(t.r, t.ns, t.name));
    if (!g) return true;
    if (g.code === 404) return true;
    const cur = ((g.body as JsonObject).metadata as JsonObject | undefined)?.uid;
    return uid !== '' && cur !== uid;
  });
}

/** `pod`, `deployment.apps`: how delete names what it deleted. */
export function kindName(r: ResourceInfo): string {
  const k = r.kind.toLowerCase();
  return r.group ? `${k}.${r.group}` : k;
}

export async function deleteCommand(k: Kubectl): Promise<number> {
  const g = gracePeriod(k);
  if (typeof g === 'string') {
    k.err(`${g}\n`);
    return 1;
  }
  const files = k.list('filename');
  const args = k.flags.args;
  if (args.length === 0 && files.length === 0) {
    k.err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    return 1;
  }
  const typed = parseTypedArgs(args);
  if (typed.error) return k.err(typed.error), 1;
  const selector = k.str('selector');
  const all = k.bool('all');
  if (typed.groups.some((x) => x.names.length === 0) && !selector && !all && !k.str('field-selector')) {
    k.err('error: resource(s) were provided, but no name was specified\n');
    return 1;
  }
  let status = 0;
  const targets: (DeleteTarget & { source?: string })[] = [];
  if (files.length > 0) {
    const read = await readManifests(k.ctx, files);
    if (!read.ok) return k.err(read.stderr), 1;
    for (const e of read.errors) k.err(e);
    if (read.errors.length > 0) status = 1;
    if (!k.connect()) return 1;
    for (const m of read.objects) targets.push({ r: m.resource, ns: m.resource.namespaced ? (m.obj.metadata.namespace ?? k.namespace()) : null, name: m.obj.metadata.name!, source: m.source });
  } else if (!k.connect()) return 1;
  const ns = k.namespace();
  for (const { r, names } of typed.groups) {
    const tns = r.namespaced ? ns : null;
    if (names.length > 0) {
      for (const n of names) targets.push({ r, ns: tns, name: n });
      continue;
    }
    const q = new URLSearchParams();
    if (selector) q.set('labelSelector', selector);
    if (k.str('field-selector')) q.set('fieldSelector', k.str('field-selector'));
    const list = await k.call('list', resourcePath(r, k.bool('all-namespaces') ? null : tns, undefined, undefined, q.toString()));
    if (!list) return 1;
    const items = itemsOf(list.body, r);
    if (items.length === 0) k.err(`No resources found${r.namespaced && !k.bool('all-namespaces') ? ` in ${ns} namespace` : ''}\n`);
    for (const o of items as KubeObject[]) targets.push({ r, ns: r.namespaced ? (o.metadata.namespace ?? tns) : null, name: o.metadata.name! });
  }
  if (g.force && g.grace === 0 && targets.length > 0) {
    k.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const deleted: { t: DeleteTarget; uid: string }[] = [];
  for (const t of targets) {
    const uid = await deleteOne(k, t, g.grace, g.force, t.source);
    if (uid === 'failed') status = 1;
    else if (uid !== null) deleted.push({ t, uid });
  }
  if (k.bool('wait') && !(g.force && g.grace === 0)) {
    for (const d of deleted) if (!(await waitGone(k, d.t, d.uid))) return 130;
  }
  return status;
}
