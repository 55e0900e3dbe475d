// Replay input: one JSON object a line, either a flat map of Falco field names to values (a syscall
// event) or an audit.k8s.io/v1 Event (a k8s_audit event), turned into what the engine consumes.
import type { AncestorInfo, EventTime, FalcoSyscallEvent, FdInfo, FdTypeChar } from '../event';
import type { K8sAuditEvent } from '../fields/k8saudit';

export type ReplayEvent =
  | { source: 'syscall'; event: FalcoSyscallEvent; time: EventTime }
  | { source: 'k8s_audit'; event: K8sAuditEvent; time: EventTime };

export type ReplayLineResult = { ok: true; value: ReplayEvent; warnings: string[] } | { ok: false; error: string };

/** Events without `evt.time` start at 2023-01-24T18:00:00Z and follow each other 1 ms apart. */
export const REPLAY_BASE_TIME: EventTime = { s: 1674583200, ns: 0 };

const SCALAR_KEYS = new Set([
  'evt.type', 'evt.dir', 'evt.num', 'evt.time', 'evt.res', 'evt.rawres', 'evt.cpu', 'evt.buffer', 'evt.is_open_read', 'evt.is_open_write',
  'proc.name', 'proc.exe', 'proc.exepath', 'proc.args', 'proc.cmdline', 'proc.pid', 'proc.ppid', 'proc.pname', 'proc.pcmdline', 'proc.pexepath',
  'proc.tty', 'proc.cwd', 'proc.sid', 'proc.sname', 'proc.vpid', 'proc.env',
  'user.name', 'user.uid', 'user.loginuid', 'user.loginname', 'user.homedir', 'user.shell', 'group.gid', 'group.name',
  'fd.name', 'fd.nameraw', 'fd.directory', 'fd.filename', 'fd.type', 'fd.typechar', 'fd.num', 'fd.sip', 'fd.sport', 'fd.cip', 'fd.cport', 'fd.l4proto', 'fd.sip.name',
  'container.id', 'container.name', 'container.image', 'container.image.repository', 'container.image.tag', 'container.privileged', 'container.type',
  'k8s.ns.name', 'k8s.pod.name', 'k8s.pod.uid',
]);

type Obj = Record<string, unknown>;

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v.trim())) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

const words = (s: string): string[] => s.split(' ').filter((w) => w !== '');

/** Epoch nanoseconds (number or digit string) or an RFC 3339 / ISO 8601 timestamp with up to 9 decimals. */
export function parseEventTime(v: unknown): EventTime | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { s: Math.floor(v / 1e9), ns: Math.round(v % 1e9) };
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (/^[0-9]+$/.test(t)) {
    const s = t.length > 9 ? Number(t.slice(0, -9)) : 0;
    return { s, ns: Number(t.slice(-9)) };
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/.exec(t);
  if (!m) return null;
  const tz = m[3] === 'Z' ? 'Z' : `${m[3]!.slice(0, 3)}:${m[3]!.slice(-2)}`;
  const ms = Date.parse(`${m[1]}${tz}`);
  if (Number.isNaN(ms)) return null;
  return { s: Math.floor(ms / 1000), ns: Number((m[2] ?? '').padEnd(9, '0')) };
}

export function nextTime(t: EventTime, deltaNs: number): EventTime {
  const ns = t.ns + deltaNs;
  return { s: t.s + Math.floor(ns / 1e9), ns: ns % 1e9 };
}

function isAuditEvent(o: Obj): boolean {
  return o.kind === 'Event' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('audit.k8s.io/');
}

function fdTypeChar(type: string): FdTypeChar {
  const map: Record<string, FdTypeChar> = { file: 'f', directory: 'd', ipv4: '4', ipv6: '6', unix: 'u', pipe: 'p', event: 'e', signalfd: 's', eventpoll: 'l', inotify: 'i', bpf: 'b' };
  return map[type] ?? 'o';
}

