// Run a command line on a node as a named user, outside any terminal (setup steps, grading probes).

import { CaptureOutput, stringInput } from '../../core/stream';
import type { Kernel } from './kernel';
import type { ProcessRecord } from './process';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
  groups: number[];
}

export function lookupUser(kernel: Kernel, node: string, name: string): UserInfo | null {
  const vfs = kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
  try {
    const line = vfs.readFile('/etc/passwd').split('\n').map((l) => l.split(':')).find((f) => f[0] === name);
    if (!line) return null;
    const uid = Number(line[2]);
    const gid = Number(line[3]);
    const groups = [gid];
    for (const g of vfs.readFile('/etc/group').split('\n').map((l) => l.split(':'))) {
      if (g.length >= 4 && g[3]!.split(',').includes(name) && !groups.includes(Number(g[2]))) groups.push(Number(g[2]));
    }
    return { name, uid, gid, home: line[5] ?? '/', groups };
  } catch {
    return null;
  }
}

/** `bash -c COMMAND` as `user` on `node`, stdout and stderr captured. */
export async function runAs(kernel: Kernel, node: string, user: string, command: string, stdin = ''): Promise<RunResult> {
  const u = lookupUser(kernel, node, user);
  if (!u) return { status: 1, stdout: '', stderr: `cks-lab: no user ${user} on ${node}\n` };
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
    argv: ['/sbin/init'], exe: '/sbin/init', comm: 'systemd', env: {}, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0,
  };
  const env: Record<string, string> = {
    HOME: u.home,
    USER: u.name,
    LOGNAME: u.name,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    SHELL: '/bin/bash',
  };
  const r = await kernel.exec(node, parent, ['/bin/bash', '-c', command], {
    uid: u.uid,
    gid: u.gid,
    groups: u.groups,
    env,
    cwd: u.home,
    stdin: stringInput(stdin),
    stdout,
    stderr,
    searchPath: false,
    loginuid: u.uid,
    // A probe's sleeps drive the clock like a learner's foreground command would.
    interactive: true,
  });
  return { status: r.status, stdout: stdout.text, stderr: stderr.text };
}
