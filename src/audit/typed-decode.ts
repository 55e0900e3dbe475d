// Decodes a document tree into Go-typed Policy structs the way sigs.k8s.io/json does (case-sensitive),
// collecting strict errors (unknown and duplicate fields) and the first type error with Go's wording.

import { jsonKindName, type DocValue } from './doc-value';

export type GoType =
  | { t: 'string'; name: string }
  | { t: 'bool' }
  | { t: 'int64' }
  | { t: 'any' }
  | { t: 'slice'; name: string; elem: GoType }
  | { t: 'map'; name: string; elem: GoType }
  | { t: 'struct'; name: string; short: string; fields: Record<string, GoType> };

const str: GoType = { t: 'string', name: 'string' };
const strSlice: GoType = { t: 'slice', name: '[]string', elem: str };
const strMap: GoType = { t: 'map', name: 'map[string]string', elem: str };
const int64: GoType = { t: 'int64' };
const any: GoType = { t: 'any' };

/** metav1.ObjectMeta's JSON fields. Nested lists we never read are decoded as opaque values. */
const OBJECT_META_FIELDS: Record<string, GoType> = {
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: { t: 'string', name: 'types.UID' },
  resourceVersion: str,
  generation: int64,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int64,
  labels: strMap,
  annotations: strMap,
  ownerReferences: any,
  finalizers: strSlice,
  managedFields: any,
};

function policySchema(pkg: 'v1' | 'audit'): GoType {
  const level: GoType = { t: 'string', name: `${pkg}.Level` };
  const stages: GoType = { t: 'slice', name: `[]${pkg}.Stage`, elem: { t: 'string', name: `${pkg}.Stage` } };
  const groupResources: GoType = {
    t: 'struct',
    name: `${pkg}.GroupResources`,
    short: 'GroupResources',
    fields: { group: str, resources: strSlice, resourceNames: strSlice },
  };
  const rule: GoType = {
    t: 'struct',
    name: `${pkg}.PolicyRule`,
    short: 'PolicyRule',
    fields: {
      level,
      users: strSlice,
      userGroups: strSlice,
      verbs: strSlice,
      resources: { t: 'slice', name: `[]${pkg}.GroupResources`, elem: groupResources },
      namespaces: strSlice,
      nonResourceURLs: strSlice,
      omitStages: stages,
      omitManagedFields: { t: 'bool' },
    },
  };
  const base: Record<string, GoType> = {
    kind: str,
    apiVersion: str,
    rules: { t: 'slice', name: `[]${pkg}.PolicyRule`, elem: rule },
    omitStages: stages,
    omitManagedFields: { t: 'bool' },
  };
  // The internal type embeds ObjectMeta without a tag, so its fields sit at the top level.
  const fields =
    pkg === 'v1'
      ? { kind: str, apiVersion: str, metadata: { t: 'struct', name: 'v1.ObjectMeta', short: 'ObjectMeta', fields: OBJECT_META_FIELDS } as GoType, ...base }
      : { ...base, ...OBJECT_META_FIELDS };
  return { t: 'struct', name: `${pkg}.Policy`, short: 'Policy', fields };
}

export const POLICY_V1 = policySchema('v1');
export const POLICY_INTERNAL = policySchema('audit');

export interface TypedDecodeResult {
  /** Plain JS value of the struct: only fields present in the document are set. */
  value: Record<string, unknown>;
  /** Unknown and duplicate field messages, in decode order (strict mode only). */
  strictErrors: string[];
  /** The first type mismatch, as encoding/json words it; decoding fails on it in every mode. */
  typeError: string | null;
}

interface ErrorContext {
  struct: string;
  fieldStack: string[];
}

export function decodeTyped(doc: DocValue, schema: GoType, strict: boolean): TypedDecodeResult {
  const strictErrors: string[] = [];
  let typeError: string | null = null;

  const mismatch = (what: string, type: string, ctx: ErrorContext): undefined => {
    if (typeError !== null) return undefined;
    typeError =
      ctx.fieldStack.length > 0
        ? `json: cannot unmarshal ${what} into Go struct field ${ctx.struct}.${ctx.fieldStack.join('.')} of type ${type}`
        : `json: cannot unmarshal ${what} into Go value of type ${type}`;
    return undefined;
  };
  const plain = (v: DocValue): unknown => {
    switch (v.kind) {
      case 'null': return null;
      case 'array': return v.items.map(plain);
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, val] of v.entries) o[k] = plain(val);
        return o;
      }
      default: return v.value;
    }
  };

  const decode = (v: DocValue, t: GoType, ctx: ErrorContext, path: string): unknown => {
    if (v.kind === 'null') return undefined; // null leaves the Go zero value in place
    switch (t.t) {
      case 'any':
        return plain(v);
      case 'string':
        return v.kind === 'string' ? v.value : mismatch(jsonKindName(v), t.name, ctx);
      case 'bool':
        return v.kind === 'bool' ? v.value : mismatch(jsonKindName(v), 'bool', ctx);
      case 'int64':
        if (v.kind !== 'number') return mismatch(jsonKindName(v), 'int64', ctx);
        return Number.isSafeInteger(v.value) ? v.value : mismatch(`number ${v.value}`, 'int64', ctx);
      case 'slice': {
        if (v.kind !== 'array') return mismatch(jsonKindName(v), t.name, ctx);
        return v.items.map((item, i) => decode(item, t.elem, ctx, `${path}[${i}]`));
      }
      case 'map': {
        if (v.kind !== 'object') return mismatch(jsonKindName(v), t.name, ctx);
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        for (const [k, val] of v.entries) {
          const childPath = path === '' ? k : `${path}.${k}`;
          if (seen.has(k) && strict) strictErrors.push(`duplicate field "${childPath}"`);
          seen.add(k);
          out[k] = decode(val, t.elem, ctx, childPath);
        }
        return out;
      }
      case 'struct': {
        if (v.kind !== 'object') return mismatch(jsonKindName(v), t.name, ctx);
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        for (const [k, val] of v.entries) {
          const childPath = path === '' ? k : `${path}.${k}`;
          const field = Object.hasOwn(t.fields, k) ? t.fields[k] : undefined;
          if (field === undefined) {
            if (strict) strictErrors.push(`unknown field "${childPath}"`);
            continue;
          }
          if (seen.has(k) && strict) strictErrors.push(`duplicate field "${childPath}"`);
          seen.add(k);
          const decoded = decode(val, field, { struct: t.short, fieldStack: [...ctx.fieldStack, k] }, childPath);
          if (decoded !== undefined) out[k] = decoded;
          // null resets slices, maps and pointers to nil but leaves strings and bools as they were
          else if (val.kind === 'null' && field.t !== 'string' && field.t !== 'int64') delete out[k];
        }
        return out;
      }
    }
  };

  const value = decode(doc, schema, { struct: '', fieldStack: [] }, '');
  return { value: (value as Record<string, unknown> | undefined) ?? {}, strictErrors, typeError };
}
