// crictl 1.26 against the node's containerd (the `cri` service): ps, pods, images, logs, inspect,
// version; /etc/crictl.yaml endpoints, the deprecated default endpoints, and root-only socket access.

import type { Command, CommandContext } from './types';
import type { CriClient } from '../kube/runtime/cri';
import { renderLog } from '../kube/runtime/cri-log';
import { followLog } from '../kube/runtime/cri-log';
import { rfc3339Nano9, goQuote, klogHeader } from '../kube/timefmt';
import { tabwrite } from './kubectl/printers';
import type { ContainerRecord } from '../world/world';

const CRI_TABLE = { minWidth: 20, padding: 3 };
const DEFAULT_ENDPOINTS = 'unix:///var/run/dockershim.sock unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock';

/** docker/go-units HumanDuration + " ago". */
export function criAgo(seconds: number): string {
  const s = Math.floor(seconds);
  let t: string;
  if (s < 1) t = 'Less than a second';
  else if (s === 1) t = '1 second';
  else if (s < 60) t = `${s} seconds`;
  else if (Math.floor(s / 60) === 1) t = 'About a minute';
  else if (s < 3600) t = `${Math.floor(s / 60)} minutes`;
  else {
    const h = Math.round(s / 3600);
    if (h === 1) t = 'About an hour';
    else if (h < 48) t = `${h} hours`;
    else if (h < 24 * 14) t = `${Math.floor(h / 24)} days`;
    else if (h < 24 * 60) t = `${Math.floor(h / 24 / 7)} weeks`;
    else if (h < 24 * 365 * 2) t = `${Math.floor(h / 24 / 30)} months`;
    else t = `${Math.floor(s / 3600 / 24 / 365)} years`;
  }
  return `${t} ago`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits. */
export function criSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(3))}${units[i]}`;
}

interface Logger {
  line(level: 'WARN' | 'FATA' | 'ERRO' | 'INFO', msg: string): void;
  klog(site: string, text: string): void;
}

function logger(ctx: CommandContext): Logger {
  const tty = ctx.stderr.isTTY;
  const colors: Record<string, string> = { WARN: '33', FATA: '31', ERRO: '31', INFO: '36' };
  const names: Record<string, string> = { WARN: 'warning', FATA: 'fatal', ERRO: 'error', INFO: 'info' };
  return {
    line(level, msg) {
      if (tty) ctx.stderr.write(`\x1b[${colors[level]}m${level}\x1b[0m[0000] ${msg.padEnd(44)} \n`);
      else ctx.stderr.write(`time="${ctx.sys.wall().date.toISOString().replace(/\.\d+Z$/, 'Z')}" level=${names[level]} msg=${goQuote(msg)}\n`);
    },
    klog(site, text) {
      ctx.stderr.write(`${klogHeader('E', ctx.sys.wall(0).date.getTime(), ctx.sys.now(), ctx.process.pid, site)}${text}\n`);
    },
  };
}

const FILTERS: Record<string, { call: string; site: string; filter: string; fatal: string; service: string }> = {
  ps: { call: 'ListContainers', site: 'remote_runtime.go:390', filter: '&ContainerFilter{Id:,State:&ContainerStateValue{State:CONTAINER_RUNNING,},PodSandboxId:,LabelSelector:map[string]string{},}', fatal: 'listing containers', service: 'runtime' },
  pods: { call: 'ListPodSandbox', site: 'remote_runtime.go:277', filter: '&PodSandboxFilter{Id:,State:nil,LabelSelector:map[string]string{},}', fatal: 'listing pod sandboxes', service: 'runtime' },
  images: { call: 'ListImages', site: 'remote_image.go:119', filter: '&ImageFilter{Image:&ImageSpec{Image:,Annotations:map[string]string{},},}', fatal: 'listing images', service: 'image' },
};

/** Endpoint set-up and access: the socket path crictl dials, or a printed failure (exit 1). */
function connect(ctx: CommandContext, cri: CriClient | undefined, sub: string, log: Logger): boolean {
  let configured = false;
  try {
    configured = /runtime-endpoint:\s*\S+/.test(ctx.sys.fs.readFile('/etc/crictl.yaml'));
  } catch {
    configured = false;
  }
  let socket = '/run/containerd/containerd.sock';
  let why = 'permission denied';
  if (!configured) {
    const img = sub === 'images';
    log.line('WARN', `${img ? 'image' : 'runtime'} connect using default endpoints: [${DEFAULT_ENDPOINTS}]. As the default settings are now deprecated, you should set the endpoint instead.`);
    socket = '/var/run/dockershim.sock';
    why = 'no such file or directory';
  } else if (cri && cri.access().ok) return true;
  const f = FILTERS[sub] ?? FILTERS.ps!;
  const err = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial unix ${socket}: connect: ${why}"`;
  if (sub === 'ps' || sub === 'pods' || sub === 'images') {
    log.klog(f.site, `"${f.call} with filter from ${f.service} service failed" err=${goQuote(err)} filter=${goQuote(f.filter)}`);
    log.line('FATA', `${f.fatal}: ${err}`);
  } else log.line('FATA', `connect: connect endpoint 'unix://${socket}', make sure you are running as root and the endpoint has been started: context deadline exceeded`);
  return false;
}

function short(id: string, noTrunc: boolean): string {
  const bare = id.replace(/^sha256:/, '');
  return noTrunc ? bare : bare.slice(0, 13);
}

function stateName(c: ContainerRecord): string {
  return c.state === 'running' ? 'Running' : c.state === 'exited' ? 'Exited' : c.state === 'created' ? 'Created' : 'Unknown';
}

function flagValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

function ps(ctx: CommandContext, cri: CriClient, args: string[]): number {
  const all = args.includes('-a') || args.includes('--all');
  const quiet = args.includes('-q') || args.includes('--quiet');
  const noTrunc = args.includes('--no-trunc');
  const name = flagValue(args, ['--name']);
  const pod = flagValue(args, ['--pod', '-p']);
  const state = flagValue(args, ['--state', '-s'])?.toLowerCase();
  const now = cri.now();
  let list = cri.containers().filter((c) => (state ? c.state === state : all || c.state === 'running'));
  if (name) list = list.filter((c) => new RegExp(name).test(c.name));
  if (pod) list = list.filter((c) => c.sandboxId.startsWith(pod));
  list.sort((a, b) => b.createdAt - a.createdAt);
  if (quiet) return ctx.stdout.write(list.map((c) => `${c.id}\n`).join('')), 0;
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
  for (const c of list) {
    const img = cri.imageOf(c);
    rows.push([short(c.id, noTrunc), args.includes('-r') ? c.image : short(img?.id ?? c.imageRef, noTrunc), criAgo((now - c.createdAt) / 1e9), stateName(c), c.name, String(c.attempt), short(c.sandboxId, noTrunc), c.podName]);
  }
  ctx.stdout.write(tabwrite(rows, CRI_TABLE));
  return 0;
}

function pods(ctx: CommandContext, cri: CriClient, args: string[]): number {
  const quiet = args.includes('-q') || args.includes('--quiet');
  const noTrunc = args.includes('--no-trunc');
  const name = flagValue(args, ['--name']);
  const ns = flagValue(args, ['--namespace']);
  let list = [...cri.sandboxes()].sort((a, b) => b.createdAt - a.createdAt);
  if (name) list = list.filter((s) => new RegExp(name).test(s.podName));
  if (ns) list = list.filter((s) => new RegExp(ns).test(s.podNamespace));
  if (quiet) return ctx.stdout.write(list.map((s) => `${s.id}\n`).join('')), 0;
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of list) rows.push([short(s.id, noTrunc), criAgo((cri.now() - s.createdAt) / 1e9), s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.podName, s.podNamespace, String(s.attempt), '(default)']);
  ctx.stdout.write(tabwrite(rows, CRI_TABLE));
  return 0;
}

