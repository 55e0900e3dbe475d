// The kubelet of one node: pod workers for API pods bound to the node and for static pods from
// /etc/kubernetes/manifests (re-read every 20 s and on change), their sync (start, restart, stop),
// status reporting through the API and mirror pods. Every wake-up is a named, serialisable timer.

import type { Random } from '../../core/random';
import { NS_PER_S, type SimNs } from '../../core/time';
import { Vfs } from '../../vfs';
import type { Kernel } from '../../world/kernel/kernel';
import type { Scheduler } from '../../world/scheduler';
import type { NodeState, World } from '../../world/world';
import type { ObjectStore } from '../store';
import type { KubeState } from '../state';
import type { Container, Pod } from '../types';
import { kubeletClient, type ApiNetwork, type ComponentClient } from '../network';
import type { Containerd } from '../runtime/containerd';
import type { MountSpec } from '../runtime/mounts';
import { kubeTime, rfc3339Nano } from '../timefmt';
import { KubeletRecorder } from './recorder';
import { newContainerWorker, syncContainer, type PodStartCtx } from './pod-start';
import { emptyKubeletNode, type KubeletNodeState, type PodWorker } from './state';
import { decodeStaticPod, duplicatePodReport, listManifestFiles } from './static-pods';
import { MAX_VOLUME_RETRY_SEC, MOUNT_TIMEOUT, mountRetryLine, mountTimeoutError, POD_WORKER_BACKOFF } from './volume-messages';
import { hash128 } from '../ids';
import { pushPodStatuses } from './status-sync';
import { removePodDir, setupVolumes, type HostVolume, type VolumeEnv } from './volumes';
import { podFileMounts, writePodFiles } from './pod-files';

export interface KubeletDeps {
  world: World;
  kernel: Kernel;
  scheduler: Scheduler;
  state: KubeState;
  store: ObjectStore;
  net: ApiNetwork;
  runtime: Containerd;
  random: Random;
  sandboxImage: string;
  /** Pod IP for a new sandbox on this node. */
  allocateIP: (node: string) => string;
}

export const SYNC_TIMER = 'kube.kubelet.sync';
export const MANIFEST_TIMER = 'kube.kubelet.manifests';
const FILE_CHECK_FREQUENCY = 20 * NS_PER_S;

export class Kubelet {
  readonly client: ComponentClient;
  readonly recorder: KubeletRecorder;
  private syncing = false;
  private again = false;
  private readonly hostVolumes = new Map<string, Record<string, HostVolume>>();

  constructor(
    private readonly d: KubeletDeps,
    readonly nodeName: string,
  ) {
    this.client = kubeletClient(d.net, nodeName, this.node().ip);
    this.recorder = new KubeletRecorder(this.node(), () => this.ks(), this.client, d.random, () => d.world.clock.epochMs, () => this.now(), () => this.time(this.now()), () => d.state.eventSeq++);
  }

  node(): NodeState {
    return this.d.kernel.node(this.nodeName);
  }

  ks(): KubeletNodeState {
    return (this.d.state.kubelets[this.nodeName] ??= emptyKubeletNode());
  }

  now(): SimNs {
    return this.d.world.clock.now;
  }

  time(t: SimNs): string {
    return kubeTime(this.d.world.clock.epochMs, t);
  }

  /** The kubelet runs unless systemd has its unit stopped. */
  running(): boolean {
    const u = this.node().units['kubelet.service'];
    return !u || u.activeState === 'active' || u.activeState === 'activating';
  }

  /** Ask for a sync at `at` (or now); one timer per node, moved earlier when needed. */
  wake(at: SimNs = this.now()): void {
    const ks = this.ks();
    const when = Math.max(at, this.now());
    if (ks.syncTimer && ks.syncTimer.at <= when && this.d.world.timers.some((t) => t.id === ks.syncTimer!.id)) return;
    if (ks.syncTimer) this.d.scheduler.cancel(ks.syncTimer.id);
    ks.syncTimer = { at: when, id: this.d.scheduler.schedule(when, SYNC_TIMER, { node: this.nodeName }) };
  }

