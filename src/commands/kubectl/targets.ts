// The objects a verb works on, fetched as kubectl's resource builder does for edit, patch, label and
// annotate: `TYPE NAME…`, `TYPE/NAME`, `-f FILE`, `-l`/`--field-selector`/`--all` (a LIST), each
// named object fetched with a GET (the builder's `Latest()`), with its errors collected per object.

import type { ResourceInfo } from '../../kube/resources';
import type { KubeObject } from '../../kube/types';
import { asStatus } from './errors';
import { parseTypedArgs } from './get';
import { targetNamespace } from './manifest-writes';
import { readManifests } from './manifests';
import { itemsOf, resourcePath, type Kubectl } from './session';
import type { VisitFailure } from './visit-errors';

export interface Target {
  r: ResourceInfo;
  /** null for cluster-scoped kinds. */
  ns: string | null;
  name: string;
  /** The live object as the GET (or LIST) returned it, kind and apiVersion filled in. */
  obj: KubeObject;
}

export interface TargetQuery {
  /** The resource words (`pods nginx`, `pod/nginx`). */
  args: string[];
  /** A type without names lists every object (`kubectl edit pods`, `label pods --all`). */
  allowEmptySelector: boolean;
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
}

export interface TargetResult {
  targets: Target[];
  /** Objects that could not be read or fetched (`Error from server (NotFound): …`), printed by the caller. */
  errors: VisitFailure[];
  /** One object named by argument or file: printers show it bare, label --list without a heading. */
  singleItemImplied: boolean;
}

export const NO_RESOURCES_GIVEN =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/**
 * Resolve and fetch; a number is the exit status when nothing could be asked (bad arguments, files
 * that cannot be read, a refused connection), with the message printed.
 */
export async function fetchTargets(k: Kubectl, q: TargetQuery): Promise<TargetResult | number> {
  const files = k.list('filename');
  if (q.args.length === 0 && files.length === 0) return k.err(NO_RESOURCES_GIVEN), 1;
  const typed = parseTypedArgs(q.args);
  if (typed.error) return k.err(typed.error), 1;
  const listing = q.allowEmptySelector || !!q.selector || !!q.fieldSelector;
  if (typed.groups.some((g) => g.names.length === 0) && !listing) {
    k.err('error: resource(s) were provided, but no name was specified\n');
    return 1;
  }
  const errors: VisitFailure[] = [];
  const wanted: { r: ResourceInfo; ns: string | null; name: string }[] = [];
  if (files.length > 0) {
    const read = await readManifests(k.ctx, files);
    if (!read.ok) return k.err(read.stderr), 1;
    errors.push(...read.errors.map((e) => ({ messages: [e.replace(/\n$/, '')] })));
    if (!k.connect()) return 1;
    for (const m of read.objects) {
      const ns = targetNamespace(k, m);
      if (ns !== null && typeof ns === 'object') {
        errors.push({ messages: [ns.error.replace(/\n$/, '')] });
        continue;
      }
      wanted.push({ r: m.resource, ns, name: m.obj.metadata.name! });
    }
  } else if (!k.connect()) return 1;
  const ns = k.namespace();
  const targets: Target[] = [];
  let named = wanted.length;
  let listed = false;
  for (const { r, names } of typed.groups) {
    const scoped = r.namespaced ? ns : null;
    if (names.length > 0) {
      named += names.length;
      for (const name of names) wanted.push({ r, ns: scoped, name });
      continue;
    }
    listed = true;
    const query = new URLSearchParams();
    if (q.selector) query.set('labelSelector', q.selector);
    if (q.fieldSelector) query.set('fieldSelector', q.fieldSelector);
    const resp = await k.call('list', resourcePath(r, q.allNamespaces ? null : scoped, undefined, undefined, query.toString()));
    if (!resp) return 1;
    const st = asStatus(resp.body);
    if (st && resp.code >= 400) {
      errors.push({ status: st });
      continue;
    }
    for (const o of itemsOf(resp.body, r)) {
      // Latest(): the builder fetches each listed object again before visiting it.
      wanted.push({ r, ns: r.namespaced ? (o.metadata.namespace ?? scoped) : null, name: o.metadata.name ?? '' });
    }
  }
  for (const w of wanted) {
    const resp = await k.call('get', resourcePath(w.r, w.ns, w.name));
    if (!resp) return 1;
    const st = asStatus(resp.body);
    if (st && resp.code >= 400) {
      errors.push({ status: st });
      continue;
    }
    targets.push({ ...w, obj: resp.body as unknown as KubeObject });
  }
  return { targets, errors, singleItemImplied: named === 1 && !listed };
}

/** --local: the objects of the -f files as they are, without asking the API server. */
export async function localTargets(k: Kubectl): Promise<TargetResult | number> {
  const files = k.list('filename');
  if (files.length === 0) return k.err(NO_RESOURCES_GIVEN), 1;
  const read = await readManifests(k.ctx, files);
  if (!read.ok) return k.err(read.stderr), 1;
  return {
    targets: read.objects.map((m) => ({ r: m.resource, ns: m.obj.metadata.namespace ?? null, name: m.obj.metadata.name ?? '', obj: m.obj })),
    errors: read.errors.map((e) => ({ messages: [e.replace(/\n$/, '')] })),
    singleItemImplied: read.objects.length === 1,
  };
}
