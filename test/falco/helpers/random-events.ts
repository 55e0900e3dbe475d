// fast-check arbitraries of syscall events built from the names, paths and addresses the shipped rules test.
import fc from 'fast-check';
import type { AncestorInfo, ContainerInfo, FalcoSyscallEvent, FdInfo, UserInfo } from '../../../src/falco/event';

const TYPES = ['openat', 'open', 'openat2', 'creat', 'execve', 'execveat', 'connect', 'accept', 'accept4', 'listen', 'close', 'unlink', 'unlinkat', 'rename', 'renameat2', 'mkdir', 'mkdirat', 'setuid', 'ptrace', 'symlink', 'symlinkat', 'link', 'linkat', 'dup2', 'socket', 'userfaultfd', 'read', 'sendto', 'chmod', 'fchmodat', 'clone', 'setns', 'mount', 'xyz'];
const NAMES = ['bash', 'sh', 'zsh', 'apt', 'apt-get', 'dpkg', 'yum', 'rpm', 'nc', 'ncat', 'nmap', 'grep', 'find', 'sudo', 'mount', 'debugfs', 'insmod', 'docker', 'kubectl', 'wget', 'curl', 'shred', 'rm', 'mv', 'python3', 'nginx', 'java', 'sshd', 'systemd', 'runc', 'pkexec', 'mysqld', 'postgres', 'vim', 'cat', 'touch', 'exe', 'dockerd', 'login', 'su', 'passwd', 'chmod', 'ln', 'scp', 'tcpdump', 'node', 'httpd', 'cron'];
const ARGS: string[][] = [[], ['-e', '/bin/sh'], ['-c', 'id'], ['bash_history'], ['-o', 'stratum+tcp://pool:3333'], ['-s'], ['update'], ['BEGIN RSA PRIVATE'], ['-r', 'id_rsa', '/'], ['-i'], ['/etc/shadow'], ['--exec', 'sh'], ['-V'], ['']];
const PATHS = ['/etc/shadow', '/etc/passwd', '/etc/x.conf', '/etc/cron.d/job', '/etc/sudoers', '/etc/pam.d/sshd', '/bin/x', '/usr/bin/x', '/root/.ssh/id_rsa', '/root/.bashrc', '/root/x', '/home/alice/.ssh/authorized_keys', '/home/alice/.bashrc', '/home/alice/.bash_history', '/var/log/syslog', '/var/log/auth.log', '/var/lib/rpm/Packages', '/dev/x', '/dev/null', '/proc/1/environ', '/tmp/x', '/etc/apt/sources.list', '/etc/apt/sources.list.d/x.list', '/boot/vmlinuz', '/sys/fs/cgroup/release_agent', '/etc/../etc/passwd', '/var/www/../../etc/passwd', '/lib/x.so', '/usr/lib/x.so', '/etc/zsh/zshrc', '/etc/profile', '/var/lib/docker/x', '/', '/etc', '/etcx'];
const FLAGS = ['O_RDONLY', 'O_RDONLY|O_CLOEXEC', 'O_WRONLY|O_CREAT', 'O_RDWR', 'O_WRONLY|O_TRUNC', 'O_WRONLY|O_CREAT|O_TRUNC', 'O_CREAT', ''];
const IPS = ['169.254.169.254', '10.96.0.1', '8.8.8.8', '127.0.0.1', '0.0.0.0', '192.168.1.5', '10.244.1.5', '::1'];
const PORTS = [53, 443, 6443, 30001, 4444, 3333, 22, 80];
const CAPS = [[], ['CAP_SYS_ADMIN'], ['CAP_NET_RAW', 'CAP_CHOWN']];

const name = fc.constantFrom(...NAMES);
const ancestor = fc.record({ pid: fc.nat(5000), name, args: fc.constantFrom(...ARGS) }).map((a): AncestorInfo => ({ ...a, exe: a.name, exepath: `/usr/bin/${a.name}` }));

const user: fc.Arbitrary<UserInfo | null> = fc.option(
  fc.record({
    uid: fc.constantFrom(0, 33, 1000, 65534),
    name: fc.constantFrom('root', 'www-data', 'alice', 'nobody', '_apt', null),
    loginuid: fc.constantFrom(-1, 0, 1000),
    loginname: fc.constantFrom(null, 'root', 'alice'),
  }),
  { freq: 8 },
);

