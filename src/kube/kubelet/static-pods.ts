// The kubelet's file source: every non-dot file in /etc/kubernetes/manifests decoded as a Pod, defaulted
// (name-node, hash uid, config annotations) and validated, with kubelet's error texts for bad files and
// for a second file naming the same pod; and the mirror pod the kubelet keeps in the API for each.

import type { Vfs } from '../../vfs';
import type { JsonObject, Pod } from '../types';
import type { ObjectStore } from '../store';
import type { PodWorker } from './state';
import { hash128 } from '../ids';
import { goQuote } from '../timefmt';
import { parseYamlDocuments } from '../manifest';
import { defaultPod } from '../apiserver/pod-defaults';
import { validatePodCreate } from '../apiserver/pod-validation';
import { fieldErrorText } from '../apiserver/status';
import { checkShape, KIND_SHAPES } from '../apiserver/schema';

export const MANIFEST_DIR = '/etc/kubernetes/manifests';

export interface StaticPodFile {
  path: string;
  /** Hash of the file text, to notice edits. */
  contentHash: string;
  pod: Pod | null;
  /** The `err=` text of kubelet's "Could not process manifest file" line. */
  error: string | null;
}

/** Files the file source considers, sorted (filepath.Glob order); dotfiles are ignored. */
export function listManifestFiles(vfs: Vfs, dir = MANIFEST_DIR): string[] {
  let names: string[];
  try {
    names = vfs.readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.'))
    .map((n) => `${dir}/${n}`)
    .filter((p) => {
      try {
        return vfs.stat(p).type === 'file';
      } catch {
        return false;
      }
    });
}

/** Decode one manifest as tryDecodeSinglePod + applyDefaults + ValidatePodCreate do. */
export function decodeStaticPod(path: string, text: string, nodeName: string, seenAt: string): StaticPodFile {
  const contentHash = hash128(text);
  const wrap = (why: string): StaticPodFile => ({ path, contentHash, pod: null, error: `${path}: couldn't parse as pod(${why}), please check config file` });
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return wrap(parsed.message);
  const doc = parsed.docs[0];
  if (doc === undefined || doc === null || typeof doc !== 'object' || Array.isArray(doc)) return wrap(`Object 'Kind' is missing in '${JSON.stringify(doc ?? null)}'`);
  const obj = doc as JsonObject;
  if (typeof obj.kind !== 'string' || obj.kind === '') return wrap(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  if (obj.kind !== 'Pod') return wrap(`no kind "${obj.kind}" is registered for version "${String(obj.apiVersion ?? '')}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  const typeErr = checkShape(obj, KIND_SHAPES.Pod!).typeError;
  if (typeErr) return wrap(typeErr);
  const pod = structuredClone(obj) as unknown as Pod;
  pod.metadata ??= {};
  const rawName = pod.metadata.name ?? '';
  pod.metadata.name = `${rawName}-${nodeName.toLowerCase()}`;
  pod.metadata.namespace ||= 'default';
  const uid = hash128(`${JSON.stringify(obj)}host:${nodeName}file:${path}`);
  pod.metadata.uid = uid;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/config.hash': uid, 'kubernetes.io/config.seen': seenAt, 'kubernetes.io/config.source': 'file' };
  pod.spec ??= { containers: [] };
  pod.spec.nodeName = nodeName;
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: 'Exists', effect: 'NoExecute' }];
  defaultPod(pod);
  const errs = validatePodCreate(pod);
  if (rawName === '') errs.unshift({ type: 'FieldValueRequired', field: 'metadata.name', body: 'Required value: name or generateName is required' });
  if (errs.length > 0) return { path, contentHash, pod: null, error: `invalid pod: [${errs.map(fieldErrorText).join(' ')}]` };
  return { path, contentHash, pod, error: null };
}

/** The API copy of a static pod the kubelet creates (and recreates) for it. */
export function mirrorPod(w: PodWorker, node: string, store: ObjectStore): Pod {
  const pod = structuredClone(w.pod);
  const nodeObj = store.get('nodes', undefined, node);
  delete pod.metadata.uid;
  delete pod.metadata.resourceVersion;
  delete (pod as { status?: unknown }).status;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/config.mirror': w.uid };
  pod.metadata.ownerReferences = [{ apiVersion: 'v1', controller: true, kind: 'Node', name: node, uid: nodeObj?.metadata.uid ?? '' }];
  return pod;
}

/** config.go filterInvalidPods on a second pod of the same name: its klog line and its event. */
export function duplicatePodReport(index: number, pod: Pod): { line: string; event: string; target: { name: string; namespace: string; uid: string } } {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const uid = pod.metadata.uid ?? '';
  return {
    line: `"Pod failed validation due to duplicate pod name, ignoring" index=${index} pod=${goQuote(`${namespace}/${name}`)} source="file"`,
    event: `Error validating pod ${name}_${namespace}(${uid}) from file due to duplicate pod name ${goQuote(name)}, ignoring`,
    target: { name, namespace, uid },
  };
}
