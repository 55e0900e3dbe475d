// Table rows for the other kinds the lab stores: a port of the v1.26 server printers (printNode,
// printNamespace, printConfigMap, printSecret, printService, printEvent) and the default table's
// `Name  Created At` row for kinds without a printer.

import type { ConfigMap, Event, KubeObject, Namespace, Node, Secret, Service } from '../../types';
import { translateTimestampSince } from './duration';

/** apimachinery labels.FormatLabels: sorted `k=v` joined by commas, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeRow(node: Node, nowMs: number): string[] {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');

  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX) && k.length > NODE_ROLE_PREFIX.length) roles.add(k.slice(NODE_ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  const info = node.status?.nodeInfo ?? {};
  const address = (type: string): string => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  return [
    node.metadata.name ?? '',
    status.join(','),
    roles.size > 0 ? [...roles].sort().join(',') : '<none>',
    translateTimestampSince(node.metadata.creationTimestamp, nowMs),
    info.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

export function namespaceRow(ns: Namespace, nowMs: number): string[] {
  return [ns.metadata.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata.creationTimestamp, nowMs)];
}

export function configMapRow(cm: ConfigMap, nowMs: number): string[] {
  const data = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return [cm.metadata.name ?? '', String(data), translateTimestampSince(cm.metadata.creationTimestamp, nowMs)];
}

export function secretRow(secret: Secret, nowMs: number): string[] {
  return [
    secret.metadata.name ?? '',
    secret.type ?? '',
    String(Object.keys(secret.data ?? {}).length),
    translateTimestampSince(secret.metadata.creationTimestamp, nowMs),
  ];
}

/** All cells; `wide` only changes how a LoadBalancer's ingress list is shortened. */
export function serviceRow(svc: Service, nowMs: number, wide = false): string[] {
  const spec = svc.spec;
  const ports = (spec.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
  return [
    svc.metadata.name ?? '',
    spec.type ?? '',
    spec.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(svc, wide),
    ports || '<none>',
    translateTimestampSince(svc.metadata.creationTimestamp, nowMs),
    formatLabels(spec.selector),
  ];
}

function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      let lb = (svc.status?.loadBalancer?.ingress ?? [])
        .flatMap((ing) => [ing.ip, ing.hostname].filter((x): x is string => !!x))
        .join(',');
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function eventRow(ev: Event, nowMs: number): string[] {
  let first = translateTimestampSince(ev.firstTimestamp, nowMs);
  if (!ev.firstTimestamp) first = translateTimestampSince(ev.eventTime, nowMs);
  let last = translateTimestampSince(ev.lastTimestamp, nowMs);
  if (!ev.lastTimestamp) last = first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, nowMs);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = (ev.involvedObject.kind ?? '').toLowerCase();
  const target = ev.involvedObject.name ? `${kind}/${ev.involvedObject.name}` : kind;
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  const source = component === '' ? '<unknown>' : instance ? `${component}, ${instance}` : component;
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject.fieldPath ?? '',
    source,
    (ev.message ?? '').trim(),
    first,
    String(count),
    ev.metadata.name ?? '',
  ];
}

/** The API server's default table: CREATED AT is UTC RFC 3339, not an age. */
export function defaultRow(obj: KubeObject): string[] {
  const ms = obj.metadata.creationTimestamp ? Date.parse(obj.metadata.creationTimestamp) : NaN;
  const created = Number.isNaN(ms) ? '<unknown>' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [obj.metadata.name ?? '', created];
}
