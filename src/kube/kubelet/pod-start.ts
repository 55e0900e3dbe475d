// Starting a pod's containers as the kubelet's SyncPod does: volumes, sandbox, image pulls with
// ErrImagePull/ImagePullBackOff, create/start with Created/Started events, restarts with CrashLoopBackOff.

import type { Random } from '../../core/random';
import { NS_PER_S, type SimNs } from '../../core/time';
import type { NodeState } from '../../world/world';
import type { ObjectStore } from '../store';
import type { Container, Pod } from '../types';
import type { Containerd, ContainerConfig } from '../runtime/containerd';
import { normalizeImageRef } from '../runtime/images';
import type { MountSpec } from '../runtime/mounts';
import { goDuration } from '../timefmt';
import { containerArgv, containerEnv, containerUser } from './container-spec';
import type { KubeletRecorder } from './recorder';
import type { ContainerWorker, KubeletNodeState, PodWorker } from './state';
import { containerVolumeMounts, type HostVolume, podDir } from './volumes';

export interface PodStartCtx {
  nodeName: string;
  node: NodeState;
  ks: KubeletNodeState;
  store: ObjectStore;
  runtime: Containerd;
  recorder: KubeletRecorder;
  random: Random;
  now: () => SimNs;
  /** Ask for a sync no later than `at`. */
  wake: (at: SimNs) => void;
  sandboxImage: string;
  /** metav1.Time text of an instant. */
  timeText: (t: SimNs) => string;
  volumes: (w: PodWorker) => Record<string, HostVolume>;
  podFiles: (w: PodWorker, c: Container, cid: string) => MountSpec[];
}

const MAX_BACKOFF = 300;

export function newContainerWorker(name: string, init: boolean): ContainerWorker {
  return {
    name, init, restartCount: 0, current: null, waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' }, lastTerminated: null,
    backoffSec: null, backoffUntil: null, pull: null, imageReady: false, handledExit: null, specImage: null, configRetryAt: null,
  };
}

const target = (w: PodWorker, c: Container) => ({
  name: w.pod.metadata.name!, namespace: w.pod.metadata.namespace ?? 'default', uid: w.uid,
  fieldPath: `spec.${w.containers[c.name]?.init ? 'initContainers' : 'containers'}{${c.name}}`,
});

function podRef(w: PodWorker): string {
  return `${w.name}_${w.namespace}(${w.uid})`;
}

