// Pod validation on create (ValidatePodCreate, v1.26 subset): names, containers, volumes, mounts and
// enumerations, with the field paths and wording of pkg/apis/core/validation.

import type { Container, Pod, Volume } from '../types';
import { fieldErr, type FieldError } from './status';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function labelErrors(field: string, v: string): FieldError[] {
  const out: FieldError[] = [];
  if (v.length > 63) out.push(fieldErr.invalid(field, v, 'must be no more than 63 characters'));
  if (!LABEL_RE.test(v)) out.push(fieldErr.invalid(field, v, DNS1123_LABEL_MSG));
  return out;
}

export function subdomainErrors(field: string, v: string): FieldError[] {
  const out: FieldError[] = [];
  if (v.length > 253) out.push(fieldErr.invalid(field, v, 'must be no more than 253 characters'));
  if (!SUBDOMAIN_RE.test(v)) out.push(fieldErr.invalid(field, v, DNS1123_SUBDOMAIN_MSG));
  return out;
}

/** metadata.name and metadata.namespace of a namespaced object named by DNS subdomain rules. */
export function validateObjectName(name: string | undefined, generateName?: string): FieldError[] {
  if (!name) return generateName ? [] : [fieldErr.required('metadata.name', 'name or generateName is required')];
  return subdomainErrors('metadata.name', name);
}

const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'configMap', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'nfs', 'csi', 'ephemeral'] as const;
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateVolumes(volumes: Volume[]): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const p = `spec.volumes[${i}]`;
    if (!v.name) errs.push(fieldErr.required(`${p}.name`));
    else {
      errs.push(...labelErrors(`${p}.name`, v.name));
      if (names.has(v.name)) errs.push(fieldErr.duplicate(`${p}.name`, v.name));
      names.add(v.name);
    }
    const sources = VOLUME_SOURCES.filter((s) => (v as unknown as Record<string, unknown>)[s] !== undefined && (v as unknown as Record<string, unknown>)[s] !== null);
    if (sources.length === 0) errs.push(fieldErr.required(p, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(fieldErr.forbidden(`${p}.${sources[1]}`, 'may not specify more than 1 volume type'));
    if (v.hostPath) {
      if (!v.hostPath.path) errs.push(fieldErr.required(`${p}.hostPath.path`));
      const t = v.hostPath.type ?? '';
      if (!HOST_PATH_TYPES.includes(t)) errs.push(fieldErr.notSupported(`${p}.hostPath.type`, t, HOST_PATH_TYPES.slice(1)));
    }
    if (v.configMap && !v.configMap.name) errs.push(fieldErr.required(`${p}.configMap.name`));
    if (v.secret && !v.secret.secretName) errs.push(fieldErr.required(`${p}.secret.secretName`));
  });
  return { errs, names };
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainers(list: Container[], path: string, volumes: Set<string>, seen: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!c.name) errs.push(fieldErr.required(`${p}.name`));
    else {
      errs.push(...labelErrors(`${p}.name`, c.name));
      if (seen.has(c.name)) errs.push(fieldErr.duplicate(`${p}.name`, c.name));
      seen.add(c.name);
    }
    if (!c.image) errs.push(fieldErr.required(`${p}.image`));
    if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(fieldErr.notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    (c.ports ?? []).forEach((port, j) => {
      if (!(port.containerPort >= 1 && port.containerPort <= 65535)) {
        errs.push(fieldErr.invalid(`${p}.ports[${j}].containerPort`, port.containerPort, 'must be between 1 and 65535, inclusive'));
      }
    });
    (c.env ?? []).forEach((e, j) => {
      if (!e.name) errs.push(fieldErr.required(`${p}.env[${j}].name`));
    });
    const mountPaths = new Set<string>();
    (c.volumeMounts ?? []).forEach((m, j) => {
      const mp = `${p}.volumeMounts[${j}]`;
      if (!m.name) errs.push(fieldErr.required(`${mp}.name`));
      else if (!volumes.has(m.name)) errs.push(fieldErr.notFound(`${mp}.name`, m.name));
      if (!m.mountPath) errs.push(fieldErr.required(`${mp}.mountPath`));
      else {
        if (mountPaths.has(m.mountPath)) errs.push(fieldErr.invalid(`${mp}.mountPath`, m.mountPath, 'must be unique'));
        mountPaths.add(m.mountPath);
      }
    });
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** ValidatePodSpec's checks for the fields the simulator models. */
export function validatePodSpec(pod: Pod): FieldError[] {
  const s = pod.spec;
  const errs: FieldError[] = [];
  if (!s) return [fieldErr.required('spec.containers')];
  const vols = validateVolumes(s.volumes ?? []);
  errs.push(...vols.errs);
  const seen = new Set<string>();
  errs.push(...validateContainers(s.initContainers ?? [], 'spec.initContainers', vols.names, seen));
  if (!s.containers || s.containers.length === 0) errs.push(fieldErr.required('spec.containers'));
  else errs.push(...validateContainers(s.containers, 'spec.containers', vols.names, seen));
  if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(s.restartPolicy)) errs.push(fieldErr.notSupported('spec.restartPolicy', s.restartPolicy, RESTART_POLICIES));
  if (s.dnsPolicy !== undefined && !DNS_POLICIES.includes(s.dnsPolicy)) errs.push(fieldErr.notSupported('spec.dnsPolicy', s.dnsPolicy, DNS_POLICIES));
  if (s.terminationGracePeriodSeconds !== undefined && s.terminationGracePeriodSeconds < 0) {
    errs.push(fieldErr.invalid('spec.terminationGracePeriodSeconds', s.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds <= 0) {
    errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', s.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  return errs;
}

export function validatePodCreate(pod: Pod): FieldError[] {
  return [...validateObjectName(pod.metadata?.name, pod.metadata?.generateName), ...validatePodSpec(pod)];
}
