// containerd's CRI side on each node: pod sandboxes (shim + pause), containers whose root is a copy of
// the image tree and whose init process runs as a child of runc → containerd-shim-runc-v2, stop/kill,
// exec into a running container (container-exec.ts), attach to its own process (container-stdio.ts),
// and restarting init processes after a saved world is restored.

import { emptyInput, nullOutput, type InputStream, type OutputStream } from '../../core/stream';
import { NS_PER_S, type SimNs } from '../../core/time';
import { cloneFilesystem, Vfs } from '../../vfs';
import { DEFAULT_PATH, type Kernel } from '../../world/kernel/kernel';
import { resolveExec, searchPath } from '../../world/kernel/exec-resolve';
import type { Scheduler } from '../../world/scheduler';
import type { ContainerRecord, NodeState, World } from '../../world/world';
import type { KubeState } from '../state';
import { containerId as newContainerId } from '../ids';
import { ContainerConsole, type AttachClient } from './container-stdio';
import { execFailure, execInContainer, type ExecIO } from './container-exec';
import { containerLogLink, createLogFile, CriLogWriter, removeTree, type LogFiles } from './cri-log';
import { normalizeImageRef, type ImageCatalog } from './images';
import { buildMountTable, pseudoFilesystems, type MountSpec } from './mounts';
import { addPassiveProcess, removePassiveProcess, runcCreateArgv, shimArgv } from './processes';
import { emptyRuntimeNode, type ContainerLaunch, type PulledImage, type RuntimeNodeState, type SandboxRecord } from './state';

export interface ContainerConfig {
  /** Container name in the pod. */
  name: string;
  attempt: number;
  image: PulledImage;
  /** The reference as the pod spec wrote it. */
  specImage: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  readOnlyRoot: boolean;
  privileged: boolean;
  tty: boolean;
  stdin: boolean;
  /** Close stdin when the first attached client goes. */
  stdinOnce?: boolean;
  /** Volume and CRI file mounts (from the kubelet). */
  mounts: MountSpec[];
  logPath: string;
  terminationLogPath: string | null;
  labels: Record<string, string>;
}

export type StartResult = { ok: true; pid: number } | { ok: false; message: string };
export type ExitListener = (node: string, containerId: string) => void;

const SIGTERM = 15;
const SIGKILL = 9;

export class Containerd {
  /** Live log writers of running init processes (closed at exit). */
  private readonly writers = new Map<string, CriLogWriter[]>();
  /** Stdin and terminal of running containers started with stdin or tty (what attach connects to). */
  private readonly consoles = new Map<string, ContainerConsole>();

  constructor(
    private readonly world: World,
    private readonly kernel: Kernel,
    private readonly scheduler: Scheduler,
    private readonly state: KubeState,
    readonly images: ImageCatalog,
    private readonly onExit: ExitListener,
  ) {
    scheduler.on('kube.runtime.kill', (data) => {
      const d = data as { node: string; id: string; pid: number };
      const c = this.node(d.node).containers[d.id];
      if (c && c.state === 'running' && c.pid === d.pid) this.kernel.signal(d.node, d.pid, SIGKILL);
    });
  }

  node(name: string): NodeState {
    return this.kernel.node(name);
  }

  rt(node: string): RuntimeNodeState {
    return (this.state.runtime[node] ??= emptyRuntimeNode());
  }

  logFiles(node: string): LogFiles {
    return { fsTable: this.world.fs, mounts: this.node(node).mounts, now: () => this.world.clock.now, epochMs: () => this.world.clock.epochMs };
  }

  hostVfs(node: string): Vfs {
    return new Vfs({ fsTable: this.world.fs, mounts: this.node(node).mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => this.world.clock.now });
  }

  // ---------------------------------------------------------------- images

  /** The node's copy of an image, by any reference to it. */
  findImage(node: string, ref: string): PulledImage | undefined {
    const n = normalizeImageRef(ref);
    if (!n) return undefined;
    return Object.values(this.rt(node).images).find((i) => i.repoTags.includes(n.full) || i.repoDigests.includes(n.full) || i.id === ref);
  }