/** One step for one container; returns true when it is running or finished for good. */
export async function syncContainer(ctx: PodStartCtx, w: PodWorker, c: Container): Promise<void> {
  const cw = (w.containers[c.name] ??= newContainerWorker(c.name, false));
  const now = ctx.now();
  const cur = cw.current ? ctx.node.containers[cw.current] : undefined;
  if (cur?.state === 'running') {
    cw.waiting = null;
    if (cw.specImage !== null && cw.specImage !== c.image) {
      await ctx.recorder.event(target(w, c), 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
      ctx.runtime.stopContainer(ctx.nodeName, cur.id, w.pod.spec.terminationGracePeriodSeconds ?? 30);
      cw.backoffSec = null;
    }
    return;
  }
  if (cur?.state === 'exited' && cw.handledExit !== cur.id) {
    cw.handledExit = cur.id;
    cw.lastTerminated = {
      containerID: `containerd://${cur.id}`,
      exitCode: cur.exitCode ?? 0,
      finishedAt: ctx.timeText(cur.finishedAt ?? now),
      reason: cur.reason ?? 'Error',
      startedAt: cur.startedAt ? ctx.timeText(cur.startedAt) : null,
    };
    const msg = (cur as { message?: string }).message;
    if (msg) cw.lastTerminated.message = msg;
    const policy = w.pod.spec.restartPolicy ?? 'Always';
    const restart = cw.init ? (cur.exitCode ?? 0) !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && (cur.exitCode ?? 0) !== 0);
    if (!restart && cw.specImage === c.image) {
      cw.waiting = null;
      cw.lastTerminated = null;
      return;
    }
    if (cw.backoffSec !== null && cw.specImage === c.image) {
      cw.backoffUntil = (cur.finishedAt ?? now) + cw.backoffSec * NS_PER_S;
      const why = `back-off ${goDuration(cw.backoffSec)} restarting failed container=${c.name} pod=${podRef(w)}`;
      cw.waiting = { reason: 'CrashLoopBackOff', message: why };
      ctx.recorder.log('E', 'pod_workers.go:965', 'Error syncing pod, skipping', [
        ['err', `failed to "StartContainer" for "${c.name}" with CrashLoopBackOff: "${why}"`],
        ['pod', `${w.namespace}/${w.name}`],
        ['podUID', w.uid],
      ]);
      await ctx.recorder.event(target(w, c), 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef(w)}`);
      ctx.wake(cw.backoffUntil);
      return;
    }
    cw.backoffSec = 10;
  }
  if (cw.backoffUntil !== null) {
    if (now < cw.backoffUntil) return ctx.wake(cw.backoffUntil);
    cw.backoffUntil = null;
    cw.backoffSec = Math.min((cw.backoffSec ?? 10) * 2, MAX_BACKOFF);
  }
  if (cur?.state === 'exited' && cw.waiting === null && cw.lastTerminated === null) return;
  await startContainer(ctx, w, c, cw);
}

/** Image pull policy, pull timing and the pull error states. */
async function ensureImage(ctx: PodStartCtx, w: PodWorker, c: Container, cw: ContainerWorker): Promise<boolean> {
  if (cw.imageReady) return true;
  const now = ctx.now();
  const image = c.image ?? '';
  const ref = normalizeImageRef(image);
  if (!ref) {
    cw.waiting = { reason: 'InvalidImageName', message: `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": invalid reference format${/[A-Z]/.test(image) ? ': repository name must be lowercase' : ''}` };
    await ctx.recorder.event(target(w, c), 'Warning', 'InspectFailed', cw.waiting.message!);
    await ctx.recorder.event(target(w, c), 'Warning', 'Failed', 'Error: InvalidImageName');
    return false;
  }
  if (cw.pull?.state === 'pulling') {
    if (now < cw.pull.until) {
      ctx.wake(cw.pull.until);
      return false;
    }
    const secs = (cw.pull.until - cw.pull.started) / NS_PER_S;
    const img = ctx.runtime.pull(ctx.nodeName, image);
    if (!img) {
      const full = ref.full;
      const why = `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
      cw.waiting = { reason: 'ErrImagePull', message: why };
      cw.pull = { state: 'failed', until: now + (cw.pull.backoffSec || 10) * NS_PER_S, backoffSec: cw.pull.backoffSec || 10, started: now };
      await ctx.recorder.event(target(w, c), 'Warning', 'Failed', `Failed to pull image "${image}": ${why}`);
      await ctx.recorder.event(target(w, c), 'Warning', 'Failed', 'Error: ErrImagePull');
      ctx.wake(now + 5 * NS_PER_S);
      return false;
    }
    const waited = secs + 0.000008 + ctx.random.int(1000) / 1e9;
    await ctx.recorder.event(target(w, c), 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(Number(secs.toFixed(9)))} (${goDuration(Number(waited.toFixed(9)))} including waiting)`);
    cw.pull = null;
    cw.imageReady = true;
    return true;
  }
  if (cw.pull?.state === 'failed') {
    if (now < cw.pull.until) {
      if (cw.waiting?.reason === 'ErrImagePull' && now >= cw.pull.started + 5 * NS_PER_S) {
        cw.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
        await ctx.recorder.event(target(w, c), 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
        await ctx.recorder.event(target(w, c), 'Warning', 'Failed', 'Error: ImagePullBackOff');
      } else if (cw.waiting?.reason === 'ErrImagePull') ctx.wake(cw.pull.started + 5 * NS_PER_S);
      ctx.wake(cw.pull.until);
      return false;
    }
  }
  const present = ctx.runtime.findImage(ctx.nodeName, image);
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  if (policy === 'Never' && !present) {
    cw.waiting = { reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
    await ctx.recorder.event(target(w, c), 'Warning', 'ErrImageNeverPull', cw.waiting.message!);
    return false;
  }
  if (present && policy !== 'Always') {
    await ctx.recorder.event(target(w, c), 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    cw.imageReady = true;
    return true;
  }
  const backoff = cw.pull?.state === 'failed' ? Math.min(cw.pull.backoffSec * 2, MAX_BACKOFF) : 0;
  const seconds = present ? 0.4 + ctx.random.int(900) / 1000 : ctx.runtime.images.lookup(image) ? 2 + ctx.random.int(3000) / 1000 : 1 + ctx.random.int(500) / 1000;
  cw.pull = { state: 'pulling', until: now + Math.round(seconds * NS_PER_S) + ctx.random.int(1_000_000), backoffSec: backoff, started: now };
  await ctx.recorder.event(target(w, c), 'Normal', 'Pulling', `Pulling image "${image}"`);
  ctx.wake(cw.pull.until);
  return false;
}

async function startContainer(ctx: PodStartCtx, w: PodWorker, c: Container, cw: ContainerWorker): Promise<void> {
  const now = ctx.now();
  if (!(await ensureImage(ctx, w, c, cw))) return;
  if (cw.configRetryAt !== null && now < cw.configRetryAt) return ctx.wake(cw.configRetryAt);
  const img = ctx.runtime.findImage(ctx.nodeName, c.image ?? '')!;
  const env = containerEnv(c, w.pod, img, ctx.store, w.podIP ?? '', ctx.node.ip);
  if (!env.ok) {
    cw.waiting = { reason: 'CreateContainerConfigError', message: env.message };
    cw.configRetryAt = now + 10 * NS_PER_S;
    await ctx.recorder.event(target(w, c), 'Warning', 'Failed', `Error: ${env.message}`);
    cw.imageReady = false;
    return ctx.wake(cw.configRetryAt);
  }
  cw.configRetryAt = null;
  const rootfs = ctx.runtime.images.rootfs(img.tree);
  const user = containerUser(c, w.pod, img, rootfs, {});
  if ((c.securityContext?.runAsNonRoot ?? w.pod.spec.securityContext?.runAsNonRoot) && user.uid === 0) {
    const message = `container has runAsNonRoot and image will run as root (pod: "${podRef(w)}", container: ${c.name})`;
    cw.waiting = { reason: 'CreateContainerConfigError', message };
    cw.configRetryAt = now + 10 * NS_PER_S;
    cw.imageReady = false;
    await ctx.recorder.event(target(w, c), 'Warning', 'Failed', `Error: ${message}`);
    return ctx.wake(cw.configRetryAt);
  }
  const previous = cw.current;
  const attempt = previous ? cw.restartCount + 1 : cw.restartCount;
  // Keep only the last dead container (kubelet GC keeps one per container for --previous).
  for (const rec of Object.values(ctx.node.containers)) {
    if (rec.podUid === w.uid && rec.name === c.name && rec.id !== previous && rec.state === 'exited' && rec.id !== rec.sandboxId) ctx.runtime.removeContainer(ctx.nodeName, rec.id);
  }
  const logPath = `/var/log/pods/${w.namespace}_${w.name}_${w.uid}/${c.name}/${attempt}.log`;
  const cfg: ContainerConfig = {
    name: c.name,
    attempt,
    image: img,
    specImage: c.image ?? '',
    argv: containerArgv(c, img),
    env: env.env,
    cwd: c.workingDir || img.config.WorkingDir || '/',
    uid: user.uid,
    gid: user.gid,
    readOnlyRoot: !!c.securityContext?.readOnlyRootFilesystem,
    privileged: !!c.securityContext?.privileged,
    tty: !!c.tty,
    stdin: !!c.stdin,
    stdinOnce: !!c.stdinOnce,
    mounts: [],
    logPath,
    terminationLogPath: `${podDir(w.uid)}/containers/${c.name}/${ctx.random.hex(8)}`,
    labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': w.name, 'io.kubernetes.pod.namespace': w.namespace, 'io.kubernetes.pod.uid': w.uid },
  };
  const id = ctx.runtime.createContainer(ctx.nodeName, w.sandboxId!, { ...cfg, mounts: [...containerVolumeMounts(c, ctx.volumes(w)), ...ctx.podFiles(w, c, '')] });
  if (previous) cw.restartCount++;
  cw.current = id;
  cw.specImage = c.image ?? '';
  cw.imageReady = false;
  await ctx.recorder.event(target(w, c), 'Normal', 'Created', `Created container ${c.name}`);
  const r = ctx.runtime.start(ctx.nodeName, id);
  if (!r.ok) {
    cw.waiting = { reason: 'RunContainerError', message: r.message };
    await ctx.recorder.event(target(w, c), 'Warning', 'Failed', `Error: ${r.message}`);
    ctx.wake(now + NS_PER_S);
    return;
  }
  cw.waiting = null;
  await ctx.recorder.event(target(w, c), 'Normal', 'Started', `Started container ${c.name}`);
}

export function podLogDir(pod: Pod): string {
  return `/var/log/pods/${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`;
}
