// The kubelet's status manager: each pod's status as computed from its containers, written to the API
// when it changed (a merge patch of pods/status), with condition transition times; for a static pod,
// the mirror pod is (re)created first.

import type { SimNs } from '../../core/time';
import type { NodeState } from '../../world/world';
import type { ApiNetwork, ComponentClient } from '../network';
import type { ObjectStore } from '../store';
import type { JsonObject, Pod } from '../types';
import type { PodWorker } from './state';
import { mirrorPod } from './static-pods';
import { podStatus } from './status';

export interface StatusSyncCtx {
  node: NodeState;
  nodeName: string;
  workers: PodWorker[];
  store: ObjectStore;
  net: ApiNetwork;
  client: ComponentClient;
  now(): SimNs;
  time(t: SimNs): string;
}

export async function pushPodStatuses(k: StatusSyncCtx): Promise<void> {
  const n = k.node;
  for (const w of k.workers) {
    if (w.phase === 'terminated' || (w.removed && !w.static)) continue;
    const inp = { worker: w, containers: n.containers, podIP: w.podIP, hostIP: n.ip, time: (t: SimNs) => k.time(t) };
    let status = podStatus(inp);
    const prev = w.pushedStatus ? (JSON.parse(w.pushedStatus) as { conditions?: { type: string; status: string }[] }) : null;
    let moved = false;
    for (const c of status.conditions ?? []) {
      const before = prev?.conditions?.find((x) => x.type === c.type)?.status;
      if (before !== undefined && before !== c.status) {
        w.transitions[c.type] = k.now();
        moved = true;
      }
    }
    if (moved) status = podStatus(inp);
    const json = JSON.stringify(status);
    if (w.static) {
      if (w.removed) continue;
      const mirror = k.store.get('pods', w.namespace, w.name) as Pod | undefined;
      if (!mirror || mirror.metadata.annotations?.['kubernetes.io/config.mirror'] !== w.uid) {
        if (!k.net.serving()) continue;
        if (mirror) await k.client.request('delete', `/api/v1/namespaces/${w.namespace}/pods/${w.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 });
        const r = await k.client.request('create', `/api/v1/namespaces/${w.namespace}/pods`, mirrorPod(w, k.nodeName, k.store) as unknown as JsonObject);
        if (r?.code !== 201) continue;
        w.mirrorUid = (r.body as { metadata: { uid: string } }).metadata.uid;
        w.pushedStatus = null;
      }
    }
    if (w.pushedStatus === json) continue;
    const r = await k.client.request('patch', `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`, { status } as unknown as JsonObject, 'application/merge-patch+json');
    if (r && r.code === 200) w.pushedStatus = json;
  }
}
