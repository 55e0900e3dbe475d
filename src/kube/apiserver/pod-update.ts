// ValidatePodUpdate (v1.26): a pod's spec may change only in images, activeDeadlineSeconds, tolerations
// (additions) and a negative grace period set to 1; anything else is Forbidden with a go-cmp style diff.

import type { JsonObject, JsonValue, Pod } from '../types';
import { fieldErr, type FieldError } from './status';
import { validatePodSpec } from './pod-validation';

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** Semantic equality as apiequality.Semantic.DeepEqual: nil and empty slices/maps are equal. */
export function semanticEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const empty = (v: JsonValue | undefined): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (a === undefined || b === undefined || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const x = (a as JsonObject)[k];
      const y = (b as JsonObject)[k];
      // A map or value struct that is empty equals an absent one; a pointer to an empty struct does not.
      const bothEmptyMaps = isEmptyObj(x) && y === undefined && VALUE_STRUCTS.has(k);
      const bothEmptyMaps2 = isEmptyObj(y) && x === undefined && VALUE_STRUCTS.has(k);
      if (bothEmptyMaps || bothEmptyMaps2) continue;
      if (!semanticEqual(x, y)) return false;
    }
    return true;
  }
  return a === b;
}

const isEmptyObj = (v: JsonValue | undefined): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
/** Go value structs and maps, where `{}` and absent are the same zero value. */
const VALUE_STRUCTS = new Set(['resources', 'labels', 'annotations', 'nodeSelector', 'limits', 'requests', 'overhead', 'data']);

