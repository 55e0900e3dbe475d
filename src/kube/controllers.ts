// The kube-controller-manager loops the lab needs: a default ServiceAccount and kube-root-ca.crt in every
// new namespace, and the namespace controller that empties a terminating namespace and removes it.

import type { Scheduler } from '../world/scheduler';
import type { World } from '../world/world';
import type { ObjectStore, WatchEvent } from './store';
import type { ComponentClient } from './network';
import { RESOURCES, apiVersionOf } from './resources';
import type { JsonObject, KubeObject } from './types';

export const NAMESPACE_TIMER = 'kube.controllers.namespace';

export class ControllerManager {
  constructor(
    private readonly world: World,
    private readonly store: ObjectStore,
    private readonly client: ComponentClient,
    private readonly timers: Scheduler,
    private readonly caCert: () => string,
  ) {}

  onStoreEvent(e: WatchEvent): void {
    if (e.resource !== 'namespaces') return;
    if (e.type === 'ADDED' || (e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp)) {
      if (!this.world.timers.some((t) => t.kind === NAMESPACE_TIMER && (t.data as { ns: string }).ns === e.object.metadata.name)) {
        this.timers.after(e.type === 'ADDED' ? 0 : 3e9, NAMESPACE_TIMER, { ns: e.object.metadata.name });
      }
    }
  }

  async syncNamespace(ns: string): Promise<void> {
    const obj = this.store.get('namespaces', undefined, ns);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      for (const r of RESOURCES.filter((x) => x.namespaced)) {
        const base = r.group === '' ? `/api/${r.version}` : `/apis/${apiVersionOf(r)}`;
        for (const o of this.store.list(r.resource, ns)) {
          if (o.metadata.deletionTimestamp) continue;
          await this.client.request('delete', `${base}/namespaces/${ns}/${r.resource}/${o.metadata.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
        }
      }
      // Pods leave only when their kubelet confirms; the namespace goes once they have.
      if (this.store.list('pods', ns).length > 0) {
        this.timers.after(2e9, NAMESPACE_TIMER, { ns });
        return;
      }
      for (const r of RESOURCES.filter((x) => x.namespaced)) for (const o of this.store.list(r.resource, ns)) this.store.remove(r.resource, ns, o.metadata.name!);
      this.store.remove('namespaces', undefined, ns);
      return;
    }
    if (!this.store.get('serviceaccounts', ns, 'default')) {
      await this.client.request('create', `/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    }
    if (!this.store.get('configmaps', ns, 'kube-root-ca.crt')) {
      const cm: KubeObject & { data: Record<string, string> } = {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' }, name: 'kube-root-ca.crt', namespace: ns },
        data: { 'ca.crt': this.caCert() },
      };
      await this.client.request('create', `/api/v1/namespaces/${ns}/configmaps`, cm as unknown as JsonObject);
    }
  }
}
