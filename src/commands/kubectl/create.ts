// kubectl create: objects from -f, and the generators `create configmap`, `create secret generic`,
// `create namespace` (with --from-literal/--from-file and --dry-run=client -o yaml).

import { byResource } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { isVfsError } from '../../vfs';
import { LAST_APPLIED, lastAppliedOf } from './apply';
import { asStatus, statusErrorText } from './errors';
import { forEachManifestObject, readManifestBatch, writeManifestObject, writeQuery } from './manifest-writes';
import { nameLine, parseOutputFormat, printObjects } from './printers';
import { resourcePath, type Kubectl } from './session';

function b64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** --from-literal and --from-file into a key → text map; an error text on a bad spec. */
function collectData(k: Kubectl): Record<string, string> | string {
  const data: Record<string, string> = {};
  for (const lit of k.list('from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) return `error: invalid literal source ${lit}, expected key=value`;
    const key = lit.slice(0, eq);
    if (key in data) return `error: cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${k.flags.args[0] ?? ''}"`;
    data[key] = lit.slice(eq + 1);
  }
  for (const spec of k.list('from-file')) {
    const eq = spec.indexOf('=');
    const key = eq > 0 ? spec.slice(0, eq) : spec.split('/').pop()!;
    const path = eq > 0 ? spec.slice(eq + 1) : spec;
    try {
      data[key] = k.ctx.sys.fs.readFile(path);
    } catch (e) {
      return `error: error reading ${path}: ${isVfsError(e) && e.code === 'ENOENT' ? 'no such file or directory' : 'permission denied'}`;
    }
  }
  for (const path of k.list('from-env-file')) {
    let text: string;
    try {
      text = k.ctx.sys.fs.readFile(path);
    } catch {
      return `error: open ${path}: no such file or directory`;
    }
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      data[eq < 0 ? t : t.slice(0, eq)] = eq < 0 ? '' : t.slice(eq + 1);
    }
  }
  return data;
}

/**
 * Dry-run printing or the typed client's create. `wrap` is how the generator wraps a failed request
 * (`failed to create configmap`); namespaces return the API error as it is.
 */
async function submit(k: Kubectl, obj: KubeObject, resource: string, wrap: string | null): Promise<number> {
  const r = byResource(resource)!;
  const dryRun = k.str('dry-run');
  const output = k.str('output');
  if (dryRun === 'client') {
    if (!output) {
      k.out(nameLine(obj, 'created (dry run)'));
      return 0;
    }
    const fmt = parseOutputFormat(output, k.str('template'), ['json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile']);
    if (!fmt.ok) {
      k.err(fmt.stderr);
      return 1;
    }
    const p = printObjects([obj], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true, sortKeys: false });
    k.out(p.stdout);
    return p.ok ? 0 : (k.err(p.stderr), 1);
  }
  if (!k.connect()) return 1;
  const ns = r.namespaced ? k.namespace() : null;
  const q = writeQuery(k, dryRun === 'server');
  const resp = await k.send({ verb: 'create', uri: resourcePath(r, ns, undefined, undefined, q), body: obj as unknown as JsonValue, typed: wrap });
  if (!resp) return 1;
  const st = asStatus(resp.body);
  if (st && resp.code >= 400) {
    k.err(wrap === null ? statusErrorText(st) : `error: ${wrap}: ${typeof st.message === 'string' ? st.message : ''}\n`);
    return 1;
  }
  if (output) {
    const fmt = parseOutputFormat(output, k.str('template'));
    if (fmt.ok) k.out(printObjects([resp.body as unknown as KubeObject], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
  } else k.out(nameLine(resp.body as unknown as KubeObject, dryRun === 'server' ? 'created (server dry run)' : 'created'));
  return 0;
}

export async function createCommand(k: Kubectl, key = 'create'): Promise<number> {
  const name = k.flags.args[0];
  if (key !== 'create' && !name) {
    k.err(`error: exactly one NAME is required, got 0\nSee 'kubectl ${key} -h' for help and examples\n`);
    return 1;
  }
  const meta: JsonObject = { name: name ?? '', creationTimestamp: null };
  if (k.changed('namespace') && key !== 'create namespace') meta.namespace = k.str('namespace');
  switch (key) {
    case 'create configmap': {
      const data = collectData(k);
      if (typeof data === 'string') return k.err(`${data}\n`), 1;
      const cm: JsonObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta };
      if (Object.keys(data).length > 0) cm.data = data;
      return submit(k, cm as unknown as KubeObject, 'configmaps', 'failed to create configmap');
    }
    case 'create secret generic': {
      const data = collectData(k);
      if (typeof data === 'string') return k.err(`${data}\n`), 1;
      const s: JsonObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta };
      if (Object.keys(data).length > 0) s.data = Object.fromEntries(Object.entries(data).map(([kk, v]) => [kk, b64(v)]));
      if (k.str('type')) s.type = k.str('type');
      return submit(k, s as unknown as KubeObject, 'secrets', 'failed to create secret');
    }
    case 'create namespace':
      return submit(k, { kind: 'Namespace', apiVersion: 'v1', metadata: meta, spec: {}, status: {} } as unknown as KubeObject, 'namespaces', null);
    default:
      break;
  }
  const files = k.list('filename');
  if (files.length === 0) {
    k.err("error: must specify one of -f and -k\n\n");
    return 1;
  }
  const batch = await readManifestBatch(k, files);
  if (typeof batch === 'number') return batch;
  return forEachManifestObject(k, batch, async (m, ns) => {
    const obj = structuredClone(m.obj);
    if (k.bool('save-config')) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(m.obj, ns) };
    if (k.str('dry-run') === 'client') {
      k.out(nameLine(obj, 'created (dry run)'));
      return 'done';
    }
    const uri = resourcePath(m.resource, ns, undefined, undefined, writeQuery(k));
    return writeManifestObject(k, m, { verb: 'create', uri, body: obj as unknown as JsonValue, doing: 'creating' }, (o) => k.out(nameLine(o, 'created')));
  });
}
