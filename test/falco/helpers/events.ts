// Builders of structured syscall events for engine tests: a process in a container or on the host.
import type { AncestorInfo, ContainerInfo, FalcoSyscallEvent, FdInfo, K8sInfo, ProcessInfo, UserInfo } from '../../../src/falco/event';

/** 2023-01-24T18:03:14.632368639Z, the chapter's shell alert time. */
export const T0 = { s: 1674583394, ns: 632368639 };

export interface ProcSpec {
  pid?: number;
  name: string;
  args?: string[];
  exepath?: string;
  tty?: number;
  ancestors?: AncestorInfo[];
}

export function proc(spec: ProcSpec): ProcessInfo {
  return {
    pid: spec.pid ?? 4242,
    name: spec.name,
    exe: spec.name,
    exepath: spec.exepath ?? `/bin/${spec.name}`,
    args: spec.args ?? [],
    tty: spec.tty ?? 0,
    ancestors: spec.ancestors ?? [],
  };
}

export const ancestor = (name: string, args: string[] = [], pid = 1000): AncestorInfo => ({ pid, name, exe: name, exepath: `/usr/bin/${name}`, args });

export function container(id: string, repo: string, tag = 'latest', name = 'app'): ContainerInfo {
  return { id, name, image: `${repo}:${tag}`, imageRepository: repo, imageTag: tag, privileged: false, mounts: [], type: 'containerd' };
}

export const root: UserInfo = { uid: 0, name: 'root', loginuid: -1, loginname: null };

export interface EventSpec {
  type: string;
  dir?: '>' | '<';
  time?: { s: number; ns: number };
  args?: Record<string, string | number>;
  res?: number;
  proc?: ProcessInfo | null;
  user?: UserInfo | null;
  fd?: FdInfo | null;
  container?: ContainerInfo | null;
  k8s?: K8sInfo | null;
  num?: number;
}

export function event(spec: EventSpec): FalcoSyscallEvent {
  return {
    evt: { num: spec.num ?? 1, time: spec.time ?? T0, type: spec.type, dir: spec.dir ?? '<', args: spec.args ?? {}, res: spec.res ?? 0 },
    proc: spec.proc === undefined ? proc({ name: 'bash' }) : spec.proc,
    user: spec.user === undefined ? root : spec.user,
    group: { gid: 0, name: 'root' },
    fd: spec.fd ?? null,
    container: spec.container ?? null,
    k8s: spec.k8s ?? null,
  };
}

export const fileFd = (name: string, num = 3): FdInfo => ({ num, type: 'file', typechar: 'f', name });

export function openEvent(path: string, flags: string, over: Partial<EventSpec> = {}): FalcoSyscallEvent {
  return event({ type: 'openat', args: { fd: 3, dirfd: -100, name: path, flags, mode: 0 }, res: 3, fd: fileFd(path), ...over });
}

export function execEvent(over: Partial<EventSpec> = {}): FalcoSyscallEvent {
  return event({ type: 'execve', ...over });
}
