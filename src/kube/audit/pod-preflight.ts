// What the kubelet does with the kube-apiserver static pod before any process runs: the Pod validation
// that concerns volumes and mounts (an invalid pod is never started), then MountVolume.SetUp of each
// hostPath volume with its type check (DirectoryOrCreate makes the directory; File on a missing path
// blocks the pod), giving the container's bind mounts.

import { goQuote, klogKeyValue, pathError, type Clock, type FsErrno } from '../../audit';
import type { SimNs } from '../../core/time';
import type { Container, Pod, Volume } from '../types';
import { goTimeString } from './klog';

export type HostPathKind = 'file' | 'dir' | 'socket' | 'chardev' | 'blockdev' | 'missing' | 'other';

/** The control-plane node's file system as the kubelet and containerd (root) see it. */
export interface HostPaths {
  /** The type at `path`, following symlinks; `missing` when nothing is there. */
  hostPathType(path: string): HostPathKind;
  /** os.MkdirAll(path, mode); null on success. */
  mkdirHost(path: string, mode: number): FsErrno | null;
  /** os.OpenFile(path, O_CREATE, mode) — no parent directories; null on success. */
  createHostFile(path: string, mode: number): FsErrno | null;
}

/** One bind mount of the apiserver container, in the pod's volumeMounts order. */
export interface ContainerMount {
  volume: string;
  mountPath: string;
  /** The host path the mount shows (the hostPath, or the kubelet's emptyDir directory). */
  hostPath: string;
  readOnly: boolean;
  /** A bind of a single file rather than a directory. */
  file: boolean;
}

/** A line the kubelet logs (journalctl -u kubelet), without its klog header; `afterNs` from the sync. */
export interface KubeletMessage {
  level: 'E' | 'W' | 'I';
  site: string;
  text: string;
  afterNs: number;
}

export type PreflightResult =
  | { ok: true; container: Container; containerIndex: number; argv: string[]; mounts: ContainerMount[] }
  | { ok: false; reason: 'InvalidPod'; message: string; kubelet: KubeletMessage[] }
  | { ok: false; reason: 'VolumeSetupFailed'; volume: string; message: string; kubelet: KubeletMessage[] };

export const DEFAULT_MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'configMap', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'nfs', 'csi', 'ephemeral'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** ValidatePodSpec's volume and mount checks, in upstream order (volumes first, then containers). */
function validateVolumesAndMounts(pod: Record<string, unknown>): string[] {
  const errs: string[] = [];
  const spec = isObject(pod.spec) ? pod.spec : {};
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const names = new Set<string>();
  volumes.forEach((raw, i) => {
    const v = isObject(raw) ? raw : {};
    const p = `spec.volumes[${i}]`;
    const name = str(v.name);
    if (name === '') errs.push(`${p}.name: Required value`);
    else {
      if (name.length > 63) errs.push(`${p}.name: Invalid value: ${goQuote(name)}: must be no more than 63 characters`);
      if (!LABEL_RE.test(name)) errs.push(`${p}.name: Invalid value: ${goQuote(name)}: ${LABEL_MSG}`);
      if (names.has(name)) errs.push(`${p}.name: Duplicate value: ${goQuote(name)}`);
      names.add(name);
    }
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) errs.push(`${p}: Required value: must specify a volume type`);
    else if (sources.length > 1) errs.push(`${p}.${sources[1]}: Forbidden: may not specify more than 1 volume type`);
    if (isObject(v.hostPath)) {
      if (str(v.hostPath.path) === '') errs.push(`${p}.hostPath.path: Required value`);
      const t = str(v.hostPath.type);
      if (!HOST_PATH_TYPES.includes(t)) {
        errs.push(`${p}.hostPath.type: Unsupported value: ${goQuote(t)}: supported values: ${HOST_PATH_TYPES.slice(1).map(goQuote).join(', ')}`);
      }
    }
  });
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.length === 0) errs.push('spec.containers: Required value');
  containers.forEach((raw, i) => {
    const c = isObject(raw) ? raw : {};
    const mountPaths = new Set<string>();
    (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((rawMount, j) => {
      const m = isObject(rawMount) ? rawMount : {};
      const mp = `spec.containers[${i}].volumeMounts[${j}]`;
      const name = str(m.name);
      if (name === '') errs.push(`${mp}.name: Required value`);
      else if (!names.has(name)) errs.push(`${mp}.name: Not found: ${goQuote(name)}`);
      const path = str(m.mountPath);
      if (path === '') errs.push(`${mp}.mountPath: Required value`);
      else {
        if (mountPaths.has(path)) errs.push(`${mp}.mountPath: Invalid value: ${goQuote(path)}: must be unique`);
        mountPaths.add(path);
      }
    });
  });
  return errs;
}

/** file.go's line for a manifest that decodes but does not validate (`invalid pod: [e1 e2]`, Go's %v of a list). */
export function invalidPodMessage(errors: readonly string[], manifestPath = DEFAULT_MANIFEST): KubeletMessage {
  const err = `invalid pod: [${errors.join(' ')}]`;
  return { level: 'E', site: 'file.go:187', text: `"Could not process manifest file" ${klogKeyValue('err', err)} ${klogKeyValue('path', manifestPath)}`, afterNs: 0 };
}

