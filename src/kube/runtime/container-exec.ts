// containerd's Exec for `kubectl exec` and crictl exec: a new process in a running container, a child
// of `runc exec` under the pod's shim as on a real node, with runc's texts when it cannot start.

import { emptyInput, type InputStream, type OutputStream } from '../../core/stream';
import type { Kernel } from '../../world/kernel/kernel';
import type { World } from '../../world/world';
import { containerId as newContainerId } from '../ids';
import { addPassiveProcess, removePassiveProcess, runcExecArgv } from './processes';
import type { RuntimeNodeState } from './state';

export interface ExecIO {
  stdin: InputStream | null;
  stdout: OutputStream;
  stderr: OutputStream;
  tty: boolean;
  signal: AbortSignal;
  interactive: boolean;
}

export interface ExecDeps {
  kernel: Kernel;
  world: World;
  runtime: RuntimeNodeState;
}

/** A new process in the container; its exit code, or runc's error when it could not be started. */
export async function execInContainer(d: ExecDeps, node: string, id: string, argv: string[], io: ExecIO): Promise<{ exitCode: number } | { error: string }> {
  const n = d.kernel.node(node);
  const c = n.containers[id];
  const launch = d.runtime.launches[id];
  if (!c || !launch || c.state !== 'running') return { error: `container ${id} is not running` };
  const sb = d.runtime.sandboxes[c.sandboxId];
  const execId = newContainerId(d.kernel.random);
  const runc = addPassiveProcess(n, { ppid: sb?.shimPid ?? 1, argv: runcExecArgv(id, execId.slice(0, 9), io.tty), exe: '/usr/sbin/runc', now: d.world.clock.now }, d.kernel.random);
  const env = { ...launch.env, ...(io.tty ? { TERM: 'xterm' } : {}) };
  const r = await d.kernel.exec(node, runc, argv, {
    containerId: id,
    uid: launch.uid,
    gid: launch.gid,
    groups: [launch.gid],
    env,
    cwd: launch.cwd,
    stdin: io.stdin ?? emptyInput,
    stdout: io.stdout,
    stderr: io.stderr,
    signal: io.signal,
    interactive: io.interactive,
    // The chapter's Falco lines show exec'd shells with loginuid 0, the container's init with -1.
    loginuid: 0,
    ...(io.tty ? { tty: 'pts/0' } : {}),
    onStart: (p) => {
      const proc = n.procs[p];
      if (proc) proc.ppid = sb?.shimPid ?? 1;
      removePassiveProcess(n, runc.pid);
    },
  });
  removePassiveProcess(n, runc.pid);
  if (r.error) return { error: `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${execFailure(argv[0] ?? '', r.error).replace(/^.*unable to start container process: /, '').replace(/: unknown$/, '')}: unknown` };
  return { exitCode: r.status };
}

/** runc's text for an init or exec process that could not be started. */
export function execFailure(cmd: string, err: string): string {
  const why =
    err === 'EACCES' ? `exec: "${cmd}": permission denied` : cmd.includes('/') ? `exec: "${cmd}": stat ${cmd}: no such file or directory` : `exec: "${cmd}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;
}
