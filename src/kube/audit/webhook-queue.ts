// The serving kube-apiserver's audit webhook backend over simulated time: batch mode buffers events
// and sends them when a round of --audit-webhook-batch-max-wait ends (or max-size is reached); blocking
// modes send each event at once. A failed POST is retried four times (10, 15, 22.5, 33.75 s + jitter),
// then dropped with the "Error in audit plugin 'webhook'" line in the apiserver's log. Buffer and
// retries are plain data in the world (KubeState and timers), so they survive a save and restore.

import {
  batchesOf,
  batchRoundEnd,
  pluginErrorMessage,
  webhookBatched,
  webhookBody,
  webhookClientError,
  webhookItems,
  webhookRetryWaits,
  WEBHOOK_ATTEMPTS,
  type AuditBatchOptions,
  type AuditEvent,
  type Clock,
} from '../../audit';
import type { Random } from '../../core/random';
import type { SimNs } from '../../core/time';
import type { Scheduler } from '../../world/scheduler';
import type { World } from '../../world/world';
import type { KubeState } from '../state';
import { klogLine } from './klog';

export const WEBHOOK_TIMER = 'kube.audit.webhook';

/** One POST as the simulated network carries it. */
export interface AuditWebhookDelivery {
  /** Node the apiserver runs on (the connection's source). */
  fromNode: string;
  /** The URL the kubeconfig names (its current-context's cluster.server). */
  server: string;
  /** A kubeconfig naming only that server, for transports that read one. */
  kubeconfig: string;
  /** The EventList body, and its items as the receiver decodes them. */
  body: string;
  items: unknown[];
}

/** The simulated network: deliver a POST, or say why it failed (Go's error text for `Post "URL": …`). */
export type AuditWebhookTransport = (d: AuditWebhookDelivery) => { ok: true } | { ok: false; error: string };

/** What the serving process configured, set at its (re)start. */
export interface AuditWebhookTarget {
  /** Container of the process: pending work belongs to it and dies with it. */
  owner: string;
  fromNode: string;
  server: string;
  batch: AuditBatchOptions;
  initialBackoffNs: number;
  transport: AuditWebhookTransport;
  /** One line on the apiserver's stderr (no final newline). */
  log(line: string): void;
  clock(): Clock;
}

/** Serialisable backend state (KubeState.auditWebhook). */
export interface AuditWebhookState {
  owner: string;
  buffer: AuditEvent[];
  /** When the current batch round began. */
  roundStart: SimNs;
  /** Timer id of the pending end-of-round flush. */
  flushTimer: number | null;
}

type TimerData = { op: 'flush'; owner: string } | { op: 'retry'; owner: string; events: AuditEvent[]; attempt: number; waits: number[] };

/** The API server's view of the backend: what its boot and its audit sink call. */
export interface AuditWebhookBackend {
  configure(target: AuditWebhookTarget): void;
  submit(owner: string, events: AuditEvent[]): void;
  /** The process stopped: send what is buffered once, forget the rest. */
  release(owner: string): void;
}

export class AuditWebhookQueue implements AuditWebhookBackend {
  private target: AuditWebhookTarget | null = null;

  constructor(
    private readonly world: World,
    private readonly scheduler: Scheduler,
    private readonly state: KubeState,
    private readonly random: Random,
  ) {}

  private st(owner: string): AuditWebhookState {
    const cur = this.state.auditWebhook;
    if (cur && cur.owner === owner) return cur;
    if (cur?.flushTimer !== null && cur?.flushTimer !== undefined) this.scheduler.cancel(cur.flushTimer);
    const fresh: AuditWebhookState = { owner, buffer: [], roundStart: this.world.clock.now, flushTimer: null };
    this.state.auditWebhook = fresh;
    return fresh;
  }

  configure(target: AuditWebhookTarget): void {
    this.target = target;
    const st = this.st(target.owner);
    // A restored process keeps its round; a new one starts its first round now.
    if (st.buffer.length === 0 && st.flushTimer === null) st.roundStart = this.world.clock.now;
  }

