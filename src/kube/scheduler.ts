// default-scheduler: binds pending pods to a node whose taints they tolerate and whose labels match
// their nodeSelector (the least loaded one), through the API, with the Scheduled/FailedScheduling events.

import type { Random } from '../core/random';
import type { Scheduler } from '../world/scheduler';
import type { World } from '../world/world';
import type { ObjectStore } from './store';
import type { JsonObject, Node, Pod, Taint, Toleration } from './types';
import type { ComponentClient } from './network';
import { kubeTime } from './timefmt';
import { eventName } from './ids';
import { rfc3339Micro, wallTime } from '../core/time';

export const SCHEDULE_TIMER = 'kube.scheduler.run';

export function tolerates(tols: Toleration[], taint: Taint): boolean {
  return tols.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

export class PodScheduler {
  constructor(
    private readonly store: ObjectStore,
    private readonly client: ComponentClient,
    private readonly timers: Scheduler,
    private readonly random: Random,
    private readonly world: World,
    /** False while the kube-scheduler static pod is not running. */
    private readonly active: () => boolean,
    private readonly nextSeq: () => number,
  ) {}

  private get clock(): World['clock'] {
    return this.world.clock;
  }

  /** Queue a scheduling pass (one at a time). */
  kick(): void {
    if (this.world.timers.some((t) => t.kind === SCHEDULE_TIMER)) return;
    if (this.pending().length === 0) return;
    this.timers.after(0, SCHEDULE_TIMER, null);
  }

  private pending(): Pod[] {
    return (this.store.list('pods') as Pod[]).filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler');
  }

  async run(): Promise<void> {
    if (!this.active()) return;
    for (const pod of this.pending()) await this.scheduleOne(pod);
  }

  private async scheduleOne(pod: Pod): Promise<void> {
    const nodes = this.store.list('nodes') as Node[];
    const reasons = new Map<string, number>();
    const note = (r: string): void => void reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const feasible = nodes.filter((n) => {
      if (n.spec?.unschedulable) return note('node(s) were unschedulable'), false;
      const bad = (n.spec?.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations ?? [], t));
      if (bad) return note(`node(s) had untolerated taint {${bad.key}: ${bad.value ?? ''}}`), false;
      const sel = pod.spec.nodeSelector ?? {};
      if (Object.entries(sel).some(([k, v]) => n.metadata.labels?.[k] !== v)) return note("node(s) didn't match Pod's node affinity/selector"), false;
      return true;
    });
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name!;
    if (feasible.length === 0) {
      const detail = [...reasons.entries()].map(([r, c]) => `${c} ${r}`).sort().join(', ');
      const msg = `0/${nodes.length} nodes are available: ${detail}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (cond?.message === msg) return;
      await this.client.request('patch', `/api/v1/namespaces/${ns}/pods/${name}/status`, {
        status: { conditions: [{ lastProbeTime: null, lastTransitionTime: kubeTime(this.clock.epochMs, this.clock.now), message: msg, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }] },
      }, 'application/merge-patch+json');
      await this.event(pod, 'Warning', 'FailedScheduling', msg, 'Scheduling');
      return;
    }
    const load = (n: Node): number => (this.store.list('pods') as Pod[]).filter((p) => p.spec.nodeName === n.metadata.name).length;
    feasible.sort((a, b) => load(a) - load(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const target = feasible[0]!.metadata.name!;
    const r = await this.client.request('create', `/api/v1/namespaces/${ns}/pods/${name}/binding`, {
      kind: 'Binding', apiVersion: 'v1', metadata: { name, namespace: ns, uid: pod.metadata.uid ?? '' }, target: { kind: 'Node', name: target },
    });
    if (r?.code === 201) await this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${target}`, 'Binding');
  }

  /** events.k8s.io-style event as the scheduler records it (no source, eventTime set). */
  private async event(pod: Pod, type: 'Normal' | 'Warning', reason: string, note: string, action: string): Promise<void> {
    const ns = pod.metadata.namespace ?? 'default';
    const body: JsonObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: eventName(pod.metadata.name ?? '', this.clock.epochMs, this.clock.now, this.nextSeq()), namespace: ns },
      action, eventTime: rfc3339Micro(wallTime(this.clock.epochMs, this.clock.now)), firstTimestamp: null,
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', namespace: ns, uid: pod.metadata.uid ?? '' },
      lastTimestamp: null, message: note, reason, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kube-control-plane', source: {}, type,
    };
    await this.client.request('create', `/api/v1/namespaces/${ns}/events`, body);
  }
}
