// proc.*, thread.*, user.* and group.* fields: the process, its ancestry and credentials.
import type { AncestorInfo, FalcoSyscallEvent, ProcessInfo } from '../event';
import { eventTimeDiffNs } from '../event';
import type { FieldDef, FieldValue } from './types';
import { isDigits, NO_ARG } from './types';
import { memoArgsLine, memoCommandLine } from './memo';

type Ev = FalcoSyscallEvent;


/** The process at generation N: 0 = the process itself, 1 = parent, … (null past the known chain). */
function generation(p: ProcessInfo, n: number): AncestorInfo | null {
  if (n === 0) return { pid: p.pid, name: p.name, exe: p.exe, exepath: p.exepath, args: p.args };
  return p.ancestors[n - 1] ?? null;
}

function genIndex(arg: string | undefined): number | null {
  if (arg === undefined || !isDigits(arg)) return null;
  return Number(arg);
}

/** A field computed from the process; absent thread info makes it not extractable. */
function pf(name: string, type: FieldDef<Ev>['type'], desc: string, get: (p: ProcessInfo, e: Ev) => FieldValue | undefined): FieldDef<Ev> {
  return { name, type, desc, arg: NO_ARG, extract: (e) => (e.proc ? get(e.proc, e) : null) };
}

/** proc.aname[N]-style fields over the ancestry; without an index they look at every ancestor. */
function ancestorField(name: string, type: FieldDef<Ev>['type'], desc: string, get: (a: AncestorInfo) => FieldValue | undefined): FieldDef<Ev> {
  return {
    name,
    type,
    desc,
    arg: { kind: 'index', required: false },
    multi: 'any',
    extract: (e, arg) => {
      if (!e.proc) return null;
      if (arg === undefined) return e.proc.ancestors.map((a) => get(a)).filter((v): v is string | number => v !== null && v !== undefined);
      const n = genIndex(arg);
      if (n === null) return null;
      const g = generation(e.proc, n);
      return g ? get(g) ?? null : null;
    },
  };
}

// Separate caches: a rule often reads several of these lines of the same event in turn.
const argsLineOf = memoArgsLine();
const cmdlineOf = memoCommandLine();
const exelineOf = memoCommandLine();
const pcmdlineOf = memoCommandLine();

const parent = (p: ProcessInfo): AncestorInfo | null => p.ancestors[0] ?? null;