/** Spellings a program may have passed to open (fd.nameraw), whatever the resolved name. */
const RAW_PATHS = ['../../etc/shadow', '/etc/../etc/../etc/shadow', '/etc/../etc/passwd', './id_rsa', '..//..//root/.ssh/id_rsa', 'x', ''];
const fileFd: fc.Arbitrary<FdInfo> = fc
  .record({ name: fc.constantFrom(...PATHS), dir: fc.boolean(), num: fc.constantFrom(3, -1), raw: fc.option(fc.constantFrom(...RAW_PATHS), { freq: 3 }) })
  .map(({ name: n, dir, num, raw }) => ({ num, type: dir ? 'directory' : 'file', typechar: dir ? 'd' : 'f', name: n, ...(raw !== null ? { nameRaw: raw } : {}) }));
const sockFd: fc.Arbitrary<FdInfo> = fc.record({ cip: fc.constantFrom(...IPS), sip: fc.constantFrom(...IPS), cport: fc.constantFrom(...PORTS), sport: fc.constantFrom(...PORTS), v6: fc.boolean() }).map((s) => ({
  num: 5,
  type: s.v6 ? 'ipv6' : 'ipv4',
  typechar: s.v6 ? '6' : '4',
  name: `${s.cip}:${s.cport}->${s.sip}:${s.sport}`,
  cip: s.cip,
  cport: s.cport,
  sip: s.sip,
  sport: s.sport,
  l4proto: 'tcp',
}));

const containerInfo: fc.Arbitrary<ContainerInfo | null> = fc.option(
  fc.record({ privileged: fc.boolean(), repo: fc.constantFrom('docker.io/library/nginx', 'k8s.gcr.io/kube-proxy', 'docker.io/library/alpine'), mounts: fc.boolean() }).map((c) => ({
    id: '18b247adb3ca',
    name: 'app',
    image: `${c.repo}:latest`,
    imageRepository: c.repo,
    imageTag: 'latest',
    type: 'containerd',
    privileged: c.privileged,
    mounts: c.mounts ? [{ source: '/proc', dest: '/host/proc', rdwr: true }] : [],
  })),
  { freq: 2 },
);

/** A syscall event; about one in ten has no thread information. */
export const syscallEvent: fc.Arbitrary<FalcoSyscallEvent> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    dir: fc.constantFrom<'<' | '>'>('<', '<', '<', '>'),
    num: fc.constantFrom(0, 1, 77),
    flags: fc.constantFrom(...FLAGS),
    res: fc.constantFrom(0, 3, -2, -115),
    proc: fc.option(
      fc.record({ name, args: fc.constantFrom(...ARGS), tty: fc.constantFrom(0, 34816), vpid: fc.constantFrom(1, 7, 4242), ancestors: fc.array(ancestor, { maxLength: 5 }), caps: fc.constantFrom(...CAPS) }),
      { freq: 10 },
    ),
    user,
    fd: fc.option(fc.oneof(fileFd, sockFd), { freq: 5 }),
    container: containerInfo,
  })
  .map((r): FalcoSyscallEvent => ({
    evt: {
      num: r.num,
      time: { s: 1674583394, ns: 632368639 },
      type: r.type,
      dir: r.dir,
      args: { fd: r.fd?.num ?? -1, name: r.fd?.name ?? '', flags: r.flags, mode: 0o755 },
      rawArgs: { mode: 0o755 },
      res: r.res,
      errno: r.res < 0 ? (r.res === -2 ? 'ENOENT' : 'EINPROGRESS') : undefined,
    },
    proc: r.proc && { pid: 4242, name: r.proc.name, exe: r.proc.name, exepath: `/usr/bin/${r.proc.name}`, args: r.proc.args, tty: r.proc.tty, vpid: r.proc.vpid, ancestors: r.proc.ancestors, capPermitted: r.proc.caps, capEffective: r.proc.caps },
    user: r.user,
    group: r.user && { gid: r.user.uid, name: r.user.name },
    fd: r.fd,
    container: r.container,
    k8s: r.container && { nsName: 'default', podName: 'app' },
  }));
