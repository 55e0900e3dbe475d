// evt.* fields of the syscall source: event number, time, type, direction, arguments and result.
import type { FalcoSyscallEvent } from '../event';
import { eventTimeRawString } from '../event';
import type { FieldDef, FieldValue } from './types';
import { isDigits, NO_ARG } from './types';
import { dateTime, timeHms, timeIso8601, timeOfDay, dateYmd } from './time-format';

type Ev = FalcoSyscallEvent;

const OPEN_TYPES = new Set(['open', 'openat', 'openat2', 'creat']);

const CATEGORIES: Record<string, string> = {};
for (const t of ['open', 'openat', 'openat2', 'creat', 'close', 'read', 'write', 'pread', 'pwrite', 'readv', 'writev', 'unlink', 'unlinkat', 'rename', 'renameat', 'renameat2', 'mkdir', 'mkdirat', 'rmdir', 'chmod', 'fchmod', 'fchmodat', 'chown', 'fchown', 'fchownat', 'symlink', 'symlinkat', 'link', 'linkat', 'truncate', 'ftruncate', 'dup', 'dup2', 'dup3', 'mount', 'umount', 'umount2', 'stat', 'lstat', 'fstat', 'access', 'sendfile'])
  CATEGORIES[t] = 'file';
for (const t of ['connect', 'accept', 'accept4', 'bind', 'listen', 'socket', 'socketpair', 'sendto', 'recvfrom', 'sendmsg', 'recvmsg', 'shutdown', 'getsockopt', 'setsockopt'])
  CATEGORIES[t] = 'net';
for (const t of ['execve', 'execveat', 'clone', 'clone3', 'fork', 'vfork', 'procexit', 'kill', 'tkill', 'tgkill', 'setuid', 'setgid', 'setresuid', 'setresgid', 'setns', 'unshare', 'ptrace', 'prctl', 'capset', 'chroot', 'chdir', 'fchdir'])
  CATEGORIES[t] = 'process';

/** The i-th argument (`evt.arg[0]`) or the one named (`evt.arg.flags`, `evt.arg[flags]`). */
function argValue(args: Record<string, string | number> | undefined, key: string | undefined): string | number | undefined {
  if (!args || key === undefined) return undefined;
  if (isDigits(key)) {
    const vals = Object.values(args);
    return vals[Number(key)];
  }
  return args[key];
}

const O_RDONLY = 1;
const O_WRONLY = 2;
const O_RDWR = 4;
const O_CREAT = 8;
const FLAG_BITS = new Map([
  ['O_RDONLY', O_RDONLY],
  ['O_WRONLY', O_WRONLY],
  ['O_RDWR', O_RDWR],
  ['O_CREAT', O_CREAT],
]);

// Many rules test the open flags of every open event; the few distinct flag texts are split once.
const flagBitsByText = new Map<string, number>();
const MAX_FLAG_TEXTS = 4096;

function flagBits(text: string): number {
  let bits = flagBitsByText.get(text);
  if (bits === undefined) {
    bits = 0;
    for (const f of text.split('|')) bits |= FLAG_BITS.get(f.trim()) ?? 0;
    if (flagBitsByText.size >= MAX_FLAG_TEXTS) flagBitsByText.clear();
    flagBitsByText.set(text, bits);
  }
  return bits;
}

/** The open flags of an open-like event as bits; 0 for other events. */
function openFlags(e: Ev): number {
  if (!OPEN_TYPES.has(e.evt.type)) return 0;
  const f = e.evt.args?.flags;
  return typeof f === 'string' ? flagBits(f) : 0;
}

function str(v: string | number | undefined): FieldValue {
  return v === undefined ? null : String(v);
}

