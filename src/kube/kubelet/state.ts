// Plain-data state of one node's kubelet: the pods it runs, their containers' restart and pull
// bookkeeping, and what it last read from the static pod manifest directory.

import type { SimNs } from '../../core/time';
import type { ContainerStateTerminated, Pod } from '../types';

export interface ContainerWorker {
  name: string;
  init: boolean;
  restartCount: number;
  /** Current runtime container id (64 hex), if one exists. */
  current: string | null;
  waiting: { reason: string; message?: string } | null;
  lastTerminated: ContainerStateTerminated | null;
  /** CrashLoopBackOff: the delay for the next restart, and when the current back-off ends. */
  backoffSec: number | null;
  backoffUntil: SimNs | null;
  /** Image pull in progress (ends at `until`) or backing off after a failure. */
  pull: { state: 'pulling' | 'failed'; until: SimNs; backoffSec: number; started: SimNs } | null;
  /** Image reference already reported as pulled for the current attempt. */
  imageReady: boolean;
  /** The exited container whose exit has been acted on (restart decided). */
  handledExit: string | null;
  /** The spec image the current container was created from (a changed image restarts it). */
  specImage: string | null;
  /** CreateContainerConfigError: retry no earlier than this. */
  configRetryAt: SimNs | null;
}

export type PodWorkerPhase = 'starting' | 'running' | 'terminating' | 'terminated';

export interface PodWorker {
  uid: string;
  name: string;
  namespace: string;
  /** From /etc/kubernetes/manifests rather than the API. */
  static: boolean;
  manifestPath: string | null;
  /** The desired pod: the API object, or the defaulted manifest. */
  pod: Pod;
  /** uid of the mirror pod in the API, once created. */
  mirrorUid: string | null;
  sandboxId: string | null;
  phase: PodWorkerPhase;
  /** When terminating: the moment the kubelet stops waiting and kills. */
  killAt: SimNs | null;
  /** Set when the API object is gone or the manifest was removed. */
  removed: boolean;
  /** Volume setup failure text, retried with back-off. */
  volumeError: string | null;
  volumeRetryAt: SimNs | null;
  volumeBackoffSec: number;
  /** When waiting for volumes times out ("Unable to attach or mount volumes"), and the volume that failed. */
  mountTimeoutAt?: SimNs | null;
  unmountedVolume?: string;
  volumesReady: boolean;
  podIP: string | null;
  /** Containers have been sent their stop signal. */
  killStarted: boolean;
  startTime: SimNs | null;
  /** JSON of the last status written to the API (to skip no-op updates). */
  pushedStatus: string | null;
  /** When the pod's conditions last changed, by type. */
  transitions: Record<string, SimNs>;
  containers: Record<string, ContainerWorker>;
}

export interface ManifestSeen {
  /** Content hash of the file when last read. */
  hash: string;
  /** uid of the pod it produced, or null when it did not parse or validate. */
  uid: string | null;
}

export interface KubeletNodeState {
  pods: Record<string, PodWorker>;
  manifests: Record<string, ManifestSeen>;
  /** Pending sync timer (at, id) so only one is queued per node. */
  syncTimer: { at: SimNs; id: number } | null;
  /** Event objects already recorded: key → event name, for counting repeats. */
  events: Record<string, string>;
}

export function emptyKubeletNode(): KubeletNodeState {
  return { pods: {}, manifests: {}, syncTimer: null, events: {} };
}