export function validatePodUpdate(next: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  if (next.metadata.name !== old.metadata.name) errs.push(fieldErr.invalid('metadata.name', next.metadata.name ?? '', 'field is immutable'));
  errs.push(...validatePodSpec(next));
  const munged = structuredClone(next.spec) as unknown as JsonObject;
  const oldSpec = old.spec as unknown as JsonObject;
  for (const key of ['containers', 'initContainers'] as const) {
    const nl = (munged[key] as JsonObject[] | undefined) ?? [];
    const ol = (oldSpec[key] as JsonObject[] | undefined) ?? [];
    nl.forEach((c, i) => {
      if (i < ol.length) c.image = ol[i]!.image ?? null;
    });
  }
  if (old.spec.activeDeadlineSeconds === undefined || (next.spec.activeDeadlineSeconds ?? Infinity) <= old.spec.activeDeadlineSeconds) {
    if (old.spec.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
    else munged.activeDeadlineSeconds = old.spec.activeDeadlineSeconds;
  }
  const oldTols = (oldSpec.tolerations as JsonValue[] | undefined) ?? [];
  const newTols = (munged.tolerations as JsonValue[] | undefined) ?? [];
  if (oldTols.every((t) => newTols.some((n) => semanticEqual(n, t)))) {
    if (oldSpec.tolerations === undefined) delete munged.tolerations;
    else munged.tolerations = oldSpec.tolerations;
  }
  if ((old.spec.terminationGracePeriodSeconds ?? 0) < 0 && next.spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.spec.terminationGracePeriodSeconds ?? null;
  }
  if (!semanticEqual(munged, oldSpec)) errs.push(fieldErr.forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${goCmpDiff('core.PodSpec', oldSpec, munged)}`));
  return errs;
}

// ---------------------------------------------------------------- go-cmp style diff

const PODSPEC_ORDER = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds',
  'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName', 'securityContext', 'imagePullSecrets',
  'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName',
  'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'overhead', 'enableServiceLinks',
  'topologySpreadConstraints', 'os', 'schedulingGates', 'resourceClaims',
];
const CONTAINER_ORDER = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'volumeMounts', 'volumeDevices', 'livenessProbe',
  'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext',
  'stdin', 'stdinOnce', 'tty',
];
/** core.PodSpec has 36 fields in 1.26; hostNetwork/hostPID/hostIPC/shareProcessNamespace live in SecurityContext there. */
const PODSPEC_FIELDS = 36;
const CONTAINER_FIELDS = 22;
const POINTER_SCALARS = new Set([
  'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken', 'priority', 'preemptionPolicy', 'enableServiceLinks',
  'readOnlyRootFilesystem', 'privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'allowPrivilegeEscalation', 'defaultMode', 'optional',
  'tolerationSeconds', 'setHostnameAsFQDN', 'hostUsers', 'expirationSeconds', 'fsGroup', 'procMount',
]);
const TYPE_NAMES: Record<string, string> = {
  securityContext: 'SecurityContext', livenessProbe: 'Probe', readinessProbe: 'Probe', startupProbe: 'Probe', lifecycle: 'Lifecycle',
  capabilities: 'Capabilities', seccompProfile: 'SeccompProfile', hostPath: 'HostPathVolumeSource', emptyDir: 'EmptyDirVolumeSource',
  configMap: 'ConfigMapVolumeSource', secret: 'SecretVolumeSource', projected: 'ProjectedVolumeSource',
};

export function goFieldName(k: string): string {
  const special: Record<string, string> = { tty: 'TTY', dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', os: 'OS', setHostnameAsFQDN: 'SetHostnameAsFQDN' };
  return special[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
}

/** A value as go-cmp prints it, with nested structs cut to `{...}` below `depth`. */
const ZERO_FALSE = new Set(['stdin', 'stdinOnce', 'tty', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'readOnly']);
const ZERO_EMPTY = new Set(['workingDir', 'nodeName', 'hostname', 'subdomain', 'priorityClassName', 'serviceAccountName', 'schedulerName', 'imagePullPolicy', 'terminationMessagePath', 'terminationMessagePolicy']);

function goValue(key: string, v: JsonValue | undefined, depth: number): string {
  if ((v === undefined || v === null) && ZERO_FALSE.has(key)) return 'false';
  if ((v === undefined || v === null) && ZERO_EMPTY.has(key)) return '""';
  if (v === undefined || v === null) return 'nil';
  const ptr = POINTER_SCALARS.has(key) ? '&' : '';
  if (typeof v === 'string') return `${ptr}${JSON.stringify(v)}`;
  if (typeof v !== 'object') return `${ptr}${String(v)}`;
  if (depth <= 0) return Array.isArray(v) ? '{...}' : TYPE_NAMES[key] ? '&{...}' : '{...}';
  if (Array.isArray(v)) {
    if (v.length === 0) return '{}';
    return `{${v.map((x) => goValue(key === 'volumes' ? 'volume' : '', x, depth - 1)).join(', ')}}`;
  }
  const entries = Object.entries(v);
  const inner =
    key === 'volume'
      ? [`Name: ${JSON.stringify((v as JsonObject).name ?? '')}`, `VolumeSource: {${entries.filter(([k]) => k !== 'name').map(([k, x]) => `${goFieldName(k)}: ${goValue(k, x, depth - 2)}`).join(', ')}}`]
      : entries.map(([k, x]) => `${goFieldName(k)}: ${goValue(k, x, depth - 1)}`);
  const body = `{${inner.join(', ')}}`;
  return TYPE_NAMES[key] && depth >= 2 ? `&core.${TYPE_NAMES[key]}${body}` : TYPE_NAMES[key] ? `&${body}` : body;
}

interface Line {
  mark: ' ' | '-' | '+';
  indent: number;
  text: string;
}

function diffStruct(order: string[], total: number, a: JsonObject, b: JsonObject, indent: number, ctx: [number, number], out: Line[]): void {
  const keys = [...order, ...[...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !order.includes(k)).sort()];
  const changed = keys.map((k) => !semanticEqual(a[k], b[k]));
  const isNear = (i: number): boolean => changed.some((c, j) => c && i - j <= ctx[1] && j - i <= ctx[0]);
  const width = Math.max(...keys.filter((_, i) => isNear(i)).map((k) => goFieldName(k).length + 1), 0);
  let skipped = 0;
  const flush = (): void => {
    if (skipped > 0) out.push({ mark: ' ', indent, text: `... // ${skipped} identical fields` });
    skipped = 0;
  };
  keys.forEach((k, i) => {
    if (!isNear(i)) {
      skipped++;
      return;
    }
    flush();
    const label = `${goFieldName(k)}:`.padEnd(width + 1);
    if (!changed[i]) return out.push({ mark: ' ', indent, text: `${label}${goValue(k, a[k], 3)},` }) && undefined;
    const av = a[k];
    const bv = b[k];
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(av) && Array.isArray(bv) && av.length === bv.length) {
      out.push({ mark: ' ', indent, text: `${goFieldName(k)}: []core.Container{` });
      av.forEach((c, ci) => {
        const d = bv[ci] as JsonObject;
        if (semanticEqual(c, d)) return out.push({ mark: ' ', indent: indent + 1, text: `{Name: ${JSON.stringify((c as JsonObject).name)}, ...},` }) && undefined;
        out.push({ mark: ' ', indent: indent + 1, text: '{' });
        diffStruct(CONTAINER_ORDER, CONTAINER_FIELDS, c as JsonObject, d, indent + 2, [1, 1], out);
        out.push({ mark: ' ', indent: indent + 1, text: '},' });
      });
      out.push({ mark: ' ', indent, text: '},' });
      return;
    }
    out.push({ mark: '-', indent, text: `${label}${goValue(k, av, 3)},` });
    out.push({ mark: '+', indent, text: `${label}${goValue(k, bv, 3)},` });
  });
  skipped += Math.max(0, total - keys.length);
  flush();
}

export function goCmpDiff(typeName: string, a: JsonObject, b: JsonObject): string {
  const lines: Line[] = [{ mark: ' ', indent: 0, text: `${typeName}{` }];
  diffStruct(PODSPEC_ORDER, PODSPEC_FIELDS, a, b, 1, [2, 0], lines);
  lines.push({ mark: ' ', indent: 0, text: '}' });
  return lines.map((l) => `${l.mark} ${'\t'.repeat(l.indent)}${l.text}`).join('\n');
}
