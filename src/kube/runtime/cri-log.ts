// Container logs in the CRI format containerd writes (`<RFC3339Nano> stdout F <line>`), a writer that
// turns a process's output into such lines, the reader kubectl logs and crictl logs share, and where
// the log files and their links live.

import type { OutputStream } from '../../core/stream';
import type { SimNs } from '../../core/time';
import { Vfs, dirname, type Filesystem, type MountTable } from '../../vfs';
import { rfc3339Nano } from '../timefmt';
import type { SandboxRecord } from './state';

export interface CriLine {
  time: string;
  stream: 'stdout' | 'stderr';
  /** F: full line, P: partial (no newline yet). */
  tag: 'F' | 'P';
  text: string;
}

export function parseCriLog(text: string): CriLine[] {
  const out: CriLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const m = /^(\S+) (stdout|stderr) ([FP]) ?(.*)$/.exec(raw);
    if (m) out.push({ time: m[1]!, stream: m[2] as 'stdout' | 'stderr', tag: m[3] as 'F' | 'P', text: m[4]! });
  }
  return out;
}

/** Where log files live: the node's root file system, written as containerd (root, no events). */
export interface LogFiles {
  fsTable: Record<string, Filesystem>;
  mounts: MountTable;
  now: () => SimNs;
  epochMs: () => number;
}

type Follower = (line: CriLine) => void;
const followers = new Map<string, Set<Follower>>();

/** Subscribe to new lines of a log file (kubectl logs -f); returns unsubscribe. */
export function followLog(path: string, f: Follower): () => void {
  let set = followers.get(path);
  if (!set) followers.set(path, (set = new Set()));
  set.add(f);
  return () => set!.delete(f);
}

function rootVfs(files: LogFiles): Vfs {
  return new Vfs({ fsTable: files.fsTable, mounts: files.mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: files.now });
}

/** Make sure the directory exists and the file is there (empty), as containerd does at create. */
export function createLogFile(files: LogFiles, path: string): void {
  const vfs = rootVfs(files);
  const parts = dirname(path).split('/').filter(Boolean);
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    if (!vfs.exists(cur)) vfs.mkdir(cur, 0o755);
  }
  if (!vfs.exists(path)) vfs.writeFile(path, '', { mode: 0o640 });
}

export function appendLogLine(files: LogFiles, path: string, line: CriLine): void {
  const vfs = rootVfs(files);
  try {
    vfs.writeFile(path, `${line.time} ${line.stream} ${line.tag} ${line.text}\n`, { append: true, mode: 0o640 });
  } catch {
    return;
  }
  for (const f of followers.get(path) ?? []) f(line);
}

export function readLogFile(files: LogFiles, path: string): string | null {
  try {
    return rootVfs(files).readFile(path);
  } catch {
    return null;
  }
}

/** An output stream that appends full lines of one stream (stdout or stderr) to a CRI log file. */
export class CriLogWriter implements OutputStream {
  readonly isTTY = false;
  readonly columns = 80;
  private buf = '';
  private closed = false;
  constructor(
    private readonly files: LogFiles,
    private readonly path: string,
    private readonly stream: 'stdout' | 'stderr',
  ) {}

  write(text: string): void {
    if (this.closed) return;
    this.buf += text;
    let nl = this.buf.indexOf('\n');
    while (nl >= 0) {
      this.emit(this.buf.slice(0, nl), 'F');
      this.buf = this.buf.slice(nl + 1);
      nl = this.buf.indexOf('\n');
    }
    // containerd cuts very long lines into partial records.
    while (this.buf.length > 16384) {
      this.emit(this.buf.slice(0, 16384), 'P');
      this.buf = this.buf.slice(16384);
    }
  }

  private emit(text: string, tag: 'F' | 'P'): void {
    appendLogLine(this.files, this.path, { time: rfc3339Nano(this.files.epochMs(), this.files.now()), stream: this.stream, tag, text });
  }

  /** Flush an unterminated last line when the process exits. */
  close(): void {
    if (this.closed) return;
    if (this.buf !== '') this.emit(this.buf, 'F');
    this.buf = '';
    this.closed = true;
  }
}

export interface LogReadOptions {
  timestamps?: boolean;
  tailLines?: number;
  /** Only lines at or after this RFC 3339 time. */
  since?: string;
  /** Keep only one stream (crictl logs splits stdout and stderr). */
  stream?: 'stdout' | 'stderr';
}

/** Log records rendered as `kubectl logs` prints them: text per line, partial records joined. */
export function renderLog(lines: CriLine[], opts: LogReadOptions = {}): string {
  let ls = opts.stream ? lines.filter((l) => l.stream === opts.stream) : lines;
  if (opts.since) ls = ls.filter((l) => l.time >= opts.since!);
  let out: string[] = [];
  let pending = '';
  let pendingTime = '';
  for (const l of ls) {
    if (pending === '') pendingTime = l.time;
    pending += l.text;
    if (l.tag === 'F') {
      out.push(opts.timestamps ? `${pendingTime} ${pending}` : pending);
      pending = '';
    }
  }
  if (opts.tailLines !== undefined && opts.tailLines >= 0) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  return out.map((l) => `${l}\n`).join('');
}

/** rm -rf of a directory the runtime owns (a pod's log directory); missing paths are fine. */
export function removeTree(vfs: Vfs, path: string): void {
  let st;
  try {
    st = vfs.lstat(path);
  } catch {
    return;
  }
  if (st.type === 'dir') {
    for (const n of vfs.readdir(path)) removeTree(vfs, `${path}/${n}`);
    vfs.rmdir(path);
  } else vfs.unlink(path);
}

/** The kubelet's /var/log/containers link for a container's log. */
export function containerLogLink(sb: SandboxRecord, name: string, id: string): string {
  return `/var/log/containers/${sb.podName}_${sb.podNamespace}_${name}-${id}.log`;
}
