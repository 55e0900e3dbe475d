// JSON, time and object-metadata shapes every Kubernetes v1 object shares (apiVersion, kind, metadata).
// Timestamps are RFC 3339 strings as on the wire; `null` is the zero time (`creationTimestamp: null`).

/** Any JSON value; what `-o yaml`, `-o json` and the JSONPath evaluator walk. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** RFC 3339 in UTC, second precision (`metav1.Time`), or null for the zero time. */
export type Time = string | null;
/** RFC 3339 with microseconds (`metav1.MicroTime`, used by events.k8s.io `eventTime`). */
export type MicroTime = string | null;

/** A condition's status, as pods and nodes report it. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: Time;
  fieldsType?: 'FieldsV1';
  fieldsV1?: JsonObject;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  /** Decimal string, e.g. "48211"; the store bumps it on every write. */
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Every stored object: apiVersion + kind + metadata. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** `kind: List` as `kubectl get -o yaml` wraps several items (`get.go printGeneric`). */
export interface List<T = KubeObject> {
  apiVersion: 'v1';
  kind: 'List';
  items: T[];
  metadata: ListMeta;
}
