import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { statText } from '../../src/commands/ps';
import type { Command, PsEntry } from '../../src/commands/types';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { miniWorld } from '../helpers/mini-world';

/** Runs its arguments as a child and waits: a shell running one command. */
const wrap: Command = { name: 'wrap', run: async (ctx) => (await ctx.sys.spawn(ctx.argv.slice(1))).status };

/** A daemon that runs until signalled, with several threads like a Go program. */
const goDaemon: Command = {
  name: 'godaemon',
  threads: 12,
  run: (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(0), { once: true })),
};

function world() {
  const w = miniWorld([...coreCommands, wrap, goDaemon]);
  // What build.ts boots before any unit: init and kernel threads.
  for (const [pid, ppid, argv] of [[1, 0, '/sbin/init'], [2, 0, '[kthreadd]'], [3, 2, '[rcu_gp]']] as const) {
    w.node.procs[pid] = {
      pid, ppid, sid: pid, pgid: pid, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
      argv: [argv], exe: '', comm: argv.replace(/[[\]]/g, '').split('/').pop()!, env: {}, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0,
    };
  }
  return w;
}

/** Start argv as a login session on pts/0 (a new session, as sshd does) and capture its output. */
async function login(w: ReturnType<typeof world>, argv: string[]): Promise<string> {
  const stdout = new CaptureOutput();
  await w.kernel.exec(w.node.hostname, null, argv, {
    uid: 1000, gid: 1000, groups: [1000], tty: 'pts/0', cwd: '/home/vagrant', stdin: stringInput(''), stdout,
    env: { PATH: '/usr/bin:/bin', HOME: '/home/vagrant' }, interactive: true,
  });
  return stdout.text;
}

const entry = (p: Partial<PsEntry>): PsEntry => ({
  pid: 10, ppid: 1, uid: 0, tty: null, state: 'S', startTime: 0, argv: ['x'], comm: 'x', vsz: 0, rss: 0, cpuTimeNs: 0,
  sid: 10, sessionLeader: false, foreground: false, threads: 1, ...p,
});

describe('ps STAT', () => {
  it.each([
    ['a plain sleeper', entry({}), 'S'],
    ['a session leader', entry({ sessionLeader: true }), 'Ss'],
    ['a multi-threaded session leader', entry({ sessionLeader: true, threads: 12 }), 'Ssl'],
    ['a multi-threaded child (containerd-shim)', entry({ threads: 10 }), 'Sl'],
    ['the foreground job', entry({ state: 'R', foreground: true }), 'R+'],
    ['a foreground sleeper', entry({ foreground: true }), 'S+'],
  ])('%s shows as procps prints it', (_name, e, stat) => {
    expect(statText(e)).toBe(stat);
  });

  it('login shell Ss, its foreground child S+, ps itself R+', async () => {
    const w = world();
    const out = await login(w, ['wrap', 'wrap', 'ps', '-o', 'pid,sid,stat,comm']);
    expect(out).toBe(
      ['    PID     SID STAT COMMAND', '   1000    1000 Ss   wrap', '   1001    1000 S+   wrap', '   1002    1000 R+   ps', ''].join('\n'),
    );
  });

  it('a daemon systemd starts leads its session and shows its threads', async () => {
    const w = world();
    let pid = 0;
    await w.kernel.exec(w.node.hostname, null, ['/usr/bin/godaemon'], { uid: 0, gid: 0, searchPath: false, onStart: (p) => (pid = p), onExit: () => {} });
    const r = await w.run(['ps', '-e', '-o', 'pid,nlwp,stat,comm']);
    expect(r.stdout.split('\n')).toEqual([
      '    PID NLWP STAT COMMAND',
      '      1    1 Ss   init',
      '      2    1 S    kthreadd',
      '      3    1 S    rcu_gp',
      `   ${pid}   12 Ssl  godaemon`,
      `   ${pid + 1}    1 R    ps`,
      '',
    ]);
    w.kernel.signal(w.node.hostname, pid, 15);
  });

  it('ps aux prints the STAT column from the same facts', async () => {
    const w = world();
    const out = await login(w, ['wrap', 'ps', 'aux']);
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^root +1 .* \? +Ss +\d\d:\d\d +0:00 \/sbin\/init$/);
    expect(lines[2]).toMatch(/^root +2 .* \? +S +\d\d:\d\d +0:00 \[kthreadd\]$/);
    expect(lines.find((l) => l.endsWith(' wrap ps aux'))).toMatch(/ pts\/0 +Ss /);
    expect(lines.find((l) => l.endsWith(' ps aux') && !l.endsWith('wrap ps aux'))).toMatch(/ pts\/0 +R\+ /);
  });

  it('a process runc starts in a container leads a new session', async () => {
    const w = world();
    w.node.containers.c0ffee = {
      id: 'c0ffee', name: 'app', image: 'nginx', imageRef: 'nginx', imageRepository: 'nginx', imageTag: 'latest', podUid: 'u', podName: 'p',
      podNamespace: 'default', sandboxId: 's', mounts: w.node.mounts, hostname: 'p', state: 'running', createdAt: 0, attempt: 0, logPath: '',
      privileged: false, labels: {},
    };
    const runc: ProcessRecord = {
      pid: 900, ppid: 1, sid: 900, pgid: 900, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
      argv: ['runc'], exe: '/usr/sbin/runc', comm: 'runc', env: { PATH: '/usr/bin' }, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0,
    };
    w.node.procs[900] = runc;
    const stdout = new CaptureOutput();
    await w.kernel.exec(w.node.hostname, runc, ['wrap', 'ps', '-o', 'pid,sid,stat,comm'], { containerId: 'c0ffee', stdout });
    expect(stdout.text).toBe(['    PID     SID STAT COMMAND', '   1000    1000 Ss   wrap', '   1001    1000 R    ps', ''].join('\n'));
  });

  it('plain ps shows the caller\'s terminal processes without STAT', async () => {
    const w = world();
    expect(await login(w, ['wrap', 'ps'])).toBe(['    PID TTY          TIME CMD', '   1000 pts/0    00:00:00 wrap', '   1001 pts/0    00:00:00 ps', ''].join('\n'));
  });
});
