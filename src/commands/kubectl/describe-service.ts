// kubectl describe service (describe.go describeService, v1.26): one tabwriter block from Name to
// Events, port lines as `Port:  <name>  80/TCP`, and Endpoints from the service's Endpoints object.

import type { JsonObject, Service } from '../../kube/types';
import { formatLabels } from './printers';

interface EndpointSubset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number }[];
}

/** formatEndpoints: `ip:port` for the named port, at most three, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: JsonObject | null, portName: string): string {
  const subsets = ((endpoints?.subsets as unknown as EndpointSubset[] | undefined) ?? []);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (text: string): void => {
    if (list.length === max) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const ss of subsets) {
    if ((ss.ports ?? []).length === 0) {
      for (const a of ss.addresses ?? []) add(a.ip);
      continue;
    }
    for (const p of ss.ports ?? []) {
      if ((p.name ?? '') !== portName) continue;
      for (const a of ss.addresses ?? []) add(`${a.ip}:${p.port}`);
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

/** The tab-separated lines before `Events:` (describe.ts aligns them with the events line). */
export function serviceDescribeLines(svc: Service, endpoints: JsonObject | null): string {
  const sp = svc.spec ?? {};
  const lines: string[] = [];
  const line = (s: string): number => lines.push(s);
  line(`Name:\t${svc.metadata.name ?? ''}`);
  line(`Namespace:\t${svc.metadata.namespace ?? ''}`);
  const multi = (key: string, items: string[]): void => {
    if (items.length === 0) return void line(`${key}:\t<none>`);
    line(`${key}:\t${items[0]}`);
    for (const it of items.slice(1)) line(`\t${it}`);
  };
  multi('Labels', Object.entries(svc.metadata.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`));
  multi(
    'Annotations',
    Object.entries(svc.metadata.annotations ?? {})
      .filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}: ${v}`),
  );
  line(`Selector:\t${formatLabels(sp.selector)}`);
  line(`Type:\t${sp.type ?? ''}`);
  if (sp.ipFamilyPolicy) line(`IP Family Policy:\t${sp.ipFamilyPolicy}`);
  line(`IP Families:\t${(sp.ipFamilies ?? []).length > 0 ? sp.ipFamilies!.join(',') : '<none>'}`);
  line(`IP:\t${sp.clusterIP ?? ''}`);
  line(`IPs:\t${(sp.clusterIPs ?? []).length > 0 ? sp.clusterIPs!.join(',') : '<none>'}`);
  if ((sp.externalIPs ?? []).length > 0) line(`External IPs:\t${sp.externalIPs!.join(',')}`);
  if (sp.loadBalancerIP) line(`IP:\t${sp.loadBalancerIP}`);
  if (sp.externalName) line(`External Name:\t${sp.externalName}`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) line(`LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}`);
  for (const p of sp.ports ?? []) {
    const name = p.name || '<unset>';
    line(`Port:\t${name}\t${p.port}/${p.protocol ?? ''}`);
    line(`TargetPort:\t${p.targetPort ?? 0}/${p.protocol ?? ''}`);
    if (p.nodePort) line(`NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? ''}`);
    line(`Endpoints:\t${formatEndpoints(endpoints, p.name ?? '')}`);
  }
  line(`Session Affinity:\t${sp.sessionAffinity ?? ''}`);
  if (sp.externalTrafficPolicy) line(`External Traffic Policy:\t${sp.externalTrafficPolicy}`);
  if (sp.healthCheckNodePort) line(`HealthCheck NodePort:\t${sp.healthCheckNodePort}`);
  if ((sp.loadBalancerSourceRanges ?? []).length > 0) line(`LoadBalancer Source Ranges:\t${sp.loadBalancerSourceRanges!.join(',')}`);
  return `${lines.join('\n')}\n`;
}
