// The pods Table row the API server prints: a port of printPod (kubernetes pkg/printers/internalversion, v1.26).
//
// READY counts app containers that are ready and running; STATUS walks init containers first, then
// app containers last to first so the first container's reason wins; RESTARTS sums restartCount and
// adds `(<age> ago)` after the newest lastState.terminated.finishedAt; deletion overrides all.

import type { ContainerStatus, Pod } from '../../types';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration';

/** The STATUS column. */
export function podStatusReason(pod: Pod): string {
  return summarizePod(pod).reason;
}

interface PodSummary {
  reason: string;
  readyContainers: number;
  restarts: number;
  /** Epoch ms of the newest lastState.terminated.finishedAt, or null. */
  lastRestartMs: number | null;
}

function summarizePod(pod: Pod): PodSummary {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || '';
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let restarts = 0;
  let readyContainers = 0;
  let lastRestartMs: number | null = null;
  const noteLastTermination = (c: ContainerStatus): void => {
    const finished = parseTimestamp(c.lastState?.terminated?.finishedAt);
    if (finished !== null && (lastRestartMs === null || finished > lastRestartMs)) lastRestartMs = finished;
  };

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initCount = pod.spec.initContainers?.length ?? 0;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as ContainerStatus;
    restarts += c.restartCount ?? 0;
    noteLastTermination(c);
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      noteLastTermination(c);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((cond) => cond.type === 'Ready' && cond.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating';

  return { reason, readyContainers, restarts, lastRestartMs };
}

/** All nine cells of a pod row (the wide ones last); the table drops priority-1 cells unless -o wide. */
export function podRow(pod: Pod, nowMs: number): string[] {
  const summary = summarizePod(pod);
  const total = pod.spec.containers.length;
  const restarts =
    summary.lastRestartMs === null ? String(summary.restarts) : `${summary.restarts} (${humanDuration(nowMs - summary.lastRestartMs)} ago)`;
  const status = pod.status ?? {};
  const readinessGates = pod.spec.readinessGates ?? [];
  let gates = '<none>';
  if (readinessGates.length > 0) {
    let trueConditions = 0;
    for (const gate of readinessGates) {
      const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (condition?.status === 'True') trueConditions++;
    }
    gates = `${trueConditions}/${readinessGates.length}`;
  }
  return [
    pod.metadata.name ?? '',
    `${summary.readyContainers}/${total}`,
    summary.reason,
    restarts,
    translateTimestampSince(pod.metadata.creationTimestamp, nowMs),
    status.podIPs?.[0]?.ip || '<none>',
    pod.spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    gates,
  ];
}
