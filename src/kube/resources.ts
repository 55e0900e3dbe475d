// The API resources the simulated API server serves: names, kinds, groups, scope (its discovery data).

export interface ResourceInfo {
  /** Plural resource name in URLs and RBAC: `pods`. */
  resource: string;
  singular: string;
  kind: string;
  /** API group, '' for core. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
}

const R = (resource: string, singular: string, kind: string, group: string, version: string, namespaced: boolean, shortNames: string[] = []): ResourceInfo => ({
  resource,
  singular,
  kind,
  group,
  version,
  namespaced,
  shortNames,
});

export const RESOURCES: ResourceInfo[] = [
  R('pods', 'pod', 'Pod', '', 'v1', true, ['po']),
  R('configmaps', 'configmap', 'ConfigMap', '', 'v1', true, ['cm']),
  R('secrets', 'secret', 'Secret', '', 'v1', true),
  R('services', 'service', 'Service', '', 'v1', true, ['svc']),
  R('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', 'v1', true, ['sa']),
  R('events', 'event', 'Event', '', 'v1', true, ['ev']),
  R('endpoints', 'endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  R('namespaces', 'namespace', 'Namespace', '', 'v1', false, ['ns']),
  R('nodes', 'node', 'Node', '', 'v1', false, ['no']),
  R('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', '', 'v1', true, ['pvc']),
  R('deployments', 'deployment', 'Deployment', 'apps', 'v1', true, ['deploy']),
  R('replicasets', 'replicaset', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  R('daemonsets', 'daemonset', 'DaemonSet', 'apps', 'v1', true, ['ds']),
  R('roles', 'role', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  R('rolebindings', 'rolebinding', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  R('clusterroles', 'clusterrole', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  R('clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  R('networkpolicies', 'networkpolicy', 'NetworkPolicy', 'networking.k8s.io', 'v1', true, ['netpol']),
  R('leases', 'lease', 'Lease', 'coordination.k8s.io', 'v1', true),
  R('runtimeclasses', 'runtimeclass', 'RuntimeClass', 'node.k8s.io', 'v1', false),
];

/** Subresources the server implements, per resource. */
export const SUBRESOURCES: Record<string, string[]> = {
  pods: ['status', 'log', 'exec', 'binding', 'attach', 'eviction'],
  nodes: ['status'],
  namespaces: ['status', 'finalize'],
};

export function apiVersionOf(r: ResourceInfo): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** `pods`, `deployments.apps`: how kubectl names a resource in messages. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group === '' ? r.resource : `${r.resource}.${r.group}`;
}

/** `pod`, `deployment.apps`: kubectl's `-o name` / `kind/name` prefix. */
export function qualifiedKind(r: ResourceInfo): string {
  const k = r.kind.toLowerCase();
  return r.group === '' ? k : `${k}.${r.group}`;
}

export function byResource(resource: string, group?: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.resource === resource && (group === undefined || r.group === group));
}

export function byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return RESOURCES.find((r) => r.kind === kind && r.group === group && r.version === version);
}

/**
 * What kubectl's RESTMapper does with a type argument: plural, singular, short name or kind, any case,
 * optionally qualified by group (`deployments.apps`, `deploy.apps`).
 */
export function lookupResourceArg(arg: string): ResourceInfo | undefined {
  const a = arg.toLowerCase();
  const dot = a.indexOf('.');
  const name = dot < 0 ? a : a.slice(0, dot);
  const group = dot < 0 ? undefined : a.slice(dot + 1);
  return RESOURCES.find(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name)),
  );
}
