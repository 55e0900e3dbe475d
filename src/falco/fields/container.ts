// container.* and k8s.* fields: container runtime metadata and the pod labels it carries.
import type { ContainerInfo, ContainerMount, FalcoSyscallEvent } from '../event';
import { fnmatch } from '../../core/fnmatch';
import type { FieldDef, FieldValue } from './types';
import { isDigits, NO_ARG } from './types';

type Ev = FalcoSyscallEvent;

/** Fields with meaning only inside a container: not extractable on the host. */
function cf(name: string, type: FieldDef<Ev>['type'], desc: string, get: (c: ContainerInfo) => FieldValue | undefined): FieldDef<Ev> {
  return { name, type, desc, arg: NO_ARG, extract: (e) => (e.container ? get(e.container) ?? null : null) };
}

/** container.mount.*[arg]: the arg is a mount index, or a glob over the other end of the mount. */
function mountLookup(mounts: ContainerMount[], arg: string | undefined, by: 'source' | 'dest'): ContainerMount | null {
  if (arg === undefined) return null;
  if (isDigits(arg)) return mounts[Number(arg)] ?? null;
  return mounts.find((m) => fnmatch(arg, m[by])) ?? null;
}

function mountField(name: string, desc: string, by: 'source' | 'dest', get: (m: ContainerMount) => FieldValue): FieldDef<Ev> {
  return {
    name,
    type: 'charbuf',
    desc,
    arg: { kind: 'index-or-key', required: true },
    extract: (e, arg) => {
      if (!e.container) return null;
      const m = mountLookup(e.container.mounts, arg, by);
      return m ? get(m) : null;
    },
  };
}

const mountText = (m: ContainerMount): string => `${m.source}:${m.dest}:${m.mode ?? ''}:${m.rdwr ? 'true' : 'false'}:${m.propagation ?? 'private'}`;

export const CONTAINER_FIELDS: FieldDef<Ev>[] = [
  { name: 'container.id', type: 'charbuf', desc: "the container id (first 12 chars), or 'host' for host processes", arg: NO_ARG, extract: (e) => e.container?.id ?? 'host' },
  { name: 'container.name', type: 'charbuf', desc: "the container name, or 'host' for host processes", arg: NO_ARG, extract: (e) => e.container?.name ?? 'host' },
  cf('container.image', 'charbuf', 'the container image name (e.g. falcosecurity/falco:latest for docker)', (c) => c.image),
  cf('container.image.id', 'charbuf', 'the container image id (e.g. 6f7e2741b66b)', (c) => c.imageId ?? null),
  cf('container.type', 'charbuf', 'the container type, eg: docker or rkt', (c) => c.type ?? 'containerd'),
  cf('container.privileged', 'bool', "true for containers running as privileged, false otherwise", (c) => c.privileged),
  cf('container.mounts', 'charbuf', 'A space-separated list of mount information. Each item in the list has the format <source>:<dest>:<mode>:<rdrw>:<propagation>', (c) => c.mounts.map(mountText).join(',')),
  mountField('container.mount', 'Information about a single mount, specified by number (e.g. container.mount[0]) or mount source (container.mount[/usr/local])', 'source', mountText),
  mountField('container.mount.source', 'the mount source, specified by number or mount destination', 'dest', (m) => m.source),
  mountField('container.mount.dest', 'the mount destination, specified by number or mount source', 'source', (m) => m.dest),
  mountField('container.mount.mode', 'the mount mode, specified by number or mount source', 'source', (m) => m.mode ?? ''),
  mountField('container.mount.rdwr', 'the mount rdwr value, specified by number or mount source', 'source', (m) => (m.rdwr ? 'true' : 'false')),
  mountField('container.mount.propagation', 'the mount propagation value, specified by number or mount source', 'source', (m) => m.propagation ?? 'private'),
  cf('container.image.repository', 'charbuf', 'the container image repository (e.g. falcosecurity/falco)', (c) => c.imageRepository),
  cf('container.image.tag', 'charbuf', 'the container image tag (e.g. stable, latest)', (c) => c.imageTag),
  cf('container.image.digest', 'charbuf', 'the container image registry digest (e.g. sha256:d977378f890d445c15e51795296e4e5062f109ce6da83e0a355fc4ad8699d27)', (c) => c.imageDigest ?? null),
  cf('container.healthcheck', 'charbuf', "The container's health check. Will be the null value (\"N/A\") if no healthcheck configured", () => null),
  cf('container.liveness_probe', 'charbuf', "The container's liveness probe", () => null),
  cf('container.readiness_probe', 'charbuf', "The container's readiness probe", () => null),
];

const labelText = (labels: Record<string, string> | undefined): string =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}:${v}`)
    .join(', ');

export const K8S_FIELDS: FieldDef<Ev>[] = [
  { name: 'k8s.ns.name', type: 'charbuf', desc: 'Kubernetes namespace name', arg: NO_ARG, extract: (e) => e.k8s?.nsName ?? null },
  { name: 'k8s.pod.name', type: 'charbuf', desc: 'Kubernetes pod name', arg: NO_ARG, extract: (e) => e.k8s?.podName ?? null },
  { name: 'k8s.pod.id', type: 'charbuf', desc: 'Kubernetes pod id', arg: NO_ARG, extract: (e) => e.k8s?.podUid ?? null },
  {
    name: 'k8s.pod.label',
    type: 'charbuf',
    desc: 'Kubernetes pod label. E.g. \'k8s.pod.label.foo\'',
    arg: { kind: 'key', required: true, dotted: true },
    extract: (e, a) => (a === undefined ? null : e.k8s?.podLabels?.[a] ?? null),
  },
  { name: 'k8s.pod.labels', type: 'charbuf', desc: 'Kubernetes pod comma-separated key/value labels', arg: NO_ARG, extract: (e) => (e.k8s ? labelText(e.k8s.podLabels) : null) },
  // Metadata beyond the pod's own labels needs the API server (-k); the lab's Falco runs without it.
  ...['k8s.rc.name', 'k8s.rs.name', 'k8s.svc.name', 'k8s.deployment.name', 'k8s.ns.id'].map(
    (name): FieldDef<Ev> => ({ name, type: 'charbuf', desc: `Kubernetes ${name.split('.')[1]} (needs -k)`, arg: NO_ARG, extract: () => null }),
  ),
];
