// kubectl logs: a container's log through the API (pods/log): -c, -p/--previous, --tail, --timestamps,
// -f (streams until the container stops or Ctrl-C), with kubectl's client-side container checks.

import { byResource } from '../../kube/resources';
import type { Pod } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { defaultContainer } from './exec';
import { resourcePath, type Kubectl } from './session';

const PODS = byResource('pods')!;

export async function logsCommand(k: Kubectl): Promise<number> {
  const args = k.flags.args;
  if (args.length === 0) {
    k.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    return 1;
  }
  let name = args[0]!;
  if (/^(pods?|po)\//.test(name)) name = name.slice(name.indexOf('/') + 1);
  let container = k.str('container') || args[1] || '';
  if (!k.connect()) return 1;
  const ns = k.namespace();
  const g = await k.call('get', resourcePath(PODS, ns, name));
  if (!g) return 1;
  const st = asStatus(g.body);
  if (st && g.code >= 400) return k.err(statusErrorText(st)), 1;
  const pod = g.body as unknown as Pod;
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? [])].map((c) => c.name);
  if (container && !all.includes(container)) {
    k.err(`error: container ${container} is not valid for pod ${name}\n`);
    return 1;
  }
  container ||= defaultContainer(pod, k);
  const q = new URLSearchParams({ container });
  if (k.bool('previous')) q.set('previous', 'true');
  if (k.bool('timestamps')) q.set('timestamps', 'true');
  if (k.num('tail') >= 0) q.set('tailLines', String(k.num('tail')));
  const follow = k.bool('follow');
  if (follow) q.set('follow', 'true');
  let finished = false;
  const pending = k
    .call('get', resourcePath(PODS, ns, name, 'log', q.toString()), undefined, undefined, follow ? { stdin: null, stdout: k.ctx.stdout, stderr: k.ctx.stderr, tty: false, signal: k.ctx.signal } : undefined)
    .finally(() => (finished = true));
  // Following needs simulated time to pass for new lines to come; kubectl's own waiting drives it.
  while (follow && !finished && !k.ctx.signal.aborted) if (!(await k.sleep(1))) break;
  const r = await pending;
  if (!r) return 1;
  const err = asStatus(r.body);
  if (err && r.code >= 400) return k.err(statusErrorText(err)), 1;
  if (typeof r.body === 'string') k.out(r.body);
  return 0;
}
