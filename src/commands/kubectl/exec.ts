// kubectl exec: a new process in a pod's container through the API server (pods/exec), with its exit
// status carried back (`command terminated with exit code N`) and kubectl's client-side checks.

import { byResource } from '../../kube/resources';
import type { JsonObject, Pod } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { resourcePath, type Kubectl } from './session';

const PODS = byResource('pods')!;

/** The container kubectl picks without -c, and the notice it prints when there was a choice. */
export function defaultContainer(pod: Pod, k: Kubectl, quiet = false): string {
  const names = pod.spec.containers.map((c) => c.name);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length > 1 && !quiet) {
    const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)];
    k.err(`Defaulted container "${names[0]}" out of: ${all.join(', ')}\n`);
  }
  return names[0] ?? '';
}

/** POST pods/exec and stream; returns kubectl's exit status. */
export async function execInPod(k: Kubectl, ns: string, pod: string, container: string, argv: string[], o: { stdin: boolean; tty: boolean }): Promise<number> {
  const q = new URLSearchParams();
  for (const a of argv) q.append('command', a);
  q.set('container', container);
  if (o.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  q.set('stderr', String(!o.tty));
  if (o.tty) q.set('tty', 'true');
  const r = await k.call('create', resourcePath(PODS, ns, pod, 'exec', q.toString()), undefined, undefined, {
    stdin: o.stdin ? k.ctx.stdin : null,
    stdout: k.ctx.stdout,
    stderr: o.tty ? k.ctx.stdout : k.ctx.stderr,
    tty: o.tty,
    signal: k.ctx.signal,
    interactive: k.interactive(),
  });
  if (!r) return 1;
  const st = asStatus(r.body);
  if (r.code === 101) {
    if (st?.status === 'Failure') {
      const code = Number(((st.details as JsonObject | undefined)?.causes as JsonObject[] | undefined)?.[0]?.message ?? 1);
      k.err(`command terminated with exit code ${code}\n`);
      return code;
    }
    return 0;
  }
  if (st && typeof st.reason === 'string' && st.reason !== '' && st.reason !== 'InternalError') {
    k.err(statusErrorText(st));
    return 1;
  }
  k.err(`error: ${typeof st?.message === 'string' ? st.message : 'exec failed'}\n`);
  return 1;
}

export async function execCommand(k: Kubectl): Promise<number> {
  const dash = k.flags.argsLenAtDash;
  const args = k.flags.args;
  if (args.length === 0) {
    k.err("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  let podArg = args[0]!;
  const argv = dash >= 0 ? args.slice(dash) : args.slice(1);
  if (dash < 0 && argv.length > 0) k.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
  if (dash === 0) {
    k.err("error: pod, type/name or --filename must be specified\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (argv.length === 0) {
    k.err("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (podArg.startsWith('pod/') || podArg.startsWith('pods/') || podArg.startsWith('po/')) podArg = podArg.slice(podArg.indexOf('/') + 1);
  let tty = k.bool('tty');
  if (tty && !k.ctx.stdin.isTTY) {
    k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  if (!k.connect()) return 1;
  const ns = k.namespace();
  const g = await k.call('get', resourcePath(PODS, ns, podArg));
  if (!g) return 1;
  const st = asStatus(g.body);
  if (st && g.code >= 400) {
    k.err(statusErrorText(st));
    return 1;
  }
  const pod = g.body as unknown as Pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    k.err(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
    return 1;
  }
  const container = k.str('container') || defaultContainer(pod, k);
  return execInPod(k, ns, podArg, container, argv, { stdin: k.bool('stdin'), tty });
}
