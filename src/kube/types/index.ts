// Kubernetes v1 object shapes the lab stores and prints: plain JSON interfaces, no classes, no behaviour.
//
// Field names and nesting follow the v1.26 API exactly so an object can be serialised with `-o yaml`
// and read back by `kubectl apply` unchanged. Split by facet; import from here (`src/kube/types`).

export * from './meta';
export * from './pod-spec';
export * from './pod';
export * from './core';
