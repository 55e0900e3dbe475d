// Host-side processes containerd keeps for pods (containerd-shim-runc-v2, transient runc). They run
// no simulated program; they exist so ps shows them and container processes have the real parents.

import type { SimNs } from '../../core/time';
import type { Random } from '../../core/random';
import { basename } from '../../vfs';
import type { ProcessRecord } from '../../world/kernel/process';
import type { NodeState } from '../../world/world';

export interface PassiveSpec {
  ppid: number;
  argv: string[];
  exe: string;
  now: SimNs;
  uid?: number;
  containerId?: string | null;
  state?: ProcessRecord['state'];
}

/** Insert a process record the kernel does not drive (no program, no events). */
export function addPassiveProcess(node: NodeState, spec: PassiveSpec, random: Random): ProcessRecord {
  const pid = node.nextPid++;
  const uid = spec.uid ?? 0;
  const rec: ProcessRecord = {
    pid,
    ppid: spec.ppid,
    sid: spec.ppid === 1 ? pid : pid,
    pgid: pid,
    uid,
    gid: uid,
    euid: uid,
    egid: uid,
    groups: [uid],
    loginuid: -1,
    tty: null,
    cwd: '/',
    argv: spec.argv,
    exe: spec.exe,
    comm: basename(spec.exe).slice(0, 15),
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    containerId: spec.containerId ?? null,
    startTime: spec.now,
    state: spec.state ?? 'S',
    vsz: 700000 + random.int(50000),
    rss: 8000 + random.int(4000),
  };
  node.procs[pid] = rec;
  return rec;
}

export function removePassiveProcess(node: NodeState, pid: number): void {
  delete node.procs[pid];
}

const TASK_DIR = '/run/containerd/io.containerd.runtime.v2.task/k8s.io';

export function shimArgv(sandboxId: string): string[] {
  return ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io', '-id', sandboxId, '-address', '/run/containerd/containerd.sock'];
}

export function runcCreateArgv(id: string): string[] {
  return [
    'runc', '--root', '/run/containerd/runc/k8s.io', '--log', `${TASK_DIR}/${id}/log.json`, '--log-format', 'json', 'create',
    '--bundle', `${TASK_DIR}/${id}`, '--pid-file', `${TASK_DIR}/${id}/init.pid`, id,
  ];
}

export function runcExecArgv(id: string, execId: string, tty: boolean): string[] {
  return [
    'runc', '--root', '/run/containerd/runc/k8s.io', '--log', `${TASK_DIR}/${id}/log.json`, '--log-format', 'json', 'exec',
    '--process', `/tmp/runc-process${execId}`, ...(tty ? ['--console-socket', `/tmp/pty${execId}/pty.sock`] : []), '--detach',
    '--pid-file', `${TASK_DIR}/${id}/${execId}.pid`, id,
  ];
}