  /** Fetch from the catalogue into the node's store; null when the registry has no such image. */
  pull(node: string, ref: string): PulledImage | null {
    const have = this.findImage(node, ref);
    if (have) return have;
    const img = this.images.lookup(ref);
    if (!img) return null;
    const rec = this.images.pulled(img, this.world.clock.now);
    this.rt(node).images[rec.id] = rec;
    return rec;
  }

  // ---------------------------------------------------------------- sandboxes

  runPodSandbox(node: string, pod: { uid: string; name: string; namespace: string; labels: Record<string, string>; hostNetwork: boolean }, attempt: number, ip: string, pauseImage: string): SandboxRecord {
    const n = this.node(node);
    const now = this.world.clock.now;
    const id = newContainerId(this.kernel.random);
    const shim = addPassiveProcess(n, { ppid: 1, argv: shimArgv(id), exe: '/usr/bin/containerd-shim-runc-v2', now }, this.kernel.random);
    const sb: SandboxRecord = {
      id,
      podUid: pod.uid,
      podName: pod.name,
      podNamespace: pod.namespace,
      attempt,
      state: 'SANDBOX_READY',
      createdAt: now,
      ip,
      hostNetwork: pod.hostNetwork,
      shimPid: shim.pid,
      labels: { ...pod.labels, 'io.cri-containerd.kind': 'sandbox', 'io.kubernetes.pod.name': pod.name, 'io.kubernetes.pod.namespace': pod.namespace, 'io.kubernetes.pod.uid': pod.uid },
      logDirectory: `/var/log/pods/${pod.namespace}_${pod.name}_${pod.uid}`,
    };
    this.rt(node).sandboxes[id] = sb;
    const image = this.pull(node, pauseImage);
    if (image) {
      const cfg: ContainerConfig = {
        name: 'POD', attempt, image, specImage: pauseImage, argv: ['/pause'], env: {}, cwd: '/', uid: 65535, gid: 65535,
        readOnlyRoot: true, privileged: false, tty: false, stdin: false, mounts: [], logPath: '', terminationLogPath: null,
        labels: sb.labels,
      };
      this.create(node, sb, cfg, id);
      this.start(node, id);
    }
    return sb;
  }

  stopPodSandbox(node: string, sandboxId: string): void {
    const sb = this.rt(node).sandboxes[sandboxId];
    if (!sb) return;
    sb.state = 'SANDBOX_NOTREADY';
    const pause = this.node(node).containers[sandboxId];
    if (pause?.state === 'running' && pause.pid !== undefined) this.kernel.signal(node, pause.pid, SIGKILL);
  }

  removePodSandbox(node: string, sandboxId: string): void {
    const rt = this.rt(node);
    const sb = rt.sandboxes[sandboxId];
    if (!sb) return;
    for (const c of Object.values(this.node(node).containers)) if (c.sandboxId === sandboxId) this.removeContainer(node, c.id);
    removePassiveProcess(this.node(node), sb.shimPid);
    delete rt.sandboxes[sandboxId];
    // The kubelet's container GC removes a gone pod's log directory with its last containers.
    if (!Object.values(rt.sandboxes).some((o) => o.logDirectory === sb.logDirectory)) removeTree(this.hostVfs(node), sb.logDirectory);
  }

  // ---------------------------------------------------------------- containers

  /** CreateContainer: copy the image root, build the mount namespace, open the log. */
  createContainer(node: string, sandboxId: string, cfg: ContainerConfig): string {
    const sb = this.rt(node).sandboxes[sandboxId];
    if (!sb) throw new Error(`no sandbox ${sandboxId}`);
    const id = newContainerId(this.kernel.random);
    this.create(node, sb, cfg, id);
    return id;
  }