  /** The 20 s re-list of the manifest directory, as a chain of timers. */
  scheduleManifestCheck(): void {
    if (!this.d.world.timers.some((t) => t.kind === MANIFEST_TIMER && (t.data as { node: string }).node === this.nodeName)) {
      this.d.scheduler.after(FILE_CHECK_FREQUENCY, MANIFEST_TIMER, { node: this.nodeName });
    }
  }

  hostVfs(): Vfs {
    return new Vfs({ fsTable: this.d.world.fs, mounts: this.node().mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => this.now() });
  }

  // ---------------------------------------------------------------- static pods

  /** Read the manifest directory: new files become pods, removed or broken ones stop theirs. */
  rescanManifests(): void {
    if (!this.running()) return;
    const vfs = this.hostVfs();
    const ks = this.ks();
    const desired = new Map<string, Pod>();
    const names = new Set<string>();
    const before = ks.manifests;
    ks.manifests = {};
    // The file source hands over every pod that decoded, in path order (index = position in that list).
    const decoded: Array<{ path: string; pod: Pod }> = [];
    for (const path of listManifestFiles(vfs)) {
      let text: string;
      try {
        text = vfs.readFile(path);
      } catch {
        continue;
      }
      // Unchanged content decodes to the same pod (same UID): reuse it instead of parsing again.
      const known = before[path];
      const worker = known?.uid ? ks.pods[known.uid] : undefined;
      if (known && worker && !worker.removed && known.hash === hash128(text)) {
        ks.manifests[path] = known;
        decoded.push({ path, pod: worker.pod });
        continue;
      }
      const r = decodeStaticPod(path, text, this.nodeName, rfc3339Nano(this.d.world.clock.epochMs, this.now()));
      if (!r.pod) {
        this.recorder.log('E', 'file.go:187', 'Could not process manifest file', [['err', r.error ?? ''], ['path', path]]);
        ks.manifests[path] = { hash: r.contentHash, uid: null };
        continue;
      }
      ks.manifests[path] = { hash: r.contentHash, uid: r.pod.metadata.uid! };
      decoded.push({ path, pod: r.pod });
    }
    // config.go filterInvalidPods: the first pod of a name wins; a later copy (kube-apiserver.yaml.bak) is ignored.
    for (const [index, { path, pod }] of decoded.entries()) {
      const full = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (names.has(full)) {
        this.reportDuplicate(index, pod);
        ks.manifests[path] = { ...ks.manifests[path]!, uid: null };
        continue;
      }
      names.add(full);
      desired.set(pod.metadata.uid!, pod);
    }
    let changed = false;
    for (const w of Object.values(ks.pods)) {
      if (w.static && !desired.has(w.uid) && !w.removed) {
        this.beginTermination(w, w.pod.spec.terminationGracePeriodSeconds ?? 30);
        w.removed = true;
        changed = true;
      }
    }
    for (const [uid, pod] of desired) {
      const old = ks.pods[uid];
      // The same content again (same UID) after a removal: start afresh once the old pod is gone.
      if (old?.removed && old.phase === 'terminated') delete ks.pods[uid];
      if (ks.pods[uid]) continue;
      ks.pods[uid] = this.newWorker(pod, true, Object.entries(ks.manifests).find(([, m]) => m.uid === uid)?.[0] ?? null);
      changed = true;
    }
    if (changed) this.wake();
  }

  /** filterInvalidPods' line and event for a static pod whose name another manifest already took. */
  private reportDuplicate(index: number, pod: Pod): void {
    const d = duplicatePodReport(index, pod);
    this.recorder.logRaw('I', 'config.go:383', d.line);
    void this.recorder.event(d.target, 'Warning', 'FailedValidation', d.event);
  }

