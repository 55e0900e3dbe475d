// The pod status the kubelet reports: phase (getPhase), conditions in 1.26's order, container
// statuses sorted by name, IPs and start time, from its pod worker and the runtime's containers.

import type { SimNs } from '../../core/time';
import type { ContainerRecord } from '../../world/world';
import type { ContainerStatus, PodCondition, PodStatus } from '../types';
import type { ContainerWorker, PodWorker } from './state';

export interface StatusInputs {
  worker: PodWorker;
  containers: Record<string, ContainerRecord>;
  podIP: string | null;
  hostIP: string;
  time: (t: SimNs) => string;
}

function containerStatus(w: ContainerWorker, specImage: string, inp: StatusInputs): ContainerStatus {
  const cur = w.current ? inp.containers[w.current] : undefined;
  const cs: ContainerStatus = { name: w.name, ready: false, restartCount: w.restartCount, image: specImage, imageID: '' };
  if (cur && cur.imageRef) {
    cs.image = cur.image;
    cs.imageID = cur.imageRef;
    cs.containerID = `containerd://${cur.id}`;
  }
  cs.lastState = w.lastTerminated ? { terminated: { ...w.lastTerminated } } : {};
  if (w.waiting) {
    cs.state = { waiting: { ...(w.waiting.message ? { message: w.waiting.message } : {}), reason: w.waiting.reason } };
  } else if (cur?.state === 'running') {
    cs.state = { running: { startedAt: inp.time(cur.startedAt ?? 0) } };
    cs.ready = true;
  } else if (cur?.state === 'exited') {
    cs.state = {
      terminated: {
        containerID: `containerd://${cur.id}`,
        exitCode: cur.exitCode ?? 0,
        finishedAt: inp.time(cur.finishedAt ?? 0),
        reason: cur.reason ?? (cur.exitCode === 0 ? 'Completed' : 'Error'),
        startedAt: cur.startedAt ? inp.time(cur.startedAt) : null,
      },
    };
    const msg = (cur as ContainerRecord & { message?: string }).message;
    if (msg) cs.state.terminated!.message = msg;
  } else cs.state = { waiting: { reason: 'ContainerCreating' } };
  cs.started = cur?.state === 'running';
  return cs;
}

/** getPhase (kubelet_pods.go), for app containers after init containers are done. */
function phaseOf(statuses: ContainerStatus[], restartPolicy: string, initDone: boolean): PodStatus['phase'] {
  if (!initDone) return 'Pending';
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return restartPolicy === 'OnFailure' ? 'Running' : 'Failed';
  }
  return 'Pending';
}

export function podStatus(inp: StatusInputs): PodStatus {
  const { worker } = inp;
  const spec = worker.pod.spec;
  const images = new Map([...(spec.initContainers ?? []), ...spec.containers].map((c) => [c.name, c.image ?? '']));
  const init = (spec.initContainers ?? []).map((c) => worker.containers[c.name]).filter((w): w is ContainerWorker => !!w);
  const app = spec.containers.map((c) => worker.containers[c.name]).filter((w): w is ContainerWorker => !!w);
  const initStatuses = init.map((w) => containerStatus(w, images.get(w.name) ?? '', inp));
  const initDone = initStatuses.every((s) => s.state?.terminated?.exitCode === 0);
  const appStatuses = app.map((w) => {
    const s = containerStatus(w, images.get(w.name) ?? '', inp);
    if (!initDone && !s.containerID) s.state = { waiting: { reason: 'PodInitializing' } };
    return s;
  });
  const phase = phaseOf(appStatuses, spec.restartPolicy ?? 'Always', initDone);
  const unready = appStatuses.filter((s) => !s.ready).map((s) => s.name);
  const t = (type: string, fallback: SimNs): string => inp.time(worker.transitions[type] ?? fallback);
  const start = worker.startTime ?? 0;
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const c: PodCondition = { lastProbeTime: null, lastTransitionTime: t(type, start), status: ok ? 'True' : 'False', type };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  };
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const conditions: PodCondition[] = [
    cond('Initialized', initDone, 'ContainersNotInitialized', `containers with incomplete status: [${init.filter((_, i) => initStatuses[i]?.state?.terminated?.exitCode !== 0).map((w) => w.name).join(' ')}]`),
    cond('Ready', unready.length === 0 && !terminal, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`),
    cond('ContainersReady', unready.length === 0 && !terminal, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`),
    cond('PodScheduled', true),
  ];
  const status: PodStatus = { conditions, hostIP: inp.hostIP, phase };
  if (inp.podIP) {
    status.podIP = inp.podIP;
    status.podIPs = [{ ip: inp.podIP }];
  }
  if (worker.startTime !== null) status.startTime = inp.time(worker.startTime);
  if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
  status.containerStatuses = [...appStatuses].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return status;
}