  private create(node: string, sb: SandboxRecord, cfg: ContainerConfig, id: string): void {
    const n = this.node(node);
    const now = this.world.clock.now;
    const rootFsId = `rootfs:${id.slice(0, 12)}`;
    this.world.fs[rootFsId] = cloneFilesystem(this.images.rootfs(cfg.image.tree), rootFsId, 'overlay');
    const pseudo = pseudoFilesystems(id.slice(0, 12));
    for (const f of [pseudo.proc, pseudo.dev, pseudo.sys]) this.world.fs[f.id] = f;
    const specs: MountSpec[] = [
      { target: '/proc', fsId: pseudo.proc.id, rootIno: pseudo.proc.rootIno, readOnly: false, source: 'proc', fstype: 'proc', file: false },
      { target: '/dev', fsId: pseudo.dev.id, rootIno: pseudo.dev.rootIno, readOnly: false, source: 'tmpfs', fstype: 'tmpfs', file: false },
      { target: '/sys', fsId: pseudo.sys.id, rootIno: pseudo.sys.rootIno, readOnly: true, source: 'sysfs', fstype: 'sysfs', file: false },
      ...cfg.mounts,
    ];
    const mounts = buildMountTable(this.world.fs, { fsId: rootFsId, readOnly: cfg.readOnlyRoot }, specs);
    const ref = normalizeImageRef(cfg.image.repoTags[0] ?? cfg.specImage);
    const rec: ContainerRecord = {
      id,
      name: cfg.name,
      image: cfg.image.repoTags[0] ?? cfg.specImage,
      imageRef: cfg.image.repoDigests[0] ?? cfg.image.id,
      imageRepository: ref?.repository ?? cfg.specImage,
      imageTag: ref?.tag ?? '',
      podUid: sb.podUid,
      podName: sb.podName,
      podNamespace: sb.podNamespace,
      sandboxId: sb.id,
      mounts,
      hostname: sb.hostNetwork ? n.hostname : sb.podName,
      state: 'created',
      createdAt: now,
      attempt: cfg.attempt,
      logPath: cfg.logPath,
      privileged: cfg.privileged,
      labels: id === sb.id ? sb.labels : { ...cfg.labels, 'io.cri-containerd.kind': 'container' },
    };
    n.containers[id] = rec;
    const launch: ContainerLaunch = {
      argv: cfg.argv, env: cfg.env, cwd: cfg.cwd, uid: cfg.uid, gid: cfg.gid, rootFsId,
      ownFs: [rootFsId, pseudo.proc.id, pseudo.dev.id, pseudo.sys.id], tty: cfg.tty, stdin: cfg.stdin, terminationLogPath: cfg.terminationLogPath,
      ...(cfg.stdinOnce ? { stdinOnce: true } : {}),
    };
    this.rt(node).launches[id] = launch;
    if (cfg.logPath) {
      createLogFile(this.logFiles(node), cfg.logPath);
      // The kubelet's /var/log/containers link: <pod>_<namespace>_<container>-<id>.log → the pod log.
      const vfs = this.hostVfs(node);
      try {
        if (!vfs.exists('/var/log/containers')) vfs.mkdir('/var/log/containers', 0o755);
        vfs.symlink(cfg.logPath, containerLogLink(sb, cfg.name, id));
      } catch {
        /* a stale link of the same name: keep it */
      }
    }
  }

