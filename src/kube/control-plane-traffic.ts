// The requests a live kubeadm control plane sends all the time, so a catch-all audit policy logs what it
// logs on a real cluster: kube-probe hitting /readyz and /livez as system:anonymous, kubelets renewing
// their node leases and reading (and every 5 min patching) their Node, and the controller-manager and
// scheduler renewing their leader-election leases. Each source is a chain of serialisable timers that
// runs only while the API server serves and the component that sends it is up.

import { NS_PER_S, rfc3339Micro, wallTime, type SimNs } from '../core/time';
import type { Random } from '../core/random';
import type { Scheduler } from '../world/scheduler';
import type { World } from '../world/world';
import { uuid4 } from './ids';
import { ComponentClient, USER_AGENT_SUFFIX, kubeletClient, type ApiNetwork } from './network';
import type { KubeState } from './state';
import type { ObjectStore } from './store';
import type { Container, JsonObject, KubeObject } from './types';

export const TRAFFIC_TIMER = 'kube.control-plane.traffic';

/** One background source: what it sends, how often, and at which fraction of its period. */
interface TrafficSource {
  id: string;
  periodNs: SimNs;
  offsetNs: SimNs;
  send(): Promise<void>;
}

export interface ControlPlaneTrafficDeps {
  world: World;
  state: KubeState;
  store: ObjectStore;
  net: ApiNetwork;
  scheduler: Scheduler;
  random: Random;
  controlPlane: string;
  /** Whether the kubelet of a node runs (systemd has it active). */
  kubeletRunning(node: string): boolean;
  /** Whether a control-plane static pod's container runs (`kube-scheduler`, `kube-controller-manager`). */
  componentRunning(component: string): boolean;
}

const LEASE_API = '/apis/coordination.k8s.io/v1/namespaces';
const NODE_STATUS_REPORT = 300 * NS_PER_S;
/** Conditions the kubelet owns, in the order it sets them ($setElementOrder of its status patch). */
const NODE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

export class ControlPlaneTraffic {
  private readonly sources = new Map<string, TrafficSource>();

  constructor(private readonly d: ControlPlaneTrafficDeps) {
    const nodes = Object.keys(d.world.nodes);
    this.add('probe:readiness', NS_PER_S, 250_000_000, () => this.probe('readinessProbe'));
    this.add('probe:liveness', 10 * NS_PER_S, 750_000_000, () => this.probe('livenessProbe'));
    this.add('leader:kube-controller-manager', 2 * NS_PER_S, 400_000_000, () => this.renewLeader('kube-controller-manager'));
    this.add('leader:kube-scheduler', 2 * NS_PER_S, 1_600_000_000, () => this.renewLeader('kube-scheduler'));
    nodes.forEach((node, i) => {
      this.add(`node-lease:${node}`, 10 * NS_PER_S, 3_300_000_000 + i * 2_700_000_000, () => this.renewNodeLease(node));
      this.add(`node-status:${node}`, 10 * NS_PER_S, 5_100_000_000 + i * 2_700_000_000, () => this.syncNodeStatus(node));
    });
  }

  private add(id: string, periodNs: SimNs, offsetNs: SimNs, send: () => Promise<void>): void {
    this.sources.set(id, { id, periodNs, offsetNs: offsetNs % periodNs, send });
  }

  /** The API server started serving: start every chain not already pending. */
  start(): void {
    const pending = new Set(this.d.world.timers.filter((t) => t.kind === TRAFFIC_TIMER).map((t) => (t.data as { source: string }).source));
    for (const s of this.sources.values()) if (!pending.has(s.id)) this.scheduleNext(s);
  }

  private scheduleNext(s: TrafficSource): void {
    const now = this.d.world.clock.now;
    // The next instant on the source's grid, strictly after now: deterministic whatever the start time.
    const k = Math.floor((now - s.offsetNs) / s.periodNs) + 1;
    this.d.scheduler.schedule(k * s.periodNs + s.offsetNs, TRAFFIC_TIMER, { source: s.id });
  }

  /** Timer handler: send, then come back one period later; a stopped API server ends the chain. */
  async fire(data: unknown): Promise<void> {
    const s = this.sources.get((data as { source?: string } | null)?.source ?? '');
    if (!s || !this.d.net.serving()) return;
    this.scheduleNext(s);
    await s.send();
  }

  private microNow(): string {
    return rfc3339Micro(wallTime(this.d.world.clock.epochMs, this.d.world.clock.now));
  }

  private nodeIP(node: string): string {
    return this.d.world.nodes[node]?.ip ?? '';
  }

  // ---------------------------------------------------------------- kube-probe

  /** The serving apiserver container's probe, as its static pod declares it. */
  private servingProbe(kind: 'readinessProbe' | 'livenessProbe'): { path: string } | null {
    const serving = this.d.state.serving;
    if (!serving) return null;
    const rec = this.d.world.nodes[serving.node]?.containers[serving.containerId];
    const pod = rec ? this.d.state.kubelets[serving.node]?.pods[rec.podUid]?.pod : undefined;
    const c = pod?.spec.containers.find((x: Container) => x.name === rec?.name);
    const get = (c?.[kind] as { httpGet?: { path?: string } } | undefined)?.httpGet;
    return get ? { path: get.path ?? '/' } : null;
  }