/** The absolute path the kernel would open for `raw` from `cwd`: `.`, `..` and `//` resolved (no symlinks). */
export function resolveRawPath(cwd: string, raw: string): string {
  const parts: string[] = [];
  for (const p of `${raw.startsWith('/') ? '' : cwd}/${raw}`.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function fdOf(o: Obj): FdInfo | null {
  let name = str(o['fd.name']);
  const nameRaw = str(o['fd.nameraw']);
  const dir = str(o['fd.directory']);
  const file = str(o['fd.filename']);
  if (name === undefined && nameRaw !== undefined) name = resolveRawPath(str(o['proc.cwd']) ?? '/', nameRaw);
  if (name === undefined && (dir !== undefined || file !== undefined)) name = `${(dir ?? '').replace(/\/+$/, '')}/${file ?? ''}`;
  const sip = str(o['fd.sip']);
  if (name === undefined && sip === undefined) return null;
  const type = str(o['fd.type']) ?? (sip !== undefined ? (sip.includes(':') ? 'ipv6' : 'ipv4') : 'file');
  const fd: FdInfo = { num: num(o['fd.num']) ?? 3, type, typechar: (str(o['fd.typechar']) as FdTypeChar | undefined) ?? fdTypeChar(type), name: name ?? '' };
  if (nameRaw !== undefined) fd.nameRaw = nameRaw;
  if (sip !== undefined) {
    fd.sip = sip;
    fd.sport = num(o['fd.sport']) ?? 0;
    fd.cip = str(o['fd.cip']) ?? '0.0.0.0';
    fd.cport = num(o['fd.cport']) ?? 0;
    fd.l4proto = str(o['fd.l4proto']) ?? 'tcp';
    fd.localIsClient = true;
    fd.connected = true;
    const sipName = str(o['fd.sip.name']);
    if (sipName !== undefined) fd.sipName = sipName;
    if (name === undefined) fd.name = `${fd.cip}:${fd.cport}->${sip}:${fd.sport}`;
  }
  return fd;
}

function ancestorsOf(o: Obj): AncestorInfo[] {
  const out: AncestorInfo[] = [];
  const pcmd = str(o['proc.pcmdline']);
  const pname = str(o['proc.pname']) ?? (pcmd !== undefined ? words(pcmd)[0] : undefined);
  if (pname !== undefined) {
    const args = pcmd !== undefined ? words(pcmd).slice(1) : [];
    out.push({ pid: num(o['proc.ppid']) ?? 1, name: pname, exe: pname, exepath: str(o['proc.pexepath']) ?? `/usr/bin/${pname}`, args });
  }
  for (const [k, v] of Object.entries(o)) {
    const m = /^proc\.aname\[([0-9]+)\]$/.exec(k);
    const name = str(v);
    if (!m || name === undefined) continue;
    const i = Number(m[1]);
    if (i < 1) continue;
    while (out.length < i) out.push({ pid: 0, name: '', args: [] });
    out[i - 1] = { ...out[i - 1]!, name, exe: out[i - 1]!.exe ?? name };
  }
  // Gaps left by a sparse proc.aname[N] list stop the chain, as a missing thread would.
  const gap = out.findIndex((a) => a.name === '');
  return gap >= 0 ? out.slice(0, gap) : out;
}

/** Builds one syscall event from the flat field map; `time` is used when the line has no evt.time. */
export function syscallEventFromFields(o: Obj, num0: number, time: EventTime): { event: FalcoSyscallEvent; warnings: string[] } | { error: string } {
  const warnings: string[] = [];
  for (const k of Object.keys(o)) {
    if (!SCALAR_KEYS.has(k) && !/^evt\.arg\.[A-Za-z0-9_]+$/.test(k) && !/^proc\.aname\[[0-9]+\]$/.test(k)) warnings.push(`field ${k} is not read by replay; ignored`);
  }
  const type = str(o['evt.type']);
  if (type === undefined || type === '') return { error: 'missing evt.type' };
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith('evt.arg.')) continue;
    const s = typeof v === 'number' ? v : str(v);
    if (s !== undefined) args[k.slice('evt.arg.'.length)] = s;
  }
  const fd = fdOf(o);
  const openish = type === 'open' || type === 'openat' || type === 'openat2' || type === 'creat';
  if (openish && args.flags === undefined) {
    const w = bool(o['evt.is_open_write']);
    const r = bool(o['evt.is_open_read']);
    args.flags = w && r ? 'O_RDWR' : w ? 'O_WRONLY|O_CREAT|O_TRUNC' : 'O_RDONLY';
  }
  // The open's name argument is what the program passed: the raw path when the line has one.
  if (openish && args.name === undefined && fd) args.name = fd.nameRaw ?? fd.name;
  if (type === 'execve' && args.exe === undefined) args.exe = str(o['proc.exe']) ?? str(o['proc.name']) ?? '';

  const cmdline = str(o['proc.cmdline']);
  const argsField = o['proc.args'];
  const procName = str(o['proc.name']) ?? (cmdline !== undefined ? words(cmdline)[0] : undefined);
  const procArgs = Array.isArray(argsField) ? argsField.map((a) => str(a) ?? '') : typeof argsField === 'string' ? words(argsField) : cmdline !== undefined ? words(cmdline).slice(1) : [];
  const hasProc = procName !== undefined || o['proc.pid'] !== undefined;
  const name = (procName ?? '').slice(0, 15);
  const res = num(o['evt.rawres']) ?? (typeof o['evt.res'] === 'number' ? o['evt.res'] : undefined) ?? (openish ? (fd?.num ?? 3) : 0);

  const cid = str(o['container.id']);
  const inContainer = cid !== undefined && cid !== 'host';
  const image = str(o['container.image']);
  const repo = str(o['container.image.repository']) ?? (image !== undefined ? image.replace(/:[^:/]*$/, '') : '');
  const tag = str(o['container.image.tag']) ?? (image !== undefined && /:[^:/]*$/.test(image) ? image.slice(image.lastIndexOf(':') + 1) : '');
  const nsName = str(o['k8s.ns.name']);
  const podName = str(o['k8s.pod.name']);
  const userName = o['user.name'] === null ? null : str(o['user.name']);

  const event: FalcoSyscallEvent = {
    evt: {
      num: num(o['evt.num']) ?? num0,
      time: parseEventTime(o['evt.time']) ?? time,
      type,
      dir: str(o['evt.dir']) === '>' ? '>' : '<',
      args,
      res,
      ...(res < 0 && typeof o['evt.res'] === 'string' ? { errno: o['evt.res'] } : {}),
      ...(str(o['evt.buffer']) !== undefined ? { buffer: str(o['evt.buffer']) } : {}),
      ...(num(o['evt.cpu']) !== undefined ? { cpu: num(o['evt.cpu']) } : {}),
    },
    proc: hasProc
      ? {
          pid: num(o['proc.pid']) ?? 1,
          ppid: num(o['proc.ppid']) ?? 0,
          name,
          exe: str(o['proc.exe']) ?? procName ?? '',
          exepath: str(o['proc.exepath']) ?? (procName !== undefined ? `/usr/bin/${procName}` : ''),
          args: procArgs,
          tty: num(o['proc.tty']) ?? 0,
          ...(num(o['proc.sid']) !== undefined ? { sid: num(o['proc.sid']) } : {}),
          ...(str(o['proc.sname']) !== undefined ? { sname: str(o['proc.sname']) } : {}),
          ...(num(o['proc.vpid']) !== undefined ? { vpid: num(o['proc.vpid']) } : {}),
          ...(str(o['proc.cwd']) !== undefined ? { cwd: str(o['proc.cwd']) } : {}),
          ...(Array.isArray(o['proc.env']) ? { env: (o['proc.env'] as unknown[]).map((e) => str(e) ?? '') } : {}),
          ancestors: ancestorsOf(o),
        }
      : null,
    user: hasProc
      ? {
          uid: num(o['user.uid']) ?? (userName === 'root' || userName === undefined ? 0 : 1000),
          name: userName === undefined ? 'root' : userName,
          homedir: str(o['user.homedir']) ?? null,
          shell: str(o['user.shell']) ?? null,
          loginuid: num(o['user.loginuid']) ?? -1,
          loginname: str(o['user.loginname']) ?? null,
        }
      : null,
    group: hasProc ? { gid: num(o['group.gid']) ?? 0, name: str(o['group.name']) ?? 'root' } : null,
    fd,
    container: inContainer
      ? {
          id: cid.slice(0, 12),
          name: str(o['container.name']) ?? cid.slice(0, 12),
          image: image ?? (repo !== '' ? `${repo}${tag !== '' ? `:${tag}` : ''}` : ''),
          imageRepository: repo,
          imageTag: tag,
          type: str(o['container.type']) ?? 'containerd',
          privileged: bool(o['container.privileged']) ?? false,
          mounts: [],
        }
      : null,
    k8s: inContainer && (nsName !== undefined || podName !== undefined) ? { nsName: nsName ?? '', podName: podName ?? '', ...(str(o['k8s.pod.uid']) !== undefined ? { podUid: str(o['k8s.pod.uid']) } : {}) } : null,
  };
  return { event, warnings };
}

/** Reads one line of a replay file. `prev` is the previous event's time (for lines without one). */
export function readReplayLine(line: string, num0: number, prev: EventTime | null): ReplayLineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, error: 'not a JSON object' };
  const o = parsed as Obj;
  const fallback = prev ? nextTime(prev, 1_000_000) : REPLAY_BASE_TIME;
  if (isAuditEvent(o)) {
    const time = parseEventTime(o.stageTimestamp) ?? parseEventTime(o.requestReceivedTimestamp) ?? fallback;
    return { ok: true, value: { source: 'k8s_audit', event: o, time }, warnings: [] };
  }
  const r = syscallEventFromFields(o, num0, fallback);
  if ('error' in r) return { ok: false, error: r.error };
  return { ok: true, value: { source: 'syscall', event: r.event, time: r.event.evt.time }, warnings: r.warnings };
}
