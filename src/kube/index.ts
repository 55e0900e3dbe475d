// Public surface of the simulated Kubernetes: installKube wires the store, API server, network,
// containerd, kubelets, scheduler and controllers into a world and its kernel (timers, services, watches).

import { NS_PER_S, type SimNs } from '../core/time';
import { Vfs } from '../vfs';
import type { Kernel } from '../world/kernel/kernel';
import type { World } from '../world/world';
import { bootstrapStore, type ClusterNode } from './bootstrap';
import { kubeClientFactory } from './client';
import { KubeletConnector } from './connector';
import { ControllerManager, NAMESPACE_TIMER } from './controllers';
import { controllerManagerClient, schedulerClient, ApiNetwork } from './network';
import { ApiServer } from './apiserver/pipeline';
import { DEFAULT_STARTUP_DELAY, permissiveBoot, type ApiServerBoot, type ApiServerHost, type KubeletControl } from './programs';
import { Containerd } from './runtime/containerd';
import { criClientFactory } from './runtime/cri';
import { ImageCatalog, type KubeAssets } from './runtime/images';
import { Kubelet, MANIFEST_TIMER, SYNC_TIMER } from './kubelet/kubelet';
import { MANIFEST_DIR } from './kubelet/static-pods';
import { PodScheduler, SCHEDULE_TIMER } from './scheduler';
import { ControlPlaneTraffic, TRAFFIC_TIMER } from './control-plane-traffic';
import { AuditWebhookQueue, WEBHOOK_TIMER } from './audit/webhook-queue';
import { kubeState, type KubeState } from './state';
import { ObjectStore } from './store';
import { kubeTime } from './timefmt';
import type { Pod } from './types';

export interface InstallKubeOptions {
  assets: KubeAssets;
  /** Node that runs the control plane (default: a node named kube-control-plane, else the first). */
  controlPlane?: string;
  /** Decides whether kube-apiserver starts and how it audits (the audit engine plugs in here). */
  boot?: ApiServerBoot;
  /** kube-apiserver process start → serving. */
  startupDelay?: SimNs;
  /** containerd's sandbox_image. */
  sandboxImage?: string;
  /** Images already on each node (kubeadm's pulls); defaults to pause and the control-plane images. */
  preloadImages?: Record<string, string[]>;
  /** When `kubeadm init` ran, relative to the world's epoch (negative: before the lab began). */
  clusterCreatedAt?: SimNs;
}

export const INOTIFY_TIMER = 'kube.kubelet.inotify';

const CONTROL_PLANE_IMAGES = ['registry.k8s.io/kube-apiserver:v1.26.1', 'registry.k8s.io/kube-controller-manager:v1.26.1', 'registry.k8s.io/kube-scheduler:v1.26.1', 'registry.k8s.io/etcd:3.5.6-0'];
const PAUSE_IMAGES = ['registry.k8s.io/pause:3.6', 'registry.k8s.io/pause:3.9'];

/** Handles to the running simulation, for the world builder, grading probes and tests. */
export class KubeCluster {
  readonly kubelets = new Map<string, Kubelet>();
  constructor(
    readonly world: World,
    readonly kernel: Kernel,
    readonly state: KubeState,
    readonly store: ObjectStore,
    readonly api: ApiServer,
    readonly net: ApiNetwork,
    readonly runtime: Containerd,
    readonly scheduler: PodScheduler,
    readonly controllers: ControllerManager,
    readonly controlPlane: string,
  ) {}

  /** True while a kube-apiserver process serves. */
  apiServing(): boolean {
    return this.net.serving();
  }
}