function images(ctx: CommandContext, cri: CriClient, args: string[]): number {
  const quiet = args.includes('-q') || args.includes('--quiet');
  const digests = args.includes('--digests');
  const noTrunc = args.includes('--no-trunc');
  const list = [...cri.images()];
  if (quiet) return ctx.stdout.write(list.map((i) => `${i.id}\n`).join('')), 0;
  const rows = [['IMAGE', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'SIZE']];
  const entries: string[][] = [];
  for (const i of list) {
    const digest = short(i.repoDigests[0]?.split('@')[1] ?? '', noTrunc);
    for (const t of i.repoTags.length > 0 ? i.repoTags : [`${i.repoDigests[0]?.split('@')[0] ?? '<none>'}:<none>`]) {
      const colon = t.lastIndexOf(':');
      entries.push([t.slice(0, colon), t.slice(colon + 1), ...(digests ? [digest] : []), short(i.id, noTrunc), criSize(i.sizeBytes)]);
    }
  }
  entries.sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`));
  ctx.stdout.write(tabwrite([...rows, ...entries], CRI_TABLE));
  return 0;
}

function notFound(log: Logger, id: string, what: string): number {
  const err = `rpc error: code = NotFound desc = an error occurred when try to find container ${goQuote(id)}: not found`;
  log.klog('remote_runtime.go:415', `"ContainerStatus from runtime service failed" err=${goQuote(err)} containerID=${goQuote(id)}`);
  log.line('FATA', what === 'inspect' ? `getting the status of the container ${goQuote(id)}: ${err}` : err);
  return 1;
}

async function logs(ctx: CommandContext, cri: CriClient, args: string[], log: Logger): Promise<number> {
  const id = args.filter((a, i) => !a.startsWith('-') && !['--tail', '--since'].includes(args[i - 1] ?? '')).pop();
  if (!id) return log.line('FATA', 'ID cannot be empty'), 1;
  const found = cri.findContainer(id);
  if (!found || found === 'ambiguous') return notFound(log, id, 'logs');
  let c: ContainerRecord | undefined = found;
  if (args.includes('-p') || args.includes('--previous')) {
    c = cri.containers().find((x) => x.podUid === found.podUid && x.name === found.name && x.attempt === found.attempt - 1);
    if (!c) return log.line('FATA', `Previous terminated container ${found.name} not found`), 1;
  }
  const tail = flagValue(args, ['--tail']);
  const timestamps = args.includes('-t') || args.includes('--timestamps');
  const opts = { timestamps, ...(tail !== undefined && Number(tail) >= 0 ? { tailLines: Number(tail) } : {}) };
  const lines = cri.logLines(c);
  ctx.stdout.write(renderLog(lines, { ...opts, stream: 'stdout' }));
  ctx.stderr.write(renderLog(lines, { ...opts, stream: 'stderr' }));
  if (!(args.includes('-f') || args.includes('--follow')) || c.state !== 'running') return 0;
  const stop = followLog(c.logPath, (l) => (l.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${timestamps ? `${l.time} ` : ''}${l.text}${l.tag === 'F' ? '\n' : ''}`));
  while (!ctx.signal.aborted && cri.findContainer(c.id) !== undefined && (cri.findContainer(c.id) as ContainerRecord).state === 'running') {
    if (!(await ctx.sys.sleep(1e9, ctx.signal))) break;
  }
  stop();
  return 0;
}