  private newWorker(pod: Pod, isStatic: boolean, manifestPath: string | null): PodWorker {
    const containers: PodWorker['containers'] = {};
    for (const c of pod.spec.initContainers ?? []) containers[c.name] = newContainerWorker(c.name, true);
    for (const c of pod.spec.containers) containers[c.name] = newContainerWorker(c.name, false);
    return {
      uid: pod.metadata.uid!, name: pod.metadata.name!, namespace: pod.metadata.namespace ?? 'default', static: isStatic, manifestPath, pod,
      mirrorUid: null, sandboxId: null, phase: 'starting', killAt: null, removed: false, volumeError: null, volumeRetryAt: null,
      volumeBackoffSec: 0.5, volumesReady: false, podIP: null, killStarted: false, startTime: null, pushedStatus: null, transitions: {}, containers,
    };
  }

  private beginTermination(w: PodWorker, graceSec: number): void {
    if (w.phase === 'terminating' || w.phase === 'terminated') {
      if (w.killAt !== null && this.now() + graceSec * NS_PER_S < w.killAt) w.killAt = this.now() + graceSec * NS_PER_S;
      return;
    }
    w.phase = 'terminating';
    w.killAt = this.now() + graceSec * NS_PER_S;
    w.killStarted = false;
  }

  // ---------------------------------------------------------------- sync

