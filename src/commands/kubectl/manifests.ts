// `-f FILE` and `-f -`: read manifests as kubectl's resource builder does (YAML/JSON documents, Lists
// flattened, directories of .yaml/.yml/.json files), with its error texts.

import { readAll } from '../../core/stream';
import { isVfsError } from '../../vfs';
import { parseYamlDocuments } from '../../kube/manifest';
import { byKind, type ResourceInfo } from '../../kube/resources';
import type { JsonObject, KubeObject } from '../../kube/types';
import type { CommandContext } from '../types';

export interface ManifestObject {
  obj: KubeObject;
  /** The file name as given (`pod.yaml`, `STDIN`). */
  source: string;
  resource: ResourceInfo;
}

export type ManifestRead = { ok: true; objects: ManifestObject[]; errors: string[] } | { ok: false; stderr: string };

async function readSource(ctx: CommandContext, f: string): Promise<{ name: string; text: string }[] | string> {
  if (f === '-') return [{ name: 'STDIN', text: await readAll(ctx.stdin) }];
  try {
    const st = ctx.sys.fs.stat(f);
    if (st.type === 'dir') {
      return ctx.sys.fs
        .readdir(f)
        .filter((n) => /\.(ya?ml|json)$/.test(n))
        .map((n) => ({ name: `${f.replace(/\/$/, '')}/${n}`, text: ctx.sys.fs.readFile(`${f.replace(/\/$/, '')}/${n}`) }));
    }
    return [{ name: f, text: ctx.sys.fs.readFile(f) }];
  } catch (e) {
    if (isVfsError(e) && e.code === 'ENOENT') return `error: the path "${f}" does not exist\n`;
    if (isVfsError(e) && e.code === 'EACCES') return `error: open ${f}: permission denied\n`;
    return `error: ${f}: ${isVfsError(e) ? e.text : 'error'}\n`;
  }
}

export async function readManifests(ctx: CommandContext, files: string[]): Promise<ManifestRead> {
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const sources = await readSource(ctx, f);
    if (typeof sources === 'string') return { ok: false, stderr: sources };
    for (const src of sources) {
      const parsed = parseYamlDocuments(src.text);
      if (!parsed.ok) return { ok: false, stderr: `error: error parsing ${src.name}: error converting YAML to JSON: ${parsed.message}\n` };
      const docs = parsed.docs.flatMap((d) => (d && typeof d === 'object' && !Array.isArray(d) && d.kind === 'List' && Array.isArray(d.items) ? (d.items as JsonObject[]) : [d]));
      for (const d of docs) {
        if (!d || typeof d !== 'object' || Array.isArray(d)) {
          errors.push(`error: error validating "${src.name}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n`);
          continue;
        }
        const o = d as JsonObject;
        const kind = typeof o.kind === 'string' ? o.kind : '';
        const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
        if (!kind || !apiVersion) {
          const missing = !apiVersion && !kind ? 'apiVersion not set, kind not set' : !apiVersion ? 'apiVersion not set' : 'kind not set';
          errors.push(`error: error validating "${src.name}": error validating data: [${missing}]; if you choose to ignore these errors, turn validation off with --validate=false\n`);
          continue;
        }
        const resource = byKind(apiVersion, kind);
        const meta = (o.metadata ?? {}) as JsonObject;
        if (!resource) {
          errors.push(`error: resource mapping not found for name: "${String(meta.name ?? '')}" namespace: "${String(meta.namespace ?? '')}" from "${src.name}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`);
          continue;
        }
        if (!meta.name && !meta.generateName) {
          errors.push(`error: error when retrieving current configuration of:\nResource: "${resource.group ? `${resource.group}/` : '/'}${resource.version}, Resource=${resource.resource}", GroupVersionKind: "${resource.group ? `${resource.group}/` : '/'}${resource.version}, Kind=${kind}"\nName: "", Namespace: ""\nfrom server for: "${src.name}": resource name may not be empty\n`);
          continue;
        }
        objects.push({ obj: structuredClone(o) as unknown as KubeObject, source: src.name, resource });
      }
    }
  }
  return { ok: true, objects, errors };
}
