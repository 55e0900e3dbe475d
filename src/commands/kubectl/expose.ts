// kubectl expose (expose.go with the service/v2 generator, v1.26): a Service for a pod, service,
// deployment or replica set, taking selector, ports and protocols from the object unless given.

import type { ResourceInfo } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { parseTypedArgs } from './get';
import { writeQuery } from './manifest-writes';
import { nameLine, parseOutputFormat, printObjects } from './printers';
import { resourcePath, type Kubectl } from './session';
import { byResource } from '../../kube/resources';

const EXPOSABLE = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);

interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}

function usage(k: Kubectl, msg: string): number {
  k.err(`error: ${msg}\nSee 'kubectl expose -h' for help and examples\n`);
  return 1;
}

/** MapBasedSelectorForObject: `k=v,…` in key order, or the reason the object has none. */
function selectorOf(obj: JsonObject): string | { error: string } {
  const spec = (obj.spec as JsonObject | undefined) ?? {};
  const fmt = (m: Record<string, string>): string => Object.keys(m).sort().map((k) => `${k}=${m[k]}`).join(',');
  switch (obj.kind) {
    case 'Pod': {
      const labels = ((obj.metadata as JsonObject).labels as Record<string, string> | undefined) ?? {};
      return Object.keys(labels).length === 0 ? { error: 'the pod has no labels and cannot be exposed' } : fmt(labels);
    }
    case 'Service':
      return spec.selector ? fmt(spec.selector as Record<string, string>) : { error: 'the service has no pod selector set' };
    default: {
      const sel = spec.selector as JsonObject | undefined;
      const labels = (sel?.matchLabels as Record<string, string> | undefined) ?? (obj.kind === 'ReplicationController' ? (sel as Record<string, string> | undefined) : undefined) ?? {};
      return fmt(labels);
    }
  }
}

/** PortsForObject and ProtocolsForObject: the object's ports as strings, and each port's protocol. */
function portsOf(obj: JsonObject): { ports: string[]; protocols: Record<string, string> } {
  const spec = (obj.spec as JsonObject | undefined) ?? {};
  const ports: string[] = [];
  const protocols: Record<string, string> = {};
  if (obj.kind === 'Service') {
    for (const p of (spec.ports as JsonObject[] | undefined) ?? []) {
      ports.push(String(p.port));
      protocols[String(p.port)] = String(p.protocol ?? 'TCP');
    }
    return { ports, protocols };
  }
  const podSpec = obj.kind === 'Pod' ? spec : ((spec.template as JsonObject | undefined)?.spec as JsonObject | undefined) ?? {};
  for (const c of (podSpec.containers as JsonObject[] | undefined) ?? []) {
    for (const p of (c.ports as ContainerPort[] | undefined) ?? []) {
      if (p.containerPort === undefined) continue;
      ports.push(String(p.containerPort));
      protocols[String(p.containerPort)] = p.protocol ?? 'TCP';
    }
  }
  return { ports, protocols };
}

