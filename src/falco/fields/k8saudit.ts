// ka.* and jevt.* fields of the `k8s_audit` source (k8saudit plugin 0.4.0 + json plugin) over an audit Event.
import type { FieldDef, FieldScalar, FieldValue } from './types';
import { FieldRegistry, NO_ARG } from './types';

/** An audit.k8s.io/v1 Event as received on the webhook, parsed from JSON. */
export type K8sAuditEvent = Record<string, unknown>;

type Ev = K8sAuditEvent;
type Json = unknown;

/** RFC 6901 JSON pointer lookup; undefined when the path does not exist. */
export function jsonPointer(doc: Json, ptr: string): Json | undefined {
  if (ptr === '') return doc;
  if (!ptr.startsWith('/')) return undefined;
  let cur: Json = doc;
  for (const raw of ptr.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = /^[0-9]+$/.test(key) ? cur[Number(key)] : undefined;
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, Json>)[key];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** How the plugins turn a JSON value into a field string: strings as is, the rest as JSON text. */
function asText(v: Json): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const get = (e: Ev, ptr: string): Json | undefined => jsonPointer(e, ptr);
const text = (e: Ev, ptr: string): FieldValue => asText(get(e, ptr));

function sf(name: string, desc: string, extract: (e: Ev, arg: string | undefined) => FieldValue | undefined, arg = NO_ARG): FieldDef<Ev> {
  return { name, type: 'charbuf', desc, arg, extract };
}

/** A list field; `[i]` selects one element. */
function lf(name: string, desc: string, values: (e: Ev) => FieldScalar[] | null): FieldDef<Ev> {
  return {
    name,
    type: 'charbuf',
    desc,
    arg: { kind: 'index', required: false },
    multi: 'list',
    extract: (e, arg) => {
      const vs = values(e);
      if (vs === null) return null;
      if (arg === undefined) return vs;
      return vs[Number(arg)] ?? null;
    },
  };
}

function containers(e: Ev): Array<Record<string, Json>> | null {
  const c = get(e, '/requestObject/spec/containers');
  return Array.isArray(c) ? (c as Array<Record<string, Json>>) : null;
}

function perContainer(e: Ev, f: (c: Record<string, Json>) => Json): FieldScalar[] | null {
  const cs = containers(e);
  if (!cs) return null;
  return cs.map((c) => {
    const v = f(c);
    return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  });
}

const sc = (c: Record<string, Json>, key: string): Json => jsonPointer(c, `/securityContext/${key}`);
const repoOf = (image: string): string => image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');

function uriParam(e: Ev, key: string | undefined): FieldValue {
  const uri = get(e, '/requestURI');
  if (typeof uri !== 'string' || key === undefined) return null;
  const q = uri.indexOf('?');
  if (q < 0) return null;
  for (const part of uri.slice(q + 1).split('&')) {
    const [k, v = ''] = part.split('=');
    if (decodeURIComponent(k) === key) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return null;
}

function roleRules(e: Ev): Array<Record<string, Json>> | null {
  const r = get(e, '/requestObject/rules');
  return Array.isArray(r) ? (r as Array<Record<string, Json>>) : null;
}

const flatRule = (e: Ev, key: string): FieldScalar[] | null => {
  const rules = roleRules(e);
  if (!rules) return null;
  return rules.flatMap((r) => (Array.isArray(r[key]) ? (r[key] as Json[]).map((x) => String(x)) : []));
};

const annotation = (e: Ev, key: string): FieldValue => asText((get(e, '/annotations') as Record<string, Json> | undefined)?.[key]);

const KEY_ARG = { kind: 'key' as const, required: true };

export const K8SAUDIT_FIELDS: FieldDef<Ev>[] = [
  sf('ka.auditid', 'The unique id of the audit event', (e) => text(e, '/auditID')),
  sf('ka.stage', 'Stage of the request (e.g. RequestReceived, ResponseComplete, etc.)', (e) => text(e, '/stage')),
  sf('ka.auth.decision', 'The authorization decision', (e) => annotation(e, 'authorization.k8s.io/decision')),
  sf('ka.auth.reason', 'The authorization reason', (e) => annotation(e, 'authorization.k8s.io/reason')),
  sf('ka.user.name', 'The user name performing the request', (e) => text(e, '/user/username')),
  lf('ka.user.groups', 'The groups to which the user belongs', (e) => {
    const g = get(e, '/user/groups');
    return Array.isArray(g) ? g.map(String) : null;
  }),
  sf('ka.impuser.name', 'The impersonated user name', (e) => text(e, '/impersonatedUser/username')),
  sf('ka.verb', 'The action being performed', (e) => text(e, '/verb')),
  sf('ka.uri', 'The request URI as sent from client to server', (e) => text(e, '/requestURI')),
  sf('ka.uri.param', 'The value of a given query parameter in the uri (e.g. when uri=/foo?key=val, ka.uri.param[key] is val)', (e, a) => uriParam(e, a), KEY_ARG),
  sf('ka.target.name', 'The target object name', (e) => text(e, '/objectRef/name')),
  sf('ka.target.namespace', 'The target object namespace', (e) => text(e, '/objectRef/namespace')),
  sf('ka.target.resource', 'The target object resource', (e) => text(e, '/objectRef/resource')),
  sf('ka.target.subresource', 'The target object subresource', (e) => text(e, '/objectRef/subresource')),
  lf('ka.req.binding.subjects', 'When the request object refers to a cluster role binding, the subject (e.g. account/users) being linked by the binding', (e) => {
    const s = get(e, '/requestObject/subjects');
    return Array.isArray(s) ? s.map((x) => String((x as Record<string, Json>).name ?? '')) : null;
  }),
  sf('ka.req.binding.role', 'When the request object refers to a cluster role binding, the role being linked by the binding', (e) => text(e, '/requestObject/roleRef/name')),
  sf('ka.req.configmap.name', 'If the request object refers to a configmap, the configmap name', (e) => text(e, '/objectRef/name')),
  sf('ka.req.configmap.obj', 'If the request object refers to a configmap, the entire configmap object', (e) => text(e, '/requestObject/data')),
  lf('ka.req.pod.containers.image', 'When the request object refers to a pod, the container\'s images.', (e) => perContainer(e, (c) => c.image)),
  sf('ka.req.container.image', 'When the request object refers to a container, the container\'s images.', (e) => asText(containers(e)?.[0]?.image)),
  lf('ka.req.pod.containers.image.repository', 'The same as req.pod.containers.image, but only the repository part (e.g. falcosecurity/falco).', (e) => perContainer(e, (c) => (typeof c.image === 'string' ? repoOf(c.image) : c.image))),
  sf('ka.req.container.image.repository', 'The same as req.container.image, but only the repository part (e.g. falcosecurity/falco).', (e) => {
    const i = containers(e)?.[0]?.image;
    return typeof i === 'string' ? repoOf(i) : null;
  }),
  sf('ka.req.pod.host_ipc', 'When the request object refers to a pod, the value of the hostIPC flag.', (e) => (containers(e) ? String(get(e, '/requestObject/spec/hostIPC') ?? false) : null)),
  sf('ka.req.pod.host_network', 'When the request object refers to a pod, the value of the hostNetwork flag.', (e) => (containers(e) ? String(get(e, '/requestObject/spec/hostNetwork') ?? false) : null)),
  sf('ka.req.container.host_network', 'Deprecated alias for ka.req.pod.host_network', (e) => (containers(e) ? String(get(e, '/requestObject/spec/hostNetwork') ?? false) : null)),
  sf('ka.req.pod.host_pid', 'When the request object refers to a pod, the value of the hostPID flag.', (e) => (containers(e) ? String(get(e, '/requestObject/spec/hostPID') ?? false) : null)),
  lf('ka.req.pod.containers.host_port', 'When the request object refers to a pod, all container\'s hostPort values.', (e) => {
    const cs = containers(e);
    if (!cs) return null;
    return cs.flatMap((c) => (Array.isArray(c.ports) ? (c.ports as Array<Record<string, Json>>).filter((p) => p.hostPort !== undefined).map((p) => String(p.hostPort)) : []));
  }),
  lf('ka.req.pod.containers.privileged', 'When the request object refers to a pod, the value of the privileged flag for all containers.', (e) => perContainer(e, (c) => sc(c, 'privileged') ?? false)),
  sf('ka.req.container.privileged', 'Deprecated: true if any container is privileged', (e) => {
    const cs = containers(e);
    return cs ? String(cs.some((c) => sc(c, 'privileged') === true)) : null;
  }),
  lf('ka.req.pod.containers.allow_privilege_escalation', 'When the request object refers to a pod, the value of the allowPrivilegeEscalation flag for all containers', (e) => perContainer(e, (c) => sc(c, 'allowPrivilegeEscalation') ?? true)),
  lf('ka.req.pod.containers.read_only_fs', 'When the request object refers to a pod, the value of the readOnlyRootFilesystem flag for all containers', (e) => perContainer(e, (c) => sc(c, 'readOnlyRootFilesystem') ?? false)),
  lf('ka.req.pod.containers.run_as_user', 'When the request object refers to a pod, the runAsUser uid specified in the security context for all containers', (e) => perContainer(e, (c) => sc(c, 'runAsUser') ?? '')),
  lf('ka.req.pod.containers.eff_run_as_user', 'When the request object refers to a pod, the initial uid that will be used for all containers.', (e) =>
    perContainer(e, (c) => sc(c, 'runAsUser') ?? get(e, '/requestObject/spec/securityContext/runAsUser') ?? 0),
  ),
  lf('ka.req.pod.containers.proc_mount', 'When the request object refers to a pod, the procMount types for all containers', (e) => perContainer(e, (c) => sc(c, 'procMount') ?? 'Default')),
  lf('ka.req.pod.containers.add_capabilities', 'When the request object refers to a pod, all capabilities to add when running the container.', (e) => {
    const cs = containers(e);
    if (!cs) return null;
    return cs.flatMap((c) => {
      const add = sc(c, 'capabilities/add');
      return Array.isArray(add) ? add.map(String) : [];
    });
  }),
  lf('ka.req.pod.volumes.hostpath', 'When the request object refers to a pod, all hostPath paths specified for all volumes', (e) => {
    const vs = get(e, '/requestObject/spec/volumes');
    if (!Array.isArray(vs)) return containers(e) ? [] : null;
    return vs.flatMap((v) => {
      const p = jsonPointer(v, '/hostPath/path');
      return typeof p === 'string' ? [p] : [];
    });
  }),
  lf('ka.req.role.rules', 'When the request object refers to a role/cluster role, the rules associated with the role', (e) => roleRules(e)?.map((r) => JSON.stringify(r)) ?? null),
  lf('ka.req.role.rules.apiGroups', 'When the request object refers to a role/cluster role, the api groups associated with the role\'s rules', (e) => flatRule(e, 'apiGroups')),
  lf('ka.req.role.rules.nonResourceURLs', 'When the request object refers to a role/cluster role, the non resource urls associated with the role\'s rules', (e) => flatRule(e, 'nonResourceURLs')),
  lf('ka.req.role.rules.verbs', 'When the request object refers to a role/cluster role, the verbs associated with the role\'s rules', (e) => flatRule(e, 'verbs')),
  lf('ka.req.role.rules.resources', 'When the request object refers to a role/cluster role, the resources associated with the role\'s rules', (e) => flatRule(e, 'resources')),
  sf('ka.req.service.type', 'When the request object refers to a service, the service type', (e) => text(e, '/requestObject/spec/type')),
  lf('ka.req.service.ports', 'When the request object refers to a service, the service\'s ports', (e) => {
    const ps = get(e, '/requestObject/spec/ports');
    return Array.isArray(ps) ? ps.map((p) => JSON.stringify(p)) : null;
  }),
  sf('ka.resp.name', 'The response object name', (e) => text(e, '/responseObject/metadata/name')),
  sf('ka.response.code', 'The response code', (e) => text(e, '/responseStatus/code')),
  sf('ka.response.reason', 'The response reason (usually present only for failures)', (e) => text(e, '/responseStatus/reason')),
  sf('ka.useragent', 'The useragent of the client who made the request to the apiserver', (e) => text(e, '/userAgent')),
  lf('ka.sourceips', 'The IP addresses of the client who made the request to the apiserver', (e) => {
    const s = get(e, '/sourceIPs');
    return Array.isArray(s) ? s.map(String) : null;
  }),
  sf('jevt.value', 'Extracts a value from a JSON-encoded input. Syntax is jevt.value[<json pointer>]', (e, a) => (a === undefined ? null : asText(get(e, a))), KEY_ARG),
  sf('json.value', 'Extracts a value from a JSON-encoded input. Syntax is json.value[<json pointer>]', (e, a) => (a === undefined ? null : asText(get(e, a))), KEY_ARG),
  sf('jevt.obj', 'The entire json object, stringified', (e) => JSON.stringify(e)),
  sf('json.obj', 'The entire json object, stringified', (e) => JSON.stringify(e)),
  sf('jevt.rawtime', 'The time of the event, identical to evt.rawtime', (e) => {
    const t = get(e, '/stageTimestamp');
    return typeof t === 'string' ? String(Date.parse(t) * 1_000_000) : null;
  }),
];

let registry: FieldRegistry<K8sAuditEvent> | null = null;

export function k8sAuditFields(): FieldRegistry<K8sAuditEvent> {
  registry ??= new FieldRegistry('k8s_audit', K8SAUDIT_FIELDS);
  return registry;
}
