// Plain-data state of containerd on one node: pod sandboxes, pulled images, and per-container launch data.

import type { SimNs } from '../../core/time';

export interface SandboxRecord {
  /** 64 hex; also the id of its pause container in node.containers. */
  id: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  attempt: number;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAt: SimNs;
  ip: string;
  hostNetwork: boolean;
  /** Pid of the sandbox's containerd-shim-runc-v2 process. */
  shimPid: number;
  labels: Record<string, string>;
  /** /var/log/pods/<ns>_<pod>_<uid> */
  logDirectory: string;
}

export interface ImageConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  StopSignal?: string;
}

/** An image present on a node (`crictl images`). */
export interface PulledImage {
  /** `sha256:<64 hex>` */
  id: string;
  /** `docker.io/library/nginx:1.23.3` */
  repoTags: string[];
  /** `docker.io/library/nginx@sha256:…` */
  repoDigests: string[];
  sizeBytes: number;
  /** Rootfs tree (assets/rootfs/<tree>) the image's file system is built from. */
  tree: string;
  config: ImageConfig;
  pulledAt: SimNs;
}

/** How a container's init process is launched, kept so it can be started again after a restore. */
export interface ContainerLaunch {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  /** Root file system id in world.fs. */
  rootFsId: string;
  /** File systems created for this container only (removed with it). */
  ownFs: string[];
  tty: boolean;
  stdin: boolean;
  /** Stdin closes when the first attached client goes (absent in worlds saved before attach existed). */
  stdinOnce?: boolean;
  /** Host path of /dev/termination-log. */
  terminationLogPath: string | null;
}

export interface RuntimeNodeState {
  sandboxes: Record<string, SandboxRecord>;
  images: Record<string, PulledImage>;
  launches: Record<string, ContainerLaunch>;
  nextExecId: number;
}

export function emptyRuntimeNode(): RuntimeNodeState {
  return { sandboxes: {}, images: {}, launches: {}, nextExecId: 1 };
}
