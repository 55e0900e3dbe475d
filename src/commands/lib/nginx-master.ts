// The running nginx: a master that keeps worker processes (real child processes, as `ps` shows them),
// reloads on SIGHUP, and shuts down on SIGQUIT (graceful) or SIGTERM/SIGINT (fast), removing its pid file.

import type { OutputStream } from '../../core/stream';
import type { CommandContext } from '../types';
import { nginxLog, type NginxLog } from './nginx-log';
import { ownPid } from './node-info';

export const WORKER_TITLE = 'nginx: worker process';
export const MASTER_TITLE = 'nginx: master process';
export const WORKER_LEVEL_ENV = 'NGINX_SIM_LOG_LEVEL';

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 15: 'SIGTERM' };

export interface MasterSetup {
  log: NginxLog;
  pidPath: string;
  workers: number;
  /** Credentials of the `user` directive (root masters only). */
  workerCreds: { uid: number; gid: number } | null;
  exe: string;
  /** error_log level, handed to workers (they share the master's memory on a real system). */
  threshold: string;
  /** Re-read the configuration on SIGHUP; an error message keeps the old one. */
  reload(): string | null;
}

interface Worker {
  pid: number;
  done: Promise<number> | null;
}

/** An output with no reader, for daemonised processes. */
export const detachedOutput: OutputStream = { write: () => {}, isTTY: false, columns: 80, close: () => {} };

/** Run the master until a stop signal; returns nginx's exit status (0). */
export async function runNginxMaster(ctx: CommandContext, m: MasterSetup, resumedWorkers: number[] | null): Promise<number> {
  const me = ctx.process.pid;
  const workers: Worker[] = (resumedWorkers ?? []).map((pid) => ({ pid, done: null }));
  const save = (): void => ctx.persist({ role: 'master', workers: workers.map((w) => w.pid), pidPath: m.pidPath });

  const startWorkers = (): void => {
    m.log.log('notice', 'start worker processes');
    for (let i = 0; i < m.workers; i++) {
      const before = new Set(ctx.sys.processes().map((p) => p.pid));
      const done = ctx.sys
        .spawn([m.exe], {
          argv0: WORKER_TITLE,
          searchPath: false,
          env: { ...ctx.env, [WORKER_LEVEL_ENV]: m.threshold },
          stdout: ctx.stdout,
          stderr: ctx.stderr,
          // Workers outlive a foreground Ctrl-C until the master tells them to stop.
          signal: new AbortController().signal,
          ...(m.workerCreds ? { uid: m.workerCreds.uid, gid: m.workerCreds.gid, groups: [m.workerCreds.gid] } : {}),
        })
        .then((r) => r.status);
      const child = ctx.sys.processes().find((p) => p.ppid === me && !before.has(p.pid));
      if (!child) continue;
      workers.push({ pid: child.pid, done });
      m.log.log('notice', `start worker process ${child.pid}`);
    }
    save();
  };

  const stopWorkers = async (list: Worker[], sig: number): Promise<void> => {
    for (const w of list) ctx.sys.kill(w.pid, sig);
    for (const w of list) {
      const status = w.done ? await w.done : 0;
      m.log.log('notice', `signal 17 (SIGCHLD) received from ${w.pid}`);
      m.log.log('notice', `worker process ${w.pid} exited with code ${status > 128 ? 0 : status}`);
    }
  };

  if (resumedWorkers === null) startWorkers();
  else save();

  const queue: number[] = [];
  let wake: (() => void) | null = null;
  const push = (sig: number): boolean => {
    queue.push(sig);
    wake?.();
    return true;
  };
  for (const sig of [1, 3, 15]) ctx.trap(sig, () => push(sig));
  ctx.trap(2, () => push(2));
  // A kill the program cannot catch (SIGKILL) ends it without a word; Ctrl-C is SIGINT.
  const onAbort = (): void => {
    push(ctx.signal.reason === 9 ? 9 : 2);
  };
  if (ctx.signal.aborted) queue.push(ctx.signal.reason === 9 ? 9 : 2);
  else ctx.signal.addEventListener('abort', onAbort, { once: true });

  for (;;) {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    const sig = queue.shift()!;
    if (sig === 1) {
      m.log.log('notice', `signal 1 (SIGHUP) received, reconfiguring`);
      m.log.log('notice', 'reconfiguring');
      const err = m.reload();
      if (err !== null) {
        m.log.log('emerg', err);
        continue;
      }
      m.log.log('notice', 'using the "epoll" event method');
      const old = workers.splice(0);
      startWorkers();
      await stopWorkers(old, 3);
      save();
      continue;
    }
    if (sig === 9) {
      for (const w of workers) ctx.sys.kill(w.pid, 9);
      return 137;
    }
    const graceful = sig === 3;
    m.log.log('notice', `signal ${sig} (${SIGNAL_NAMES[sig]}) received, ${graceful ? 'shutting down' : 'exiting'}`);
    await stopWorkers(workers.splice(0), graceful ? 3 : 15);
    m.log.log('notice', 'exit');
    try {
      ctx.sys.fs.unlink(m.pidPath);
    } catch {
      // ngx_delete_pidfile only logs at alert level when unlink fails; nothing a learner would see.
    }
    ctx.signal.removeEventListener('abort', onAbort);
    return 0;
  }
}

/** A worker: waits for its master's signal and logs its way out. */
export async function runNginxWorker(ctx: CommandContext): Promise<number> {
  const threshold = ctx.env[WORKER_LEVEL_ENV] ?? 'error';
  const log = nginxLog(ctx, ctx.stderr, threshold, ownPid(ctx));
  ctx.persist({ role: 'worker' });
  const sig = await new Promise<number>((resolve) => {
    for (const s of [1, 3, 15]) ctx.trap(s, () => (resolve(s), true));
    if (ctx.signal.aborted) resolve(9);
    ctx.signal.addEventListener('abort', () => resolve(9), { once: true });
  });
  if (sig === 9) return 0;
  if (sig === 3 || sig === 1) log.log('notice', 'gracefully shutting down');
  log.log('notice', 'exiting');
  log.log('notice', 'exit');
  return 0;
}
