// The `cri` service: what crictl can ask containerd on the caller's node over
// /run/containerd/containerd.sock (root only): containers, sandboxes, images, logs, inspect data.

import type { Kernel } from '../../world/kernel/kernel';
import type { ProcessRecord } from '../../world/kernel/process';
import type { ContainerRecord } from '../../world/world';
import type { Containerd } from './containerd';
import { parseCriLog, readLogFile, type CriLine } from './cri-log';
import type { ContainerLaunch, PulledImage, SandboxRecord } from './state';

export type CriAccess = { ok: true } | { ok: false; socket: string; error: 'permission denied' };

export interface CriClient {
  access(): CriAccess;
  node(): string;
  epochMs(): number;
  now(): number;
  /** App containers (no sandbox pause containers), any state. */
  containers(): ContainerRecord[];
  sandboxes(): SandboxRecord[];
  images(): PulledImage[];
  /** Image record a container was created from. */
  imageOf(c: ContainerRecord): PulledImage | undefined;
  launch(id: string): ContainerLaunch | undefined;
  logLines(c: ContainerRecord): CriLine[];
  /** Resolve a (possibly shortened) container id. */
  findContainer(idPrefix: string): ContainerRecord | 'ambiguous' | undefined;
  findSandbox(idPrefix: string): SandboxRecord | 'ambiguous' | undefined;
}

function byPrefix<T>(items: T[], id: (t: T) => string, prefix: string): T | 'ambiguous' | undefined {
  if (prefix === '') return undefined;
  const exact = items.find((t) => id(t) === prefix);
  if (exact) return exact;
  const m = items.filter((t) => id(t).startsWith(prefix));
  return m.length === 1 ? m[0] : m.length > 1 ? 'ambiguous' : undefined;
}

export function criClientFactory(runtime: Containerd) {
  return (kernel: Kernel, node: string, proc: ProcessRecord): CriClient => {
    const n = () => kernel.world.nodes[node]!;
    const containers = (): ContainerRecord[] => Object.values(n().containers).filter((c) => c.labels['io.cri-containerd.kind'] !== 'sandbox');
    return {
      access: () => (proc.euid === 0 && proc.containerId === null ? { ok: true } : { ok: false, socket: '/run/containerd/containerd.sock', error: 'permission denied' }),
      node: () => node,
      epochMs: () => kernel.world.clock.epochMs,
      now: () => kernel.world.clock.now,
      containers,
      sandboxes: () => Object.values(runtime.rt(node).sandboxes),
      images: () => Object.values(runtime.rt(node).images),
      imageOf: (c) => Object.values(runtime.rt(node).images).find((i) => i.repoTags.includes(c.image) || i.repoDigests.includes(c.imageRef)),
      launch: (id) => runtime.launchOf(node, id),
      logLines: (c) => parseCriLog(readLogFile(runtime.logFiles(node), c.logPath) ?? ''),
      findContainer: (p) => byPrefix(containers(), (c) => c.id, p),
      findSandbox: (p) => byPrefix(Object.values(runtime.rt(node).sandboxes), (s) => s.id, p),
    };
  };
}
