// Verbatim kubectl 1.26 outputs used as fixtures, and the stored objects they were printed from.
import { parse } from 'yaml';
import type { KubeObject } from '../../src/kube/types';

/** `kubectl get pod nginx -o yaml` after `kubectl run nginx --image=nginx` has started. */
export const NGINX_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2023-03-06T10:15:02Z"
  labels:
    run: nginx
  name: nginx
  namespace: default
  resourceVersion: "48211"
  uid: 5c1d4e2a-7b3f-4a8e-9d61-2f0c8b7e4a13
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: nginx
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-7x2zb
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: node01
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-7x2zb
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2023-03-06T10:15:02Z"
    status: "True"
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: "2023-03-06T10:15:06Z"
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2023-03-06T10:15:06Z"
    status: "True"
    type: ContainersReady
  - lastProbeTime: null
    lastTransitionTime: "2023-03-06T10:15:02Z"
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://3f1c2a9b8d7e6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c
    image: docker.io/library/nginx:latest
    imageID: docker.io/library/nginx@sha256:aa0afebbb3cfa473099a62c4b32e9b3fb73ed23f2a75a65ce1d4b4f55a5c2ef2
    lastState: {}
    name: nginx
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2023-03-06T10:15:06Z"
  hostIP: 172.30.2.2
  phase: Running
  podIP: 192.168.1.4
  podIPs:
  - ip: 192.168.1.4
  qosClass: BestEffort
  startTime: "2023-03-06T10:15:02Z"
`;

/** `kubectl run nginx --image=nginx --dry-run=client -o yaml`. */
export const DRY_RUN_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

/** Deep copy with every map's keys in reverse order, so a printer that forgets to sort is caught. */
export function scrambleKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(scrambleKeys) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) out[key] = scrambleKeys((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

/** The stored pod behind NGINX_POD_YAML, keys scrambled. */
export function nginxPod(): KubeObject {
  return scrambleKeys(parse(NGINX_POD_YAML) as KubeObject);
}
