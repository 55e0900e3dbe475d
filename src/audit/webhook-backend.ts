// The audit webhook backend's rules (plugin/pkg/audit/webhook, buffered backend, client-go's webhook
// retry): which URL a webhook kubeconfig names (current-context → cluster.server, with clientcmd's
// errors), the retry waits (initial × 1.5ⁿ plus up to 20 % jitter, five attempts), when a batch is sent
// (max-size events, or the max-wait round ending), and the error texts the API server logs.
// Pure: the caller owns the timers, the transport and the random numbers.

import type { AuditBatchOptions } from './audit-options';
import type { DocValue } from './doc-value';
import type { AuditEvent } from './event';
import { webhookBody } from './event-format';
import { readYamlDocument } from './yaml-reader';

/** rest.Config.Timeout of the webhook client: every POST carries `?timeout=30s`. */
export const WEBHOOK_REQUEST_TIMEOUT = '30s';
/** wait.Backoff Steps of DefaultRetryBackoffWithInitialDelay: five attempts in all. */
export const WEBHOOK_ATTEMPTS = 5;

export type WebhookServerResult = { ok: true; server: string } | { ok: false; error: string };

const field = (v: DocValue | undefined, key: string): DocValue | undefined => (v?.kind === 'object' ? v.entries.filter(([k]) => k === key).pop()?.[1] : undefined);
const text = (v: DocValue | undefined): string => (v?.kind === 'string' ? v.value : '');
const named = (list: DocValue | undefined, name: string, inner: string): DocValue | undefined =>
  list?.kind === 'array' ? list.items.filter((i) => text(field(i, 'name')) === name).map((i) => field(i, inner)).pop() : undefined;

/**
 * The URL the webhook client POSTs to, as clientcmd resolves the kubeconfig: its current-context, that
 * context's cluster, the cluster's server. Errors are the `initializing audit webhook: …` detail.
 */
export function webhookServerOf(kubeconfig: string, path: string): WebhookServerResult {
  const read = readYamlDocument(kubeconfig);
  if (!read.ok) return { ok: false, error: `error loading config file "${path}": ${read.error}` };
  const doc = read.value;
  if (doc.kind === 'null' || (doc.kind === 'object' && doc.entries.length === 0)) {
    return { ok: false, error: 'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable' };
  }
  if (doc.kind !== 'object') return { ok: false, error: `error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal ${doc.kind} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
  const current = text(field(doc, 'current-context'));
  const errors: string[] = [];
  const context = current === '' ? undefined : named(field(doc, 'contexts'), current, 'context');
  if (current !== '' && context === undefined) errors.push(`context was not found for specified context: ${current}`);
  const cluster = named(field(doc, 'clusters'), text(field(context, 'cluster')), 'cluster');
  const server = text(field(cluster, 'server'));
  if (server === '') errors.push('cluster has no server defined');
  if (errors.length === 1) return { ok: false, error: `invalid configuration: ${errors[0]}` };
  if (errors.length > 1) return { ok: false, error: `invalid configuration: [${errors.join(', ')}]` };
  return { ok: true, server };
}

/** The request URL client-go builds: the server URL with the client timeout as a query parameter. */
export function webhookRequestUrl(server: string): string {
  return `${server}${server.includes('?') ? '&' : '?'}timeout=${WEBHOOK_REQUEST_TIMEOUT}`;
}

/**
 * Waits between the five attempts: initial × 1.5ⁿ, each plus up to 20 % (wait.Jitter with
 * rand.Float64()), so 10 s, 15 s, 22.5 s, 33.75 s before jitter with the default --audit-webhook-initial-backoff.
 */
export function webhookRetryWaits(initialBackoffNs: number, random01: () => number): number[] {
  const waits: number[] = [];
  let d = initialBackoffNs;
  for (let i = 1; i < WEBHOOK_ATTEMPTS; i++) {
    waits.push(Math.round(d + random01() * 0.2 * d));
    d *= 1.5;
  }
  return waits;
}

/**
 * The buffered backend collects events for a round that starts when the previous batch went out and
 * ends after max-wait: the end of the round that contains `now`, given when the first round began.
 */
export function batchRoundEnd(roundStart: number, maxWaitNs: number, now: number): number {
  if (maxWaitNs <= 0) return now;
  const rounds = Math.max(1, Math.ceil((now - roundStart) / maxWaitNs));
  const end = roundStart + rounds * maxWaitNs;
  return end <= now ? end + maxWaitNs : end;
}

/** Split queued events into the batches the buffered backend sends (at most max-size each). */
export function batchesOf<T>(events: readonly T[], maxBatchSize: number): T[][] {
  const size = Math.max(1, maxBatchSize);
  const out: T[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}

/** batch mode buffers and sends later; blocking modes send every event as it is written. */
export const webhookBatched = (batch: AuditBatchOptions): boolean => batch.mode === 'batch';

/** The EventList items exactly as they go over the wire (no kind/apiVersion per item). */
export function webhookItems(events: readonly AuditEvent[]): unknown[] {
  return (JSON.parse(webhookBody(events)) as { items: unknown[] }).items;
}

/**
 * What the rest client reports for a failed POST, from the transport's text: a non-2xx answer with a
 * body that is not a Status reads as apimachinery's generic message; dial errors name the full URL.
 */
export function webhookClientError(server: string, transportError: string): string {
  const url = webhookRequestUrl(server);
  const status = / (\d{3}) [A-Za-z ]+$/.exec(transportError);
  if (status && transportError.startsWith(`Post "${server}"`)) {
    const code = Number(status[1]);
    if (code === 404) return 'the server could not find the requested resource';
    return `an error on the server ("") has prevented the request from succeeding`;
  }
  return transportError.split(`Post "${server}"`).join(`Post "${url}"`);
}
