// KubeState: the Kubernetes part of the World (object store, API-server serving state, kubelets, runtime).
//
// World.kube is typed `Record<string, unknown>` by the world layer; this module owns its shape and is the
// one place that casts it. Everything here is plain JSON so a snapshot is a deep copy.

import type { KubeObject } from './types';
import type { SimNs } from '../core/time';
import type { World } from '../world/world';
import type { KubeletNodeState } from './kubelet/state';
import type { RuntimeNodeState } from './runtime/state';
import type { AuditWebhookState } from './audit/webhook-queue';

export interface StoreState {
  /** `resource/namespace/name` (namespace '' for cluster-scoped kinds) → object. */
  objects: Record<string, KubeObject>;
  /** Last resourceVersion handed out (etcd's revision). */
  revision: number;
}

/** Which kube-apiserver process is serving, if any (decided by its own program at start). */
export interface ServingState {
  node: string;
  pid: number;
  /** Container running the serving process. */
  containerId: string;
  since: SimNs;
  /** Flags the process started with (`--audit-log-path` → value), for the audit wiring and status. */
  flags: Record<string, string>;
}

export interface KubeState {
  version: 1;
  store: StoreState;
  serving: ServingState | null;
  /** Container that served last; a restored world lets it serve again at once instead of a cold start. */
  lastServingContainer: string | null;
  kubelets: Record<string, KubeletNodeState>;
  runtime: Record<string, RuntimeNodeState>;
  /** Next host part per node for pod IPs (Calico's per-node /26 block, simplified). */
  ipam: Record<string, number>;
  /** Next ClusterIP host number in 10.96.0.0/12. */
  nextClusterIp: number;
  /** Events recorded so far (keeps event names unique within one instant). */
  eventSeq: number;
  /** The audit webhook backend's buffer while a batch round runs. */
  auditWebhook?: AuditWebhookState;
}

export function emptyKubeState(): KubeState {
  return {
    version: 1,
    store: { objects: {}, revision: 1000 },
    serving: null,
    lastServingContainer: null,
    kubelets: {},
    runtime: {},
    ipam: {},
    nextClusterIp: 100,
    eventSeq: 0,
  };
}

/** The typed view of world.kube, creating it on first use. */
export function kubeState(world: World): KubeState {
  const k = world.kube as Partial<KubeState>;
  if (k.version === 1) k.eventSeq ??= 0;
  if (k.version !== 1) {
    const fresh = emptyKubeState();
    for (const key of Object.keys(world.kube)) delete world.kube[key];
    Object.assign(world.kube, fresh);
  }
  return world.kube as unknown as KubeState;
}
