// The structured syscall event the Falco engine consumes: what libsinsp's state would know about one event.
//
// A host adapter (the simulated node kernel) builds these. Absent information is `null`/missing, and
// every field that depends on it is then "not extractable": comparisons are false and outputs print <NA>.

/** Absolute wall-clock time of an event, split so nanoseconds stay exact without bigint. */
export interface EventTime {
  /** Seconds since the Unix epoch. */
  s: number;
  /** Nanoseconds within the second, 0..999999999. */
  ns: number;
}

/** Argument values as libsinsp renders them (`evt.arg.<name>`); numbers for raw numeric arguments. */
export type EventArgValue = string | number;

export interface EventInfo {
  /** Event number, increasing from 1 (`evt.num`; rules use `evt.num=0` as never-true). */
  num: number;
  time: EventTime;
  /** Syscall name: execve, openat, connect, unlink, … (`evt.type`). */
  type: string;
  /** `>` enter, `<` exit. Most rules look at exit events. */
  dir: '>' | '<';
  /**
   * Arguments in declaration order (`evt.arg[i]` is the i-th entry), rendered as libsinsp prints
   * them: flags as `O_WRONLY|O_CREAT|O_APPEND`, fds resolved to paths, etc.
   */
  args?: Record<string, EventArgValue>;
  /** Raw numeric arguments where they differ from the rendered form (`evt.rawarg.<name>`). */
  rawArgs?: Record<string, number>;
  /** Return value of an exit event: >= 0 success (fd, pid, 0), negative errno (`evt.rawres`). */
  res?: number;
  /** Errno name when res < 0, e.g. `ENOENT` (`evt.res`). */
  errno?: string;
  /** Data buffer of read/write-like events (`evt.buffer`), as a latin1 byte string. */
  buffer?: string;
  /** CPU number (`evt.cpu`). */
  cpu?: number;
}

/** One ancestor of the process: [0] is the parent, [1] the grandparent, … */
export interface AncestorInfo {
  pid: number;
  /** comm, at most 15 characters. */
  name: string;
  /** argv[0]. */
  exe?: string;
  exepath?: string;
  args: string[];
}

export interface ProcessInfo {
  pid: number;
  /** Thread id; equals pid for the main thread. */
  tid?: number;
  ppid?: number;
  /** comm: the executable's base name truncated to 15 characters (`proc.name`). */
  name: string;
  /** argv[0] (`proc.exe`). */
  exe: string;
  /** Full path of the executable (`proc.exepath`). */
  exepath: string;
  /** argv[1..] (`proc.args`, `proc.cmdline`). */
  args: string[];
  /** Controlling terminal device number, 0 when none; pts/0 is 34816 (`proc.tty`). */
  tty: number;
  /** Session id and session leader name (`proc.sid`, `proc.sname`). */
  sid?: number;
  sname?: string;
  /** pid and tid inside the process's pid namespace (`proc.vpid`, `thread.vtid`). */
  vpid?: number;
  vtid?: number;
  cwd?: string;
  /** Environment as NAME=value strings. */
  env?: string[];
  /** Process start time, for `proc.duration`. */
  start?: EventTime;
  /** Parent first; stops where libsinsp's thread table would (host init or container boundary). */
  ancestors: AncestorInfo[];
  /** Capability names, e.g. CAP_SYS_ADMIN (`thread.cap_effective`, `thread.cap_permitted`). */
  capEffective?: string[];
  capPermitted?: string[];
  capInheritable?: string[];
  /** Whether the executable file is writable by the process's user (`proc.is_exe_writable`). */
  exeWritable?: boolean;
}

export interface UserInfo {
  uid: number;
  /** null when the uid has no entry in the (container's) passwd database Falco looked at. */
  name: string | null;
  homedir?: string | null;
  shell?: string | null;
  /** Audit login uid, -1 when unset (`user.loginuid`). */
  loginuid: number;
  /** Name of the login uid, null when unknown (`user.loginname`). */
  loginname: string | null;
}

export interface GroupInfo {
  gid: number;
  name: string | null;
}

/** File descriptor type character as libsinsp prints it (`fd.typechar`). */
export type FdTypeChar = 'f' | '4' | '6' | 'u' | 'p' | 'e' | 's' | 'l' | 'i' | 'b' | 'r' | 'o' | 'd';

export interface FdInfo {
  /** fd number; -1 when the call failed (`fd.num`). */
  num: number;
  /** `file`, `directory`, `ipv4`, `ipv6`, `unix`, `pipe`, `event`, `signalfd`, `eventpoll`, `inotify`, `timerfd`, `netlink`, `bpf`… */
  type: string;
  typechar: FdTypeChar;
  /** Full path for files; `cip:cport->sip:sport` for sockets (`fd.name`). */
  name: string;
  /**
   * The path exactly as the program passed it to open, before the kernel resolved `..`, `.` and the
   * cwd (`fd.nameraw`: `/etc/../etc/shadow`, `../etc/shadow`). Absent when the adapter does not know
   * it; a file fd then reads as its name.
   */
  nameRaw?: string;
  /** Socket endpoints. */
  cip?: string;
  cport?: number;
  sip?: string;
  sport?: number;
  /** DNS name of the server address when known (`fd.sip.name`). */
  sipName?: string;
  cipName?: string;
  /** `tcp`, `udp`, `icmp`, `raw` (`fd.l4proto`). */
  l4proto?: string;
  /** Which end is local: the client for outbound connections (`fd.lip`, `fd.rip`). */
  localIsClient?: boolean;
  connected?: boolean;
}

export interface ContainerMount {
  source: string;
  dest: string;
  mode?: string;
  rdwr: boolean;
  propagation?: string;
}

export interface ContainerInfo {
  /** 12-character short id. */
  id: string;
  name: string;
  /** Full image reference as the runtime reports it, e.g. `docker.io/library/nginx:latest`. */
  image: string;
  imageRepository: string;
  imageTag: string;
  imageDigest?: string;
  imageId?: string;
  /** `docker`, `containerd`, `cri-o`… (`container.type`). */
  type?: string;
  privileged: boolean;
  mounts: ContainerMount[];
  labels?: Record<string, string>;
}

export interface K8sInfo {
  nsName: string;
  podName: string;
  podUid?: string;
  podLabels?: Record<string, string>;
}

/** One syscall event with the process, user, fd and container state libsinsp would attach to it. */
export interface FalcoSyscallEvent {
  evt: EventInfo;
  /** null when the event has no thread information (dropped state). */
  proc: ProcessInfo | null;
  /** The thread's credentials; null with proc. */
  user: UserInfo | null;
  group: GroupInfo | null;
  /** The fd the event acts on (open, connect, read…), null when none. */
  fd: FdInfo | null;
  /** null for host processes: container.id is then `host`. */
  container: ContainerInfo | null;
  /** From the container's CRI labels; null outside pods. */
  k8s: K8sInfo | null;
}

/** Nanoseconds in an EventTime difference, as a plain number (safe for durations up to ~104 days). */
export function eventTimeDiffNs(a: EventTime, b: EventTime): number {
  return (a.s - b.s) * 1_000_000_000 + (a.ns - b.ns);
}

/** The epoch-nanoseconds integer as decimal text (exact; too large for a double). */
export function eventTimeRawString(t: EventTime): string {
  if (t.s === 0) return String(t.ns);
  return `${t.s}${String(t.ns).padStart(9, '0')}`;
}
