// The objects `kubeadm init`/`join` and the control-plane controllers leave in a fresh 1.26 cluster:
// namespaces, nodes, default service accounts, kube-root-ca.crt, the kubernetes service, RBAC defaults.

import type { ObjectStore } from './store';
import type { KubeObject, Node } from './types';

export interface ClusterNode {
  name: string;
  ip: string;
  controlPlane: boolean;
}

export interface BootstrapOptions {
  nodes: ClusterNode[];
  /** metav1.Time of `kubeadm init`. */
  createdAt: string;
  /** PEM of the cluster CA (kube-root-ca.crt). */
  caCert: string;
}

export const KUBELET_VERSION = 'v1.26.1';
export const CONTAINERD_VERSION = 'containerd://1.6.12';

export function nodeObject(n: ClusterNode, createdAt: string, index: number): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    lastHeartbeatTime: createdAt,
    lastTransitionTime: createdAt,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${n.ip}/24`,
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels,
      name: n.name,
    },
    spec: {
      podCIDR: `172.18.${index}.0/24`,
      podCIDRs: [`172.18.${index}.0/24`],
      ...(n.controlPlane ? { taints: [{ effect: 'NoSchedule' as const, key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: { cpu: '2', 'ephemeral-storage': '37867920936', 'hugepages-2Mi': '0', memory: n.controlPlane ? '1912584Ki' : '912584Ki', pods: '110' },
      capacity: { cpu: '2', 'ephemeral-storage': '41089864Ki', 'hugepages-2Mi': '0', memory: n.controlPlane ? '2014984Ki' : '1014984Ki', pods: '110' },
      conditions: [
        cond('NetworkUnavailable', 'False', 'CalicoIsUp', 'Calico is running on this node'),
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status. AppArmor enabled'),
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: CONTAINERD_VERSION,
        kernelVersion: '5.4.0-137-generic',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 20.04.5 LTS',
        systemUUID: '',
      },
    },
  };
}

const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function clusterRoles(): KubeObject[] {
  const cr = (name: string, rules: unknown[], labels: Record<string, string> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' }): KubeObject =>
    ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }, labels, name }, rules }) as KubeObject;
  const core = ['pods', 'pods/log', 'pods/exec', 'pods/attach', 'configmaps', 'secrets', 'services', 'serviceaccounts', 'events', 'endpoints', 'persistentvolumeclaims'];
  const apps = ['deployments', 'replicasets', 'daemonsets', 'statefulsets'];
  return [
    cr('cluster-admin', [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }]),
    cr('admin', [rule([''], core, [...READ, ...WRITE]), rule(['apps'], apps, [...READ, ...WRITE]), rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], [...READ, ...WRITE])]),
    cr('edit', [rule([''], core, [...READ, ...WRITE]), rule(['apps'], apps, [...READ, ...WRITE])]),
    cr('view', [rule([''], core.filter((r) => r !== 'secrets' && !r.includes('/')), READ), rule(['apps'], apps, READ)]),
    cr('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    cr('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    cr('system:basic-user', [rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create'])]),
    cr('system:kube-scheduler', [rule([''], ['pods', 'nodes', 'namespaces'], READ), rule([''], ['pods/binding', 'bindings'], ['create']), rule([''], ['pods/status'], ['patch', 'update']), rule([''], ['events'], ['create', 'patch', 'update']), rule(['events.k8s.io'], ['events'], ['create', 'patch', 'update']), rule(['coordination.k8s.io'], ['leases'], ['create']), { apiGroups: ['coordination.k8s.io'], resourceNames: ['kube-scheduler'], resources: ['leases'], verbs: ['get', 'update'] }]),
    cr('system:kube-controller-manager', [rule(['*'], ['*'], ['*'])]),
  ];
}

function clusterRoleBindings(): KubeObject[] {
  const crb = (name: string, role: string, subjects: { kind: string; name: string }[]): KubeObject =>
    ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: subjects.map((s) => ({ apiGroup: 'rbac.authorization.k8s.io', ...s })),
    }) as KubeObject;
  return [
    crb('cluster-admin', 'cluster-admin', [{ kind: 'Group', name: 'system:masters' }]),
    crb('system:basic-user', 'system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }]),
    crb('system:discovery', 'system:discovery', [{ kind: 'Group', name: 'system:authenticated' }]),
    crb('system:public-info-viewer', 'system:public-info-viewer', [
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:unauthenticated' },
    ]),
    crb('system:kube-scheduler', 'system:kube-scheduler', [{ kind: 'User', name: 'system:kube-scheduler' }]),
    crb('system:kube-controller-manager', 'system:kube-controller-manager', [{ kind: 'User', name: 'system:kube-controller-manager' }]),
  ];
}

export const KUBE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Fill an empty store with a freshly initialised cluster. Does nothing when objects already exist. */
export function bootstrapStore(store: ObjectStore, opts: BootstrapOptions): void {
  if (store.list('namespaces').length > 0) return;
  const at = opts.createdAt;
  const put = (resource: string, o: KubeObject, manager = 'kube-apiserver'): void => void store.create(resource, o, { at, manager });
  for (const ns of KUBE_NAMESPACES) {
    put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { labels: { 'kubernetes.io/metadata.name': ns }, name: ns },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    } as KubeObject);
  }
  opts.nodes.forEach((n, i) => put('nodes', nodeObject(n, at, i), 'kubelet'));
  for (const ns of KUBE_NAMESPACES) {
    put('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }, 'kube-controller-manager');
    put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' }, name: 'kube-root-ca.crt', namespace: ns }, data: { 'ca.crt': opts.caCert } } as KubeObject, 'kube-controller-manager');
  }
  put('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels: { component: 'apiserver', provider: 'kubernetes' }, name: 'kubernetes', namespace: 'default' },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  } as KubeObject);
  for (const o of clusterRoles()) put('clusterroles', o);
  for (const o of clusterRoleBindings()) put('clusterrolebindings', o);
}