  /** StartContainer: run the init process under runc; a failed exec leaves the container exited (StartError). */
  start(node: string, id: string): StartResult {
    const n = this.node(node);
    const c = n.containers[id];
    const launch = this.rt(node).launches[id];
    if (!c || !launch) return { ok: false, message: `container "${id}" not found` };
    const sb = this.rt(node).sandboxes[c.sandboxId];
    if (launch.argv.length === 0) return this.startFailed(node, c, 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: no command specified: unknown');
    const now = this.world.clock.now;
    const runc = addPassiveProcess(n, { ppid: sb?.shimPid ?? 1, argv: runcCreateArgv(id), exe: '/usr/sbin/runc', now }, this.kernel.random);
    const stdio = this.initStdio(node, c, launch);
    let pid = -1;
    void this.kernel.exec(node, runc, launch.argv, {
      containerId: id,
      uid: launch.uid,
      gid: launch.gid,
      groups: [launch.gid],
      // containerd's CRI sets TERM for a container with a terminal.
      env: launch.tty ? { ...launch.env, TERM: launch.env.TERM ?? 'xterm' } : launch.env,
      cwd: launch.cwd,
      ...stdio,
      ...(launch.tty ? { tty: 'pts/0' } : {}),
      interactive: false,
      onStart: (p) => {
        pid = p;
        const proc = n.procs[p];
        if (proc) proc.ppid = sb?.shimPid ?? 1;
        removePassiveProcess(n, runc.pid);
      },
      onExit: (status) => this.exited(node, id, pid, status),
    });
    if (pid < 0) {
      removePassiveProcess(n, runc.pid);
      for (const w of this.writers.get(id) ?? []) w.close();
      this.consoles.delete(id);
      return this.startFailed(node, c, execFailure(launch.argv[0] ?? '', this.whyNotExecutable(node, id, launch)));
    }
    c.state = 'running';
    c.startedAt = now;
    c.pid = pid;
    return { ok: true, pid };
  }

  /** Why execve of the init command fails inside the container (the kernel reports it only asynchronously). */
  private whyNotExecutable(node: string, id: string, launch: ContainerLaunch): string {
    const vfs = this.kernel.vfsFor(node, { euid: launch.uid, egid: launch.gid, groups: [launch.gid], cwd: launch.cwd, containerId: id });
    const found = searchPath(vfs, launch.argv[0] ?? '', launch.env.PATH ?? DEFAULT_PATH);
    if (found === 'ENOENT' || found === 'EACCES') return found;
    const t = resolveExec(vfs, found);
    return t.kind === 'error' ? t.error : 'ENOENT';
  }

  private startFailed(node: string, c: ContainerRecord, message: string): StartResult {
    c.state = 'exited';
    c.exitCode = 128;
    c.reason = 'StartError';
    c.startedAt = 0;
    c.finishedAt = this.world.clock.now;
    (c as ContainerRecord & { message?: string }).message = message;
    return { ok: false, message };
  }

  /**
   * The init process's streams: the CRI log (one stream on a tty), and for stdin/tty containers the
   * console that attach connects to; without one, stdin is at its end at once.
   */
  private initStdio(node: string, c: ContainerRecord, launch: ContainerLaunch): { stdin: InputStream; stdout: OutputStream; stderr: OutputStream } {
    const writers = c.logPath ? [new CriLogWriter(this.logFiles(node), c.logPath, 'stdout'), new CriLogWriter(this.logFiles(node), c.logPath, 'stderr')] : [];
    this.writers.set(c.id, writers);
    const logs = writers.length > 0 ? { stdout: writers[0]!, stderr: launch.tty ? writers[0]! : writers[1]! } : { stdout: nullOutput, stderr: nullOutput };
    const console = new ContainerConsole({
      tty: launch.tty,
      stdin: launch.stdin,
      stdinOnce: !!launch.stdinOnce,
      setInteractive: (on) => {
        const p = this.node(node).procs[c.pid ?? -1];
        if (p && p.containerId === c.id) p.interactive = on;
      },
    });
    this.consoles.set(c.id, console);
    // A terminal stays open with nobody typing; without one (and without stdin) the input is at its end.
    return { stdin: launch.stdin || launch.tty ? console.input : emptyInput, stdout: console.output(logs.stdout, 'stdout'), stderr: console.output(logs.stderr, 'stderr') };
  }

  /** CRI Attach: connect a client to a running container's stdin and output until either side goes. */
  async attach(node: string, id: string, client: AttachClient): Promise<{ ok: true } | { error: string }> {
    const c = this.node(node).containers[id];
    if (!c || c.state !== 'running') return { error: `container ${id} is not running` };
    const console = this.consoles.get(id);
    if (!console) return { error: `container ${id} is not running` };
    await console.attach(client);
    return { ok: true };
  }

  private exited(node: string, id: string, pid: number, status: number): void {
    for (const w of this.writers.get(id) ?? []) w.close();
    this.writers.delete(id);
    this.consoles.get(id)?.exited();
    this.consoles.delete(id);
    const c = this.kernel.world.nodes[node]?.containers[id];
    if (!c || c.pid !== pid || c.state !== 'running') return;
    c.state = 'exited';
    c.exitCode = status;
    c.finishedAt = this.world.clock.now;
    c.reason = status === 0 ? 'Completed' : 'Error';
    delete c.pid;
    this.scheduler.cancelWhere((t) => t.kind === 'kube.runtime.kill' && (t.data as { id: string }).id === id);
    this.onExit(node, id);
  }

  /** StopContainer: SIGTERM (unless the init process ignores it as PID 1), SIGKILL after the grace period. */
  stopContainer(node: string, id: string, graceSec: number): void {
    const c = this.node(node).containers[id];
    if (!c || c.state !== 'running' || c.pid === undefined) return;
    if (graceSec <= 0) {
      this.kernel.signal(node, c.pid, SIGKILL);
      return;
    }
    const proc = this.node(node).procs[c.pid];
    if (proc && !PID1_IGNORES_SIGTERM.has(proc.comm)) this.kernel.signal(node, c.pid, SIGTERM);
    if (this.node(node).containers[id]?.state === 'running') this.scheduler.after(graceSec * NS_PER_S, 'kube.runtime.kill', { node, id, pid: c.pid });
  }

  removeContainer(node: string, id: string): void {
    const n = this.node(node);
    const c = n.containers[id];
    if (c?.state === 'running' && c.pid !== undefined) this.kernel.signal(node, c.pid, SIGKILL);
    const launch = this.rt(node).launches[id];
    for (const fsId of launch?.ownFs ?? []) delete this.world.fs[fsId];
    delete this.rt(node).launches[id];
    if (c && c.logPath) {
      const sb = this.rt(node).sandboxes[c.sandboxId];
      const vfs = this.hostVfs(node);
      // removeContainerLog: the CRI log file and its /var/log/containers link go with the container.
      for (const p of [c.logPath, sb ? containerLogLink(sb, c.name, id) : null]) {
        try {
          if (p) vfs.unlink(p);
        } catch {
          /* already gone */
        }
      }
    }
    delete n.containers[id];
  }

  launchOf(node: string, id: string): ContainerLaunch | undefined {
    return this.rt(node).launches[id];
  }

  // ---------------------------------------------------------------- exec

  /** ExecSync/Exec: a new process in the container, a child of `runc exec` as on a real node. */
  exec(node: string, id: string, argv: string[], io: ExecIO): Promise<{ exitCode: number } | { error: string }> {
    return execInContainer({ kernel: this.kernel, world: this.world, runtime: this.rt(node) }, node, id, argv, io);
  }

  // ---------------------------------------------------------------- restore

  /**
   * After a saved world is loaded: re-attach every running container's init process (same pid; the
   * program starts again from its beginning, or from what it persisted). Exec'd processes are gone.
   */
  restoreProcesses(): void {
    for (const [name, n] of Object.entries(this.world.nodes)) {
      const running = Object.values(n.containers)
        .filter((c) => c.state === 'running')
        .sort((a, b) => (a.id === a.sandboxId ? -1 : b.id === b.sandboxId ? 1 : 0));
      for (const c of running) {
        if (c.pid !== undefined && this.kernel.isLive(name, c.pid)) continue;
        for (const p of Object.values(n.procs)) if (p.containerId === c.id && p.pid !== c.pid && !this.kernel.isLive(name, p.pid)) delete n.procs[p.pid];
        const pid = c.pid;
        const launch = this.rt(name).launches[c.id];
        const stdio = launch ? this.initStdio(name, c, launch) : { stdin: emptyInput };
        // No client is attached after a restore (the terminal that was is gone).
        if (pid !== undefined && n.procs[pid]) n.procs[pid].interactive = false;
        const r =
          pid === undefined
            ? { started: false }
            : this.kernel.resume(name, pid, {
                ...stdio,
                onExit: (status) => this.exited(name, c.id, pid, status),
              });
        if (!r.started) {
          c.state = 'exited';
          c.exitCode = 255;
          c.reason = 'Unknown';
          c.finishedAt = this.world.clock.now;
          delete c.pid;
          this.onExit(name, c.id);
        }
      }
    }
  }
}

/** Shells and sleep as PID 1 have no SIGTERM handler, so the kernel drops the signal (Kubernetes waits the grace period). */
const PID1_IGNORES_SIGTERM = new Set(['sh', 'bash', 'ash', 'dash', 'busybox', 'sleep', 'pause-ignored']);

export const SIM_SECOND: SimNs = NS_PER_S;
