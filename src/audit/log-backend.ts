// The audit log backend over a tiny file-system interface: ensureLogFile at startup, then
// natefinch/lumberjack v2.0.0 rotation (backup names, maxsize/maxbackup/maxage clean-up, gzip).
// Pure: the caller supplies the file system, the clock and the stdout sink.

import { wallTime, type SimNs } from '../core/time';
import type { AuditLogOptions } from './audit-options';
import type { AuditEvent } from './event';
import { formatEventSized, pluginErrorMessage, truncateEvent, type AuditLogFormat } from './event-format';
import { utf8Length } from './go-format';

export type FsErrno = 'ENOENT' | 'EISDIR' | 'EROFS' | 'EACCES' | 'ENOTDIR' | 'EEXIST' | 'ENOSPC';
export type FsResult = { ok: true } | { ok: false; errno: FsErrno };
export type FsStat = { ok: true; size: number; mode: number; isDirectory: boolean } | { ok: false; errno: FsErrno };

/** The file operations the log backend needs, as the control-plane node's file system provides them. */
export interface AuditLogFs {
  /** os.MkdirAll; a failure names the directory that could not be made. */
  mkdirAll(dir: string, mode: number): { ok: true } | { ok: false; errno: FsErrno; path: string };
  /** O_CREATE|O_APPEND open-and-close: creates an empty file with `mode` if it is missing. */
  touch(path: string, mode: number): FsResult;
  stat(path: string): FsStat;
  appendFile(path: string, text: string): FsResult;
  /** O_CREATE|O_TRUNC: an empty (or replaced) file with `mode`. */
  createFile(path: string, mode: number): FsResult;
  rename(from: string, to: string): FsResult;
  listDir(dir: string): { ok: true; entries: Array<{ name: string; isDirectory: boolean }> } | { ok: false; errno: FsErrno };
  remove(path: string): FsResult;
  /** Replace `from` by a gzip copy at `to` (same mode). Without it, --audit-log-compress does nothing. */
  gzip?(from: string, to: string): FsResult;
}

const ERRNO_TEXT: Record<FsErrno, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  EEXIST: 'file exists',
  ENOSPC: 'no space left on device',
};

/** Go's *PathError text: `open /x: read-only file system`. */
export const pathError = (op: string, path: string, errno: FsErrno): string => `${op} ${path}: ${ERRNO_TEXT[errno]}`;

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
};
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const extOf = (name: string): string => {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i);
};
const join = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/**
 * AuditLogOptions.ensureLogFile, run at startup for any path but "-": MkdirAll(dir, 0700), then create
 * the file 0600. Returns the fatal error text (`ensureLogFile: …`) or null.
 */
export function ensureAuditLogFile(fs: AuditLogFs, path: string): string | null {
  const mk = fs.mkdirAll(dirOf(path), 0o700);
  if (!mk.ok) return `ensureLogFile: ${pathError('mkdir', mk.path, mk.errno)}`;
  const t = fs.touch(path, 0o600);
  if (!t.ok) return `ensureLogFile: ${pathError('open', path, t.errno)}`;
  return null;
}

/** lumberjack.Logger's in-memory state: plain data, so it can live in the World. */
export interface LumberjackState {
  open: boolean;
  size: number;
}

export const newLumberjackState = (): LumberjackState => ({ open: false, size: 0 });

export interface RotationOptions {
  path: string;
  maxSize: number;
  maxBackup: number;
  maxAge: number;
  compress: boolean;
}

export interface Clock {
  epochMs: number;
  now: SimNs;
}

const MEGABYTE = 1024 * 1024;
const maxBytes = (o: RotationOptions): number => (o.maxSize === 0 ? 100 : o.maxSize) * MEGABYTE;
const p2 = (n: number, w = 2): string => String(n).padStart(w, '0');

