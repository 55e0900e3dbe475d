// kubectl attach (and the attach half of run -i/-t): connect the terminal to a container's own process
// through pods/attach, as attach.go does — TTY negotiation, the "try pressing enter" hint, and the
// reattach hint when a restarting container's session ends.

import { byResource } from '../../kube/resources';
import type { Pod } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { defaultContainer } from './exec';
import { resourcePath, type Kubectl } from './session';

const PODS = byResource('pods')!;

export interface AttachOptions {
  container: string;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  /** How the hint names the command to attach again (`kubectl attach`). */
  commandName: string;
}

/**
 * An attach that could not start or stream: the error's message (run falls back to logs with it), the
 * text CheckErr would print when it is not `error: <message>`, or `printed` when the transport already said.
 */
export type AttachOutcome = { ok: true } | { ok: false; message: string; text?: string; printed?: boolean };

/** AttachOptions.Run from the point the pod is known: returns how the session went. */
export async function attachToPod(k: Kubectl, pod: Pod, o: AttachOptions): Promise<AttachOutcome> {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { ok: false, message: `cannot attach a container in a completed pod; current phase is ${phase}` };
  const spec = pod.spec.containers.find((c) => c.name === o.container);
  if (!spec) return { ok: false, message: `cannot attach to the container: container not found (${o.container})` };
  let tty = o.tty;
  if (tty && !spec.tty) {
    tty = false;
    if (!o.quiet) k.err(`error: Unable to use a TTY - container ${spec.name} did not allocate one\n`);
  } else if (!tty && spec.tty) {
    // The container has a terminal, so the stream must be one (else "Unrecognized input header").
    tty = true;
  }
  // SetupTTY: no stdin means no TTY; a TTY needs the input to be a terminal.
  if (!o.stdin) tty = false;
  else if (tty && !k.ctx.stdin.isTTY) {
    tty = false;
    if (!o.quiet) k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const raw = tty;
  if (!o.quiet) k.err("If you don't see a command prompt, try pressing enter.\n");
  // client-go encodes PodAttachOptions sorted by key, leaving out false values.
  const q = new URLSearchParams({ container: o.container });
  if (!raw) q.set('stderr', 'true');
  if (o.stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  if (raw) q.set('tty', 'true');
  const ns = pod.metadata.namespace ?? k.namespace();
  let finished = false;
  const pending = k
    .call('create', resourcePath(PODS, ns, pod.metadata.name, 'attach', q.toString()), undefined, undefined, {
      stdin: o.stdin ? k.ctx.stdin : null,
      stdout: k.ctx.stdout,
      stderr: raw ? k.ctx.stdout : k.ctx.stderr,
      tty: raw,
      signal: k.ctx.signal,
      interactive: k.interactive(),
    })
    .finally(() => (finished = true));
  // Only watching output: nothing else makes simulated time pass for the container to say more.
  while (!o.stdin && !finished && !k.ctx.signal.aborted) if (!(await k.sleep(1))) break;
  const r = await pending;
  if (!r) return { ok: false, message: '', printed: true };
  const st = asStatus(r.body);
  if (r.code !== 101) {
    const message = typeof st?.message === 'string' ? st.message : 'attach failed';
    // A status with a reason prints as `Error from server (…)`; the upgrade's own errors as `error: …`.
    return st && typeof st.reason === 'string' && st.reason !== '' && st.reason !== 'InternalError' ? { ok: false, message, text: statusErrorText(st) } : { ok: false, message };
  }
  if (!o.quiet && o.stdin && raw && pod.spec.restartPolicy === 'Always') {
    k.out(`Session ended, resume using '${o.commandName} ${pod.metadata.name} -c ${o.container} -i -t' command when the pod is running\n`);
  }
  return { ok: true };
}

export async function attachCommand(k: Kubectl): Promise<number> {
  const args = k.flags.args;
  if (args.length === 0) return k.err("error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n"), 1;
  if (args.length > 2) return k.err(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]\nSee 'kubectl attach -h' for help and examples\n`), 1;
  let name = args.length === 2 ? args[1]! : args[0]!;
  if (args.length === 1 && /^(pods?|po)\//.test(name)) name = name.slice(name.indexOf('/') + 1);
  if (!k.connect()) return 1;
  const g = await k.call('get', resourcePath(PODS, k.namespace(), name));
  if (!g) return 1;
  const st = asStatus(g.body);
  if (st && g.code >= 400) return k.err(statusErrorText(st)), 1;
  const pod = g.body as unknown as Pod;
  const container = k.str('container') || defaultContainer(pod, k, k.bool('quiet'));
  const r = await attachToPod(k, pod, { container, stdin: k.bool('stdin'), tty: k.bool('tty'), quiet: k.bool('quiet'), commandName: 'kubectl attach' });
  if (r.ok) return 0;
  if (!r.printed) k.err(r.text ?? `error: ${r.message}\n`);
  return 1;
}

/** The exit status run reports for a finished pod (run.go after the attach). */
export function podExitError(pod: Pod): { code: number; text: string } | null {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return null;
  const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
  if (phase !== 'Failed') return { code: 1, text: `error: pod ${ref} left in phase ${phase ?? ''}\n` };
  const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
  const rc = term?.exitCode ?? 0;
  if (!term || rc === 0) return { code: 1, text: `error: pod ${ref} failed with unknown exit code\n` };
  // A CodeExitError: printed as it is, no `error: ` prefix, with the container's exit code.
  const text = `pod ${ref} terminated (${term.reason ?? ''})\n${term.message ?? ''}`;
  return { code: rc, text: text.endsWith('\n') ? text : `${text}\n` };
}
