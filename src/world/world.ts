// The World: every observable fact of the simulated cluster as one plain, serialisable value.

import type { SimNs } from '../core/time';
import type { Filesystem, MountTable } from '../vfs/types';
import type { ProcessRecord } from './kernel/process';
import type { JournalEntry } from './journal';
import type { UnitState } from './systemd/unit';
import type { TimerRecord } from './scheduler';

export const WORLD_VERSION = 1;

export interface ContainerRecord {
  /** 64 hex digits; the first 12 are what crictl and Falco show. */
  id: string;
  name: string;
  /** Image reference as the pod spec gave it and as resolved (docker.io/library/nginx:1.23.3). */
  image: string;
  imageRef: string;
  imageRepository: string;
  imageTag: string;
  podUid: string;
  podName: string;
  podNamespace: string;
  /** Sandbox (pause) id this container belongs to. */
  sandboxId: string;
  mounts: MountTable;
  hostname: string;
  state: 'created' | 'running' | 'exited' | 'unknown';
  createdAt: SimNs;
  startedAt?: SimNs;
  finishedAt?: SimNs;
  exitCode?: number;
  reason?: string;
  /** Error text of a failed start (StartError), shown in container status `message`. */
  message?: string;
  attempt: number;
  /** Pid of the container's init process on the node, while running. */
  pid?: number;
  /** Container log lines in CRI format (`2023-01-24T18:03:37.123456789Z stdout F text`). */
  logPath: string;
  privileged: boolean;
  labels: Record<string, string>;
}

export interface NodeState {
  hostname: string;
  ip: string;
  /** Root mount namespace of the node. */
  mounts: MountTable;
  procs: Record<number, ProcessRecord>;
  nextPid: number;
  units: Record<string, UnitState>;
  journal: JournalEntry[];
  nextJournalSeq: number;
  bootTime: SimNs;
  containers: Record<string, ContainerRecord>;
  /** Sequence number of syscall events emitted on this node (Falco's evt.num). */
  nextEventNum: number;
  /** Hardware and OS facts of the VM (uname, free, ip addr, landscape-sysinfo read them). */
  facts?: NodeFacts;
}

export interface NodeFacts {
  cpus: number;
  memoryMiB: number;
  kernelRelease: string;
  interfaces: { name: string; addresses: string[]; mac?: string; gateway?: string }[];
}

export interface World {
  version: number;
  seed: number;
  rng: number;
  clock: { epochMs: number; now: SimNs };
  timers: TimerRecord[];
  nextTimerId: number;
  fs: Record<string, Filesystem>;
  nodes: Record<string, NodeState>;
  /** Kubernetes state (object store, API server status); shaped by src/kube. */
  kube: Record<string, unknown>;
  /** Extension slots for mechanisms that keep state (plain JSON). */
  ext: Record<string, unknown>;
}

export function snapshotWorld(w: World): World {
  return structuredClone(w);
}
