// kubectl describe: pods in describe.go's layout (tabwriter padding 2, blocks, Events after a flush),
// and a plainer layout for other kinds (metadata, ConfigMap data, Secret sizes).

import { byResource } from '../../kube/resources';
import type { ConfigMap, Container, ContainerState, Event, JsonObject, KubeObject, Pod, Secret, Service, Toleration, Volume } from '../../kube/types';
import { serviceDescribeLines } from './describe-service';
import { asStatus, statusErrorText } from './errors';
import { parseTypedArgs } from './get';
import { humanDuration, tabwriteText } from './printers';
import { itemsOf, resourcePath, type Kubectl } from './session';

const TW = { minWidth: 0, padding: 2 };
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in the client's zone (UTC on the lab's nodes). */
function rfc1123z(ts: string | null | undefined): string {
  const d = new Date(ts ?? '');
  if (Number.isNaN(d.getTime())) return '<unknown>';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

class Out {
  text = '';
  line(level: number, s: string): void {
    this.text += `${'  '.repeat(level)}${s}\n`;
  }
  /** `Key:\t<first>` then `\t<rest>` lines (printLabelsMultiline and friends). */
  multi(level: number, key: string, items: string[]): void {
    if (items.length === 0) return this.line(level, `${key}:\t<none>`);
    this.line(level, `${key}:\t${items[0]}`);
    for (const it of items.slice(1)) this.line(level, `\t${it}`);
  }
}

function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += `${s ? ' ' : ''}op=Exists`;
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function describeState(o: Out, level: number, label: string, st: ContainerState | undefined): void {
  if (st?.running) {
    o.line(level, `${label}:\tRunning`);
    o.line(level + 1, `Started:\t${rfc1123z(st.running.startedAt)}`);
  } else if (st?.waiting) {
    o.line(level, `${label}:\tWaiting`);
    o.line(level + 1, `Reason:\t${st.waiting.reason ?? ''}`);
  } else if (st?.terminated) {
    const t = st.terminated;
    o.line(level, `${label}:\tTerminated`);
    o.line(level + 1, `Reason:\t${t.reason ?? ''}`);
    if (t.message) o.line(level + 1, `Message:\t${t.message}`);
    o.line(level + 1, `Exit Code:\t${t.exitCode}`);
    if (t.signal) o.line(level + 1, `Signal:\t${t.signal}`);
    o.line(level + 1, `Started:\t${rfc1123z(t.startedAt)}`);
    o.line(level + 1, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else o.line(level, `${label}:\tWaiting`);
}

function describeContainer(o: Out, pod: Pod, c: Container, init: boolean): void {
  const cs = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find((s) => s.name === c.name);
  o.line(1, `${c.name}:`);
  o.line(2, `Container ID:\t${cs?.containerID ?? ''}`);
  o.line(2, `Image:\t${c.image ?? ''}`);
  o.line(2, `Image ID:\t${cs?.imageID ?? ''}`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  o.line(2, `Port:\t${ports.length ? ports.join(', ') : '<none>'}`);
  o.line(2, `Host Port:\t${(c.ports ?? []).length ? (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
  for (const [key, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!list || list.length === 0) continue;
    o.line(2, `${key}:`);
    for (const a of list) for (const part of a.split('\n')) o.line(3, part);
  }
  describeState(o, 2, 'State', cs?.state);
  if (cs?.lastState?.terminated) describeState(o, 2, 'Last State', cs.lastState);
  o.line(2, `Ready:\t${cs?.ready ? 'True' : 'False'}`);
  o.line(2, `Restart Count:\t${cs?.restartCount ?? 0}`);
  for (const [key, m] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    if (!m || Object.keys(m).length === 0) continue;
    o.line(2, `${key}:`);
    for (const [r, v] of Object.entries(m).sort()) o.line(3, `${r}:\t${v}`);
  }
  const env = c.env ?? [];
  if (env.length === 0 && !(c.envFrom ?? []).length) o.line(2, 'Environment:\t<none>');
  else {
    o.line(2, 'Environment:');
    for (const e of env) {
      const v = e.valueFrom?.secretKeyRef
        ? `<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}`
        : e.valueFrom?.configMapKeyRef
          ? `<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}`
          : e.valueFrom?.fieldRef
            ? ` (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})`
            : (e.value ?? '');
      o.line(3, `${e.name}:\t${v}`);
    }
  }
  const mounts = c.volumeMounts ?? [];
  if (mounts.length === 0) o.line(2, 'Mounts:\t<none>');
  else {
    o.line(2, 'Mounts:');
    for (const m of [...mounts].sort((a, b) => a.mountPath.localeCompare(b.mountPath))) o.line(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`);
  }
}

