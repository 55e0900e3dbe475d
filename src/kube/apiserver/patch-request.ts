// The PATCH handler's part (endpoints/handlers/patch.go, v1.26): apply a strategic, merge or JSON
// patch to the stored object, then decode the result under the request's fieldValidation (Warn when
// absent): unknown fields become warnings, or with Strict an Invalid `patch` error.

import { applyJsonPatch, applyMergePatch, applyStrategicPatch } from '../patch';
import { apiVersionOf, type ResourceInfo } from '../resources';
import type { JsonObject, JsonValue, KubeObject } from '../types';
import type { RequestInfo } from './request-info';
import { dropUnknown, strictDecodeError } from './schema';
import { badRequest, fieldErr, invalid } from './status';
import type { ApiRequest, Status } from './types';

export type PatchOutcome = { obj: KubeObject; warnings: string[] } | { status: Status };

const isObj = (v: JsonValue | undefined): v is JsonObject => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

/** Go's %+v of a decoded JSON value: `map[metadata:map[labels:map[a:b]]]`, `[x y]`, `<nil>`. */
export function goPrintValue(v: JsonValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrintValue).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrintValue(v[k]!)}`).join(' ')}]`;
  return String(v);
}

/** NewGenericServerResponse(422, …): what a patch that cannot be applied answers. */
function unprocessable(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: { causes: [{ reason: 'UnexpectedServerResponse', message }] }, code: 422 } as Status;
}

const JSON_KIND: Record<string, string> = { object: 'object', string: 'string', number: 'number', boolean: 'bool' };
const jsonKind = (v: JsonValue | undefined): string => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : JSON_KIND[typeof v] ?? 'value');

function applyPatchBody(old: KubeObject, req: ApiRequest, directive: string): { value: JsonValue; repr: string } | { status: Status } {
  const base = old as unknown as JsonObject;
  const body = req.body ?? null;
  const strictDecode = directive === 'Strict' || directive === 'Warn';
  switch (req.patchType ?? 'application/strategic-merge-patch+json') {
    case 'application/merge-patch+json': {
      if (strictDecode && !isObj(body)) return { status: badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(body)} into Go value of type map[string]interface {}`) };
      const value = applyMergePatch(base, body);
      return { value, repr: JSON.stringify(value) };
    }
    case 'application/json-patch+json': {
      if (strictDecode && !Array.isArray(body)) return { status: badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(body)} into Go value of type []handlers.jsonPatchOp`) };
      const r = applyJsonPatch(base, body);
      if (!r.ok) return { status: r.stage === 'decode' ? badRequest(r.message) : unprocessable(r.message) };
      return { value: r.value, repr: JSON.stringify(r.value) };
    }
    default:
      if (!isObj(body)) return { status: badRequest(`json: cannot unmarshal ${jsonKind(body)} into Go value of type map[string]interface {}`) };
      return { value: applyStrategicPatch(base, body), repr: goPrintValue(body) };
  }
}

/** The patched object decoded as the resource's kind, or the error the API server answers. */
export function patchStoredObject(old: KubeObject, req: ApiRequest, info: RequestInfo, res: ResourceInfo): PatchOutcome {
  const directive = info.query.get('fieldValidation') || 'Warn';
  const applied = applyPatchBody(old, req, directive);
  if ('status' in applied) return applied;
  const value = applied.value;
  if (!isObj(value)) return { status: badRequest(`json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`) };
  const apiVersion = apiVersionOf(res);
  const prefix = `${res.kind} in version "${res.version}" cannot be handled as a ${res.kind}: `;
  const detail = (e: string): string => (e.startsWith(prefix) ? e.slice(prefix.length) : e);
  const patchInvalid = (e: string): Status => {
    // NewInvalid(schema.GroupKind{}, "", …): no kind or name in the details.
    const st = invalid('', '', { group: '' }, [fieldErr.invalid('patch', applied.repr, detail(e))]);
    const d = st.details as JsonObject;
    delete d.name;
    delete d.kind;
    return st;
  };
  const typeError = strictDecodeError(res.kind, apiVersion, { ...value, kind: res.kind, apiVersion }, false);
  if (typeError) return { status: patchInvalid(typeError) };
  const warnings: string[] = [];
  const unknown = directive === 'Ignore' ? null : strictDecodeError(res.kind, apiVersion, { ...value, kind: res.kind, apiVersion }, true);
  if (unknown && directive === 'Strict') return { status: patchInvalid(unknown) };
  if (unknown) warnings.push(...(unknown.match(/unknown field "[^"]*"/g) ?? []));
  const obj = dropUnknown(structuredClone(value), res.kind) as unknown as KubeObject;
  obj.kind = res.kind;
  obj.apiVersion = apiVersion;
  obj.metadata ??= {};
  // ObjectMeta's maps are omitempty: a patch that empties them leaves no `labels: {}` behind.
  for (const key of ['labels', 'annotations'] as const) {
    const m = obj.metadata[key];
    if (m && typeof m === 'object' && Object.keys(m).length === 0) delete obj.metadata[key];
  }
  return { obj, warnings };
}