/** backupName: `<name>-2006-01-02T15-04-05.000<ext>` in UTC. */
export function backupName(path: string, clock: Clock): string {
  const d = wallTime(clock.epochMs, clock.now).date;
  const ts = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}-${p2(d.getUTCMinutes())}-${p2(d.getUTCSeconds())}.${p2(d.getUTCMilliseconds(), 3)}`;
  const name = baseOf(path);
  const ext = extOf(name);
  return join(dirOf(path), `${name.slice(0, name.length - ext.length)}-${ts}${ext}`);
}

/** time.Parse("2006-01-02T15-04-05.000", ts) in UTC, as epoch ms; null when it is not a backup stamp. */
function parseBackupStamp(ts: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})$/.exec(ts);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(t).getUTCDate() !== d) return null; // Feb 30 and friends
  return t;
}

/** millRunOnce: drop backups beyond maxbackup or older than maxage days, then compress. */
function mill(fs: AuditLogFs, o: RotationOptions, clock: Clock): string | null {
  if (o.maxBackup === 0 && o.maxAge === 0 && !o.compress) return null;
  const dir = dirOf(o.path);
  const listing = fs.listDir(dir);
  if (!listing.ok) return `can't read log file directory: ${pathError('open', dir, listing.errno)}`;
  const name = baseOf(o.path);
  const ext = extOf(name);
  const prefix = `${name.slice(0, name.length - ext.length)}-`;
  let files: Array<{ name: string; t: number }> = [];
  for (const e of listing.entries) {
    if (e.isDirectory || !e.name.startsWith(prefix)) continue;
    for (const suffix of [ext, `${ext}.gz`]) {
      if (!e.name.endsWith(suffix) || e.name.length < prefix.length + suffix.length) continue;
      const t = parseBackupStamp(e.name.slice(prefix.length, e.name.length - suffix.length));
      if (t !== null) {
        files.push({ name: e.name, t });
        break;
      }
    }
  }
  files.sort((a, b) => b.t - a.t); // newest first
  const remove: string[] = [];
  if (o.maxBackup > 0 && o.maxBackup < files.length) {
    const preserved = new Set<string>();
    const remaining: typeof files = [];
    for (const f of files) {
      preserved.add(f.name.endsWith('.gz') ? f.name.slice(0, -3) : f.name); // a .log and its .gz count once
      if (preserved.size > o.maxBackup) remove.push(f.name);
      else remaining.push(f);
    }
    files = remaining;
  }
  if (o.maxAge > 0) {
    const cutoff = wallTime(clock.epochMs, clock.now).date.getTime() - o.maxAge * 24 * 3600 * 1000;
    const remaining: typeof files = [];
    for (const f of files) {
      if (f.t < cutoff) remove.push(f.name);
      else remaining.push(f);
    }
    files = remaining;
  }
  let err: string | null = null;
  for (const f of remove) {
    const r = fs.remove(join(dir, f));
    if (!r.ok && err === null) err = pathError('remove', join(dir, f), r.errno);
  }
  if (o.compress && fs.gzip) {
    for (const f of files) {
      if (f.name.endsWith('.gz')) continue;
      const r = fs.gzip(join(dir, f.name), join(dir, `${f.name}.gz`));
      if (!r.ok && err === null) err = `failed to compress log file: ${pathError('open', join(dir, f.name), r.errno)}`;
    }
  }
  return err;
}

/** openNew: move the current file to its backup name (keeping its mode) and start an empty one. */
function openNew(fs: AuditLogFs, o: RotationOptions, state: LumberjackState, clock: Clock): string | null {
  const mk = fs.mkdirAll(dirOf(o.path), 0o744);
  if (!mk.ok) return `can't make directories for new logfile: ${pathError('mkdir', mk.path, mk.errno)}`;
  let mode = 0o644;
  const st = fs.stat(o.path);
  if (st.ok) {
    mode = st.mode;
    const to = backupName(o.path, clock);
    const r = fs.rename(o.path, to);
    if (!r.ok) return `can't rename log file: rename ${o.path} ${to}: ${ERRNO_TEXT[r.errno]}`;
  }
  const c = fs.createFile(o.path, mode);
  if (!c.ok) return `can't open new logfile: ${pathError('open', o.path, c.errno)}`;
  state.open = true;
  state.size = 0;
  return null;
}

function rotate(fs: AuditLogFs, o: RotationOptions, state: LumberjackState, clock: Clock): string | null {
  state.open = false;
  const err = openNew(fs, o, state, clock);
  if (err !== null) return err;
  mill(fs, o, clock);
  return null;
}