export const EVT_FIELDS: FieldDef<Ev>[] = [
  { name: 'evt.num', type: 'uint64', desc: 'event number', arg: NO_ARG, extract: (e) => e.evt.num },
  {
    name: 'evt.time',
    type: 'charbuf',
    desc: 'event timestamp as a time string that includes the nanosecond part',
    arg: NO_ARG,
    extract: (e) => timeOfDay(e.evt.time),
    json: (e) => eventTimeRawString(e.evt.time),
  },
  { name: 'evt.time.s', type: 'charbuf', desc: 'event timestamp as a time string with no nanoseconds', arg: NO_ARG, extract: (e) => timeHms(e.evt.time) },
  { name: 'evt.time.iso8601', type: 'charbuf', desc: 'event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC)', arg: NO_ARG, extract: (e) => timeIso8601(e.evt.time) },
  { name: 'evt.datetime', type: 'charbuf', desc: 'event timestamp as a time string that includes the date', arg: NO_ARG, extract: (e) => dateTime(e.evt.time) },
  { name: 'evt.datetime.s', type: 'charbuf', desc: 'event timestamp as a datetime string with no nanoseconds', arg: NO_ARG, extract: (e) => `${dateYmd(e.evt.time)} ${timeHms(e.evt.time)}` },
  { name: 'evt.rawtime', type: 'abstime', desc: 'absolute event timestamp, i.e. nanoseconds from epoch', arg: NO_ARG, extract: (e) => eventTimeRawString(e.evt.time) },
  { name: 'evt.rawtime.s', type: 'abstime', desc: 'integer part of the event timestamp (e.g. seconds since epoch)', arg: NO_ARG, extract: (e) => e.evt.time.s },
  { name: 'evt.rawtime.ns', type: 'abstime', desc: 'fractional part of the absolute event timestamp', arg: NO_ARG, extract: (e) => e.evt.time.ns },
  { name: 'evt.type', type: 'charbuf', desc: "The name of the event (e.g. 'open')", arg: NO_ARG, extract: (e) => e.evt.type },
  { name: 'evt.syscall.type', type: 'charbuf', desc: 'For system call events, the name of the system call', arg: NO_ARG, extract: (e) => e.evt.type },
  { name: 'evt.category', type: 'charbuf', desc: 'The event category (file, net, process, …)', arg: NO_ARG, extract: (e) => CATEGORIES[e.evt.type] ?? 'other' },
  { name: 'evt.cpu', type: 'int32', desc: 'number of the CPU where this event happened', arg: NO_ARG, extract: (e) => e.evt.cpu ?? 0 },
  { name: 'evt.dir', type: 'charbuf', desc: "event direction can be either '>' for enter events or '<' for exit events", arg: NO_ARG, extract: (e) => e.evt.dir },
  {
    name: 'evt.args',
    type: 'charbuf',
    desc: 'all the event arguments, aggregated into a single string',
    arg: NO_ARG,
    extract: (e) =>
      Object.entries(e.evt.args ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
  },
  {
    name: 'evt.info',
    type: 'charbuf',
    desc: 'the event arguments, or a description for events that have one',
    arg: NO_ARG,
    extract: (e) =>
      Object.entries(e.evt.args ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
  },
  {
    name: 'evt.arg',
    type: 'charbuf',
    desc: "one of the event arguments specified by name or by number, e.g. 'evt.arg.fd' or 'evt.arg[0]'",
    arg: { kind: 'index-or-key', required: true, dotted: true },
    extract: (e, a) => str(argValue(e.evt.args, a)),
  },
  {
    name: 'evt.rawarg',
    type: 'charbuf',
    desc: "one of the event arguments specified by name, e.g. 'evt.rawarg.fd'",
    arg: { kind: 'key', required: true, dotted: true },
    extract: (e, a) => {
      const raw = a === undefined ? undefined : e.evt.rawArgs?.[a];
      return raw !== undefined ? raw : str(argValue(e.evt.args, a));
    },
  },
  { name: 'evt.buffer', type: 'bytebuf', desc: 'the binary data buffer for events that have one, like read(), recvfrom(), etc.', arg: NO_ARG, extract: (e) => e.evt.buffer ?? null },
  { name: 'evt.buflen', type: 'uint64', desc: 'the length of the binary data buffer for events that have one', arg: NO_ARG, extract: (e) => (e.evt.buffer === undefined ? null : e.evt.buffer.length) },
  {
    name: 'evt.res',
    type: 'charbuf',
    desc: "event return value, as a string. If the event failed, the result is an error code string (e.g. 'ENOENT'), otherwise the result is the string 'SUCCESS'",
    arg: NO_ARG,
    extract: (e) => (e.evt.res === undefined ? null : e.evt.res >= 0 ? 'SUCCESS' : e.evt.errno ?? String(e.evt.res)),
  },
  { name: 'evt.rawres', type: 'int64', desc: 'event return value, as a number (e.g. -2)', arg: NO_ARG, extract: (e) => e.evt.res ?? null },
  { name: 'evt.failed', type: 'bool', desc: "'true' for events that returned an error status", arg: NO_ARG, extract: (e) => (e.evt.res ?? 0) < 0 },
  { name: 'evt.is_io', type: 'bool', desc: "'true' for events that read or write to FDs", arg: NO_ARG, extract: (e) => /^(read|write|pread|pwrite|readv|writev|sendto|recvfrom|sendmsg|recvmsg)/.test(e.evt.type) },
  { name: 'evt.is_io_read', type: 'bool', desc: "'true' for events that read from FDs", arg: NO_ARG, extract: (e) => /^(read|pread|readv|recvfrom|recvmsg)/.test(e.evt.type) },
  { name: 'evt.is_io_write', type: 'bool', desc: "'true' for events that write to FDs", arg: NO_ARG, extract: (e) => /^(write|pwrite|writev|sendto|sendmsg)/.test(e.evt.type) },
  {
    name: 'evt.is_open_read',
    type: 'bool',
    desc: "'true' for open/openat/openat2 events where the path was opened for reading",
    arg: NO_ARG,
    extract: (e) => (openFlags(e) & (O_RDONLY | O_RDWR)) !== 0,
  },
  {
    name: 'evt.is_open_write',
    type: 'bool',
    desc: "'true' for open/openat/openat2 events where the path was opened for writing",
    arg: NO_ARG,
    extract: (e) => (openFlags(e) & (O_WRONLY | O_RDWR)) !== 0,
  },
  {
    name: 'evt.is_open_exec',
    type: 'bool',
    desc: "'true' for open/openat/openat2 events where a file is created with execute permissions",
    arg: NO_ARG,
    extract: (e) => {
      const f = openFlags(e);
      const mode = e.evt.rawArgs?.mode ?? 0;
      return (f & O_CREAT) !== 0 && (mode & 0o111) !== 0;
    },
  },
  { name: 'evt.count', type: 'uint32', desc: 'This filter field always returns 1', arg: NO_ARG, extract: () => 1 },
  {
    name: 'evt.abspath',
    type: 'charbuf',
    desc: 'Absolute path calculated from dirfd and name during syscalls like renameat and symlinkat',
    arg: { kind: 'key', required: false },
    extract: (e) => {
      const a = e.evt.args ?? {};
      const v = a.name ?? a.path ?? a.pathname ?? a.newpath ?? a.target;
      return typeof v === 'string' && v.startsWith('/') ? v : null;
    },
  },
];
