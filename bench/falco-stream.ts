// The reference syscall stream of the Falco benchmark: seeded, mostly ordinary opens/execs, about 1 % suspicious.
//
// Thread, user, container and fd state is shared between events the way libsinsp's tables share it;
// every event gets its own evt record (number, time, arguments, result).
import { createRandom } from '../src/core/random';
import type { Random } from '../src/core/random';
import type { AncestorInfo, ContainerInfo, EventArgValue, FalcoSyscallEvent, FdInfo, K8sInfo, ProcessInfo, UserInfo } from '../src/falco/event';

/** 2023-01-24T18:03:14Z, the chapter's day. */
const START_S = 1674583394;

const anc = (name: string, pid: number, args: string[] = []): AncestorInfo => ({ pid, name, exe: name, exepath: `/usr/bin/${name}`, args });

const SYSTEMD = anc('systemd', 1);
const SSHD = anc('sshd', 880, ['-D']);
const LOGIN_BASH = anc('bash', 2301);
const CONTAINERD_SHIM = anc('containerd-shim', 2210, ['-namespace', 'k8s.io', '-id', '18b247adb3ca']);
const RUNC = anc('runc', 47750, ['init']);

function proc(name: string, pid: number, args: string[], ancestors: AncestorInfo[], exepath = `/usr/bin/${name}`, tty = 0): ProcessInfo {
  return { pid, name, exe: name, exepath, args, tty, ancestors, vpid: pid, sid: pid };
}

const ROOT: UserInfo = { uid: 0, name: 'root', homedir: '/root', shell: '/bin/bash', loginuid: -1, loginname: null };
const ROOT_LOGIN: UserInfo = { uid: 0, name: 'root', homedir: '/root', shell: '/bin/bash', loginuid: 0, loginname: 'root' };
const ALICE: UserInfo = { uid: 1000, name: 'alice', homedir: '/home/alice', shell: '/bin/bash', loginuid: 1000, loginname: 'alice' };
const WWW: UserInfo = { uid: 33, name: 'www-data', homedir: '/var/www', shell: '/usr/sbin/nologin', loginuid: -1, loginname: null };
const REDIS: UserInfo = { uid: 999, name: 'redis', homedir: '/data', shell: '/sbin/nologin', loginuid: -1, loginname: null };

function container(id: string, repo: string, tag: string, name: string): ContainerInfo {
  return { id, name, image: `${repo}:${tag}`, imageRepository: repo, imageTag: tag, privileged: false, mounts: [], type: 'containerd' };
}

interface Actor {
  proc: ProcessInfo;
  user: UserInfo;
  container: ContainerInfo | null;
  k8s: K8sInfo | null;
}

const NGINX_C = container('18b247adb3ca', 'docker.io/library/nginx', 'latest', 'nginx');
const REDIS_C = container('5f1a2b3c4d5e', 'docker.io/library/redis', '7.0', 'cache');
const APP_C = container('9a8b7c6d5e4f', 'registry.example.com/shop/api', '1.4.2', 'api');
const pod = (podName: string): K8sInfo => ({ nsName: 'default', podName });

const host = (p: ProcessInfo, user: UserInfo = ROOT): Actor => ({ proc: p, user, container: null, k8s: null });
const inC = (p: ProcessInfo, user: UserInfo, c: ContainerInfo): Actor => ({ proc: p, user, container: c, k8s: pod(c.name) });