  async sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again);
    } finally {
      this.syncing = false;
    }
  }

  private async syncOnce(): Promise<void> {
    const ks = this.ks();
    ks.syncTimer = null;
    if (!this.running()) return;
    const apiPods = (this.d.store.list('pods') as Pod[]).filter((p) => p.spec.nodeName === this.nodeName);
    for (const p of apiPods) {
      const mirror = p.metadata.annotations?.['kubernetes.io/config.mirror'];
      if (mirror !== undefined) {
        if (p.metadata.deletionTimestamp) await this.client.request('delete', `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 });
        continue;
      }
      const w = ks.pods[p.metadata.uid!];
      if (!w) {
        if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') {
          if (p.metadata.deletionTimestamp) await this.finalDelete(p.metadata.namespace!, p.metadata.name!, p.metadata.uid!);
          continue;
        }
        ks.pods[p.metadata.uid!] = this.newWorker(p, false, null);
        continue;
      }
      if (p.metadata.deletionTimestamp) this.beginTermination(w, Math.max(p.metadata.deletionGracePeriodSeconds ?? 0, 0));
      else if (w.phase !== 'terminating') w.pod = p;
    }
    const live = new Set(apiPods.map((p) => p.metadata.uid));
    for (const w of Object.values(ks.pods)) {
      if (!w.static && !live.has(w.uid) && !w.removed) {
        w.removed = true;
        this.beginTermination(w, 2);
      }
    }
    for (const w of Object.values(ks.pods)) {
      if (w.phase === 'terminating' || w.phase === 'terminated') await this.syncTermination(w);
      else await this.syncPod(w);
    }
    await this.pushStatuses();
    await this.removeOrphanMirrors();
  }

  private startCtx(): PodStartCtx {
    return {
      nodeName: this.nodeName,
      node: this.node(),
      ks: this.ks(),
      store: this.d.store,
      runtime: this.d.runtime,
      recorder: this.recorder,
      random: this.d.random,
      now: () => this.now(),
      wake: (at) => this.wake(at),
      sandboxImage: this.d.sandboxImage,
      timeText: (t) => this.time(t),
      volumes: (w) => this.hostVolumes.get(w.uid) ?? {},
      podFiles: (w, c) => this.podFiles(w, c),
    };
  }

  private volumeEnv(): VolumeEnv {
    return {
      fsTable: this.d.world.fs,
      mounts: this.node().mounts,
      store: this.d.store,
      random: this.d.random,
      now: () => this.now(),
      stamp: () => rfc3339Nano(this.d.world.clock.epochMs, this.now()).replace(/[-:]/g, '_').replace('T', '_').replace('Z', '').padEnd(29, '0'),
    };
  }

  private async syncPod(w: PodWorker): Promise<void> {
    const ks = this.ks();
    const now = this.now();
    if (w.static && Object.values(ks.pods).some((o) => o !== w && o.name === w.name && o.namespace === w.namespace && o.phase === 'terminating')) return;
    if (!w.volumesReady || !this.hostVolumes.has(w.uid)) {
      if (w.volumeError !== null) this.mountTimeout(w, now);
      if (w.volumeRetryAt !== null && now < w.volumeRetryAt) return this.wake(Math.min(w.volumeRetryAt, w.mountTimeoutAt ?? Infinity));
      const r = setupVolumes(this.volumeEnv(), w.pod);
      if (!r.ok) {
        w.unmountedVolume = r.volume;
        w.mountTimeoutAt ??= now + MOUNT_TIMEOUT;
        w.volumeError = r.message;
        const retry = w.volumeBackoffSec;
        this.recorder.logRaw('E', 'nestedpendingoperations.go:348', mountRetryLine(w, r, { epochMs: this.d.world.clock.epochMs, now, bootTime: this.node().bootTime, retrySec: retry }));
        w.volumeBackoffSec = Math.min(retry * 2, MAX_VOLUME_RETRY_SEC);
        w.volumeRetryAt = now + retry * NS_PER_S;
        w.startTime ??= now;
        return this.wake(Math.min(w.volumeRetryAt, w.mountTimeoutAt));
      }
      this.hostVolumes.set(w.uid, r.volumes);
      w.volumesReady = true;
      w.volumeError = null;
      w.mountTimeoutAt = null;
    }
    if (!w.sandboxId) {
      const hostNetwork = !!w.pod.spec.hostNetwork;
      w.podIP = hostNetwork ? this.node().ip : this.d.allocateIP(this.nodeName);
      const sb = this.d.runtime.runPodSandbox(this.nodeName, { uid: w.uid, name: w.name, namespace: w.namespace, labels: w.pod.metadata.labels ?? {}, hostNetwork }, 0, w.podIP, this.d.sandboxImage);
      w.sandboxId = sb.id;
      w.startTime ??= now;
      this.writePodFiles(w, hostNetwork);
      return this.wake(now + NS_PER_S);
    }
    const ctx = this.startCtx();
    const init = w.pod.spec.initContainers ?? [];
    for (const c of init) {
      const cw = w.containers[c.name] ?? (w.containers[c.name] = newContainerWorker(c.name, true));
      const cur = cw.current ? this.node().containers[cw.current] : undefined;
      if (cur?.state === 'exited' && cur.exitCode === 0) continue;
      await syncContainer(ctx, w, c);
      return;
    }
    for (const c of w.pod.spec.containers) await syncContainer(ctx, w, c);
    if (w.phase === 'starting' && Object.values(w.containers).every((c) => c.current !== null)) w.phase = 'running';
  }

  /**
   * WaitForAttachAndMount gives up after 2m3s: the sync fails with both lines below, and the pod worker
   * tries again after its 10 s back-off, waiting another 2m3s.
   */
  private mountTimeout(w: PodWorker, now: SimNs): void {
    if (w.mountTimeoutAt === undefined || w.mountTimeoutAt === null || now < w.mountTimeoutAt) return;
    const err = mountTimeoutError(w);
    const pod = `${w.namespace}/${w.name}`;
    this.recorder.log('E', 'kubelet.go:1760', 'Unable to attach or mount volumes for pod; skipping pod', [['err', err], ['pod', pod]]);
    this.recorder.log('E', 'pod_workers.go:965', 'Error syncing pod, skipping', [['err', err], ['pod', pod], ['podUID', w.uid]]);
    w.mountTimeoutAt = now + POD_WORKER_BACKOFF + MOUNT_TIMEOUT;
  }

  private writePodFiles(w: PodWorker, hostNetwork: boolean): void {
    writePodFiles(this.hostVfs(), w, this.nodeName, hostNetwork);
  }

  private podFiles(w: PodWorker, c: Container): MountSpec[] {
    return podFileMounts(this.hostVfs(), w, c, this.d.random);
  }

  // ---------------------------------------------------------------- termination

  private async syncTermination(w: PodWorker): Promise<void> {
    const n = this.node();
    const ids = Object.values(w.containers).map((c) => c.current).filter((x): x is string => !!x);
    if (!w.killStarted) {
      w.killStarted = true;
      const grace = Math.max(0, Math.ceil(((w.killAt ?? this.now()) - this.now()) / NS_PER_S));
      for (const id of ids) {
        const c = n.containers[id];
        if (c?.state !== 'running') continue;
        await this.recorder.event({ name: w.name, namespace: w.namespace, uid: w.uid, fieldPath: `spec.containers{${c.name}}` }, 'Normal', 'Killing', `Stopping container ${c.name}`);
        this.d.runtime.stopContainer(this.nodeName, id, grace);
      }
    }
    if (ids.some((id) => n.containers[id]?.state === 'running')) {
      // Never at an instant already past: a container whose process is still on its way out would
      // have the kubelet look again at the same instant, forever.
      this.wake(Math.max(w.killAt ?? this.now(), this.now()) + NS_PER_S);
      return;
    }
    if (w.sandboxId) {
      this.d.runtime.stopPodSandbox(this.nodeName, w.sandboxId);
      this.d.runtime.removePodSandbox(this.nodeName, w.sandboxId);
      w.sandboxId = null;
    }
    removePodDir(this.volumeEnv(), w.uid);
    this.hostVolumes.delete(w.uid);
    w.phase = 'terminated';
    if (w.static) {
      delete this.ks().pods[w.uid];
      await this.removeOrphanMirrors();
      // The manifest may want this very pod again (same content, same UID): start it anew.
      const path = Object.entries(this.ks().manifests).find(([, m]) => m.uid === w.uid)?.[0];
      if (path && w.removed) this.rescanManifests();
      return;
    }
    if (await this.finalDelete(w.namespace, w.name, w.uid)) delete this.ks().pods[w.uid];
    else this.wake(this.now() + 5 * NS_PER_S);
  }

  /** Mirror pods whose static pod is gone are deleted (when the API server answers). */
  private async removeOrphanMirrors(): Promise<void> {
    if (!this.d.net.serving()) return;
    const wanted = new Set(Object.values(this.ks().pods).filter((w) => w.static && w.phase !== 'terminated').map((w) => w.uid));
    for (const p of this.d.store.list('pods') as Pod[]) {
      const m = p.metadata.annotations?.['kubernetes.io/config.mirror'];
      if (m === undefined || p.spec.nodeName !== this.nodeName || wanted.has(m)) continue;
      if (Object.values(this.ks().pods).some((w) => w.static && w.name === p.metadata.name && w.namespace === p.metadata.namespace && w.phase !== 'terminated')) continue;
      await this.client.request('delete', `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 });
    }
  }

  /** The kubelet's last word on a deleted pod: DELETE with grace 0 once its containers are gone. */
  private async finalDelete(ns: string, name: string, uid: string): Promise<boolean> {
    const live = this.d.store.get('pods', ns, name);
    if (!live || live.metadata.uid !== uid) return true;
    if (!live.metadata.deletionTimestamp) return true;
    const r = await this.client.request('delete', `/api/v1/namespaces/${ns}/pods/${name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid } });
    return r !== null;
  }

  // ---------------------------------------------------------------- status

  private async pushStatuses(): Promise<void> {
    await pushPodStatuses({ node: this.node(), nodeName: this.nodeName, workers: Object.values(this.ks().pods), store: this.d.store, net: this.d.net, client: this.client, now: () => this.now(), time: (t) => this.time(t) });
  }

  /** Runtime notified an exit: resync now. */
  onContainerExit(): void {
    this.wake();
  }
}