export function installKube(kernel: Kernel, world: World, opts: InstallKubeOptions): KubeCluster {
  const state = kubeState(world);
  const timers = kernel.scheduler;
  const random = kernel.random;
  const nodeNames = Object.keys(world.nodes);
  const controlPlane = opts.controlPlane ?? (world.nodes['kube-control-plane'] ? 'kube-control-plane' : nodeNames[0]!);
  const cpIP = (): string => world.nodes[controlPlane]?.ip ?? '192.168.56.10';
  const nowText = (): string => kubeTime(world.clock.epochMs, world.clock.now);
  const store = new ObjectStore(state.store, random, nowText);
  const hostVfs = (node: string): Vfs => new Vfs({ fsTable: world.fs, mounts: world.nodes[node]!.mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => world.clock.now });
  const caCert = (): string => {
    try {
      return hostVfs(controlPlane).readFile('/etc/kubernetes/pki/ca.crt');
    } catch {
      return '';
    }
  };
  const nodes: ClusterNode[] = nodeNames.map((n) => ({ name: n, ip: world.nodes[n]!.ip, controlPlane: n === controlPlane }));
  bootstrapStore(store, { nodes, createdAt: kubeTime(world.clock.epochMs, opts.clusterCreatedAt ?? world.clock.now - 3 * 3600 * NS_PER_S), caCert: caCert() });

  const images = new ImageCatalog(opts.assets);
  let cluster: KubeCluster;
  const runtime = new Containerd(world, kernel, timers, state, images, (node) => cluster.kubelets.get(node)?.onContainerExit());
  const connector = new KubeletConnector(world, state, runtime, timers);
  const api = new ApiServer({ world, state, store, random, connector });
  const net = new ApiNetwork(state, api);
  /** A control-plane component runs when its static pod has a running container (or, in a bare test world, has no pod). */
  const componentUp = (component: string): boolean => {
    const workers = Object.values(state.kubelets).flatMap((k) => Object.values(k.pods)).filter((w) => w.static && w.name.startsWith(`${component}-`));
    return workers.length === 0 || workers.some((w) => Object.values(w.containers).some((c) => c.current && world.nodes[controlPlane]?.containers[c.current]?.state === 'running'));
  };
  const kubeSchedulerUp = (): boolean => componentUp('kube-scheduler');
  const podScheduler = new PodScheduler(store, schedulerClient(net, cpIP()), timers, random, world, kubeSchedulerUp, () => state.eventSeq++);
  const controllers = new ControllerManager(world, store, controllerManagerClient(net, cpIP(), 'namespace-controller'), timers, caCert);
  cluster = new KubeCluster(world, kernel, state, store, api, net, runtime, podScheduler, controllers, controlPlane);

  const ipCounters = state.ipam;
  for (const [i, n] of nodeNames.entries()) {
    const k = new Kubelet(
      {
        world, kernel, scheduler: timers, state, store, net, runtime, random, sandboxImage: opts.sandboxImage ?? 'registry.k8s.io/pause:3.6',
        allocateIP: (node) => {
          const next = (ipCounters[node] ?? 1) + 1;
          ipCounters[node] = next;
          const octet = [137, 201, 50, 77, 93][nodeNames.indexOf(node)] ?? 100 + i;
          return `172.18.${octet}.${next % 254 || 2}`;
        },
      },
      n,
    );
    cluster.kubelets.set(n, k);
    for (const ref of opts.preloadImages?.[n] ?? [...PAUSE_IMAGES, ...(n === controlPlane ? CONTROL_PLANE_IMAGES : [])]) runtime.pull(n, ref);
  }

  const traffic = new ControlPlaneTraffic({
    world, state, store, net, scheduler: timers, random, controlPlane,
    kubeletRunning: (node) => cluster.kubelets.get(node)?.running() ?? false,
    componentRunning: componentUp,
  });
  timers.on(TRAFFIC_TIMER, (d) => traffic.fire(d));
  timers.on(SYNC_TIMER, (d) => cluster.kubelets.get((d as { node: string }).node)?.sync());
  timers.on(MANIFEST_TIMER, (d) => {
    const k = cluster.kubelets.get((d as { node: string }).node);
    k?.rescanManifests();
    k?.scheduleManifestCheck();
    // The periodic re-list doubles as the kubelet's resync (e.g. after `systemctl restart kubelet`).
    k?.wake();
  });
  timers.on(INOTIFY_TIMER, (d) => cluster.kubelets.get((d as { node: string }).node)?.rescanManifests());
  timers.on(SCHEDULE_TIMER, () => podScheduler.run());
  timers.on(NAMESPACE_TIMER, (d) => controllers.syncNamespace((d as { ns: string }).ns));

  store.subscribe((e) => {
    controllers.onStoreEvent(e);
    // A node that changed (untainted, uncordoned) may take pods that could not be placed.
    if (e.resource === 'nodes') podScheduler.kick();
    if (e.resource !== 'pods') return;
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    // The kubelet's own status writes do not wake it; spec, binding and deletion changes do.
    if (e.type === 'MODIFIED' && old && JSON.stringify(old.spec) === JSON.stringify(pod.spec) && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp) return;
    if (!pod.spec.nodeName && e.type !== 'DELETED') podScheduler.kick();
    const node = pod.spec.nodeName ?? old?.spec.nodeName;
    if (node) cluster.kubelets.get(node)?.wake();
  });

  // inotify on the manifest directory: a write, rename or unlink there makes the kubelet re-read it.
  for (const n of nodeNames) {
    kernel.bus(n).subscribe((e) => {
      const path = String(e.args.name ?? e.args.newpath ?? e.args.linkpath ?? e.args.path ?? e.args.oldpath ?? '');
      if (!path.startsWith(`${MANIFEST_DIR}/`) && path !== MANIFEST_DIR) return;
      const writes = e.type === 'openat' ? /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(String(e.args.flags)) : ['renameat', 'rename', 'unlinkat', 'unlink', 'symlinkat', 'linkat', 'mkdir', 'rmdir'].includes(e.type);
      if (!writes || e.res < 0) return;
      if (world.timers.some((t) => t.kind === INOTIFY_TIMER && (t.data as { node: string }).node === n)) return;
      timers.after(NS_PER_S / 10, INOTIFY_TIMER, { node: n });
    });
  }

  const webhookQueue = new AuditWebhookQueue(world, timers, state, random);
  timers.on(WEBHOOK_TIMER, (d) => webhookQueue.fire(d));
  const host: ApiServerHost = {
    boot: opts.boot ?? permissiveBoot,
    webhookBackend: webhookQueue,
    startupDelay: opts.startupDelay ?? DEFAULT_STARTUP_DELAY,
    wasServing: (cid) => state.lastServingContainer === cid,
    serve: (s) => {
      state.serving = { node: s.node, pid: s.pid, containerId: s.containerId, since: world.clock.now, flags: s.flags };
      state.lastServingContainer = s.containerId;
      api.audit = s.audit;
      traffic.start();
      for (const k of cluster.kubelets.values()) k.wake();
      podScheduler.kick();
    },
    stop: (pid) => {
      if (state.serving?.pid !== pid) return;
      state.serving = null;
      state.lastServingContainer = null;
      api.audit = null;
    },
  };
  kernel.registerService('kube', kubeClientFactory(net, cpIP, state));
  kernel.registerService('cri', criClientFactory(runtime));
  kernel.registerService('kube-apiserver-host', () => host);
  kernel.registerService('kubelet-control', (_k, node): KubeletControl => ({
    started: () => {
      const k = cluster.kubelets.get(node);
      k?.rescanManifests();
      k?.wake();
    },
  }));

  // A restored world: the serving process is gone; its container restarts and serves again at once.
  if (state.serving) {
    state.lastServingContainer = state.serving.containerId;
    state.serving = null;
  }
  runtime.restoreProcesses();
  for (const k of cluster.kubelets.values()) {
    if (!world.timers.some((t) => t.kind === MANIFEST_TIMER && (t.data as { node: string }).node === k.nodeName)) timers.after(0, MANIFEST_TIMER, { node: k.nodeName });
    k.wake();
  }
  podScheduler.kick();
  return cluster;
}

export { kubeState, type KubeState } from './state';
export type { ApiServerBoot, ApiServerBootContext, ApiServerBootResult, ApiServerHost } from './programs';
export type { AuditHook, AuditRequestInfo, AuditStageInfo, ApiRequest, ApiResponse, UserInfo } from './apiserver/types';
export type { KubeClient, KubeClientRequest, KubeClientResult } from './client';
export type { CriClient } from './runtime/cri';
export type { KubeAssets, CatalogImage } from './runtime/images';
export { kubeApiserverCommand, etcdCommand, kubeSchedulerCommand, kubeControllerManagerCommand, pauseCommand, kubeletCommand, permissiveBoot } from './programs';