function inspect(ctx: CommandContext, cri: CriClient, args: string[], log: Logger): number {
  const ids = args.filter((a, i) => !a.startsWith('-') && !['-o', '--output', '--template'].includes(args[i - 1] ?? ''));
  if (ids.length === 0) return log.line('FATA', 'ID cannot be empty'), 1;
  const epoch = cri.epochMs();
  const t = (ns: number | undefined): string => (ns === undefined ? '0001-01-01T00:00:00Z' : rfc3339Nano9(epoch, ns));
  const outs: unknown[] = [];
  for (const id of ids) {
    const c = cri.findContainer(id);
    if (!c || c === 'ambiguous') return notFound(log, id, 'inspect');
    const launch = cri.launch(c.id);
    const status = {
      id: c.id,
      metadata: { attempt: c.attempt, name: c.name },
      state: c.state === 'running' ? 'CONTAINER_RUNNING' : c.state === 'exited' ? 'CONTAINER_EXITED' : c.state === 'created' ? 'CONTAINER_CREATED' : 'CONTAINER_UNKNOWN',
      createdAt: t(c.createdAt),
      startedAt: t(c.startedAt || undefined),
      finishedAt: t(c.finishedAt),
      exitCode: c.exitCode ?? 0,
      image: { annotations: {}, image: c.image },
      imageRef: c.imageRef,
      reason: c.reason ?? '',
      message: (c as ContainerRecord & { message?: string }).message ?? '',
      labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.podNamespace, 'io.kubernetes.pod.uid': c.podUid },
      annotations: { 'io.kubernetes.container.hash': c.id.slice(0, 8), 'io.kubernetes.container.restartCount': String(c.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File', 'io.kubernetes.pod.terminationGracePeriod': '30' },
      mounts: c.mounts.mounts.filter((m) => m.fstype === 'bind' || m.source.startsWith('/var/lib/kubelet')).map((m) => ({ containerPath: m.target, hostPath: m.source, propagation: 'PROPAGATION_PRIVATE', readonly: m.readOnly, selinuxRelabel: false })),
      logPath: c.logPath,
      resources: null,
    };
    const info = {
      sandboxID: c.sandboxId,
      pid: c.pid ?? 0,
      removing: false,
      snapshotKey: c.id,
      snapshotter: 'overlayfs',
      runtimeType: 'io.containerd.runc.v2',
      runtimeOptions: { systemd_cgroup: true },
      config: { metadata: { name: c.name, attempt: c.attempt }, image: { image: c.imageRef }, command: launch?.argv ?? [], envs: Object.entries(launch?.env ?? {}).map(([key, value]) => ({ key, value })), log_path: c.logPath.split('/').slice(-2).join('/') },
    };
    outs.push({ status, info });
  }
  const o = flagValue(args, ['-o', '--output']);
  const tmpl = flagValue(args, ['--template']);
  if (o === 'go-template' && tmpl) {
    const m = /^\{\{\s*\.([\w.]+)\s*\}\}$/.exec(tmpl);
    let v: unknown = outs[0];
    for (const part of m?.[1]?.split('.') ?? []) v = (v as Record<string, unknown> | undefined)?.[part];
    ctx.stdout.write(`${v === undefined ? '<no value>' : typeof v === 'object' ? JSON.stringify(v) : String(v)}\n`);
    return 0;
  }
  for (const x of outs) ctx.stdout.write(`${JSON.stringify(x, null, 2)}\n`);
  return 0;
}

const CRICTL_VERSION = 'v1.26.1';

const HELP = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options] [arguments...]