/** lumberjack.Logger.Write of one chunk. Mutates `state`; returns the write error text or null. */
export function lumberjackWrite(fs: AuditLogFs, o: RotationOptions, state: LumberjackState, text: string, clock: Clock, bytes?: number): string | null {
  const len = bytes ?? utf8Length(text);
  const max = maxBytes(o);
  if (len > max) return `write length ${len} exceeds maximum file size ${max}`;
  if (!state.open) {
    mill(fs, o, clock);
    const st = fs.stat(o.path);
    let err: string | null = null;
    if (!st.ok && st.errno === 'ENOENT') err = openNew(fs, o, state, clock);
    else if (!st.ok) return `error getting log file info: ${pathError('stat', o.path, st.errno)}`;
    else if (st.size + len >= max) err = rotate(fs, o, state, clock);
    else {
      state.open = true;
      state.size = st.size;
    }
    if (err !== null) return err;
  }
  if (state.size + len > max) {
    const err = rotate(fs, o, state, clock);
    if (err !== null) return err;
  }
  const w = fs.appendFile(o.path, text);
  if (!w.ok) return pathError('write', o.path, w.errno);
  state.size += len;
  return null;
}

/** Where the log backend writes and with what settings. */
export interface AuditLogSink {
  fs: AuditLogFs;
  /** Standard output of the kube-apiserver process, for --audit-log-path=-. */
  stdout: (text: string) => void;
  clock: Clock;
}

export interface LogEventsResult {
  /** False when an event could not be written (matters in blocking-strict mode). */
  ok: boolean;
  /** klog.Error messages for failed writes (HandlePluginError), one per failure. */
  pluginErrors: string[];
}

// What nearly every call returns: shared, so a write allocates no result. Read it; do not change it.
const WRITTEN: LogEventsResult = Object.freeze({ ok: true, pluginErrors: Object.freeze([]) as unknown as string[] });

/** The result after a failure, started on the first one. */
function failed(result: LogEventsResult, message: string): LogEventsResult {
  const r = result === WRITTEN ? { ok: false, pluginErrors: [] } : result;
  r.ok = false;
  r.pluginErrors.push(message);
  return r;
}

/**
 * The log backend's ProcessEvents: truncate if enabled, format, write each event. Mutates `state`.
 * The result is read-only (shared between calls when every write succeeded).
 */
export function processLogEvents(sink: AuditLogSink, options: AuditLogOptions, state: LumberjackState, events: readonly AuditEvent[]): LogEventsResult {
  let result = WRITTEN;
  const format: AuditLogFormat = options.format === 'legacy' ? 'legacy' : 'json';
  const max = maxBytes(options);
  const truncating = options.truncate.enabled;
  // Lines that fit in the open file without a rotation are gathered and appended at once; a line
  // that needs lumberjack's checks (first write, rotation, oversize) flushes them and goes alone.
  // (Not while truncating: a dropped event would sit among the gathered ones.)
  let pending = '';
  let pendingBytes = 0;
  let pendingFrom = 0;
  for (let i = 0; i < events.length; i++) {
    let ev = events[i];
    if (truncating) {
      const t = truncateEvent(ev, options.truncate.maxEventSize);
      if (t.event === null) {
        result = failed(result, pluginErrorMessage('truncate', t.error ?? '', [ev]));
        continue;
      }
      ev = t.event;
    }
    const { line, bytes } = formatEventSized(ev, format);
    if (options.path === '-') {
      sink.stdout(line);
      continue;
    }
    if (!truncating && state.open && state.size + pendingBytes + bytes <= max) {
      if (pending === '') pendingFrom = i;
      pending += line;
      pendingBytes += bytes;
      continue;
    }
    if (pending !== '') {
      result = appendPending(sink, options, state, pending, pendingBytes, events, pendingFrom, i, result);
      pending = '';
      pendingBytes = 0;
    }
    const err = lumberjackWrite(sink.fs, options, state, line, sink.clock, bytes);
    if (err !== null) result = failed(result, pluginErrorMessage('log', err, [ev]));
  }
  if (pending !== '') result = appendPending(sink, options, state, pending, pendingBytes, events, pendingFrom, events.length, result);
  return result;
}

/** Append the lines of events[from, to) to the open file; a failed write fails each event, as one write each would. */
function appendPending(
  sink: AuditLogSink,
  o: RotationOptions,
  state: LumberjackState,
  text: string,
  bytes: number,
  events: readonly AuditEvent[],
  from: number,
  to: number,
  result: LogEventsResult,
): LogEventsResult {
  const w = sink.fs.appendFile(o.path, text);
  if (w.ok) {
    state.size += bytes;
    return result;
  }
  for (let i = from; i < to; i++) result = failed(result, pluginErrorMessage('log', pathError('write', o.path, w.errno), [events[i]]));
  return result;
}
