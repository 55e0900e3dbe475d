// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): a get or list answered
// as a meta.k8s.io Table of the kind's columns, each row carrying the object as PartialObjectMetadata
// (includeObject=Metadata, the default), the whole object (Object) or nothing (None).

import type { ConfigMap, Event, JsonObject, JsonValue, KubeObject, Namespace, Node, Pod, Secret, Service } from '../../types';
import { COLUMN_DEFINITIONS, DEFAULT_COLUMN_DEFINITIONS, INTEGER_CELLS, type ColumnDefinition } from './columns';
import { configMapRow, defaultRow, eventRow, namespaceRow, nodeRow, secretRow, serviceRow } from './kinds';
import { podRow } from './pods';

type RowPrinter = (obj: KubeObject, nowMs: number) => string[];

const ROWS: Record<string, RowPrinter> = {
  Pod: (o, now) => podRow(o as Pod, now),
  Node: (o, now) => nodeRow(o as Node, now),
  Namespace: (o, now) => namespaceRow(o as Namespace, now),
  ConfigMap: (o, now) => configMapRow(o as ConfigMap, now),
  Secret: (o, now) => secretRow(o as Secret, now),
  Service: (o, now) => serviceRow(o as Service, now, true),
  Event: (o, now) => eventRow(o as Event, now),
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Which Table version an Accept header asks for (the first acceptable media type wins), or null. */
export function tableVersionOf(accept: string | undefined): 'v1' | 'v1beta1' | null {
  if (!accept) return null;
  for (const part of accept.split(',')) {
    const params = part.split(';').map((p) => p.trim());
    const type = params[0];
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    const kv = Object.fromEntries(params.slice(1).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    if (kv.as === undefined) return null;
    if (kv.as === 'Table' && kv.g === 'meta.k8s.io' && (kv.v === 'v1' || kv.v === 'v1beta1')) return kv.v;
  }
  return null;
}

/** The column definitions the server sends for a kind. */
export function columnsFor(kind: string): readonly ColumnDefinition[] {
  return COLUMN_DEFINITIONS[kind] ?? DEFAULT_COLUMN_DEFINITIONS;
}

const META_ORDER = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

/** ObjectMeta in Go struct order, as the server's JSON encoder writes it. */
function orderedMeta(meta: KubeObject['metadata']): JsonObject {
  const src = meta as unknown as JsonObject;
  const out: JsonObject = {};
  for (const k of META_ORDER) if (src[k] !== undefined) out[k] = src[k]!;
  for (const [k, v] of Object.entries(src)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function rowObject(obj: KubeObject, include: IncludeObject, group: string): JsonValue | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj as unknown as JsonObject;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${group}`, metadata: orderedMeta(obj.metadata) };
}

function cellsOf(obj: KubeObject, nowMs: number): JsonValue[] {
  const print = ROWS[obj.kind];
  const cells: JsonValue[] = print ? print(obj, nowMs) : defaultRow(obj);
  for (const i of INTEGER_CELLS[obj.kind] ?? []) if (typeof cells[i] === 'string') cells[i] = Number(cells[i]);
  return cells;
}

/** printPod's row conditions: a finished pod's row is marked Completed. */
function rowConditions(obj: KubeObject): JsonObject[] | undefined {
  if (obj.kind !== 'Pod') return undefined;
  const phase = (obj as Pod).status?.phase;
  if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

/**
 * The Table for one object (`get`) or the items of a list. `kind` names the printer (lists may be
 * empty); `resourceVersion` is the list's or the object's.
 */
export function toTable(kind: string, objects: readonly KubeObject[], opts: { nowMs: number; resourceVersion: string; include?: IncludeObject; version?: 'v1' | 'v1beta1' }): JsonObject {
  const version = opts.version ?? 'v1';
  const rows = objects.map((obj) => {
    const row: JsonObject = { cells: cellsOf(obj, opts.nowMs) };
    const conditions = rowConditions(obj);
    if (conditions) row.conditions = conditions;
    const object = rowObject(obj, opts.include ?? 'Metadata', version);
    if (object !== undefined) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: { resourceVersion: opts.resourceVersion },
    columnDefinitions: columnsFor(kind).map((c) => ({ ...c })) as unknown as JsonObject[],
    rows,
  };
}
