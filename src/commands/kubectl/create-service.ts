// kubectl create service clusterip|nodeport|loadbalancer|externalname (create_service.go, v1.26): the
// Service kubectl builds from --tcp/--clusterip/--node-port/--external-name, its client-side checks
// and parse errors, and the create request with the typed client's wrapped errors.

import { goQuote } from '../../jsonpath';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import { byResource } from '../../kube/resources';
import { portNameErrors, validPortNum } from '../../kube/apiserver/service-strategy';
import { asStatus } from './errors';
import { writeQuery } from './manifest-writes';
import { nameLine, parseOutputFormat, printObjects } from './printers';
import { resourcePath, type Kubectl } from './session';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export const SERVICE_SUBCOMMANDS: Record<string, ServiceType> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

/** One ServicePort as kubectl serialises it (Go struct order: name, protocol, port, targetPort, nodePort). */
export interface TcpPort {
  name: string;
  port: number;
  targetPort: number | string;
}

/**
 * parsePorts for one `--tcp` item: `<port>` or `<port>:<targetPort>`. The port goes through
 * strconv.ParseUint(s, 10, 16), the target through strconv.Atoi, then the port-number or port-name
 * rules; an error is the text kubectl prints after `error: `.
 */
export function parseTcpPort(spec: string): TcpPort | { error: string } {
  const parts = spec.split(':');
  const first = parts[0]!;
  if (!/^\d+$/.test(first)) return { error: `strconv.ParseUint: parsing ${goQuote(first)}: invalid syntax` };
  const port = Number(first);
  if (port > 65535) return { error: `strconv.ParseUint: parsing ${goQuote(first)}: value out of range` };
  const name = spec.replaceAll(':', '-');
  if (parts.length === 1) return { name, port, targetPort: port };
  const target = parts[1]!;
  // strconv.Atoi: an optional sign and decimal digits; anything else (or an out-of-range number) is a port name.
  if (/^[+-]?\d+$/.test(target) && BigInt(target) <= 9223372036854775807n && BigInt(target) >= -9223372036854775808n) {
    const n = Number(target);
    if (!validPortNum(n)) return { error: 'must be between 1 and 65535, inclusive' };
    return { name, port, targetPort: n };
  }
  const errs = portNameErrors(target);
  if (errs.length > 0) return { error: errs.join(',') };
  return { name, port, targetPort: target };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The Service createService() builds, in the order client-go's JSON encoder writes it. */
export function buildService(o: { name: string; namespace?: string; type: ServiceType; ports: TcpPort[]; nodePort: number; clusterIP: string; externalName: string }): JsonObject {
  const metadata: JsonObject = { name: o.name };
  if (o.namespace) metadata.namespace = o.namespace;
  metadata.creationTimestamp = null;
  metadata.labels = { app: o.name };
  const spec: JsonObject = {};
  if (o.ports.length > 0) {
    spec.ports = o.ports.map((p) => {
      const sp: JsonObject = { name: p.name, protocol: 'TCP', port: p.port, targetPort: p.targetPort };
      if (o.nodePort) sp.nodePort = o.nodePort;
      return sp;
    });
  }
  spec.selector = { app: o.name };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  spec.type = o.type;
  if (o.externalName) spec.externalName = o.externalName;
  return { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } };
}

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip       Create a ClusterIP service
  externalname    Create an ExternalName service
  loadbalancer    Create a LoadBalancer service
  nodeport        Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl create service` without a subcommand: cobra's help (DefaultSubCommandRun), exit 1. */
export function createServiceHelp(k: Kubectl): number {
  const extra = k.flags.args[0];
  if (extra !== undefined) {
    k.err(`error: unknown command "${extra}"\nSee 'kubectl create service -h' for help and examples\n`);
    return 1;
  }
  k.err(SERVICE_HELP);
  return 1;
}

export async function createServiceCommand(k: Kubectl, sub: string): Promise<number> {
  const type = SERVICE_SUBCOMMANDS[sub]!;
  const key = `create service ${sub}`;
  if (type === 'ExternalName' && !k.changed('external-name')) {
    k.err('error: required flag(s) "external-name" not set\n');
    return 1;
  }
  const argsLen = k.flags.argsLenAtDash === -1 ? k.flags.args.length : k.flags.argsLenAtDash;
  if (argsLen !== 1) {
    k.err(`error: exactly one NAME is required, got ${argsLen}\nSee 'kubectl ${key} -h' for help and examples\n`);
    return 1;
  }
  const name = k.flags.args[0]!;
  const dryRun = k.str('dry-run');
  if (!['none', 'client', 'server', 'unchanged'].includes(dryRun)) {
    k.err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    return 1;
  }
  const clusterIP = type === 'ClusterIP' ? k.str('clusterip') : '';
  const tcp = k.list('tcp');
  // ServiceOptions.Validate
  if (clusterIP === 'None' && type !== 'ClusterIP') return k.err('error: ClusterIP=None can only be used with ClusterIP service type\n'), 1;
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') return k.err('error: at least one tcp port specifier must be provided\n'), 1;
  const externalName = type === 'ExternalName' ? k.str('external-name') : '';
  if (type === 'ExternalName' && (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))) {
    k.err(`error: invalid service external name ${externalName}\n`);
    return 1;
  }
  const ports: TcpPort[] = [];
  for (const t of tcp) {
    const p = parseTcpPort(t);
    if ('error' in p) return k.err(`error: ${p.error}\n`), 1;
    ports.push(p);
  }
  const svc = buildService({
    name,
    ...(k.changed('namespace') ? { namespace: k.str('namespace') } : {}),
    type,
    ports,
    nodePort: type === 'NodePort' ? k.num('node-port') : 0,
    clusterIP,
    externalName,
  }) as unknown as KubeObject;
  const output = k.str('output');
  if (dryRun === 'client' || dryRun === 'unchanged') {
    if (!output) return k.out(nameLine(svc, 'created (dry run)')), 0;
    const fmt = parseOutputFormat(output, k.str('template'), ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    if (!fmt.ok) return k.err(fmt.stderr), 1;
    const p = printObjects([svc], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true, sortKeys: false });
    k.out(p.stdout);
    return p.ok ? 0 : (k.err(p.stderr), 1);
  }
  if (!k.connect()) return 1;
  const wrap = `failed to create ${type} service`;
  const uri = resourcePath(byResource('services')!, k.namespace(), undefined, undefined, writeQuery(k, dryRun === 'server'));
  const resp = await k.send({ verb: 'create', uri, body: svc as unknown as JsonValue, typed: wrap });
  if (!resp) return 1;
  const st = asStatus(resp.body);
  if (st && resp.code >= 400) {
    k.err(`error: ${wrap}: ${typeof st.message === 'string' ? st.message : ''}\n`);
    return 1;
  }
  const created = resp.body as unknown as KubeObject;
  if (output) {
    const fmt = parseOutputFormat(output, k.str('template'));
    if (!fmt.ok) return k.err(fmt.stderr), 1;
    k.out(printObjects([created], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
  } else k.out(nameLine(created, dryRun === 'server' ? 'created (server dry run)' : 'created'));
  return 0;
}