VERSION:
   ${CRICTL_VERSION}

COMMANDS:
   images, image, img  List images
   inspect             Display the status of one or more containers
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
   version             Display runtime version information
   help, h             Shows a list of commands or help for one command
`;

export const crictlCommand: Command = {
  name: 'crictl',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const sub = args.find((a) => !a.startsWith('-'));
    // urfave/cli: global flags are those before the command; --help wins over --version.
    const globals = sub === undefined ? args : args.slice(0, args.indexOf(sub));
    const globalHelp = globals.some((a) => a === '--help' || a === '-h');
    if (!globalHelp && globals.some((a) => a === '--version' || a === '-v')) {
      ctx.stdout.write(`crictl version ${CRICTL_VERSION}\n`);
      return 0;
    }
    if (!sub || sub === 'help' || sub === 'h') {
      ctx.stdout.write(HELP);
      return 0;
    }
    const rest = args.slice(args.indexOf(sub) + 1);
    const log = logger(ctx);
    const cri = ctx.sys.services.get<CriClient>('cri');
    const name = sub === 'image' || sub === 'img' ? 'images' : sub;
    if (!['ps', 'pods', 'images', 'logs', 'inspect', 'version'].includes(name)) {
      log.line('FATA', `command "${sub}" not found`);
      return 1;
    }
    if (!connect(ctx, cri, name, log) || !cri) return 1;
    switch (name) {
      case 'ps':
        return ps(ctx, cri, rest);
      case 'pods':
        return pods(ctx, cri, rest);
      case 'images':
        return images(ctx, cri, rest);
      case 'logs':
        return logs(ctx, cri, rest, log);
      case 'inspect':
        return inspect(ctx, cri, rest, log);
      default:
        ctx.stdout.write('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.6.12\nRuntimeApiVersion:  v1\n');
        return 0;
    }
  },
};
