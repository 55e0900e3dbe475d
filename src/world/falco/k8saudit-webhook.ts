// The k8saudit plugin's webhook server (`open_params: "http://:9765/k8s-audit"`) and the API server's
// side of it: an audit webhook kubeconfig names a URL; delivering to it reaches the Falco that listens
// there, or fails the way Go's HTTP client reports it.

import { parseDocument } from 'yaml';
import type { Kernel } from '../kernel/kernel';

export type AuditEventsHandler = (events: unknown[]) => void;

/** Live listeners per kernel (a restored world's Falco listens again when it is re-attached). */
const listeners = new WeakMap<Kernel, Map<string, AuditEventsHandler>>();

function table(kernel: Kernel): Map<string, AuditEventsHandler> {
  let t = listeners.get(kernel);
  if (!t) listeners.set(kernel, (t = new Map()));
  return t;
}

const key = (ip: string, port: number, path: string): string => `${ip}:${port}${path}`;

/** `http://:9765/k8s-audit` → port and path; null when the plugin would refuse the open params. */
export function parseOpenParams(params: string): { port: number; path: string } | null {
  const m = /^http:\/\/[^:/]*:([0-9]{1,5})(\/[^?#]*)?$/.exec(params.trim());
  if (!m) return null;
  return { port: Number(m[1]), path: m[2] ?? '/' };
}

/** Listen on every address of `node` (the plugin binds all interfaces); returns a close function. */
export function listenAuditWebhook(kernel: Kernel, node: string, port: number, path: string, handler: AuditEventsHandler): () => void {
  const ip = kernel.node(node).ip;
  const keys = [key(ip, port, path), key(`127.0.0.1@${node}`, port, path)];
  const t = table(kernel);
  for (const k of keys) t.set(k, handler);
  return () => {
    for (const k of keys) if (t.get(k) === handler) t.delete(k);
  };
}

/** The first cluster's `server` in a webhook kubeconfig, as client-go would use it. */
export function webhookServerUrl(kubeconfig: string): string | null {
  const doc = parseDocument(kubeconfig);
  const clusters = doc.toJS() as { clusters?: Array<{ cluster?: { server?: unknown } }> } | null;
  const server = clusters?.clusters?.[0]?.cluster?.server;
  return typeof server === 'string' ? server : null;
}

export type DeliveryResult = { ok: true } | { ok: false; error: string };

/**
 * POST an EventList to the kubeconfig's server from a process on `fromNode`. Errors read like the
 * API server's audit webhook log lines (`Post "…": dial tcp …: connect: connection refused`).
 */
export function deliverAuditWebhook(kernel: Kernel, fromNode: string, kubeconfig: string, events: unknown[]): DeliveryResult {
  const url = webhookServerUrl(kubeconfig);
  if (url === null) return { ok: false, error: 'invalid configuration: no server found for cluster' };
  const m = /^(https?):\/\/([^/:]+)(?::([0-9]+))?(\/[^?#]*)?/.exec(url);
  if (!m) return { ok: false, error: `parse "${url}": invalid URI for request` };
  const [, scheme, host, portText, pathText] = m;
  const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
  const path = pathText ?? '/';
  const nodes = Object.entries(kernel.world.nodes);
  const target = host === 'localhost' || host === '127.0.0.1' ? fromNode : nodes.find(([name, n]) => n.ip === host || n.hostname === host || name === host)?.[0];
  if (target === undefined) return { ok: false, error: `Post "${url}": dial tcp: lookup ${host}: no such host` };
  const ip = kernel.node(target).ip;
  const t = table(kernel);
  const handler = t.get(key(ip, port, path)) ?? t.get(key(`127.0.0.1@${target}`, port, path));
  if (!handler) {
    const listening = [...t.keys()].some((k) => k.startsWith(`${ip}:${port}/`));
    if (!listening) return { ok: false, error: `Post "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
    return { ok: false, error: `Post "${url}": 404 Not Found` };
  }
  if (scheme === 'https') return { ok: false, error: `Post "${url}": http: server gave HTTP response to HTTPS client` };
  handler(events);
  return { ok: true };
}
