// Pod defaulting (SetObjectDefaults_Pod) and the admission plugins that mutate pods on create:
// ServiceAccount (kube-api-access volume), Priority, DefaultTolerationSeconds.

import type { Container, Pod, Probe, Volume } from '../types';

/** `nginx`, `nginx:latest` and untagged references pull Always; a tag or digest pulls IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
}

function defaultContainer(c: Container, hostNetwork: boolean): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const port of c.ports ?? []) {
    port.protocol ??= 'TCP';
    if (hostNetwork && port.hostPort === undefined) port.hostPort = port.containerPort;
  }
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Volume): void {
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
}

/** Scheme defaults: what every decoded Pod gets, on create and on update. */
export function defaultPod(pod: Pod): void {
  const s = pod.spec;
  if (!s) return;
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.securityContext ??= {};
  s.schedulerName ??= 'default-scheduler';
  s.enableServiceLinks ??= true;
  for (const c of s.initContainers ?? []) defaultContainer(c, !!s.hostNetwork);
  for (const c of s.containers ?? []) defaultContainer(c, !!s.hostNetwork);
  for (const v of s.volumes ?? []) defaultVolume(v);
  if (s.serviceAccount && !s.serviceAccountName) s.serviceAccountName = s.serviceAccount;
}

const PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export interface AdmissionContext {
  /** 5-letter suffix for the kube-api-access volume. */
  suffix: () => string;
  /** A mirror pod of a static pod: ServiceAccount admission leaves it alone. */
  mirror: boolean;
}

/** Mutating admission on create, in the order kube-apiserver 1.26 runs the plugins. */
export function admitPodCreate(pod: Pod, ctx: AdmissionContext): void {
  const s = pod.spec;
  if (!ctx.mirror) {
    s.serviceAccountName ??= 'default';
    s.serviceAccount = s.serviceAccountName;
    if (s.automountServiceAccountToken !== false) addServiceAccountVolume(pod, ctx.suffix());
  }
  const prio = s.priorityClassName ? PRIORITY_CLASSES[s.priorityClassName] : 0;
  s.priority ??= prio ?? 0;
  s.preemptionPolicy ??= 'PreemptLowerPriority';
  const tols = (s.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === 'NoExecute' || t.effect === undefined));
    if (!has) tols.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  if (tols.length === 0) delete s.tolerations;
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
}

const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function addServiceAccountVolume(pod: Pod, suffix: string): void {
  const s = pod.spec;
  const all = [...(s.initContainers ?? []), ...s.containers];
  if (all.every((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_PATH))) return;
  const name = `kube-api-access-${suffix}`;
  (s.volumes ??= []).push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  });
  for (const c of all) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === SA_PATH)) continue;
    (c.volumeMounts ??= []).push({ mountPath: SA_PATH, name, readOnly: true });
  }
}

/** Guaranteed when every container has equal cpu and memory limits and requests; BestEffort when none. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.limits ?? {}).length > 0 || Object.keys(c.resources?.requests ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && (r[k] === undefined || r[k] === l[k]));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