  submit(owner: string, events: AuditEvent[]): void {
    const t = this.target;
    if (!t || t.owner !== owner) return;
    if (!webhookBatched(t.batch)) {
      // Blocking modes hand every event to the webhook as its own EventList.
      for (const ev of events) this.send(t, [ev], 1, null);
      return;
    }
    const st = this.st(owner);
    for (const ev of events) {
      if (st.buffer.length >= t.batch.bufferSize) {
        t.log(klogLine('E', t.clock(), 0, 1, 'metrics.go:110', pluginErrorMessage('buffered', 'audit buffer queue blocked', [ev]).replace(/\n$/, '')));
        continue;
      }
      st.buffer.push(ev);
    }
    if (st.buffer.length >= t.batch.maxBatchSize) this.flush(t, st);
    else if (st.buffer.length > 0 && st.flushTimer === null) {
      st.flushTimer = this.scheduler.schedule(batchRoundEnd(st.roundStart, t.batch.maxBatchWait, this.world.clock.now), WEBHOOK_TIMER, { op: 'flush', owner } satisfies TimerData);
    }
  }

  private flush(t: AuditWebhookTarget, st: AuditWebhookState): void {
    if (st.flushTimer !== null) this.scheduler.cancel(st.flushTimer);
    st.flushTimer = null;
    st.roundStart = this.world.clock.now;
    const events = st.buffer;
    st.buffer = [];
    for (const batch of batchesOf(events, t.batch.maxBatchSize)) this.send(t, batch, 1, null);
  }

  /** One attempt; a failure waits for the next one, and the fifth failure drops the batch. */
  private send(t: AuditWebhookTarget, events: AuditEvent[], attempt: number, waits: number[] | null): void {
    const r = t.transport({ fromNode: t.fromNode, server: t.server, kubeconfig: singleServerKubeconfig(t.server), body: webhookBody(events), items: webhookItems(events) });
    if (r.ok) return;
    const error = webhookClientError(t.server, r.error);
    if (attempt >= WEBHOOK_ATTEMPTS) {
      t.log(klogLine('E', t.clock(), 0, 1, 'metrics.go:110', pluginErrorMessage('webhook', error, events).replace(/\n$/, '')));
      return;
    }
    const w = waits ?? webhookRetryWaits(t.initialBackoffNs, () => this.random.next());
    this.scheduler.after(w[attempt - 1]!, WEBHOOK_TIMER, { op: 'retry', owner: t.owner, events, attempt: attempt + 1, waits: w } satisfies TimerData);
  }

  release(owner: string): void {
    const t = this.target;
    const st = this.state.auditWebhook;
    if (st && st.owner === owner) {
      if (t && t.owner === owner && st.buffer.length > 0) for (const batch of batchesOf(st.buffer, t.batch.maxBatchSize)) this.deliverOnce(t, batch);
      if (st.flushTimer !== null) this.scheduler.cancel(st.flushTimer);
      delete this.state.auditWebhook;
    }
    this.scheduler.cancelWhere((x) => x.kind === WEBHOOK_TIMER && (x.data as TimerData).owner === owner);
    if (t && t.owner === owner) this.target = null;
  }

  private deliverOnce(t: AuditWebhookTarget, events: AuditEvent[]): void {
    t.transport({ fromNode: t.fromNode, server: t.server, kubeconfig: singleServerKubeconfig(t.server), body: webhookBody(events), items: webhookItems(events) });
  }

  /** Timer handler. Work of a process that is gone (another owner) is dropped. */
  fire(data: unknown): void {
    const d = data as TimerData;
    const t = this.target;
    if (!t || t.owner !== d.owner) return;
    if (d.op === 'flush') {
      const st = this.st(d.owner);
      st.flushTimer = null;
      this.flush(t, st);
      return;
    }
    this.send(t, d.events, d.attempt, d.waits);
  }
}

/** A kubeconfig with one cluster: what a first-cluster reader resolves to the same server. */
function singleServerKubeconfig(server: string): string {
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: webhook\n  cluster:\n    server: ${JSON.stringify(server)}\ncontexts:\n- name: webhook\n  context:\n    cluster: webhook\ncurrent-context: webhook\n`;
}