/** Long-running programs that open files. */
const OPENERS: Actor[] = [
  host(proc('systemd-journal', 312, [], [SYSTEMD], '/lib/systemd/systemd-journald')),
  host(proc('kubelet', 1200, ['--config=/var/lib/kubelet/config.yaml'], [SYSTEMD])),
  host(proc('containerd', 1100, [], [SYSTEMD])),
  host(proc('cron', 640, ['-f'], [SYSTEMD], '/usr/sbin/cron')),
  host(proc('vim', 2410, ['notes.txt'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/vim', 34817), ALICE),
  inC(proc('nginx', 48010, ['-g', 'daemon off;'], [CONTAINERD_SHIM, SYSTEMD], '/usr/sbin/nginx'), WWW, NGINX_C),
  inC(proc('redis-server', 48200, ['*:6379'], [CONTAINERD_SHIM, SYSTEMD], '/usr/local/bin/redis-server'), REDIS, REDIS_C),
  inC(proc('java', 48300, ['-jar', '/app/api.jar'], [CONTAINERD_SHIM, SYSTEMD], '/opt/java/openjdk/bin/java'), ROOT, APP_C),
];

/** Ordinary command lines: a login shell on the host, cron jobs, an entrypoint script in a container. */
const EXECS: Actor[] = [
  host(proc('ls', 3001, ['-la'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/ls', 34817), ALICE),
  host(proc('grep', 3002, ['-r', 'TODO', '.'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/grep', 34817), ALICE),
  host(proc('ps', 3003, ['aux'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/ps', 34817), ALICE),
  host(proc('git', 3004, ['status'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/git', 34817), ALICE),
  host(proc('logrotate', 3005, ['/etc/logrotate.conf'], [anc('cron', 640), SYSTEMD], '/usr/sbin/logrotate')),
  host(proc('date', 3006, ['+%s'], [anc('sh', 3010, ['-c', 'date +%s']), anc('cron', 640), SYSTEMD], '/usr/bin/date')),
  inC(proc('sleep', 48400, ['30'], [anc('sh', 48399, ['/entrypoint.sh']), CONTAINERD_SHIM, SYSTEMD], '/bin/sleep'), ROOT, APP_C),
  inC(proc('curl', 48401, ['-fsS', 'http://localhost:8080/healthz'], [anc('sh', 48399, ['/entrypoint.sh']), CONTAINERD_SHIM, SYSTEMD]), ROOT, APP_C),
];

const READ_PATHS = [
  '/usr/lib/x86_64-linux-gnu/libc.so.6',
  '/etc/ld.so.cache',
  '/etc/hosts',
  '/etc/nsswitch.conf',
  '/usr/share/zoneinfo/UTC',
  '/proc/self/stat',
  '/var/lib/kubelet/config.yaml',
  '/usr/share/nginx/html/index.html',
  '/data/dump.rdb',
  '/app/api.jar',
  '/home/alice/notes.txt',
  '/sys/fs/cgroup/cpu.max',
];
const WRITE_PATHS = ['/tmp/api-1.log', '/var/log/nginx/access.log', '/data/appendonly.aof', '/home/alice/.notes.txt.swp', '/var/lib/containerd/io.containerd.metadata.v1.bolt/meta.db', '/run/user/1000/bus'];
const CONNECT_TARGETS: Array<[string, number]> = [
  ['10.96.0.10', 53],
  ['10.96.0.1', 443],
  ['172.17.0.3', 6379],
];

/** Suspicious actions, each meant to raise one shipped rule. */
const SHELL_IN_CONTAINER = inC({ ...proc('bash', 47773, [], [RUNC, CONTAINERD_SHIM, SYSTEMD], '/usr/bin/bash', 34816), vpid: 7 }, ROOT_LOGIN, NGINX_C);
const WRITER_BELOW_ETC = host(proc('python3', 3100, ['/tmp/drop.py'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/python3', 34817), ROOT_LOGIN);
const SHADOW_READER = host(proc('python3', 3101, ['/tmp/steal.py'], [LOGIN_BASH, SSHD, SYSTEMD], '/usr/bin/python3', 34817), ROOT_LOGIN);
const APT_IN_CONTAINER = inC(proc('apt', 48500, ['update'], [anc('bash', 48490), RUNC, CONTAINERD_SHIM, SYSTEMD], '/usr/bin/apt'), ROOT, APP_C);

export interface StreamStats {
  events: number;
  byType: Record<string, number>;
  suspicious: number;
}

class StreamBuilder {
  private num = 0;
  private ns = 0;
  private readonly fds = new Map<string, FdInfo>();
  private readonly openArgs = new Map<string, Record<string, EventArgValue>>();
  readonly stats: StreamStats = { events: 0, byType: {}, suspicious: 0 };

  constructor(private readonly rnd: Random) {}

  private fileFd(path: string): FdInfo {
    let fd = this.fds.get(path);
    if (!fd) {
      fd = { num: 3 + (this.fds.size % 20), type: 'file', typechar: 'f', name: path };
      this.fds.set(path, fd);
    }
    return fd;
  }

  private openArgsOf(fd: FdInfo, flags: string): Record<string, EventArgValue> {
    const key = `${fd.name}\0${flags}`;
    let args = this.openArgs.get(key);
    if (!args) {
      args = { fd: fd.num, dirfd: -100, name: fd.name, flags, mode: flags.includes('O_CREAT') ? 0o644 : 0, dev: 0x803 };
      this.openArgs.set(key, args);
    }
    return args;
  }

  private event(type: string, a: Actor, fd: FdInfo | null, args: Record<string, EventArgValue>, res: number): FalcoSyscallEvent {
    this.num++;
    this.ns += 700 + this.rnd.int(2000);
    this.stats.events++;
    this.stats.byType[type] = (this.stats.byType[type] ?? 0) + 1;
    return {
      evt: { num: this.num, time: { s: START_S + Math.floor(this.ns / 1e9), ns: this.ns % 1e9 }, type, dir: '<', args, res },
      proc: a.proc,
      user: a.user,
      group: { gid: a.user.uid, name: a.user.name },
      fd,
      container: a.container,
      k8s: a.k8s,
    };
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.rnd.int(xs.length)];
  }

  open(a: Actor, path: string, flags: string): FalcoSyscallEvent {
    const fd = this.fileFd(path);
    return this.event('openat', a, fd, this.openArgsOf(fd, flags), fd.num);
  }

  exec(a: Actor): FalcoSyscallEvent {
    const p = a.proc;
    return this.event('execve', a, null, { res: 0, exe: p.exepath, args: p.args.join(' '), tid: p.pid, pid: p.pid, ptid: p.ancestors[0]?.pid ?? 1, cwd: '/' }, 0);
  }

  ordinary(): FalcoSyscallEvent {
    const r = this.rnd.next();
    if (r < 0.45) return this.open(this.pick(OPENERS), this.pick(READ_PATHS), 'O_RDONLY|O_CLOEXEC');
    if (r < 0.6) return this.open(this.pick(OPENERS), this.pick(WRITE_PATHS), 'O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC');
    if (r < 0.8) return this.exec(this.pick(EXECS));
    if (r < 0.9) {
      const a = this.pick(OPENERS);
      const fd = this.fileFd(this.pick(READ_PATHS));
      return this.event('close', a, fd, { fd: fd.num }, 0);
    }
    const a = this.pick(OPENERS);
    const [sip, sport] = this.pick(CONNECT_TARGETS);
    const cport = 40000 + this.rnd.int(20000);
    const fd: FdInfo = { num: 7, type: 'ipv4', typechar: '4', name: `10.244.1.5:${cport}->${sip}:${sport}`, cip: '10.244.1.5', cport, sip, sport, l4proto: 'tcp', localIsClient: true, connected: true };
    return this.event('connect', a, fd, { res: 0, tuple: fd.name, fd: 7 }, 0);
  }

  suspicious(): FalcoSyscallEvent {
    this.stats.suspicious++;
    switch (this.rnd.int(4)) {
      case 0:
        return this.exec(SHELL_IN_CONTAINER);
      case 1:
        return this.open(WRITER_BELOW_ETC, '/etc/cron.d/backdoor', 'O_WRONLY|O_CREAT|O_TRUNC');
      case 2:
        return this.open(SHADOW_READER, '/etc/shadow', 'O_RDONLY');
      default:
        return this.exec(APT_IN_CONTAINER);
    }
  }
}

/** `count` events from `seed`; the same seed always gives the same stream. */
export function referenceStream(count: number, seed: number, suspiciousRate = 0.01): { events: FalcoSyscallEvent[]; stats: StreamStats } {
  const rnd = createRandom(seed);
  const b = new StreamBuilder(rnd);
  const events = new Array<FalcoSyscallEvent>(count);
  for (let i = 0; i < count; i++) events[i] = rnd.next() < suspiciousRate ? b.suspicious() : b.ordinary();
  return { events, stats: b.stats };
}

/** Event types the reference stream never contains, for rules that must cost nothing on it. */
const ABSENT_TYPES = ['ptrace', 'mount', 'umount2', 'setns', 'unshare', 'bpf', 'init_module', 'finit_module', 'chmod', 'fchmodat', 'mkdirat', 'renameat2', 'symlinkat', 'linkat', 'setuid', 'setgid', 'kill', 'userfaultfd', 'bind', 'listen', 'accept4', 'sendto', 'chown', 'fchownat', 'truncate', 'capset', 'prctl', 'memfd_create'];

/** A rules file of `count` rules, each restricted to event types absent from the reference stream. */
export function otherTypeRules(count: number): string {
  const lines: string[] = ['# Generated by bench/falco-stream.ts: rules on event types the reference stream never has.', ''];
  for (let i = 0; i < count; i++) {
    const t1 = ABSENT_TYPES[i % ABSENT_TYPES.length];
    const t2 = ABSENT_TYPES[(i * 7 + 3) % ABSENT_TYPES.length];
    lines.push(
      `- rule: Bench other-type rule ${i}`,
      `  desc: generated rule ${i}`,
      `  condition: evt.type in (${t1}, ${t2}) and evt.dir=< and (proc.name in (benchprog${i}, benchtool${i}) or fd.name startswith /srv/bench/${i}/) and not user.name in (benchuser${i})`,
      `  output: Bench rule ${i} fired (user=%user.name command=%proc.cmdline file=%fd.name container_id=%container.id)`,
      `  priority: ${i % 2 === 0 ? 'WARNING' : 'NOTICE'}`,
      `  tags: [bench]`,
      '',
    );
  }
  return lines.join('\n');
}