function describeVolume(o: Out, v: Volume): void {
  o.line(1, `${v.name}:`);
  if (v.projected) {
    o.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) o.line(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}`);
      if (s.configMap) {
        o.line(2, `ConfigMapName:\t${s.configMap.name}`);
        o.line(2, `ConfigMapOptional:\t${s.configMap.optional === undefined ? '<nil>' : String(s.configMap.optional)}`);
      }
      if (s.downwardAPI) o.line(2, 'DownwardAPI:\ttrue');
    }
  } else if (v.emptyDir) {
    o.line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
    o.line(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
    o.line(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
  } else if (v.hostPath) {
    o.line(2, 'Type:\tHostPath (bare host directory volume)');
    o.line(2, `Path:\t${v.hostPath.path}`);
    o.line(2, `HostPathType:\t${v.hostPath.type ?? ''}`);
  } else if (v.secret) {
    o.line(2, 'Type:\tSecret (a volume populated by a Secret)');
    o.line(2, `SecretName:\t${v.secret.secretName}`);
    o.line(2, `Optional:\t${!!v.secret.optional}`);
  } else if (v.configMap) {
    o.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
    o.line(2, `Name:\t${v.configMap.name}`);
    o.line(2, `Optional:\t${!!v.configMap.optional}`);
  } else o.line(2, 'Type:\t<unknown>');
}

function eventsBlock(events: Event[], nowMs: number): string {
  if (events.length === 0) return '';
  const age = (ts: string | null | undefined): string => (ts ? humanDuration(nowMs - Date.parse(ts)) : '<unknown>');
  const sorted = [...events].sort((a, b) => (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''));
  let t = '  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of sorted) {
    const first = e.firstTimestamp ?? e.eventTime;
    const last = e.lastTimestamp ?? e.eventTime;
    const a = (e.count ?? 1) > 1 ? `${age(last)} (x${e.count} over ${age(first)})` : age(first);
    const from = e.source?.component || e.reportingComponent || '';
    t += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${a}\t${from}\t${(e.message ?? '').trim()}\n`;
  }
  return tabwriteText(t, TW);
}

