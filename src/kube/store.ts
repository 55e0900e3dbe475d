// The object store (etcd's role): objects keyed by resource, namespace and name, with uid,
// resourceVersion, creationTimestamp, generation and managedFields kept as the API server keeps them.

import type { Random } from '../core/random';
import type { JsonObject, JsonValue, KubeObject, ManagedFieldsEntry } from './types';
import type { StoreState } from './state';
import { uuid4 } from './ids';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchType;
  resource: string;
  object: KubeObject;
  /** The object before a MODIFIED or DELETED change. */
  old?: KubeObject;
}
export type StoreListener = (e: WatchEvent) => void;

/** Kinds whose spec changes bump metadata.generation (pods and config objects have none). */
const GENERATION_RESOURCES = new Set(['deployments', 'replicasets', 'daemonsets', 'networkpolicies']);

export function storeKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}/${namespace ?? ''}/${name}`;
}

export interface WriteOptions {
  /** Field manager (`kubectl-client-side-apply`, `kubelet`, …). */
  manager?: string;
  operation?: 'Update' | 'Apply';
  subresource?: string;
  /** creationTimestamp to record instead of now (objects kubeadm made before the lab began). */
  at?: string;
}

export class ObjectStore {
  private readonly listeners = new Set<StoreListener>();

  constructor(
    private readonly state: StoreState,
    private readonly random: Random,
    /** metav1.Time text of the current instant. */
    private readonly now: () => string,
  ) {}

  subscribe(l: StoreListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private notify(e: WatchEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.state.objects[storeKey(resource, namespace, name)];
    return o ? structuredClone(o) : undefined;
  }

  /** Objects of a resource, in the server's order: by namespace then name. */
  list(resource: string, namespace?: string): KubeObject[] {
    const prefix = namespace === undefined ? `${resource}/` : `${resource}/${namespace}/`;
    return Object.keys(this.state.objects)
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => structuredClone(this.state.objects[k]!));
  }

  /** The revision a list reports as its resourceVersion. */
  revision(): string {
    return String(this.state.revision);
  }

  private nextVersion(): string {
    return String(++this.state.revision);
  }

  /** Store a new object; the caller has checked it does not exist. */
  create(resource: string, obj: KubeObject, opts: WriteOptions = {}): KubeObject {
    const o = structuredClone(obj);
    const meta = o.metadata;
    meta.uid = uuid4(this.random);
    meta.resourceVersion = this.nextVersion();
    meta.creationTimestamp = opts.at ?? this.now();
    if (GENERATION_RESOURCES.has(resource)) meta.generation = 1;
    else delete meta.generation;
    delete meta.deletionTimestamp;
    if (opts.manager) meta.managedFields = [managedEntry(o, opts, opts.at ?? this.now())];
    this.state.objects[storeKey(resource, meta.namespace, meta.name!)] = o;
    this.notify({ type: 'ADDED', resource, object: structuredClone(o) });
    return structuredClone(o);
  }

  /** Replace a stored object (same key), bumping resourceVersion and, for spec changes, generation. */
  update(resource: string, obj: KubeObject, opts: WriteOptions = {}): KubeObject {
    const key = storeKey(resource, obj.metadata.namespace, obj.metadata.name!);
    const old = this.state.objects[key];
    if (!old) throw new Error(`store: update of missing ${key}`);
    const o = structuredClone(obj);
    const meta = o.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = this.nextVersion();
    if (GENERATION_RESOURCES.has(resource)) {
      const specChanged = JSON.stringify((old as unknown as JsonObject).spec) !== JSON.stringify((o as unknown as JsonObject).spec);
      meta.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    if (opts.manager) {
      const entries = (old.metadata.managedFields ?? []).filter((e) => !(e.manager === opts.manager && e.subresource === opts.subresource));
      entries.push(managedEntry(o, opts, this.now()));
      meta.managedFields = entries;
    } else if (old.metadata.managedFields) meta.managedFields = old.metadata.managedFields;
    this.state.objects[key] = o;
    this.notify({ type: 'MODIFIED', resource, object: structuredClone(o), old: structuredClone(old) });
    return structuredClone(o);
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = storeKey(resource, namespace, name);
    const old = this.state.objects[key];
    if (!old) return undefined;
    delete this.state.objects[key];
    const gone = structuredClone(old);
    gone.metadata.resourceVersion = this.nextVersion();
    this.notify({ type: 'DELETED', resource, object: gone, old: structuredClone(old) });
    return gone;
  }
}

/** A minimal FieldsV1 set: every key the writer sent, as `f:<key>` maps (lists and leaves are `{}`). */
function fieldSet(v: JsonValue, depth = 0): JsonObject {
  const out: JsonObject = {};
  if (v === null || typeof v !== 'object' || Array.isArray(v) || depth > 6) return out;
  for (const [k, child] of Object.entries(v)) {
    if (depth === 0 && (k === 'apiVersion' || k === 'kind')) continue;
    if (depth === 1 && ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation'].includes(k)) continue;
    out[`f:${k}`] = child !== null && typeof child === 'object' && !Array.isArray(child) ? fieldSet(child, depth + 1) : {};
  }
  if (depth > 0 && Object.keys(out).length > 0) out['.'] = {};
  return out;
}

function managedEntry(o: KubeObject, opts: WriteOptions, time: string): ManagedFieldsEntry {
  const body = structuredClone(o) as unknown as JsonObject;
  if (opts.subresource !== 'status') delete body.status;
  else for (const k of Object.keys(body)) if (k !== 'status') delete body[k];
  const e: ManagedFieldsEntry = {
    manager: opts.manager,
    operation: opts.operation ?? 'Update',
    apiVersion: o.apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: fieldSet(body),
  };
  if (opts.subresource) e.subresource = opts.subresource;
  return e;
}
