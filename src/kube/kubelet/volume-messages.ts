// The kubelet's journal lines while a pod's volumes cannot be set up: the volume manager's retried
// MountVolume.SetUp error (nestedpendingoperations), and the pod worker giving up after waiting 2m3s.

import { NS_PER_S, type SimNs } from '../../core/time';
import { goTimeString } from '../audit/klog';
import { goDuration } from '../timefmt';
import type { PodWorker } from './state';

/** volumemanager's podAttachAndMountTimeout, and the pod worker's back-off after a failed sync. */
export const MOUNT_TIMEOUT = 123 * NS_PER_S;
export const POD_WORKER_BACKOFF = 10 * NS_PER_S;
/** exponentialbackoff's maxDurationBeforeRetry (2m2s), in seconds. */
export const MAX_VOLUME_RETRY_SEC = 122;

/** `Operation for "{volumeName:…}" failed. No retries permitted until … Error: MountVolume.SetUp failed …` */
export function mountRetryLine(w: PodWorker, f: { plugin: string; volume: string; message: string }, at: { epochMs: number; now: SimNs; bootTime: SimNs; retrySec: number }): string {
  const unique = `${f.plugin}/${w.uid}-${f.volume}`;
  const until = goTimeString(at.epochMs, at.now + at.retrySec * NS_PER_S);
  const uptime = ((at.now - at.bootTime) / NS_PER_S + at.retrySec).toFixed(9);
  return `Operation for "{volumeName:${unique} podName:${w.uid} nodeName:}" failed. No retries permitted until ${until} m=+${uptime} (durationBeforeRetry ${goDuration(at.retrySec)}). Error: MountVolume.SetUp failed for volume "${f.volume}" (UniqueName: "${unique}") pod "${w.name}" (UID: "${w.uid}") : ${f.message}`;
}

/** The error WaitForAttachAndMount returns when the volumes are still not mounted. */
export function mountTimeoutError(w: PodWorker): string {
  return `unmounted volumes=[${w.unmountedVolume ?? ''}], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition`;
}
