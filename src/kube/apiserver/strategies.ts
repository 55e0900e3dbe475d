// Per-kind create/update rules (the registry strategies): defaulting, admission, validation and the
// fields the server owns (status, clusterIP, secret data).

import type { Random } from '../../core/random';
import type { KubeState } from '../state';
import type { ConfigMap, KubeObject, Namespace, Pod, Secret, Service } from '../types';
import type { ResourceInfo } from '../resources';
import { nameSuffix } from '../ids';
import { admitPodCreate, defaultPod } from './pod-defaults';
import { validatePodCreate, validateObjectName, labelErrors } from './pod-validation';
import { validatePodUpdate } from './pod-update';
import { validateMetaMaps } from './object-meta-validation';
import { fieldErr, type FieldError } from './status';
import { allocateService, allocationsOf, defaultService, prepareServiceUpdate, validateService } from './service-strategy';

export interface StrategyContext {
  random: Random;
  state: KubeState;
  now: string;
  /** The stored services (ClusterIPs and node ports already allocated). */
  services?: () => Service[];
}

function utf8Base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Mutate `obj` for creation; return validation errors (empty when valid). */
export function prepareCreate(res: ResourceInfo, obj: KubeObject, ctx: StrategyContext): FieldError[] {
  switch (res.resource) {
    case 'pods': {
      const pod = obj as Pod;
      defaultPod(pod);
      const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
      const errs = validatePodCreate(pod);
      if (errs.length > 0) return errs;
      admitPodCreate(pod, { suffix: () => nameSuffix(ctx.random), mirror });
      return [];
    }
    case 'secrets': {
      const s = obj as Secret;
      if (s.stringData) {
        s.data = { ...(s.data ?? {}) };
        for (const [k, v] of Object.entries(s.stringData)) s.data[k] = utf8Base64(v);
        delete s.stringData;
      }
      s.type ??= 'Opaque';
      return validateObjectName(obj.metadata.name, obj.metadata.generateName);
    }
    case 'namespaces': {
      const ns = obj as Namespace;
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
      ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
      return obj.metadata.name ? labelErrors('metadata.name', obj.metadata.name) : [fieldErr.required('metadata.name', 'name or generateName is required')];
    }
    case 'services': {
      const svc = obj as Service;
      defaultService(svc);
      const allocation = allocateService(svc, ctx.random, allocationsOf(ctx.services?.() ?? []));
      return allocation.length > 0 ? allocation : validateService(svc);
    }
    case 'configmaps': {
      const cm = obj as ConfigMap;
      void cm;
      return validateObjectName(obj.metadata.name, obj.metadata.generateName);
    }
    default:
      return validateObjectName(obj.metadata.name, obj.metadata.generateName);
  }
}

/** For callers without a random source: allocation then always starts its scan at the same place. */
const fixedRandom: Random = { next: () => 0, int: () => 0, hex: (n) => '0'.repeat(n), state: () => 0 };

/** Mutate `next` for an update of `old` (main resource, not status); return validation errors. */
export function prepareUpdate(res: ResourceInfo, next: KubeObject, old: KubeObject, ctx?: Pick<StrategyContext, 'random' | 'services'>): FieldError[] {
  // ValidateObjectMetaUpdate runs first, so label errors come before the kind's own.
  const metaErrs = validateMetaMaps(next.metadata);
  const kindErrs = prepareKindUpdate(res, next, old, ctx);
  return [...metaErrs, ...kindErrs];
}

function prepareKindUpdate(res: ResourceInfo, next: KubeObject, old: KubeObject, ctx?: Pick<StrategyContext, 'random' | 'services'>): FieldError[] {
  // Fields the server owns survive a PUT or patch of the main resource.
  const n = next as KubeObject & { status?: unknown };
  const o = old as KubeObject & { status?: unknown };
  if (o.status !== undefined) n.status = o.status;
  else delete n.status;
  if (old.metadata.deletionTimestamp) next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  switch (res.resource) {
    case 'pods': {
      defaultPod(next as Pod);
      return validatePodUpdate(next as Pod, old as Pod);
    }
    case 'secrets': {
      const s = next as Secret;
      if (s.stringData) {
        s.data = { ...(s.data ?? {}) };
        for (const [k, v] of Object.entries(s.stringData)) s.data[k] = utf8Base64(v);
        delete s.stringData;
      }
      s.type ??= (old as Secret).type ?? 'Opaque';
      if (s.type !== (old as Secret).type) return [fieldErr.invalid('type', s.type, 'field is immutable')];
      if ((old as Secret).immutable && JSON.stringify(s.data) !== JSON.stringify((old as Secret).data)) return [fieldErr.forbidden('data', 'field is immutable when `immutable` is set')];
      return [];
    }
    case 'configmaps': {
      const c = next as ConfigMap;
      if ((old as ConfigMap).immutable && JSON.stringify(c.data) !== JSON.stringify((old as ConfigMap).data)) return [fieldErr.forbidden('data', 'field is immutable when `immutable` is set')];
      return [];
    }
    case 'services':
      return prepareServiceUpdate(next as Service, old as Service, ctx?.random ?? fixedRandom, ctx?.services?.() ?? []);
    case 'namespaces': {
      (next as Namespace).spec = (old as Namespace).spec;
      return [];
    }
    default:
      return [];
  }
}