function parseLabels(spec: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** generateService (ServiceGeneratorV2): keys sorted, as the unstructured object kubectl sends. */
function generateService(k: Kubectl, obj: JsonObject, selector: string, ports: string[], protocols: Record<string, string>): JsonObject | string {
  const meta = obj.metadata as JsonObject;
  const name = (k.str('name') || String(meta.name ?? '')).slice(0, 63);
  const labels = k.str('labels') ? parseLabels(k.str('labels')) : ((meta.labels as Record<string, string> | undefined) ?? {});
  if (labels === null) return `error: invalid label spec: ${k.str('labels')}`;
  const sel = parseLabels(selector) ?? {};
  const servicePorts: JsonObject[] = [];
  for (const [i, text] of ports.entries()) {
    if (!/^[+-]?\d+$/.test(text)) return `error: strconv.Atoi: parsing "${text}": invalid syntax`;
    const port: JsonObject = {};
    const portName = ports.length > 1 ? `port-${i + 1}` : '';
    if (portName) port.name = portName;
    port.port = Number(text);
    port.protocol = k.str('protocol') || protocols[text] || 'TCP';
    const target = k.str('target-port') || k.str('container-port');
    port.targetPort = target ? (/^[+-]?\d+$/.test(target) ? Number(target) : target) : Number(text);
    servicePorts.push(port);
  }
  const spec: JsonObject = {};
  const clusterIP = k.str('cluster-ip');
  if (clusterIP) spec.clusterIP = clusterIP;
  if (k.str('external-ip')) spec.externalIPs = [k.str('external-ip')];
  if (k.str('type') === 'LoadBalancer' && k.str('load-balancer-ip')) spec.loadBalancerIP = k.str('load-balancer-ip');
  if (servicePorts.length > 0) spec.ports = servicePorts;
  spec.selector = sel;
  const affinity = k.str('session-affinity');
  if (affinity) {
    if (affinity !== 'None' && affinity !== 'ClientIP') return `error: unknown session affinity: ${affinity}`;
    spec.sessionAffinity = affinity;
  }
  if (k.str('type')) spec.type = k.str('type');
  const metadata: JsonObject = { creationTimestamp: null };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  metadata.name = name;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

export async function exposeCommand(k: Kubectl): Promise<number> {
  const dryRun = k.str('dry-run');
  if (!['none', 'client', 'server', 'unchanged'].includes(dryRun)) return k.err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`), 1;
  if (k.flags.args.length === 0) {
    return usage(k, "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const typed = parseTypedArgs(k.flags.args);
  if (typed.error) return k.err(typed.error), 1;
  if (typed.groups.some((g) => g.names.length === 0)) return usage(k, 'resource(s) were provided, but no name was specified');
  if (!k.connect()) return 1;
  const ns = k.namespace();
  const targets: { r: ResourceInfo; name: string }[] = typed.groups.flatMap((g) => g.names.map((name) => ({ r: g.r, name })));
  let status = 0;
  for (const { r, name } of targets) {
    const got = await k.call('get', resourcePath(r, r.namespaced ? ns : null, name));
    if (!got) return 1;
    const st = asStatus(got.body);
    if (st && got.code >= 400) {
      k.err(statusErrorText(st));
      status = 1;
      continue;
    }
    const obj = got.body as JsonObject;
    if (!EXPOSABLE.has(r.kind)) return k.err(`error: cannot expose a ${r.kind}${r.group ? `.${r.group}` : ''}\n`), 1;
    const selector = k.str('selector') || selectorOf(obj);
    if (typeof selector !== 'string') return usage(k, `couldn't retrieve selectors via --selector flag or introspection: ${selector.error}`);
    const found = k.str('port') ? { ports: [k.str('port')], protocols: portsOf(obj).protocols } : portsOf(obj);
    if (found.ports.length === 0 && k.str('cluster-ip') !== 'None') return usage(k, "couldn't find port via --port flag or introspection");
    const svc = generateService(k, obj, selector, found.ports, found.protocols);
    if (typeof svc === 'string') return k.err(`${svc}\n`), 1;
    const output = k.str('output');
    if (dryRun === 'client' || dryRun === 'unchanged') {
      if (k.changed('namespace')) (svc.metadata as JsonObject).namespace = ns;
      if (!output) {
        k.out(nameLine(svc as unknown as KubeObject, 'exposed (dry run)'));
        continue;
      }
      const fmt = parseOutputFormat(output, k.str('template'), ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
      if (!fmt.ok) return k.err(fmt.stderr), 1;
      k.out(printObjects([svc as unknown as KubeObject], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
      continue;
    }
    const uri = resourcePath(byResource('services')!, ns, undefined, undefined, writeQuery(k, dryRun === 'server'));
    const created = await k.call('create', uri, svc as JsonValue);
    if (!created) return 1;
    const cst = asStatus(created.body);
    if (cst && created.code >= 400) {
      k.err(statusErrorText(cst));
      status = 1;
      continue;
    }
    if (output) {
      const fmt = parseOutputFormat(output, k.str('template'));
      if (fmt.ok) k.out(printObjects([created.body as unknown as KubeObject], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
    } else k.out(nameLine(created.body as unknown as KubeObject, dryRun === 'server' ? 'exposed (server dry run)' : 'exposed'));
  }
  return status;
}
