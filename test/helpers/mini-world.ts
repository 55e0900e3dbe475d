// Test harness: a one-node world built in memory, a kernel, and a way to run programs and capture output.

import { createRandom } from '../../src/core/random';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { createFilesystem, fsPut, type PutEntry } from '../../src/vfs';
import { Kernel } from '../../src/world/kernel/kernel';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { Scheduler } from '../../src/world/scheduler';
import type { NodeState, World } from '../../src/world/world';
import { CommandRegistry } from '../../src/commands/registry';
import type { Command } from '../../src/commands/types';

export interface MiniWorld {
  world: World;
  kernel: Kernel;
  scheduler: Scheduler;
  registry: CommandRegistry;
  node: NodeState;
  /** Put a file (or dir/symlink) straight into the node's root fs. */
  put(path: string, entry: Partial<PutEntry> & { type?: PutEntry['type'] }): void;
  /** Run argv (PATH-searched) as a user; returns exit status and captured output. */
  run(argv: string[], opts?: { uid?: number; gid?: number; stdin?: string; cwd?: string; env?: Record<string, string> }): Promise<{ status: number; stdout: string; stderr: string }>;
  read(path: string): string | null;
}

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
vagrant:x:1000:1000:,,,:/home/vagrant:/bin/bash
`;
const GROUP = `root:x:0:
adm:x:4:syslog,vagrant
shadow:x:42:
sudo:x:27:vagrant
vagrant:x:1000:
nogroup:x:65534:
`;

/** Build a small Ubuntu-like node whose /usr/bin holds every command given. */
export function miniWorld(commands: Command[], opts: { hostname?: string; seed?: number } = {}): MiniWorld {
  const hostname = opts.hostname ?? 'kube-worker-1';
  const fs = createFilesystem('node1-root', 'ext4', 0);
  const world: World = {
    version: 1,
    seed: opts.seed ?? 1,
    rng: opts.seed ?? 1,
    clock: { epochMs: Date.UTC(2023, 0, 24, 18, 0, 0), now: 0 },
    timers: [],
    nextTimerId: 1,
    fs: { [fs.id]: fs },
    nodes: {},
    kube: {},
    ext: {},
  };
  const node: NodeState = {
    hostname,
    ip: '192.168.56.21',
    mounts: { mounts: [{ target: '/', fsId: fs.id, rootIno: fs.rootIno, readOnly: false, source: '/dev/sda1', fstype: 'ext4' }] },
    procs: {},
    nextPid: 1000,
    units: {},
    journal: [],
    nextJournalSeq: 1,
    bootTime: 0,
    containers: {},
    nextEventNum: 1,
  };
  world.nodes[hostname] = node;
  const put = (path: string, e: Partial<PutEntry> & { type?: PutEntry['type'] }): void => {
    fsPut(fs, path, { type: e.type ?? 'file', mode: e.mode ?? 0o644, uid: e.uid ?? 0, gid: e.gid ?? 0, ...e } as PutEntry, 0);
  };
  for (const d of ['/usr/bin', '/usr/sbin', '/etc', '/root', '/var/log', '/dev']) put(d, { type: 'dir', mode: 0o755 });
  put('/root', { type: 'dir', mode: 0o700 });
  put('/tmp', { type: 'dir', mode: 0o1777 });
  put('/home/vagrant', { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 });
  put('/bin', { type: 'symlink', mode: 0o777, target: 'usr/bin' });
  put('/etc/passwd', { data: PASSWD });
  put('/etc/group', { data: GROUP });
  put('/etc/hostname', { data: `${hostname}\n` });
  put('/etc/shadow', { mode: 0o640, gid: 42, data: 'root:*:19000:0:99999:7:::\nvagrant:!:19000:0:99999:7:::\n' });
  put('/dev/null', { type: 'chardev', mode: 0o666, rdev: [1, 3] });
  const registry = new CommandRegistry(commands);
  for (const c of commands) put(`/usr/bin/${c.name}`, { mode: 0o755, program: c.name });
  const scheduler = new Scheduler(world);
  const kernel = new Kernel(world, scheduler, registry, createRandom(world.seed));
  return {
    world,
    kernel,
    scheduler,
    registry,
    node,
    put,
    read: (path) => {
      try {
        return kernel.vfsFor(hostname, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).readFile(path);
      } catch {
        return null;
      }
    },
    run: async (argv, o = {}) => {
      const uid = o.uid ?? 1000;
      const gid = o.gid ?? (uid === 0 ? 0 : 1000);
      const stdout = new CaptureOutput();
      const stderr = new CaptureOutput();
      const parent: ProcessRecord = {
        pid: 1, ppid: 0, sid: 1, pgid: 1, uid, gid, euid: uid, egid: gid, groups: uid === 0 ? [0] : [1000, 4, 27],
        loginuid: uid, tty: null, cwd: o.cwd ?? (uid === 0 ? '/root' : '/home/vagrant'), argv: ['bash'], exe: '/usr/bin/bash', comm: 'bash',
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: uid === 0 ? '/root' : '/home/vagrant', USER: uid === 0 ? 'root' : 'vagrant', ...(o.env ?? {}) },
        containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
      };
      const r = await kernel.exec(hostname, parent, argv, { stdin: stringInput(o.stdin ?? ''), stdout, stderr, cwd: parent.cwd });
      return { status: r.status, stdout: stdout.text, stderr: stderr.text };
    },
  };
}
