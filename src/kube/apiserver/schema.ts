// Strict decoding of request bodies: the Go struct shapes of the kinds we serve, so unknown fields and
// wrong types give the API server's `strict decoding error` and `json: cannot unmarshal` texts.

import type { JsonValue } from '../types';

type Leaf = 'string' | 'int' | 'bool' | 'any' | 'intOrString' | 'quantity' | 'number';
export type Shape = Leaf | { go: string; fields: Record<string, Shape> } | { arr: Shape } | { map: Shape };

const obj = (go: string, fields: Record<string, Shape>): Shape => ({ go, fields });
const arr = (s: Shape): Shape => ({ arr: s });
const map = (s: Shape): Shape => ({ map: s });
const strs = arr('string');
const strMap = map('string');

const ownerRef = obj('OwnerReference', { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' });
const objectMeta = obj('ObjectMeta', {
  name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string',
  generation: 'int', creationTimestamp: 'any', deletionTimestamp: 'any', deletionGracePeriodSeconds: 'int', labels: strMap,
  annotations: strMap, ownerReferences: arr(ownerRef), finalizers: strs, managedFields: arr('any'),
});
const keyToPath = obj('KeyToPath', { key: 'string', path: 'string', mode: 'int' });
const selectorKey = (go: string): Shape => obj(go, { name: 'string', key: 'string', optional: 'bool' });
const fieldRef = obj('ObjectFieldSelector', { apiVersion: 'string', fieldPath: 'string' });
const resourceFieldRef = obj('ResourceFieldSelector', { containerName: 'string', resource: 'string', divisor: 'quantity' });
const envVar = obj('EnvVar', {
  name: 'string', value: 'string',
  valueFrom: obj('EnvVarSource', { fieldRef, resourceFieldRef, configMapKeyRef: selectorKey('ConfigMapKeySelector'), secretKeyRef: selectorKey('SecretKeySelector') }),
});
const envFrom = obj('EnvFromSource', { prefix: 'string', configMapRef: obj('ConfigMapEnvSource', { name: 'string', optional: 'bool' }), secretRef: obj('SecretEnvSource', { name: 'string', optional: 'bool' }) });
const seccomp = obj('SeccompProfile', { type: 'string', localhostProfile: 'string' });
const seLinux = obj('SELinuxOptions', { user: 'string', role: 'string', type: 'string', level: 'string' });
const securityContext = obj('SecurityContext', {
  capabilities: obj('Capabilities', { add: strs, drop: strs }), privileged: 'bool', seLinuxOptions: seLinux, windowsOptions: 'any',
  runAsUser: 'int', runAsGroup: 'int', runAsNonRoot: 'bool', readOnlyRootFilesystem: 'bool', allowPrivilegeEscalation: 'bool',
  procMount: 'string', seccompProfile: seccomp,
});
const httpGet = obj('HTTPGetAction', { path: 'string', port: 'intOrString', host: 'string', scheme: 'string', httpHeaders: arr(obj('HTTPHeader', { name: 'string', value: 'string' })) });
const execAction = obj('ExecAction', { command: strs });
const tcpSocket = obj('TCPSocketAction', { port: 'intOrString', host: 'string' });
const probe = obj('Probe', {
  exec: execAction, httpGet, tcpSocket, grpc: 'any', initialDelaySeconds: 'int', timeoutSeconds: 'int', periodSeconds: 'int',
  successThreshold: 'int', failureThreshold: 'int', terminationGracePeriodSeconds: 'int',
});
const handler = obj('LifecycleHandler', { exec: execAction, httpGet, tcpSocket });
const container = obj('Container', {
  name: 'string', image: 'string', command: strs, args: strs, workingDir: 'string',
  ports: arr(obj('ContainerPort', { name: 'string', hostPort: 'int', containerPort: 'int', protocol: 'string', hostIP: 'string' })),
  envFrom: arr(envFrom), env: arr(envVar),
  resources: obj('ResourceRequirements', { limits: map('quantity'), requests: map('quantity'), claims: 'any' }),
  volumeMounts: arr(obj('VolumeMount', { name: 'string', readOnly: 'bool', mountPath: 'string', subPath: 'string', mountPropagation: 'string', subPathExpr: 'string' })),
  volumeDevices: 'any', livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
  lifecycle: obj('Lifecycle', { postStart: handler, preStop: handler }),
  terminationMessagePath: 'string', terminationMessagePolicy: 'string', imagePullPolicy: 'string', securityContext,
  stdin: 'bool', stdinOnce: 'bool', tty: 'bool',
});
const volume = obj('Volume', {
  name: 'string',
  hostPath: obj('HostPathVolumeSource', { path: 'string', type: 'string' }),
  emptyDir: obj('EmptyDirVolumeSource', { medium: 'string', sizeLimit: 'quantity' }),
  secret: obj('SecretVolumeSource', { secretName: 'string', items: arr(keyToPath), defaultMode: 'int', optional: 'bool' }),
  configMap: obj('ConfigMapVolumeSource', { name: 'string', items: arr(keyToPath), defaultMode: 'int', optional: 'bool' }),
  persistentVolumeClaim: obj('PersistentVolumeClaimVolumeSource', { claimName: 'string', readOnly: 'bool' }),
  projected: obj('ProjectedVolumeSource', { sources: arr('any'), defaultMode: 'int' }),
  downwardAPI: 'any', nfs: 'any', csi: 'any', ephemeral: 'any',
});
const toleration = obj('Toleration', { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int' });
const podSpec = obj('PodSpec', {
  volumes: arr(volume), initContainers: arr(container), containers: arr(container), ephemeralContainers: 'any', restartPolicy: 'string',
  terminationGracePeriodSeconds: 'int', activeDeadlineSeconds: 'int', dnsPolicy: 'string', nodeSelector: strMap,
  serviceAccountName: 'string', serviceAccount: 'string', automountServiceAccountToken: 'bool', nodeName: 'string',
  hostNetwork: 'bool', hostPID: 'bool', hostIPC: 'bool', shareProcessNamespace: 'bool',
  securityContext: obj('PodSecurityContext', {
    seLinuxOptions: seLinux, windowsOptions: 'any', runAsUser: 'int', runAsGroup: 'int', runAsNonRoot: 'bool', supplementalGroups: arr('int'),
    fsGroup: 'int', sysctls: arr(obj('Sysctl', { name: 'string', value: 'string' })), fsGroupChangePolicy: 'string', seccompProfile: seccomp,
  }),
  imagePullSecrets: arr(obj('LocalObjectReference', { name: 'string' })), hostname: 'string', subdomain: 'string', affinity: 'any',
  schedulerName: 'string', tolerations: arr(toleration), hostAliases: arr(obj('HostAlias', { ip: 'string', hostnames: strs })),
  priorityClassName: 'string', priority: 'int', dnsConfig: 'any', readinessGates: arr(obj('PodReadinessGate', { conditionType: 'string' })),
  runtimeClassName: 'string', enableServiceLinks: 'bool', preemptionPolicy: 'string', overhead: map('quantity'),
  topologySpreadConstraints: 'any', setHostnameAsFQDN: 'bool', os: obj('PodOS', { name: 'string' }), hostUsers: 'bool', schedulingGates: 'any', resourceClaims: 'any',
});
// Fields in Go struct order (TypeMeta's kind before apiVersion): encodeInGoOrder writes them so.
const top = (go: string, fields: Record<string, Shape>): Shape => obj(go, { kind: 'string', apiVersion: 'string', metadata: objectMeta, ...fields });

export const KIND_SHAPES: Record<string, Shape> = {
  Pod: top('Pod', { spec: podSpec, status: 'any' }),
  ConfigMap: top('ConfigMap', { immutable: 'bool', data: strMap, binaryData: strMap }),
  Secret: top('Secret', { immutable: 'bool', data: strMap, stringData: strMap, type: 'string' }),
  Namespace: top('Namespace', { spec: 'any', status: 'any' }),
  ServiceAccount: top('ServiceAccount', { secrets: 'any', imagePullSecrets: 'any', automountServiceAccountToken: 'bool' }),
  Service: top('Service', {
    spec: obj('ServiceSpec', {
      ports: arr(obj('ServicePort', { name: 'string', protocol: 'string', appProtocol: 'string', port: 'int', targetPort: 'intOrString', nodePort: 'int' })),
      selector: strMap, clusterIP: 'string', clusterIPs: strs, type: 'string', externalIPs: strs, sessionAffinity: 'string',
      loadBalancerIP: 'string', loadBalancerSourceRanges: strs, externalName: 'string', externalTrafficPolicy: 'string',
      healthCheckNodePort: 'int', publishNotReadyAddresses: 'bool', sessionAffinityConfig: 'any', ipFamilies: strs, ipFamilyPolicy: 'string',
      allocateLoadBalancerNodePorts: 'bool', loadBalancerClass: 'string', internalTrafficPolicy: 'string',
    }),
    status: 'any',
  }),
};

export interface DecodeProblems {
  unknown: string[];
  /** First type mismatch, as encoding/json words it. */
  typeError: string | null;
}

function jsonKind(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

const GO_LEAF: Record<Leaf, string> = { string: 'string', int: 'int64', bool: 'bool', any: '', intOrString: 'intstr.IntOrString', quantity: 'resource.Quantity', number: 'float64' };

/** Walk `v` against `shape`, collecting unknown fields (with list indices) and the first type error. */
export function checkShape(v: JsonValue, shape: Shape): DecodeProblems {
  const out: DecodeProblems = { unknown: [], typeError: null };
  const walk = (val: JsonValue, s: Shape, path: string, goPath: string, goStruct: string): void => {
    if (val === null || s === 'any') return;
    const mismatch = (want: string): void => {
      if (!out.typeError) out.typeError = `json: cannot unmarshal ${jsonKind(val)} into Go struct field ${goStruct}.${goPath} of type ${want}`;
    };
    if (typeof s === 'string') {
      const ok =
        (s === 'string' && typeof val === 'string') ||
        ((s === 'int' || s === 'number') && typeof val === 'number' && (s === 'number' || Number.isInteger(val))) ||
        (s === 'bool' && typeof val === 'boolean') ||
        ((s === 'intOrString' || s === 'quantity') && (typeof val === 'string' || typeof val === 'number'));
      if (!ok) mismatch(GO_LEAF[s]);
      return;
    }
    if ('arr' in s) {
      if (!Array.isArray(val)) return mismatch(`[]${leafName(s.arr)}`);
      val.forEach((x, i) => walk(x, s.arr, `${path}[${i}]`, goPath, goStruct));
      return;
    }
    if ('map' in s) {
      if (typeof val !== 'object' || Array.isArray(val)) return mismatch(`map[string]${leafName(s.map)}`);
      for (const [k, x] of Object.entries(val)) walk(x, s.map, `${path}.${k}`, goPath, goStruct);
      return;
    }
    if (typeof val !== 'object' || Array.isArray(val)) return mismatch(`v1.${s.go}`);
    for (const [k, x] of Object.entries(val)) {
      const child = s.fields[k];
      const p = path === '' ? k : `${path}.${k}`;
      if (!child) {
        out.unknown.push(p);
        continue;
      }
      walk(x, child, p, goPath === '' ? k : `${goPath}.${k}`, typeof child === 'object' && 'go' in child ? child.go : goStruct);
    }
  };
  const rootGo = typeof shape === 'object' && 'go' in shape ? shape.go : '';
  walk(v, shape, '', '', rootGo);
  return out;
}

function leafName(s: Shape): string {
  if (typeof s === 'string') return GO_LEAF[s];
  if ('go' in s) return `v1.${s.go}`;
  return 'interface {}';
}

/** The BadRequest message for a body that does not decode, or null when it does. */
export function strictDecodeError(kind: string, apiVersion: string, body: JsonValue, strict: boolean): string | null {
  const shape = KIND_SHAPES[kind];
  if (!shape) return null;
  const p = checkShape(body, shape);
  const prefix = `${kind} in version "${apiVersion.split('/').pop()}" cannot be handled as a ${kind}: `;
  if (p.typeError) return prefix + p.typeError;
  if (strict && p.unknown.length > 0) return prefix + `strict decoding error: ${p.unknown.map((u) => `unknown field "${u}"`).join(', ')}`;
  return null;
}

/** Remove fields the struct does not have (what lenient decoding silently does). */
export function dropUnknown(v: JsonValue, kind: string): JsonValue {
  const shape = KIND_SHAPES[kind];
  if (!shape) return v;
  const prune = (val: JsonValue, s: Shape): JsonValue => {
    if (val === null || typeof s === 'string' || typeof val !== 'object') return val;
    if ('arr' in s) return Array.isArray(val) ? val.map((x) => prune(x, s.arr)) : val;
    if ('map' in s) return val;
    if (Array.isArray(val)) return val;
    const out: { [k: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(val)) if (s.fields[k]) out[k] = prune(x, s.fields[k]!);
    return out;
  };
  return prune(v, shape);
}

/**
 * A decoded body re-encoded as the API server's JSON encoder writes it: struct fields in Go order,
 * map keys sorted, fields the struct lacks gone. Parts typed `any` keep their order.
 */
export function encodeInGoOrder(v: JsonValue, kind: string): JsonValue {
  const shape = KIND_SHAPES[kind];
  if (!shape) return v;
  const walk = (val: JsonValue, s: Shape): JsonValue => {
    if (val === null || typeof s === 'string' || typeof val !== 'object') return val;
    if ('arr' in s) return Array.isArray(val) ? val.map((x) => walk(x, s.arr)) : val;
    if (Array.isArray(val)) return val;
    const out: { [k: string]: JsonValue } = {};
    if ('map' in s) {
      for (const k of Object.keys(val).sort()) out[k] = walk(val[k]!, s.map);
      return out;
    }
    for (const [k, child] of Object.entries(s.fields)) if (val[k] !== undefined) out[k] = walk(val[k]!, child);
    return out;
  };
  return walk(v, shape);
}
