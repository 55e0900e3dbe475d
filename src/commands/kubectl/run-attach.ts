// What `kubectl run -i/-t/--attach` does once the pod is created (run.go handleAttachPod and after):
// wait for it to be running and ready, attach (or show its logs if it already finished, or if the
// attach fails), wait for a Never/OnFailure pod to finish for its exit code, and remove it with --rm.

import { byResource } from '../../kube/resources';
import type { Pod } from '../../kube/types';
import { attachToPod, podExitError } from './attach';
import { deleteOne, waitGone } from './delete';
import { asStatus, statusErrorText } from './errors';
import { pollUntil, resourcePath, type Kubectl } from './session';

const PODS = byResource('pods')!;

export interface RunAttachOptions {
  restart: 'Always' | 'OnFailure' | 'Never';
  rm: boolean;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  leaveStdinOpen: boolean;
  /** --pod-running-timeout, in seconds. */
  timeoutSeconds: number;
}

/** How the command ends: the exit status and what CheckErr prints after the deferred --rm. */
interface Ending {
  code: number;
  text: string;
}

type PodCondition = (pod: Pod) => boolean | 'completed';

/** podRunningAndReady: Running with Ready=True; a finished pod is ErrPodCompleted. */
const runningAndReady: PodCondition = (p) => {
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 'completed';
  return phase === 'Running' && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
};
const completed: PodCondition = (p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const succeeded: PodCondition = (p) => p.status?.phase === 'Succeeded';

/** waitForPod: the pod once `cond` holds (or says completed), else how the wait ended. */
async function waitForPod(k: Kubectl, ns: string, name: string, cond: PodCondition, timeoutSeconds: number): Promise<{ pod: Pod; completed: boolean } | Ending> {
  let result: { pod: Pod; completed: boolean } | Ending | null = null;
  const held = await pollUntil(
    k,
    async () => {
      const g = await k.call('get', resourcePath(PODS, ns, name));
      const st = g ? asStatus(g.body) : null;
      if (!g) result = { code: 1, text: '' };
      // The watch sees a Deleted event, which waitForPod reports as a nameless NotFound.
      else if (g.code === 404) result = { code: 1, text: 'Error from server (NotFound): pods "" not found\n' };
      else if (st && g.code >= 400) result = { code: 1, text: statusErrorText(st) };
      else {
        const c = cond(g.body as unknown as Pod);
        if (c !== false) result = { pod: g.body as unknown as Pod, completed: c === 'completed' };
      }
      return result !== null;
    },
    timeoutSeconds,
  );
  if (held && result) return result;
  return k.ctx.signal.aborted ? { code: 130, text: '' } : { code: 1, text: 'error: timed out waiting for the condition\n' };
}

/** logOpts: the container's log to stdout, for a pod that finished before kubectl could attach. */
async function printLogs(k: Kubectl, pod: Pod, container: string): Promise<Ending | null> {
  const q = new URLSearchParams({ container });
  const r = await k.call('get', resourcePath(PODS, pod.metadata.namespace ?? k.namespace(), pod.metadata.name!, 'log', q.toString()));
  if (!r) return { code: 1, text: '' };
  const st = asStatus(r.body);
  if (st && r.code >= 400) return { code: 1, text: statusErrorText(st) };
  if (typeof r.body === 'string') k.out(r.body);
  return null;
}

async function attachAndWait(k: Kubectl, created: Pod, o: RunAttachOptions): Promise<Ending> {
  const ns = created.metadata.namespace ?? k.namespace();
  const name = created.metadata.name!;
  const container = created.spec.containers[0]?.name ?? name;
  const ready = await waitForPod(k, ns, name, runningAndReady, o.timeoutSeconds);
  if ('code' in ready) return ready;
  if (ready.completed) {
    const e = await printLogs(k, ready.pod, container);
    if (e) return e;
  } else {
    const a = await attachToPod(k, ready.pod, { container, stdin: o.stdin, tty: o.tty, quiet: o.quiet, commandName: 'kubectl attach' });
    if (!a.ok) {
      if (k.ctx.signal.aborted) return { code: 130, text: '' };
      if (!a.printed) k.err(`warning: couldn't attach to pod/${name}, falling back to streaming logs: ${a.message}\n`);
      const e = await printLogs(k, ready.pod, container);
      if (e) return e;
    }
  }
  if (k.ctx.signal.aborted) return { code: 130, text: '' };
  // Only a pod that does not restart its container has an exit code to wait for.
  if (o.leaveStdinOpen || o.restart === 'Always') return { code: 0, text: '' };
  const done = await waitForPod(k, ns, name, o.restart === 'OnFailure' ? succeeded : completed, o.timeoutSeconds);
  if ('code' in done) return done;
  return podExitError(done.pod) ?? { code: 0, text: '' };
}

/** The attached half of `kubectl run`; returns the exit status. */
export async function runAttached(k: Kubectl, created: Pod, o: RunAttachOptions): Promise<number> {
  const ending = await attachAndWait(k, created, o);
  // A Ctrl-C ends kubectl there and then; otherwise --rm is a deferred call that runs before the error prints.
  if (o.rm && ending.code !== 130) {
    const t = { r: PODS, ns: created.metadata.namespace ?? k.namespace(), name: created.metadata.name! };
    const grace = k.num('grace-period');
    const uid = await deleteOne(k, t, grace, k.bool('force'), undefined, false);
    if (typeof uid === 'string' && uid !== 'failed' && k.bool('wait') && !(await waitGone(k, t, uid))) return 130;
  }
  if (ending.text) k.err(ending.text);
  return ending.code;
}
