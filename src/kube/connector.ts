// The API server's connection to kubelets for pods/log, pods/exec and pods/attach: which container a request means,
// the kubelet's checks (waiting containers, missing previous run) and the streams themselves.

import type { World } from '../world/world';
import type { Scheduler } from '../world/scheduler';
import type { KubeState } from './state';
import type { Pod } from './types';
import type { LogOptions, NodeConnector } from './apiserver/handlers';
import type { Status, StreamIO } from './apiserver/types';
import { badRequest } from './apiserver/status';
import type { Containerd } from './runtime/containerd';
import { followLog, parseCriLog, readLogFile, renderLog } from './runtime/cri-log';
import type { ContainerRecord } from '../world/world';

function status(code: number, message: string, reason = ''): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), code };
}

export class KubeletConnector implements NodeConnector {
  constructor(
    private readonly world: World,
    private readonly state: KubeState,
    private readonly runtime: Containerd,
    private readonly timers: Scheduler,
  ) {}

  /** The kubelet's own uid for a pod: a mirror pod stands for its static pod. */
  private workerUid(pod: Pod): string {
    return pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid ?? '';
  }

  private containerOf(pod: Pod, name: string): { current: ContainerRecord | undefined; waiting: string | null; previous: ContainerRecord | undefined } {
    const node = pod.spec.nodeName ?? '';
    const w = this.state.kubelets[node]?.pods[this.workerUid(pod)];
    const cw = w?.containers[name];
    const containers = this.world.nodes[node]?.containers ?? {};
    const current = cw?.current ? containers[cw.current] : undefined;
    const previous = current ? Object.values(containers).find((c) => c.podUid === current.podUid && c.name === name && c.attempt === current.attempt - 1 && c.id !== current.id) : undefined;
    return { current, waiting: cw?.waiting?.reason ?? (cw ? null : 'ContainerCreating'), previous };
  }

  async podLogs(pod: Pod, container: string, opts: LogOptions, io: StreamIO | null): Promise<{ text: string } | { status: Status }> {
    const { current, waiting, previous } = this.containerOf(pod, container);
    const podName = pod.metadata.name;
    const target = opts.previous ? previous : current;
    if (!target) {
      if (opts.previous) return { status: badRequest(`previous terminated container "${container}" in pod "${podName}" not found`) };
      const why = waiting === 'ErrImagePull' ? 'image can\'t be pulled' : waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : (waiting ?? 'ContainerCreating');
      return { status: badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`) };
    }
    const files = this.runtime.logFiles(pod.spec.nodeName!);
    const raw = readLogFile(files, target.logPath) ?? '';
    const render = { timestamps: opts.timestamps, ...(opts.tailLines !== undefined ? { tailLines: opts.tailLines } : {}) };
    const text = renderLog(parseCriLog(raw), render);
    if (!opts.follow || !io || target.state !== 'running') return { text };
    io.stdout.write(text);
    await new Promise<void>((resolve) => {
      const stop = followLog(target.logPath, (line) => {
        if (line.tag === 'F' || line.tag === 'P') io.stdout.write(opts.timestamps ? `${line.time} ${line.text}${line.tag === 'F' ? '\n' : ''}` : `${line.text}${line.tag === 'F' ? '\n' : ''}`);
      });
      const check = (): void => {
        const c = this.world.nodes[pod.spec.nodeName!]?.containers[target.id];
        if (io.signal.aborted || !c || c.state !== 'running') {
          stop();
          resolve();
          return;
        }
        void this.timers.sleep(1e9, io.signal).then(check);
      };
      check();
    });
    return { text: '' };
  }

  async podExec(pod: Pod, container: string, command: string[], io: StreamIO): Promise<{ exitCode: number } | { status: Status }> {
    const { current } = this.containerOf(pod, container);
    if (!current || current.state !== 'running') return { status: status(500, `unable to upgrade connection: container not found ("${container}")`) };
    const r = await this.runtime.exec(pod.spec.nodeName!, current.id, command, {
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: io.tty,
      signal: io.signal,
      interactive: io.interactive ?? false,
    });
    if ('error' in r) return { status: status(500, `Internal error occurred: error executing command in container: ${r.error}`, 'InternalError') };
    return { exitCode: r.exitCode };
  }

  async podAttach(pod: Pod, container: string, io: StreamIO): Promise<{ ok: true } | { status: Status }> {
    const { current } = this.containerOf(pod, container);
    if (!current || current.state !== 'running') return { status: status(500, `unable to upgrade connection: container not found ("${container}")`) };
    const r = await this.runtime.attach(pod.spec.nodeName!, current.id, { ...io, interactive: io.interactive ?? false });
    if ('error' in r) return { status: status(500, `Internal error occurred: error attaching to container: ${r.error}`, 'InternalError') };
    return r;
  }
}