/** hostPath's checkType: null when the path is usable (after creating it for the *OrCreate types). */
export function hostPathTypeCheck(host: HostPaths, path: string, type: string): string | null {
  const kind = host.hostPathType(path);
  const made = (errno: FsErrno | null, op: string): string | null => (errno === null ? null : pathError(op, path, errno));
  switch (type) {
    case 'DirectoryOrCreate':
      if (kind === 'missing') return made(host.mkdirHost(path, 0o755), 'mkdir');
      return kind === 'dir' ? null : `hostPath type check failed: ${path} is not a directory`;
    case 'Directory':
      return kind === 'dir' ? null : `hostPath type check failed: ${path} is not a directory`;
    case 'FileOrCreate':
      if (kind === 'missing') return made(host.createHostFile(path, 0o644), 'open');
      return kind === 'file' ? null : `hostPath type check failed: ${path} is not a file`;
    case 'File':
      return kind === 'file' ? null : `hostPath type check failed: ${path} is not a file`;
    case 'Socket':
      return kind === 'socket' ? null : `hostPath type check failed: ${path} is not a socket file`;
    case 'CharDevice':
      return kind === 'chardev' ? null : `hostPath type check failed: ${path} is not a character device`;
    case 'BlockDevice':
      return kind === 'blockdev' ? null : `hostPath type check failed: ${path} is not a block device`;
    default:
      // No type: the kubelet checks nothing; containerd creates a missing source as a directory.
      if (kind === 'missing') host.mkdirHost(path, 0o755);
      return null;
  }
}

/** When the kubelet is asked about retries: now, and when its process started (Go's monotonic `m=+…`). */
export interface KubeletClock extends Clock {
  kubeletStartedAt: SimNs;
}

const RETRY_NS = 500_000_000;

/** The kubelet's lines while a volume cannot be set up: the retried SetUp error, then the 2-minute timeout. */
export function volumeFailureMessages(pod: Pod, volume: string, error: string, unmounted: readonly string[], clock: KubeletClock): KubeletMessage[] {
  const uid = pod.metadata?.uid ?? '';
  const podName = pod.metadata?.name ?? '';
  const ns = pod.metadata?.namespace ?? 'kube-system';
  const unique = `kubernetes.io/host-path/${uid}-${volume}`;
  const setUp = `MountVolume.SetUp failed for volume ${goQuote(volume)} (UniqueName: ${goQuote(unique)}) pod ${goQuote(podName)} (UID: ${goQuote(uid)}) : ${error}`;
  const until = clock.now + RETRY_NS;
  const monotonic = ((until - clock.kubeletStartedAt) / 1e9).toFixed(9);
  const timeout = `unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition`;
  return [
    {
      level: 'E',
      site: 'nestedpendingoperations.go:348',
      text: `Operation for "{volumeName:${unique} podName:${uid} nodeName:}" failed. No retries permitted until ${goTimeString(clock.epochMs, until)} m=+${monotonic} (durationBeforeRetry 500ms). Error: ${setUp}`,
      afterNs: 0,
    },
    {
      level: 'E',
      site: 'kubelet.go:1760',
      text: `"Unable to attach or mount volumes for pod; skipping pod" ${klogKeyValue('err', timeout)} pod=${goQuote(`${ns}/${podName}`)}`,
      afterNs: 123_000_000_000,
    },
  ];
}

/** The directory the kubelet gives an emptyDir volume. */
const emptyDirPath = (uid: string, name: string): string => `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~empty-dir/${name}`;

/** Validate the pod's volumes and mounts, set up its hostPath volumes, and list the container's mounts. */
export function preflightStaticPod(podInput: unknown, host: HostPaths, clock: KubeletClock, manifestPath = DEFAULT_MANIFEST): PreflightResult {
  const raw = isObject(podInput) ? podInput : {};
  const errs = validateVolumesAndMounts(raw);
  if (errs.length > 0) return { ok: false, reason: 'InvalidPod', message: `invalid pod: [${errs.join(' ')}]`, kubelet: [invalidPodMessage(errs, manifestPath)] };
  const pod = raw as unknown as Pod;
  const containers = pod.spec.containers;
  const index = Math.max(0, containers.findIndex((c) => c.name === 'kube-apiserver'));
  const container = containers[index]!;
  const uid = pod.metadata?.uid ?? '';
  const volumes = new Map<string, Volume>((pod.spec.volumes ?? []).map((v) => [v.name, v]));
  const hostPathOf = new Map<string, string>();
  const failed: Array<{ volume: string; error: string }> = [];
  for (const v of pod.spec.volumes ?? []) {
    if (v.hostPath) {
      const err = hostPathTypeCheck(host, v.hostPath.path, v.hostPath.type ?? '');
      if (err !== null) failed.push({ volume: v.name, error: err });
      else hostPathOf.set(v.name, v.hostPath.path);
    } else if (v.emptyDir) {
      const p = emptyDirPath(uid, v.name);
      host.mkdirHost(p, 0o777);
      hostPathOf.set(v.name, p);
    }
    // configMap/secret/projected volumes never appear in the apiserver pod; they get no mount here.
  }
  if (failed.length > 0) {
    const first = failed[0]!;
    return {
      ok: false,
      reason: 'VolumeSetupFailed',
      volume: first.volume,
      message: first.error,
      kubelet: volumeFailureMessages(pod, first.volume, first.error, failed.map((f) => f.volume).sort(), clock),
    };
  }
  const mounts: ContainerMount[] = [];
  for (const m of container.volumeMounts ?? []) {
    const hostPath = hostPathOf.get(m.name);
    if (hostPath === undefined || !volumes.has(m.name)) continue;
    mounts.push({ volume: m.name, mountPath: m.mountPath, hostPath, readOnly: m.readOnly === true, file: host.hostPathType(hostPath) !== 'dir' });
  }
  const argv = [...(container.command ?? ['kube-apiserver']), ...(container.args ?? [])].map(String);
  return { ok: true, container, containerIndex: index, argv, mounts };
}
