// Services on create, as the 1.26 registry does it: scheme defaults (SetDefaults_Service), ClusterIP
// and NodePort allocation (BeginCreate, before validation, so an allocation error is the only error),
// then ValidateService in upstream's order with its field paths and wording.

import type { Random } from '../../core/random';
import type { Service, ServicePort } from '../types';
import { DNS1123_LABEL_MSG, subdomainErrors } from './pod-validation';
import { fieldErr, type FieldError } from './status';

/** kubeadm's --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
/** ServiceIPStaticSubrange (on by default in 1.26): dynamic allocation prefers offsets at or above this. */
const STATIC_BAND = 256;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PORT_RANGE_MSG = 'must be between 1 and 65535, inclusive';

/** What allocation needs to know about the services already stored. */
export interface ServiceAllocations {
  clusterIPs: Set<string>;
  nodePorts: Set<number>;
}

export function allocationsOf(services: readonly Service[]): ServiceAllocations {
  const out: ServiceAllocations = { clusterIPs: new Set(), nodePorts: new Set() };
  for (const s of services) {
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip !== 'None') out.clusterIPs.add(ip);
    for (const p of s.spec?.ports ?? []) if (p.nodePort) out.nodePorts.add(p.nodePort);
  }
  return out;
}

// ---------------------------------------------------------------- validation helpers (k8s.io/apimachinery validation)

const DNS1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function dns1035Errors(field: string, v: string): FieldError[] {
  const out: FieldError[] = [];
  if (v.length > 63) out.push(fieldErr.invalid(field, v, 'must be no more than 63 characters'));
  if (!DNS1035_RE.test(v)) out.push(fieldErr.invalid(field, v, DNS1035_LABEL_MSG));
  return out;
}

function dns1123LabelErrors(field: string, v: string): FieldError[] {
  const out: FieldError[] = [];
  if (v.length > 63) out.push(fieldErr.invalid(field, v, 'must be no more than 63 characters'));
  if (!LABEL_RE.test(v)) out.push(fieldErr.invalid(field, v, DNS1123_LABEL_MSG));
  return out;
}

