// Falco's kernel driver in the simulation: turns a node's syscall events into the engine's events,
// attaching the process, user, fd, container and pod state libsinsp would have for them.

import type { AncestorInfo, ContainerInfo, FalcoSyscallEvent, FdInfo as FalcoFd, K8sInfo, UserInfo } from '../../falco';
import { NS_PER_S } from '../../core/time';
import type { FdInfo, SyscallEvent } from '../events';
import type { Kernel } from '../kernel/kernel';
import type { ProcessRecord } from '../kernel/process';
import type { ContainerRecord, NodeState } from '../world';

/** Linux device number of a pts: major 136, minor N → 136*256+N (pts/0 is 34816). */
export function ttyDevice(tty: string | null): number {
  if (!tty) return 0;
  const m = /^pts\/(\d+)$/.exec(tty);
  if (m) return 136 * 256 + Number(m[1]);
  const t = /^tty(\d+)$/.exec(tty);
  return t ? 4 * 256 + Number(t[1]) : 0;
}

const ERRNO_NAMES: Record<number, string> = { 1: 'EPERM', 2: 'ENOENT', 9: 'EBADF', 13: 'EACCES', 17: 'EEXIST', 18: 'EXDEV', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL', 30: 'EROFS', 39: 'ENOTEMPTY', 40: 'ELOOP' };

export interface DriverSubscription {
  unsubscribe(): void;
  /** The first pid Falco saw start; a restored world passes it back so names resolve as before. */
  firstNewPid: number;
}

export interface CaptureOptions {
  /** Re-attaching after a restore: processes from this pid on were seen starting. */
  firstNewPid?: number;
}

export interface FalcoDriver {
  /** Start capturing: `onEvent` gets every event except the consumer's own. */
  open(consumerPid: number, onEvent: (e: FalcoSyscallEvent) => void, opts?: CaptureOptions): DriverSubscription;
}

function passwdNames(kernel: Kernel, node: string, containerId: string | null): Map<number, { name: string; home: string; shell: string }> {
  const out = new Map<number, { name: string; home: string; shell: string }>();
  try {
    const vfs = kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId });
    for (const l of vfs.readFile('/etc/passwd').split('\n')) {
      const f = l.split(':');
      if (f.length >= 7 && !out.has(Number(f[2]))) out.set(Number(f[2]), { name: f[0]!, home: f[5]!, shell: f[6]! });
    }
  } catch {
    // no passwd database: names stay unknown
  }
  return out;
}

function groupName(kernel: Kernel, node: string, containerId: string | null, gid: number): string | null {
  try {
    const vfs = kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId });
    const f = vfs.readFile('/etc/group').split('\n').map((l) => l.split(':')).find((x) => Number(x[2]) === gid);
    return f ? f[0]! : null;
  } catch {
    return null;
  }
}

function containerInfo(c: ContainerRecord): ContainerInfo {
  return {
    id: c.id.slice(0, 12),
    name: c.name,
    image: c.imageRef,
    imageRepository: c.imageRepository,
    imageTag: c.imageTag,
    type: 'containerd',
    privileged: c.privileged,
    mounts: c.mounts.mounts
      .filter((m) => m.target !== '/')
      .map((m) => ({ source: m.source, dest: m.target, rdwr: !m.readOnly, mode: m.readOnly ? 'ro' : 'rw' })),
    labels: c.labels,
  };
}

function k8sInfo(c: ContainerRecord): K8sInfo {
  return { nsName: c.podNamespace, podName: c.podName, podUid: c.podUid, podLabels: {} };
}

function fdInfo(fd: FdInfo): FalcoFd {
  const typechar = fd.type === 'file' ? 'f' : fd.type === 'directory' ? 'd' : fd.type === 'ipv4' ? '4' : fd.type === 'ipv6' ? '6' : fd.type === 'unix' ? 'u' : 'p';
  const out: FalcoFd = { num: fd.num, type: fd.type, typechar, name: fd.name };
  if (fd.nameRaw !== undefined) out.nameRaw = fd.nameRaw;
  if (fd.sip !== undefined) {
    out.cip = fd.sip;
    out.cport = fd.sport ?? 0;
    out.sip = fd.dip ?? '';
    out.sport = fd.dport ?? 0;
    out.l4proto = fd.l4proto ?? 'tcp';
    out.localIsClient = true;
    out.connected = true;
  }
  return out;
}

/**
 * Arguments in the order of the driver's exit-event tables, which `evt.arg[i]` indexes: openat's
 * first argument is the new fd, execve's the result, then exe, args, tid, pid, ptid and cwd.
 */
function falcoArgs(e: SyscallEvent, p: ProcessRecord | undefined): Record<string, string | number> {
  if (e.type === 'openat' || e.type === 'open') {
    const { dirfd, name, flags, mode, ...rest } = e.args;
    const out: Record<string, string | number> = { fd: e.res };
    if (e.type === 'openat') out.dirfd = dirfd ?? -100;
    return { ...out, name: name ?? '', flags: flags ?? 'O_RDONLY', mode: mode ?? 0, ...rest };
  }
  if (e.type === 'execve') {
    const { exe, args, ...rest } = e.args;
    // The driver's `exe` is argv[0] (what proc.exe shows), not the resolved path.
    return { res: e.res, exe: p?.argv[0] ?? exe ?? '', args: args ?? '', tid: e.pid, pid: e.pid, ptid: p?.ppid ?? 0, cwd: p?.cwd ?? '/', ...rest };
  }
  return { ...e.args };
}

