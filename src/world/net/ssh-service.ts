// sshd on every node: authenticates a connecting user and runs their login shell or command there.

import type { InputStream, OutputStream } from '../../core/stream';
import { journalAppend } from '../journal';
import type { Kernel } from '../kernel/kernel';
import type { ProcessRecord } from '../kernel/process';
import { FACILITY } from '../syslog/facility';
import type { Vfs } from '../../vfs';

export interface SshSessionRequest {
  user: string;
  /** null: interactive login shell; otherwise the remote command line. */
  command: string | null;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  signal: AbortSignal;
  /** Allocate a pseudo-terminal (ssh does when its stdin is a terminal and no command is given). */
  tty: boolean;
  fromIp: string;
  /** The session is driven by the learner's terminal (headless: its sleeps advance the clock). */
  interactive: boolean;
  /** TERM the client sends (ssh forwards its own); xterm-256color when absent. */
  term?: string;
  /** Print pam_motd's banner (false for the lab's own first login, which shows the briefing instead). */
  motd?: boolean;
}

export type SshConnectResult =
  | { ok: true; status: number }
  | { ok: false; error: 'refused' | 'publickey' | 'unknown-user' };

export interface SshClient {
  /** The node listening at this address, or null. */
  hostAt(ip: string): string | null;
  session(ip: string, req: SshSessionRequest): Promise<SshConnectResult>;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 7)
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! }));
}

function groupsOf(groupText: string, user: string, gid: number): number[] {
  const out = [gid];
  for (const l of groupText.split('\n')) {
    const f = l.split(':');
    if (f.length >= 4 && f[3]!.split(',').includes(user) && !out.includes(Number(f[2]))) out.push(Number(f[2]));
  }
  return out;
}