export const PROC_FIELDS: FieldDef<Ev>[] = [
  pf('proc.pid', 'int64', 'the id of the process generating the event', (p) => p.pid),
  pf('proc.exe', 'charbuf', 'the first command line argument (usually the executable name or a custom one)', (p) => p.exe),
  pf('proc.name', 'charbuf', 'the name (excluding the path) of the executable generating the event', (p) => p.name),
  pf('proc.args', 'charbuf', 'the arguments passed on the command line when starting the process generating the event', (p) => argsLineOf(p.args)),
  pf('proc.env', 'charbuf', 'the environment variables of the process generating the event', (p) => (p.env ?? []).join(' ')),
  pf('proc.cmdline', 'charbuf', 'full process command line, i.e. proc.name + proc.args', (p) => cmdlineOf(p.name, p.args)),
  pf('proc.exeline', 'charbuf', 'full process command line, with exe as first argument, i.e. proc.exe + proc.args', (p) => exelineOf(p.exe, p.args)),
  pf('proc.cwd', 'charbuf', 'the current working directory of the event', (p) => p.cwd ?? null),
  pf('proc.ppid', 'int64', 'the pid of the parent of the process generating the event', (p) => p.ppid ?? parent(p)?.pid ?? null),
  pf('proc.pname', 'charbuf', 'the name (excluding the path) of the parent of the process generating the event', (p) => parent(p)?.name ?? null),
  pf('proc.pcmdline', 'charbuf', 'the full command line (proc.name + proc.args) of the parent of the process generating the event', (p) => {
    const a = parent(p);
    return a ? pcmdlineOf(a.name, a.args) : null;
  }),
  pf('proc.pexe', 'charbuf', 'the first command line argument of the parent process', (p) => parent(p)?.exe ?? null),
  pf('proc.pexepath', 'charbuf', 'the full executable path of the parent process', (p) => parent(p)?.exepath ?? null),
  pf('proc.exepath', 'charbuf', 'the full executable path of the process', (p) => p.exepath),
  ancestorField('proc.apid', 'int64', 'the pid of one of the process ancestors, e.g. proc.apid[1] is the parent', (a) => a.pid),
  ancestorField('proc.aname', 'charbuf', 'the name of one of the process ancestors, e.g. proc.aname[1] is the parent', (a) => a.name),
  ancestorField('proc.aexe', 'charbuf', 'the first command line argument of one of the process ancestors', (a) => a.exe ?? null),
  ancestorField('proc.aexepath', 'charbuf', 'the full executable path of one of the process ancestors', (a) => a.exepath ?? null),
  pf('proc.duration', 'relativetime', 'number of nanoseconds since the process started', (p, e) => (p.start ? eventTimeDiffNs(e.evt.time, p.start) : null)),
  pf('proc.vpid', 'int64', 'the id of the process generating the event as seen from its current PID namespace', (p) => p.vpid ?? p.pid),
  pf('proc.pvpid', 'int64', 'the id of the parent process as seen from its current PID namespace', (p) => (p.ancestors[0] ? p.ancestors[0].pid : null)),
  pf('proc.sid', 'int64', 'the session id of the process generating the event', (p) => p.sid ?? null),
  pf('proc.sname', 'charbuf', 'the name of the current process session leader', (p) => p.sname ?? null),
  pf('proc.tty', 'uint32', "the controlling terminal of the process. 0 for processes without a terminal", (p) => p.tty),
  pf('proc.is_exe_writable', 'bool', "'true' if this process' executable file is writable by the same user that spawned the process", (p) => p.exeWritable ?? false),
  pf('proc.is_container_healthcheck', 'bool', "'true' if this process is running as a part of the container's health check", () => false),
  pf('proc.is_container_liveness_probe', 'bool', "'true' if this process is running as a part of the container's liveness probe", () => false),
  pf('proc.is_container_readiness_probe', 'bool', "'true' if this process is running as a part of the container's readiness probe", () => false),
  pf('thread.cap_permitted', 'charbuf', 'The permitted capabilities set', (p) => (p.capPermitted ? p.capPermitted.join(' ') : null)),
  pf('thread.cap_inheritable', 'charbuf', 'The inheritable capabilities set', (p) => (p.capInheritable ? p.capInheritable.join(' ') : null)),
  pf('thread.cap_effective', 'charbuf', 'The effective capabilities set', (p) => (p.capEffective ? p.capEffective.join(' ') : null)),
  pf('thread.tid', 'int64', 'the id of the thread generating the event', (p) => p.tid ?? p.pid),
  pf('thread.vtid', 'int64', 'the id of the thread generating the event as seen from its current PID namespace', (p) => p.vtid ?? p.vpid ?? p.tid ?? p.pid),
];

export const USER_FIELDS: FieldDef<Ev>[] = [
  { name: 'user.uid', type: 'uint32', desc: 'user ID', arg: NO_ARG, extract: (e) => (e.user ? e.user.uid : null) },
  { name: 'user.name', type: 'charbuf', desc: 'user name', arg: NO_ARG, extract: (e) => e.user?.name ?? null },
  { name: 'user.homedir', type: 'charbuf', desc: 'home directory of the user', arg: NO_ARG, extract: (e) => e.user?.homedir ?? null },
  { name: 'user.shell', type: 'charbuf', desc: "user's shell", arg: NO_ARG, extract: (e) => e.user?.shell ?? null },
  { name: 'user.loginuid', type: 'int64', desc: 'audit user id (auid)', arg: NO_ARG, extract: (e) => (e.user ? e.user.loginuid : null) },
  { name: 'user.loginname', type: 'charbuf', desc: 'audit user name (auid)', arg: NO_ARG, extract: (e) => e.user?.loginname ?? null },
  { name: 'group.gid', type: 'uint64', desc: 'group ID', arg: NO_ARG, extract: (e) => (e.group ? e.group.gid : null) },
  { name: 'group.name', type: 'charbuf', desc: 'group name', arg: NO_ARG, extract: (e) => e.group?.name ?? null },
];