export function falcoDriver(kernel: Kernel, nodeName: string): FalcoDriver {
  return {
    open(consumerPid, onEvent, opts = {}) {
      const node: NodeState = kernel.node(nodeName);
      const epochMs = kernel.world.clock.epochMs;
      // Pids only grow, so everything below this was running (or gone) when the capture opened.
      const firstNewPid = opts.firstNewPid ?? node.nextPid;
      /**
       * Our model of libsinsp 0.9's user names in containers: a container process Falco learned from
       * /proc (alive when the capture opened) or that started its container (its first process, seen
       * before the container's metadata and user table) has user.name <NA> — the chapter's
       * `user=<NA> user_loginuid=-1` for the pod's loop; processes it saw start in a known container
       * (`kubectl exec`, what they run) get names from the container's /etc/passwd. Host users come
       * from the host's passwd.
       */
      const unresolved = (p: ProcessRecord): boolean => p.containerId !== null && (p.pid < firstNewPid || node.containers[p.containerId]?.pid === p.pid);
      const passwdCache = new Map<string, Map<number, { name: string; home: string; shell: string }>>();
      const names = (containerId: string | null): Map<number, { name: string; home: string; shell: string }> => {
        const key = containerId ?? 'host';
        let m = passwdCache.get(key);
        if (!m) passwdCache.set(key, (m = passwdNames(kernel, nodeName, containerId)));
        return m;
      };
      const groupCache = new Map<string, string | null>();
      const groupOf = (containerId: string | null, gid: number): string | null => {
        const key = `${containerId ?? 'host'}:${gid}`;
        if (!groupCache.has(key)) groupCache.set(key, groupName(kernel, nodeName, containerId, gid));
        return groupCache.get(key)!;
      };
      const toTime = (t: number): { s: number; ns: number } => {
        const epochS = Math.floor(epochMs / 1000);
        const extraNs = (epochMs - epochS * 1000) * 1e6 + t;
        return { s: epochS + Math.floor(extraNs / NS_PER_S), ns: extraNs % NS_PER_S };
      };
      const ancestors = (p: ProcessRecord): AncestorInfo[] => {
        const out: AncestorInfo[] = [];
        let cur = node.procs[p.ppid];
        while (cur && out.length < 32) {
          out.push({ pid: cur.pid, name: cur.comm, exe: cur.argv[0] ?? cur.comm, exepath: cur.exe, args: cur.argv.slice(1) });
          if (cur.pid === 1) break;
          cur = node.procs[cur.ppid];
        }
        return out;
      };
      const bus = kernel.bus(nodeName);
      const off = bus.subscribe((e: SyscallEvent) => {
        if (e.pid === consumerPid) return;
        const p = node.procs[e.pid];
        const container = p?.containerId ? node.containers[p.containerId] : undefined;
        const entry = p && !unresolved(p) ? names(p.containerId).get(p.uid) : undefined;
        const user: UserInfo | null = p
          ? {
              uid: p.uid,
              name: entry?.name ?? null,
              homedir: entry?.home ?? null,
              shell: entry?.shell ?? null,
              loginuid: p.loginuid,
              loginname: p.loginuid >= 0 ? (names(null).get(p.loginuid)?.name ?? null) : null,
            }
          : null;
        const args = falcoArgs(e, p);
        const ev: FalcoSyscallEvent = {
          evt: {
            num: e.num,
            time: toTime(e.time),
            type: e.type,
            dir: e.dir,
            args,
            res: e.res,
            ...(e.res < 0 && ERRNO_NAMES[-e.res] ? { errno: ERRNO_NAMES[-e.res] } : {}),
          },
          proc: p
            ? {
                pid: p.pid,
                tid: p.pid,
                ppid: p.ppid,
                name: p.comm,
                exe: p.argv[0] ?? p.comm,
                exepath: p.exe,
                args: p.argv.slice(1),
                tty: ttyDevice(p.tty),
                sid: p.sid,
                ...(node.procs[p.sid] ? { sname: node.procs[p.sid]!.comm } : {}),
                vpid: p.pid,
                vtid: p.pid,
                cwd: p.cwd,
                env: Object.entries(p.env).map(([k, v]) => `${k}=${v}`),
                start: toTime(p.startTime),
                ancestors: ancestors(p),
              }
            : null,
          user,
          group: p ? { gid: p.gid, name: groupOf(p.containerId, p.gid) } : null,
          fd: e.fd ? fdInfo(e.fd) : null,
          container: container ? containerInfo(container) : null,
          k8s: container ? k8sInfo(container) : null,
        };
        onEvent(ev);
      });
      return { unsubscribe: off, firstNewPid };
    },
  };
}