/** An authorized_keys file with at least one key line (sshd ignores blanks and comments). */
function hasAuthorizedKey(rootView: Vfs, home: string): boolean {
  let text: string;
  try {
    text = rootView.readFile(`${home}/.ssh/authorized_keys`);
  } catch {
    return false;
  }
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

let ptyCounter = 0;

export function sshClient(kernel: Kernel): SshClient {
  const nodeAt = (ip: string): string | null => {
    if (ip === '127.0.0.1') return null;
    for (const n of Object.values(kernel.world.nodes)) if (n.ip === ip) return n.hostname;
    return null;
  };
  return {
    hostAt: nodeAt,
    async session(ip, req) {
      const nodeName = nodeAt(ip);
      if (!nodeName) return { ok: false, error: 'refused' };
      const rootView = kernel.vfsFor(nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
      let passwd: PasswdEntry[] = [];
      let groupText = '';
      try {
        passwd = parsePasswd(rootView.readFile('/etc/passwd'));
        groupText = rootView.readFile('/etc/group');
      } catch {
        return { ok: false, error: 'refused' };
      }
      const user = passwd.find((p) => p.name === req.user);
      const node = kernel.node(nodeName);
      const port = 40000 + kernel.random.int(20000);
      const sshdLog = (pid: number, message: string, facility: number = FACILITY.auth): void => {
        journalAppend(node, { time: kernel.now(), ident: 'sshd', pid, unit: 'ssh.service', priority: 6, message, facility, transport: 'syslog', syslogPid: true });
      };
      if (!user) {
        const pid = node.nextPid++;
        sshdLog(pid, `Invalid user ${req.user} from ${req.fromIp} port ${port}`);
        sshdLog(pid, `Connection closed by invalid user ${req.user} ${req.fromIp} port ${port} [preauth]`);
        return { ok: false, error: 'unknown-user' };
      }
      // Public-key authentication: the user's authorized_keys on the target must hold a key (root's on
      // the Vagrant box exists but is empty, so `ssh root@…` is refused).
      if (!hasAuthorizedKey(rootView, user.home)) {
        sshdLog(node.nextPid++, `Connection closed by authenticating user ${user.name} ${req.fromIp} port ${port} [preauth]`);
        return { ok: false, error: 'publickey' };
      }
      const tty = req.tty ? `pts/${++ptyCounter % 8}` : null;
      const sshdRec: ProcessRecord = {
        pid: node.nextPid++, ppid: 1, sid: 0, pgid: 0, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: user.uid,
        tty: null, cwd: '/', argv: [`sshd: ${user.name}@${tty ?? 'notty'}`], exe: '/usr/sbin/sshd', comm: 'sshd', env: {},
        containerId: null, startTime: kernel.now(), state: 'S', vsz: 13900, rss: 9000,
      };
      sshdRec.sid = sshdRec.pgid = sshdRec.pid;
      node.procs[sshdRec.pid] = sshdRec;
      sshdLog(sshdRec.pid, `Accepted publickey for ${user.name} from ${req.fromIp} port ${port} ssh2: ED25519 SHA256:Pq0cP4lC8Ft6Vd6cYw3gRkWw5Hn0x7CwzJ8tq1pJmQo`);
      sshdLog(sshdRec.pid, `pam_unix(sshd:session): session opened for user ${user.name} by (uid=0)`, FACILITY.authpriv);
      if (tty && req.motd !== false) req.stdout.write(motd(kernel, nodeName, ip, rootView.exists('/etc/os-release') ? rootView.readFile('/etc/os-release') : ''));
      const shell = user.shell || '/bin/sh';
      const shellName = shell.split('/').pop()!;
      const argv = req.command === null ? [`-${shellName}`] : [shellName, '-c', req.command];
      const env: Record<string, string> = {
        HOME: user.home,
        USER: user.name,
        LOGNAME: user.name,
        SHELL: shell,
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin',
        LANG: 'C.UTF-8',
        TERM: req.term ?? 'xterm-256color',
        SSH_CONNECTION: `${req.fromIp} 40000 ${ip} 22`,
      };
      try {
        const r = await kernel.exec(nodeName, sshdRec, [shell, ...argv.slice(1)], {
          uid: user.uid,
          gid: user.gid,
          groups: groupsOf(groupText, user.name, user.gid),
          env,
          cwd: rootView.exists(user.home) ? user.home : '/',
          stdin: req.stdin,
          stdout: req.stdout,
          stderr: req.stderr,
          signal: req.signal,
          tty,
          loginuid: user.uid,
          searchPath: false,
          argv0: argv[0],
          interactive: req.interactive,
        });
        return { ok: true, status: r.status };
      } finally {
        sshdLog(sshdRec.pid, `Received disconnect from ${req.fromIp} port ${port}:11: disconnected by user`);
        sshdLog(sshdRec.pid, `Disconnected from user ${user.name} ${req.fromIp} port ${port}`);
        sshdLog(sshdRec.pid, `pam_unix(sshd:session): session closed for user ${user.name}`, FACILITY.authpriv);
        delete node.procs[sshdRec.pid];
      }
    },
  };
}

/** pam_motd's banner on an Ubuntu 20.04 node (update-motd's header, help text and landscape-sysinfo). */
function motd(kernel: Kernel, nodeName: string, ip: string, osRelease: string): string {
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? 'Ubuntu 20.04.5 LTS';
  const w = new Date(kernel.world.clock.epochMs + Math.floor(kernel.now() / 1e6));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const hms = `${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}:${p2(w.getUTCSeconds())}`;
  const stamp = `${days[w.getUTCDay()]} ${months[w.getUTCMonth()]} ${String(w.getUTCDate()).padStart(2, ' ')} ${hms} UTC ${w.getUTCFullYear()}`;
  const procs = Object.keys(kernel.node(nodeName).procs).length + 96;
  const col = (label: string, value: string): string => `${label}${value}`.padEnd(34);
  return [
    `Welcome to ${pretty} (GNU/Linux 5.4.0-137-generic x86_64)`,
    '',
    ' * Documentation:  https://help.ubuntu.com',
    ' * Management:     https://landscape.canonical.com',
    ' * Support:        https://ubuntu.com/advantage',
    '',
    `  System information as of ${stamp}`,
    '',
    `  ${col('System load:  ', '0.08')}Processes:               ${procs}`,
    `  ${col('Usage of /:   ', '6.1% of 38.70GB')}Users logged in:         0`,
    `  ${col('Memory usage: ', '38%')}IPv4 address for enp0s3: 10.0.2.15`,
    `  ${col('Swap usage:   ', '0%')}IPv4 address for enp0s8: ${ip}`,
    '',
    '',
    '0 updates can be applied immediately.',
    '',
    '',
    '',
  ].join('\n');
}
