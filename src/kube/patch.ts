// Patches as Kubernetes applies them: JSON merge patch (RFC 7386), strategic merge patch (merge keys
// for containers, volumes, env…) and JSON patch (RFC 6902); plus the three-way strategic patch that
// `kubectl apply` computes from last-applied, new and live configurations.

import type { JsonObject, JsonValue } from './types';

const isObj = (v: JsonValue | undefined): v is JsonObject => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

export function applyMergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isObj(patch)) return structuredClone(patch);
  const out: JsonObject = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k] ?? null, v);
  }
  return out;
}

/** patchMergeKey of list fields, by field name and (for `ports`) the parent field. */
export function mergeKeyFor(field: string, parent: string): string | null {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'ports':
      return parent === 'spec' ? 'port' : 'containerPort';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    case 'podIPs':
      return 'ip';
    default:
      return null;
  }
}

function mergeList(target: JsonValue[], patch: JsonValue[], key: string, field: string): JsonValue[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map((p) => stripDirectives(p));
  const out = target.map((t) => structuredClone(t));
  for (const p of patch) {
    if (!isObj(p)) continue;
    const idx = out.findIndex((t) => isObj(t) && t[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = applyStrategicPatch(out[idx]!, p, field);
    else out.push(stripDirectives(p));
  }
  return out;
}

function stripDirectives(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

export function applyStrategicPatch(target: JsonValue, patch: JsonValue, parent = ''): JsonValue {
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return null;
  const out: JsonObject = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = mergeKeyFor(k, parent);
    if (Array.isArray(v) && key && Array.isArray(out[k])) out[k] = mergeList(out[k] as JsonValue[], v, key, k);
    else if (Array.isArray(v)) out[k] = stripDirectives(v);
    else if (isObj(v)) out[k] = applyStrategicPatch(out[k] ?? null, v, k);
    else out[k] = v;
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const field = k.slice('$setElementOrder/'.length);
    const key = mergeKeyFor(field, parent);
    const list = out[field];
    if (key && Array.isArray(list)) out[field] = orderedBy(list, order, key);
  }
  return out;
}

/** $setElementOrder: the listed items in the order given, items the patch did not list after them. */
function orderedBy(list: JsonValue[], order: JsonValue[], key: string): JsonValue[] {
  const rank = (item: JsonValue): number => {
    const i = isObj(item) ? order.findIndex((o) => isObj(o) && JSON.stringify(o[key]) === JSON.stringify(item[key])) : -1;
    return i < 0 ? order.length : i;
  };
  return list
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

/** `decode`: the body is not a list of operations (400); `apply`: an operation does not fit the object (422). */
export type JsonPatchResult = { ok: true; value: JsonValue } | { ok: false; stage: 'decode' | 'apply'; message: string };

function pointerParts(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const JSON_TYPE_NAMES: Record<string, string> = { object: 'object', string: 'string', number: 'number', boolean: 'bool' };

/** RFC 6902 as evanphx/json-patch v4 applies it, with its error texts. */
export function applyJsonPatch(target: JsonValue, ops: JsonValue): JsonPatchResult {
  if (!Array.isArray(ops)) {
    const t = ops === null ? 'null' : JSON_TYPE_NAMES[typeof ops] ?? 'value';
    return { ok: false, stage: 'decode', message: `json: cannot unmarshal ${t} into Go value of type jsonpatch.Patch` };
  }
  let doc = structuredClone(target);
  const missing = (message: string): JsonPatchResult => ({ ok: false, stage: 'apply', message: `${message}: missing value` });
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string') return { ok: false, stage: 'apply', message: `Unexpected kind: ${isObj(raw) && raw.op !== undefined ? String(raw.op) : ''}` };
    if (!['add', 'remove', 'replace', 'test', 'move', 'copy'].includes(raw.op)) return { ok: false, stage: 'apply', message: `Unexpected kind: ${raw.op}` };
    const path = typeof raw.path === 'string' ? raw.path : '';
    const parts = pointerParts(path);
    const last = parts.pop();
    let parent: JsonValue = doc;
    for (const p of parts) {
      parent = Array.isArray(parent) ? (parent[Number(p)] ?? null) : isObj(parent) ? (parent[p] ?? null) : null;
      if (parent === null) break;
    }
    if (parent === null || (last !== undefined && !Array.isArray(parent) && !isObj(parent))) {
      if (raw.op === 'replace') return missing(`replace operation does not apply: doc is missing path: ${path}`);
      return missing(`${raw.op} operation does not apply: doc is missing path: "${path}"`);
    }
    if (last === undefined) {
      if (raw.op === 'replace' || raw.op === 'add') doc = structuredClone(raw.value ?? null);
      continue;
    }
    const container = parent;
    const has = Array.isArray(container) ? Number(last) >= 0 && Number(last) < container.length : isObj(container) && last in container;
    if (raw.op === 'test') {
      const cur = Array.isArray(container) ? container[Number(last)] : isObj(container) ? container[last] : undefined;
      if (JSON.stringify(cur) !== JSON.stringify(raw.value)) return { ok: false, stage: 'apply', message: `testing value ${path} failed: test failed` };
      continue;
    }
    if (raw.op === 'remove' && !has) {
      return missing(Array.isArray(container) ? `error in remove for path: '${path}': Unable to remove invalid index: ${last}` : `error in remove for path: '${path}': Unable to remove nonexistent key: ${last}`);
    }
    if (raw.op === 'replace' && !has) return missing(`replace operation does not apply: doc is missing key: ${path}`);
    if (Array.isArray(container)) {
      const i = last === '-' ? container.length : Number(last);
      if (raw.op === 'add') container.splice(i, 0, structuredClone(raw.value ?? null));
      else if (raw.op === 'remove') container.splice(i, 1);
      else if (raw.op === 'replace') container[i] = structuredClone(raw.value ?? null);
    } else if (isObj(container)) {
      if (raw.op === 'remove') delete container[last];
      else if (raw.op === 'add' || raw.op === 'replace') container[last] = structuredClone(raw.value ?? null);
    }
  }
  return { ok: true, value: doc };
}

/**
 * kubectl apply's patch: deletions are what last-applied had and the new config drops; additions and
 * changes are what the new config has that the live object differs in. Empty object means no change.
 */
export function threeWayStrategicPatch(original: JsonValue, modified: JsonValue, current: JsonValue, parent = ''): JsonObject {
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  const c = isObj(current) ? current : {};
  const patch: JsonObject = {};
  for (const k of Object.keys(o)) if (!(k in m) && k in c) patch[k] = null;
  for (const [k, mv] of Object.entries(m)) {
    const cv = c[k];
    const ov = o[k];
    if (isObj(mv) && isObj(cv)) {
      const sub = threeWayStrategicPatch(isObj(ov) ? ov : {}, mv, cv, k);
      if (Object.keys(sub).length > 0) patch[k] = sub;
      continue;
    }
    const key = mergeKeyFor(k, parent);
    if (key && Array.isArray(mv) && Array.isArray(cv) && mv.every(isObj) && cv.every(isObj)) {
      const items: JsonValue[] = [];
      const ol = Array.isArray(ov) ? ov.filter(isObj) : [];
      for (const item of ol) {
        if (!mv.some((x) => isObj(x) && x[key] === item[key]) && cv.some((x) => isObj(x) && x[key] === item[key])) items.push({ $patch: 'delete', [key]: item[key] ?? null });
      }
      for (const item of mv as JsonObject[]) {
        const live = (cv as JsonObject[]).find((x) => x[key] === item[key]);
        const last = ol.find((x) => x[key] === item[key]);
        if (!live) {
          items.push(item);
          continue;
        }
        const sub = threeWayStrategicPatch(last ?? {}, item, live, k);
        if (Object.keys(sub).length > 0) items.push({ ...sub, [key]: item[key] ?? null });
      }
      if (items.length > 0) patch[k] = items;
      continue;
    }
    if (JSON.stringify(mv) !== JSON.stringify(cv)) patch[k] = structuredClone(mv);
  }
  return patch;
}