/** validation.IsValidPortName: the messages kubectl also prints for a bad `--tcp` target. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens (--)');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen (-)');
  return errs;
}

export function validPortNum(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** A dotted IPv4 address as Go's net.ParseIP accepts it (no leading zeros), or null. */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function ipText(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Go's %#v of the (protocol, port) key in a duplicate-port error. */
function servicePortGoSyntax(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:"${p.protocol ?? ''}", AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

// ---------------------------------------------------------------- defaults and allocation

/** SetDefaults_Service plus the strategy's PrepareForCreate. */
export function defaultService(svc: Service): void {
  schemeDefaultService(svc);
  const sp = svc.spec;
  if (sp.clusterIP && !sp.clusterIPs?.length) sp.clusterIPs = [sp.clusterIP];
  svc.status = { loadBalancer: {} };
}

/** SetDefaults_Service: what decoding a v1 Service fills in. */
export function schemeDefaultService(svc: Service): void {
  svc.spec ??= {};
  const sp = svc.spec;
  sp.sessionAffinity ??= 'None';
  sp.type ??= 'ClusterIP';
  for (const p of sp.ports ?? []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const type = sp.type as string;
  if ((type === 'NodePort' || type === 'LoadBalancer') && !sp.externalTrafficPolicy) sp.externalTrafficPolicy = 'Cluster';
  if ((type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') && sp.internalTrafficPolicy === undefined) sp.internalTrafficPolicy = 'Cluster';
  if (type === 'LoadBalancer') sp.allocateLoadBalancerNodePorts ??= true;
}

function allocationError(field: string, body: string): FieldError[] {
  return [{ type: 'FieldValueInvalid', field, body }];
}

/** A free address from the upper band of the service range, random as the bitmap allocator picks. */
function nextClusterIP(random: Random, used: Set<string>): string | null {
  const usable = CIDR_SIZE - 2;
  const span = usable - STATIC_BAND;
  const start = random.int(span);
  for (let i = 0; i < usable; i++) {
    const offset = i < span ? STATIC_BAND + ((start + i) % span) : i - span;
    const ip = ipText(CIDR_BASE + 1 + offset);
    if (!used.has(ip)) return ip;
  }
  return null;
}

function nextNodePort(random: Random, used: Set<number>): number | null {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = random.int(span);
  for (let i = 0; i < span; i++) {
    const p = NODE_PORT_MIN + ((start + i) % span);
    if (!used.has(p)) return p;
  }
  return null;
}

/** BeginCreate: IP families, the ClusterIP and node ports; an allocation failure is returned alone. */
export function allocateService(svc: Service, random: Random, taken: ServiceAllocations): FieldError[] {
  const sp = svc.spec;
  const type = sp.type as string;
  if (type === 'ExternalName') return [];
  sp.ipFamilies ??= ['IPv4'];
  sp.ipFamilyPolicy ??= 'SingleStack';
  const requested = sp.clusterIPs?.[0] ?? sp.clusterIP ?? '';
  if (requested === '') {
    const ip = nextClusterIP(random, taken.clusterIPs);
    if (ip === null) return allocationError('spec.clusterIPs', 'Invalid value: []string(nil): failed to allocate a serviceIP: range is full');
    sp.clusterIP = ip;
    sp.clusterIPs = [ip];
  } else if (requested !== 'None') {
    const n = parseIPv4(requested);
    const shown = `[]string{${(sp.clusterIPs ?? [requested]).map((x) => JSON.stringify(x)).join(', ')}}`;
    if (n !== null) {
      const offset = n - CIDR_BASE;
      if (offset <= 0 || offset >= CIDR_SIZE - 1) {
        return allocationError('spec.clusterIPs', `Invalid value: ${shown}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
      }
      if (taken.clusterIPs.has(requested)) return allocationError('spec.clusterIPs', `Invalid value: ${shown}: failed to allocate IP ${requested}: provided IP is already allocated`);
    }
  }
  const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && sp.allocateLoadBalancerNodePorts !== false);
  if (!wantsNodePorts) return [];
  const used = new Set(taken.nodePorts);
  for (const [i, p] of (sp.ports ?? []).entries()) {
    if (p.nodePort) {
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        return allocationError(`spec.ports[${i}].nodePort`, `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
      }
      if (used.has(p.nodePort)) return allocationError(`spec.ports[${i}].nodePort`, `Invalid value: ${p.nodePort}: provided port is already allocated`);
      used.add(p.nodePort);
      continue;
    }
    const np = nextNodePort(random, used);
    if (np === null) return allocationError(`spec.ports[${i}].nodePort`, 'Invalid value: 0: range is full');
    p.nodePort = np;
    used.add(np);
  }
  return [];
}

// ---------------------------------------------------------------- ValidateService

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePort(sp: ServicePort, i: number, requireName: boolean, names: Set<string>): FieldError[] {
  const path = `spec.ports[${i}]`;
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldErr.required(`${path}.name`));
  else if (sp.name) {
    errs.push(...dns1123LabelErrors(`${path}.name`, sp.name));
    if (names.has(sp.name)) errs.push(fieldErr.duplicate(`${path}.name`, sp.name));
    else names.add(sp.name);
  }
  if (!validPortNum(sp.port)) errs.push(fieldErr.invalid(`${path}.port`, sp.port ?? 0, PORT_RANGE_MSG));
  if (!sp.protocol) errs.push(fieldErr.required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(fieldErr.notSupported(`${path}.protocol`, sp.protocol, PROTOCOLS));
  const tp = sp.targetPort;
  if (typeof tp === 'number') {
    if (!validPortNum(tp)) errs.push(fieldErr.invalid(`${path}.targetPort`, tp, PORT_RANGE_MSG));
  } else if (typeof tp === 'string') {
    for (const msg of portNameErrors(tp)) errs.push(fieldErr.invalid(`${path}.targetPort`, tp, msg));
  }
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const name = svc.metadata.name;
  if (!name) {
    if (!svc.metadata.generateName) errs.push(fieldErr.required('metadata.name', 'name or generateName is required'));
  } else errs.push(...dns1035Errors('metadata.name', name));
  const sp = svc.spec;
  const type = sp.type as string;
  const headless = sp.clusterIPs?.[0] === 'None';
  const ports = sp.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldErr.required('spec.ports'));
  if (type === 'LoadBalancer' && headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  if (type === 'NodePort' && headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  if (type === 'ExternalName') {
    if ((sp.clusterIPs ?? []).length > 0) errs.push(fieldErr.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((sp.ipFamilies ?? []).length > 0) errs.push(fieldErr.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (sp.ipFamilyPolicy !== undefined) errs.push(fieldErr.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (sp.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...subdomainErrors('spec.externalName', cname));
    else errs.push(fieldErr.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, i, ports.length > 1, names)));
  for (const v of Object.values(sp.selector ?? {})) {
    if (v.length > 63) errs.push(fieldErr.invalid('spec.selector', v, 'must be no more than 63 characters'));
    if (!LABEL_VALUE_RE.test(v)) errs.push(fieldErr.invalid('spec.selector', v, LABEL_VALUE_MSG));
  }
  const affinity = sp.sessionAffinity as string;
  if (!affinity) errs.push(fieldErr.required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(affinity)) errs.push(fieldErr.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  const primary = sp.clusterIPs?.[0];
  if (primary && primary !== 'None' && parseIPv4(primary) === null) {
    errs.push(fieldErr.invalid('spec.clusterIPs[0]', primary, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (!type) errs.push(fieldErr.required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErr.notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') ports.forEach((p, i) => p.nodePort && errs.push(fieldErr.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")));
  const seenNodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (seenNodePorts.has(key)) errs.push(fieldErr.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    seenNodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seenPorts.has(key)) errs.push({ type: 'FieldValueDuplicate', field: `spec.ports[${i}]`, body: `Duplicate value: ${servicePortGoSyntax(p)}` });
    seenPorts.add(key);
  });
  const external = type === 'NodePort' || type === 'LoadBalancer' || (sp.externalIPs ?? []).length > 0;
  const etp = sp.externalTrafficPolicy as string | undefined;
  if (!external && etp) errs.push(fieldErr.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  else if (external && etp && !['Cluster', 'Local'].includes(etp)) errs.push(fieldErr.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const itp = sp.internalTrafficPolicy as string | undefined;
  if (itp !== undefined && !['Cluster', 'Local'].includes(itp)) errs.push(fieldErr.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return errs;
}

// ---------------------------------------------------------------- updates (apply, replace, edit)

const hasNodePorts = (sp: Service['spec']): boolean => sp.type === 'NodePort' || (sp.type === 'LoadBalancer' && sp.allocateLoadBalancerNodePorts !== false);

/**
 * An update of `old` to `svc`: allocated values the new object leaves out are kept (the ClusterIP,
 * node ports of the same port), values that belonged to the old type are dropped, new node ports are
 * allocated, and the ClusterIP may not change. `others` are the other stored services.
 */
export function prepareServiceUpdate(svc: Service, old: Service, random: Random, others: readonly Service[]): FieldError[] {
  svc.spec ??= {};
  const sp = svc.spec;
  const os = old.spec ?? {};
  // NormalizeClusterIPs: a changed clusterIP with untouched clusterIPs (or the reverse) carries over.
  const sameIPs = JSON.stringify(sp.clusterIPs) === JSON.stringify(os.clusterIPs);
  if (sp.clusterIP !== os.clusterIP && sameIPs) {
    if (sp.clusterIP) sp.clusterIPs = [sp.clusterIP];
    else delete sp.clusterIPs;
  } else if (sp.clusterIP === os.clusterIP && !sameIPs && sp.clusterIPs?.length) sp.clusterIP = sp.clusterIPs[0]!;
  const oldType = os.type ?? 'ClusterIP';
  if ((sp.type ?? 'ClusterIP') !== 'ExternalName' && oldType !== 'ExternalName') {
    if (!sp.clusterIP && !sp.clusterIPs?.length) {
      if (os.clusterIP !== undefined) sp.clusterIP = os.clusterIP;
      if (os.clusterIPs !== undefined) sp.clusterIPs = os.clusterIPs;
    }
    sp.ipFamilies ??= os.ipFamilies;
    sp.ipFamilyPolicy ??= os.ipFamilyPolicy;
  }
  schemeDefaultService(svc);
  if (sp.clusterIP && !sp.clusterIPs?.length) sp.clusterIPs = [sp.clusterIP];
  if (hasNodePorts(sp)) {
    for (const p of sp.ports ?? []) {
      if (p.nodePort) continue;
      const prev = (os.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol);
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
  } else if (hasNodePorts(os)) {
    // dropTypeDependentFields: node ports the user did not change go with the old type.
    for (const p of sp.ports ?? []) if (p.nodePort && (os.ports ?? []).some((q) => q.nodePort === p.nodePort)) delete p.nodePort;
  }
  const external = (x: Service['spec']): boolean => x.type === 'NodePort' || x.type === 'LoadBalancer' || (x.externalIPs ?? []).length > 0;
  if (external(os) && !external(sp) && sp.externalTrafficPolicy === os.externalTrafficPolicy) delete sp.externalTrafficPolicy;
  if (os.type === 'LoadBalancer' && sp.type !== 'LoadBalancer' && sp.allocateLoadBalancerNodePorts === os.allocateLoadBalancerNodePorts) delete sp.allocateLoadBalancerNodePorts;
  if (sp.type === 'ExternalName' && os.type !== 'ExternalName') {
    if (sp.clusterIP === os.clusterIP) delete sp.clusterIP;
    if (JSON.stringify(sp.clusterIPs) === JSON.stringify(os.clusterIPs)) delete sp.clusterIPs;
    if (JSON.stringify(sp.ipFamilies) === JSON.stringify(os.ipFamilies)) delete sp.ipFamilies;
    if (sp.ipFamilyPolicy === os.ipFamilyPolicy) delete sp.ipFamilyPolicy;
  }
  if (os.type !== 'ExternalName' && sp.type !== 'ExternalName' && os.clusterIP && sp.clusterIP !== os.clusterIP) {
    return [fieldErr.invalid('spec.clusterIPs[0]', sp.clusterIPs?.[0] ?? sp.clusterIP ?? '', 'may not change once set')];
  }
  const allocation = allocateService(svc, random, allocationsOf(others.filter((o) => o.metadata.uid !== old.metadata.uid)));
  return allocation.length > 0 ? allocation : validateService(svc);
}
