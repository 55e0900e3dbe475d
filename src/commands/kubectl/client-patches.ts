// Patches kubectl computes before sending them: the JSON merge patch between two versions of an
// object (label, annotate: jsonpatch.CreateMergePatch) and the two-way strategic merge patch of an
// edit (strategicpatch.CreateTwoWayMergePatch, with `$setElementOrder` and `$patch: delete`).
// Keys come out sorted, as Go's json.Marshal of a map writes them, so the body logged is the one sent.

import { mergeKeyFor } from '../../kube/patch';
import type { JsonObject, JsonValue } from '../../kube/types';

const isObj = (v: JsonValue | undefined): v is JsonObject => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A copy with every map's keys in sorted order. */
export function sortKeysDeep(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeysDeep(v[k]!);
  return out;
}

function mergeDiff(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  for (const [k, mv] of Object.entries(modified)) {
    const ov = original[k];
    if (isObj(ov) && isObj(mv)) {
      const sub = mergeDiff(ov, mv);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!(k in original) || !deepEqual(ov, mv)) patch[k] = structuredClone(mv);
  }
  return patch;
}

/** RFC 7386 patch turning `original` into `modified`; `{}` when they are equal. */
export function createMergePatch(original: JsonValue, modified: JsonValue): JsonObject {
  return sortKeysDeep(mergeDiff(isObj(original) ? original : {}, isObj(modified) ? modified : {})) as JsonObject;
}

const keyText = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

function diffListOfMaps(original: JsonObject[], modified: JsonObject[], key: string, field: string, patch: JsonObject): void {
  const items: JsonValue[] = [];
  for (const m of modified) {
    const o = original.find((x) => deepEqual(x[key], m[key]));
    if (!o) {
      items.push(structuredClone(m));
      continue;
    }
    const sub = strategicDiff(o, m, field);
    if (Object.keys(sub).length > 0) items.push({ ...sub, [key]: m[key] ?? null });
  }
  const gone = original.filter((o) => !modified.some((m) => deepEqual(m[key], o[key]))).sort((a, b) => (keyText(a[key]) < keyText(b[key]) ? -1 : 1));
  for (const o of gone) items.push({ $patch: 'delete', [key]: o[key] ?? null });
  const sameOrder = original.length === modified.length && modified.every((m, i) => deepEqual(original[i]![key], m[key]));
  if (items.length > 0) patch[field] = items;
  if (items.length > 0 || !sameOrder) patch[`$setElementOrder/${field}`] = modified.map((m) => ({ [key]: m[key] ?? null }));
}

function strategicDiff(original: JsonObject, modified: JsonObject, parent: string): JsonObject {
  const patch: JsonObject = {};
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  for (const [k, mv] of Object.entries(modified)) {
    const ov = original[k];
    if (!(k in original)) {
      patch[k] = structuredClone(mv);
      continue;
    }
    if (isObj(ov) && isObj(mv)) {
      const sub = strategicDiff(ov, mv, k);
      if (Object.keys(sub).length > 0) patch[k] = sub;
      continue;
    }
    const key = mergeKeyFor(k, parent);
    if (key && Array.isArray(ov) && Array.isArray(mv) && ov.every(isObj) && mv.every(isObj)) {
      diffListOfMaps(ov as JsonObject[], mv as JsonObject[], key, k, patch);
      continue;
    }
    if (!deepEqual(ov, mv)) patch[k] = structuredClone(mv);
  }
  return patch;
}

/** The strategic merge patch from `original` to `modified` (both objects); `{}` when equal. */
export function twoWayStrategicPatch(original: JsonValue, modified: JsonValue): JsonObject {
  return sortKeysDeep(strategicDiff(isObj(original) ? original : {}, isObj(modified) ? modified : {}, '')) as JsonObject;
}