export function describePod(pod: Pod, events: Event[], nowMs: number): string {
  const o = new Out();
  const s = pod.spec;
  const st = pod.status ?? {};
  o.line(0, `Name:\t${pod.metadata.name}`);
  o.line(0, `Namespace:\t${pod.metadata.namespace}`);
  o.line(0, `Priority:\t${s.priority ?? 0}`);
  if (s.priorityClassName) o.line(0, `Priority Class Name:\t${s.priorityClassName}`);
  o.line(0, `Service Account:\t${s.serviceAccountName ?? ''}`);
  o.line(0, `Node:\t${s.nodeName ? `${s.nodeName}/${st.hostIP ?? ''}` : '<none>'}`);
  if (st.startTime) o.line(0, `Start Time:\t${rfc1123z(st.startTime)}`);
  o.multi(0, 'Labels', Object.entries(pod.metadata.labels ?? {}).sort().map(([k, v]) => `${k}=${v}`));
  o.multi(0, 'Annotations', Object.entries(pod.metadata.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort().map(([k, v]) => `${k}: ${v}`));
  if (pod.metadata.deletionTimestamp) {
    o.line(0, `Status:\tTerminating (lasts ${humanDuration(nowMs - Date.parse(pod.metadata.deletionTimestamp))})`);
    o.line(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else o.line(0, `Status:\t${st.phase ?? ''}`);
  if (st.reason) o.line(0, `Reason:\t${st.reason}`);
  if (st.message) o.line(0, `Message:\t${st.message}`);
  o.line(0, `IP:\t${st.podIP ?? ''}`);
  if ((st.podIPs ?? []).length > 0) {
    o.line(0, 'IPs:');
    for (const ip of st.podIPs!) o.line(1, `IP:\t${ip.ip}`);
  } else o.line(0, 'IPs:\t<none>');
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) o.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if ((s.initContainers ?? []).length > 0) {
    o.line(0, 'Init Containers:');
    for (const c of s.initContainers!) describeContainer(o, pod, c, true);
  }
  o.line(0, 'Containers:');
  for (const c of s.containers) describeContainer(o, pod, c, false);
  if ((st.conditions ?? []).length > 0) {
    o.line(0, 'Conditions:');
    o.line(1, 'Type\tStatus');
    for (const c of st.conditions!) o.line(1, `${c.type} \t${c.status} `);
  }
  if ((s.volumes ?? []).length === 0) o.line(0, 'Volumes:\t<none>');
  else {
    o.line(0, 'Volumes:');
    for (const v of s.volumes!) describeVolume(o, v);
  }
  o.line(0, `QoS Class:\t${st.qosClass ?? ''}`);
  o.multi(0, 'Node-Selectors', Object.entries(s.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`));
  o.multi(0, 'Tolerations', [...(s.tolerations ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')).map(tolerationText));
  if (events.length === 0) {
    o.line(0, 'Events:\t<none>');
    return tabwriteText(o.text, TW);
  }
  o.line(0, 'Events:');
  return tabwriteText(o.text, TW) + eventsBlock(events, nowMs);
}

function describeServiceText(svc: Service, endpoints: JsonObject | null, events: Event[], nowMs: number): string {
  const raw = serviceDescribeLines(svc, endpoints);
  if (events.length === 0) return tabwriteText(`${raw}Events:\t<none>\n`, TW);
  return tabwriteText(`${raw}Events:\n`, TW) + eventsBlock(events, nowMs);
}

function describeGeneric(obj: KubeObject, events: Event[], nowMs: number): string {
  const o = new Out();
  o.line(0, `Name:\t${obj.metadata.name}`);
  if (obj.metadata.namespace) o.line(0, `Namespace:\t${obj.metadata.namespace}`);
  o.multi(0, 'Labels', Object.entries(obj.metadata.labels ?? {}).sort().map(([k, v]) => `${k}=${v}`));
  o.multi(0, 'Annotations', Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort().map(([k, v]) => `${k}: ${v}`));
  let tail = '';
  if (obj.kind === 'ConfigMap') {
    const cm = obj as ConfigMap;
    tail += '\nData\n====\n';
    for (const [k, v] of Object.entries(cm.data ?? {}).sort()) tail += `${k}:\n----\n${v}\n`;
    tail += '\nBinaryData\n====\n';
  }
  if (obj.kind === 'Secret') {
    const sec = obj as Secret;
    o.line(0, '');
    o.line(0, `Type:\t${sec.type ?? 'Opaque'}`);
    tail += '\nData\n====\n';
    for (const [k, v] of Object.entries(sec.data ?? {}).sort()) tail += `${k}:\t${atob(v).length} bytes\n`;
  }
  let text = tabwriteText(o.text, TW) + (tail ? tabwriteText(tail, TW) : '');
  text += events.length === 0 ? 'Events:  <none>\n' : `Events:\n${eventsBlock(events, nowMs)}`;
  return text;
}

export async function describeCommand(k: Kubectl): Promise<number> {
  const typed = parseTypedArgs(k.flags.args);
  if (k.flags.args.length === 0) {
    k.err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n");
    return 1;
  }
  if (typed.error) return k.err(typed.error), 1;
  if (!k.connect()) return 1;
  const ns = k.namespace();
  const EVENTS = byResource('events')!;
  const texts: string[] = [];
  let status = 0;
  for (const { r, names } of typed.groups) {
    let objects: KubeObject[] = [];
    if (names.length === 0) {
      const l = await k.call('list', resourcePath(r, r.namespaced ? ns : null));
      if (!l) return 1;
      objects = itemsOf(l.body, r);
      if (objects.length === 0) k.err(`No resources found in ${ns} namespace.\n`);
    }
    for (const n of names) {
      const g = await k.call('get', resourcePath(r, r.namespaced ? ns : null, n));
      if (!g) return 1;
      const st = asStatus(g.body);
      if (st && g.code >= 400) {
        k.err(statusErrorText(st));
        status = 1;
        continue;
      }
      objects.push(g.body as unknown as KubeObject);
    }
    for (const obj of objects) {
      // ServiceDescriber reads the Endpoints object of the same name first (none until an endpoints controller fills it).
      let endpoints: JsonObject | null = null;
      if (obj.kind === 'Service') {
        const ep = await k.call('get', resourcePath(byResource('endpoints')!, obj.metadata.namespace ?? ns, obj.metadata.name));
        if (ep && ep.code < 400) endpoints = ep.body as JsonObject;
      }
      const q = new URLSearchParams({ fieldSelector: `involvedObject.name=${obj.metadata.name},involvedObject.namespace=${obj.metadata.namespace ?? ''},involvedObject.uid=${obj.metadata.uid ?? ''}` });
      const ev = k.bool('show-events') ? await k.call('list', resourcePath(EVENTS, obj.metadata.namespace ?? 'default', undefined, undefined, q.toString())) : null;
      const events = ev ? (itemsOf(ev.body, EVENTS) as Event[]) : [];
      if (obj.kind === 'Service') texts.push(describeServiceText(obj as Service, endpoints, events, k.nowMs()));
      else texts.push(obj.kind === 'Pod' ? describePod(obj as Pod, events, k.nowMs()) : describeGeneric(obj, events, k.nowMs()));
    }
  }
  k.out(texts.join('\n\n'));
  return status;
}
