// kubectl run: a bare Pod from flags (run.go's BasicPod generator), created, printed for --dry-run,
// or created and attached to with -i/-t (run-attach.ts; then removed with --rm).

import { byResource } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject, Pod } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { nameLine, parseOutputFormat, printObjects } from './printers';
import { runAttached } from './run-attach';
import { resourcePath, type Kubectl } from './session';

const PODS = byResource('pods')!;

function parseKV(items: string[], what: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const it of items) {
    const eq = it.indexOf('=');
    if (eq <= 0) return `error: invalid ${what}: ${it}`;
    out[it.slice(0, eq)] = it.slice(eq + 1);
  }
  return out;
}

export async function runCommand(k: Kubectl): Promise<number> {
  const dash = k.flags.argsLenAtDash;
  const before = dash >= 0 ? k.flags.args.slice(0, dash) : k.flags.args;
  const after = dash >= 0 ? k.flags.args.slice(dash) : k.flags.args.slice(1);
  const name = before[0];
  const image = k.str('image');
  if (!image) {
    k.err('error: required flag(s) "image" not set\n');
    return 1;
  }
  const dryRun = k.str('dry-run');
  if (!['none', 'client', 'server', 'unchanged'].includes(dryRun)) {
    k.err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    return 1;
  }
  const usage = (msg: string): number => (k.err(`error: ${msg}\nSee 'kubectl run -h' for help and examples\n`), 1);
  if (!name || dash === 0) return usage('NAME is required for run');
  if (k.bool('tty') && !k.bool('stdin')) return usage('-i/--stdin is required for containers with -t/--tty=true');
  const restart = k.str('restart');
  if (restart !== 'Always' && restart !== 'OnFailure' && restart !== 'Never') return usage(`invalid restart policy: ${restart}`);
  // run.go Complete: -i attaches unless --attach was given explicitly.
  const attach = k.changed('attach') ? k.bool('attach') : k.bool('stdin');
  if (k.bool('rm') && !attach) return usage('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') return usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  let labels: Record<string, string> = { run: name };
  if (k.str('labels')) {
    const l = parseKV(k.str('labels').split(','), 'label spec');
    if (typeof l === 'string') {
      k.err(`${l}\n`);
      return 1;
    }
    labels = l;
  }
  const container: JsonObject = { name, image };
  if (after.length > 0) container[k.bool('command') ? 'command' : 'args'] = after;
  const env = k.list('env').map((e) => ({ name: e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), value: e.includes('=') ? e.slice(e.indexOf('=') + 1) : '' }));
  if (env.length > 0) container.env = env;
  if (k.str('image-pull-policy')) container.imagePullPolicy = k.str('image-pull-policy');
  if (k.str('port')) container.ports = [{ containerPort: Number(k.str('port')) }];
  container.resources = {};
  if (k.bool('privileged')) container.securityContext = { privileged: true };
  if (k.bool('stdin')) {
    container.stdin = true;
    container.stdinOnce = !k.bool('leave-stdin-open');
  }
  if (k.bool('tty')) container.tty = true;
  const meta: JsonObject = { name, creationTimestamp: null, labels };
  if (k.changed('namespace')) meta.namespace = k.str('namespace');
  const annotations = k.list('annotations');
  if (annotations.length > 0) {
    const a = parseKV(annotations, 'annotation');
    if (typeof a === 'string') {
      k.err(`${a}\n`);
      return 1;
    }
    meta.annotations = a;
  }
  const pod = { kind: 'Pod', apiVersion: 'v1', metadata: meta, spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' }, status: {} } as unknown as KubeObject;
  const output = k.str('output');
  if (dryRun === 'client') {
    if (!output) {
      k.out(nameLine(pod, 'created (dry run)'));
      return 0;
    }
    const fmt = parseOutputFormat(output, k.str('template'), ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    if (!fmt.ok) {
      k.err(fmt.stderr);
      return 1;
    }
    const p = printObjects([pod], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true, sortKeys: false });
    k.out(p.stdout);
    if (!p.ok) k.err(p.stderr);
    return p.ok ? 0 : 1;
  }
  if (!k.connect()) return 1;
  const ns = k.namespace();
  const query = `fieldManager=${k.str('field-manager')}${dryRun === 'server' ? '&dryRun=All' : ''}`;
  const r = await k.call('create', resourcePath(PODS, ns, undefined, undefined, query), pod as unknown as JsonValue);
  if (!r) return 1;
  const st = asStatus(r.body);
  if (st && r.code >= 400) {
    k.err(statusErrorText(st));
    return 1;
  }
  const created = r.body as unknown as KubeObject;
  if (!attach) {
    if (output) {
      const fmt = parseOutputFormat(output, k.str('template'));
      if (fmt.ok) k.out(printObjects([created], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true }).stdout);
    } else k.out(nameLine(created, dryRun === 'server' ? 'created (server dry run)' : 'created'));
    return 0;
  }
  return runAttached(k, created as Pod, {
    restart,
    rm: k.bool('rm'),
    stdin: k.bool('stdin'),
    tty: k.bool('tty'),
    quiet: k.bool('quiet'),
    leaveStdinOpen: k.bool('leave-stdin-open'),
    timeoutSeconds: Math.max(1, Math.round(k.num('pod-running-timeout') / 1e9)),
  });
}
