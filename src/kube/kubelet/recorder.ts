// What the kubelet tells the world: Kubernetes Events through the API (repeats counted, as the event
// correlator does) and klog lines in the node's journal (`journalctl -u kubelet`).

import { journalAppend } from '../../world/journal';
import type { NodeState } from '../../world/world';
import type { Random } from '../../core/random';
import type { ComponentClient } from '../network';
import type { JsonObject } from '../types';
import { goQuote, klogHeader } from '../timefmt';
import { eventName } from '../ids';
import type { KubeletNodeState } from './state';

export interface EventTarget {
  name: string;
  namespace: string;
  uid: string;
  /** `spec.containers{nginx}` */
  fieldPath?: string;
}

export class KubeletRecorder {
  constructor(
    private readonly node: NodeState,
    private readonly ks: () => KubeletNodeState,
    private readonly client: ComponentClient,
    private readonly random: Random,
    private readonly epochMs: () => number,
    private readonly nowNs: () => number,
    private readonly nowText: () => string,
    private readonly nextSeq: () => number,
  ) {}

  /** The kubelet's pid: its unit's main process when systemd runs it. */
  pid(): number {
    const unit = this.node.units['kubelet.service'];
    if (unit?.mainPid) return unit.mainPid;
    const p = Object.values(this.node.procs).find((x) => x.comm === 'kubelet');
    return p?.pid ?? 678;
  }

  /** A klog line: `E0225 14:16:02.967711     678 file.go:187] "msg" key="value"`. */
  log(level: 'I' | 'W' | 'E', site: string, msg: string, kv: [string, string][] = []): void {
    const pid = this.pid();
    const now = this.nowNs();
    const text = `${klogHeader(level, this.epochMs(), now, pid, site)}${goQuote(msg)}${kv.map(([k, v]) => ` ${k}=${goQuote(v)}`).join('')}`;
    journalAppend(this.node, { time: now, ident: 'kubelet', pid, unit: 'kubelet.service', priority: level === 'E' ? 3 : level === 'W' ? 4 : 6, message: text });
  }

  /** An unstructured klog line (printf-style call sites). */
  logRaw(level: 'I' | 'W' | 'E', site: string, text: string): void {
    const pid = this.pid();
    const now = this.nowNs();
    journalAppend(this.node, { time: now, ident: 'kubelet', pid, unit: 'kubelet.service', priority: level === 'E' ? 3 : level === 'W' ? 4 : 6, message: `${klogHeader(level, this.epochMs(), now, pid, site)}${text}` });
  }

  /** Record an event; a repeat of the same reason and message on the same object bumps its count. */
  async event(target: EventTarget, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const key = `${target.uid}|${target.fieldPath ?? ''}|${reason}|${message}`;
    const ks = this.ks();
    const now = this.nowText();
    const existing = ks.events[key];
    if (existing) {
      const r = await this.client.request('get', `/api/v1/namespaces/${target.namespace}/events/${existing}`);
      const ev = r?.code === 200 ? (r.body as JsonObject) : null;
      if (ev) {
        const patch = { count: ((ev.count as number) ?? 1) + 1, lastTimestamp: now };
        await this.client.request('patch', `/api/v1/namespaces/${target.namespace}/events/${existing}`, patch, 'application/strategic-merge-patch+json');
        return;
      }
    }
    const name = eventName(target.name, this.epochMs(), this.nowNs(), this.nextSeq());
    const involved: JsonObject = { apiVersion: 'v1', kind: 'Pod', name: target.name, namespace: target.namespace, uid: target.uid };
    if (target.fieldPath) involved.fieldPath = target.fieldPath;
    const body: JsonObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: target.namespace },
      count: 1,
      eventTime: null,
      firstTimestamp: now,
      involvedObject: involved,
      lastTimestamp: now,
      message,
      reason,
      reportingComponent: '',
      reportingInstance: '',
      source: { component: 'kubelet', host: this.node.hostname },
      type,
    };
    const r = await this.client.request('create', `/api/v1/namespaces/${target.namespace}/events`, body);
    if (r?.code === 201) ks.events[key] = name;
  }
}