  private async probe(kind: 'readinessProbe' | 'livenessProbe'): Promise<void> {
    const node = this.d.state.serving?.node ?? this.d.controlPlane;
    if (!this.d.kubeletRunning(node)) return;
    const probe = this.servingProbe(kind);
    if (!probe) return;
    // Probes carry no credentials: the API server sees system:anonymous.
    await this.d.net.call({ verb: 'get', uri: probe.path, credentials: {}, userAgent: 'kube-probe/1.26', sourceIP: this.nodeIP(node) });
  }

  // ---------------------------------------------------------------- leader election

  private leaderClient(component: string): ComponentClient {
    const user = component === 'kube-scheduler' ? 'system:kube-scheduler' : 'system:kube-controller-manager';
    return new ComponentClient(this.d.net, { username: user, groups: ['system:authenticated'] }, `${component}/${USER_AGENT_SUFFIX}/leader-election`, this.nodeIP(this.d.controlPlane));
  }

  /** tryAcquireOrRenew with a LeaseLock: GET the lease, then PUT it with a new renewTime (POST when missing). */
  private async renewLeader(component: string): Promise<void> {
    if (!this.d.componentRunning(component)) return;
    const client = this.leaderClient(component);
    const uri = `${LEASE_API}/kube-system/leases/${component}`;
    const got = await client.request('get', `${uri}?timeout=5s`);
    if (!got) return;
    const now = this.microNow();
    if (got.code === 404) {
      const holder = `${this.d.controlPlane}_${uuid4(this.d.random)}`;
      const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: component, namespace: 'kube-system' }, spec: { holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 0 } };
      await client.request('create', `${LEASE_API}/kube-system/leases?timeout=5s`, lease);
      return;
    }
    if (got.code !== 200) return;
    const lease = structuredClone(got.body) as JsonObject & { spec?: JsonObject };
    lease.spec = { ...(lease.spec ?? {}), renewTime: now };
    await client.request('update', `${uri}?timeout=5s`, lease);
  }

  // ---------------------------------------------------------------- kubelet heartbeats

  /** The node lease controller: ensure the lease once (GET, POST), then PUT it every 10 s. */
  private async renewNodeLease(node: string): Promise<void> {
    if (!this.d.kubeletRunning(node)) return;
    const client = kubeletClient(this.d.net, node, this.nodeIP(node));
    const uri = `${LEASE_API}/kube-node-lease/leases/${node}`;
    const now = this.microNow();
    let lease = this.d.store.get('leases', 'kube-node-lease', node) as (KubeObject & { spec?: JsonObject }) | undefined;
    if (!lease) {
      const got = await client.request('get', `${uri}?timeout=10s`);
      if (got?.code !== 404) return;
      const owner = this.d.store.get('nodes', undefined, node);
      const fresh = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: node, namespace: 'kube-node-lease', ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: owner.metadata.uid ?? '' }] } : {}) },
        spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: now },
      };
      await client.request('create', `${LEASE_API}/kube-node-lease/leases?timeout=10s`, fresh);
      return;
    }
    lease = structuredClone(lease);
    lease.spec = { ...(lease.spec ?? {}), renewTime: now };
    await client.request('update', `${uri}?timeout=10s`, lease as unknown as JsonObject);
  }

  /** tryUpdateNodeStatus: GET the Node from the watch cache every 10 s; PATCH the heartbeat every 5 min. */
  private async syncNodeStatus(node: string): Promise<void> {
    if (!this.d.kubeletRunning(node)) return;
    const client = kubeletClient(this.d.net, node, this.nodeIP(node));
    const got = await client.request('get', `/api/v1/nodes/${node}?resourceVersion=0&timeout=10s`);
    if (got?.code !== 200) return;
    const conditions = ((got.body as { status?: { conditions?: Array<{ type: string; lastHeartbeatTime?: string }> } }).status?.conditions ?? []).filter((c) => NODE_CONDITIONS.includes(c.type));
    const last = Math.max(0, ...conditions.map((c) => Date.parse(c.lastHeartbeatTime ?? '') || 0));
    const nowMs = this.d.world.clock.epochMs + this.d.world.clock.now / 1e6;
    if (conditions.length > 0 && nowMs - last < NODE_STATUS_REPORT / 1e6) return;
    const at = new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const status: JsonObject = {
      '$setElementOrder/conditions': [{ type: 'NetworkUnavailable' }, ...NODE_CONDITIONS.map((type) => ({ type }))],
      conditions: NODE_CONDITIONS.map((type) => ({ lastHeartbeatTime: at, type })),
    };
    await client.request('patch', `/api/v1/nodes/${node}/status?timeout=10s`, { status }, 'application/strategic-merge-patch+json');
  }
}
