// What happens when the kubelet (re)starts the kube-apiserver static pod: first the kubelet's part (the
// pod must validate and its hostPath volumes must set up, or no container is ever created), then the
// process's part inside the container (flags, policy, log file). One result says which side failed.

import type { Clock } from '../../audit';
import type { SimNs } from '../../core/time';
import { runApiServerProcess, type ApiServerRunConfig, type ProcessFailureReason, type ProcessLogEntry } from './apiserver-process';
import { DEFAULT_MANIFEST, preflightStaticPod, type ContainerMount, type HostPaths, type KubeletMessage } from './pod-preflight';
import type { ContainerFileView } from './vfs-log-fs';

export interface ApiServerStartInput {
  /** The Pod object decoded from /etc/kubernetes/manifests/kube-apiserver.yaml. */
  pod: unknown;
  /** The control-plane node's files, as the kubelet (root) sees them. */
  host: HostPaths;
  /** Make the container's mount namespace from its bind mounts and return the process's view of files. */
  mountContainer(mounts: readonly ContainerMount[]): ContainerFileView;
  /** The moment the kubelet starts the pod. */
  clock: Clock;
  /** When the kubelet process started (its retry lines print Go's monotonic clock). Default 0. */
  kubeletStartedAt?: SimNs;
  /** Node name, the external-host fallback. */
  nodeName: string;
  manifestPath?: string;
  /** Process id klog prints inside the container (1). */
  pid?: number;
}

export type ApiServerStartResult =
  /** Serving: the configuration to audit with, and the process's start-up lines. */
  | { ok: true; side: 'process'; config: ApiServerRunConfig; mounts: ContainerMount[]; log: ProcessLogEntry[]; logLines: string[] }
  /** The process ran and exited: the container log (`crictl logs`) holds `logLines`. */
  | { ok: false; side: 'process'; exitCode: number; reason: ProcessFailureReason; message: string; mounts: ContainerMount[]; log: ProcessLogEntry[]; logLines: string[] }
  /** No container was created: only the kubelet's journal tells why. */
  | { ok: false; side: 'kubelet'; exitCode: null; reason: 'InvalidPod' | 'VolumeSetupFailed'; message: string; volume?: string; kubelet: KubeletMessage[]; logLines: [] };

/** Decide what the kube-apiserver static pod does when the kubelet starts it. */
export function startApiServer(input: ApiServerStartInput): ApiServerStartResult {
  const pre = preflightStaticPod(input.pod, input.host, { ...input.clock, kubeletStartedAt: input.kubeletStartedAt ?? 0 }, input.manifestPath ?? DEFAULT_MANIFEST);
  if (!pre.ok) {
    const base = { ok: false as const, side: 'kubelet' as const, exitCode: null, message: pre.message, kubelet: pre.kubelet, logLines: [] as [] };
    return pre.reason === 'VolumeSetupFailed' ? { ...base, reason: pre.reason, volume: pre.volume } : { ...base, reason: pre.reason };
  }
  const view = input.mountContainer(pre.mounts);
  const run = runApiServerProcess({ argv: pre.argv, view, clock: input.clock, pid: input.pid ?? 1, hostname: input.nodeName });
  if (run.ok) return { ok: true, side: 'process', config: run.config, mounts: pre.mounts, log: run.log, logLines: run.logLines };
  return { ok: false, side: 'process', exitCode: run.exitCode, reason: run.reason, message: run.message, mounts: pre.mounts, log: run.log, logLines: run.logLines };
}
