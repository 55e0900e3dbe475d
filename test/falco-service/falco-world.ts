// A one-node world with /etc/falco from assets/, the falco program and its services, and helpers to run
// Falco in the foreground (as `sudo falco` would) or in the background (as its unit does).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { coreCommands } from '../../src/commands/core-set';
import { falcoPrograms } from '../../src/commands/falco';
import { bash, dash } from '../../src/commands/shell/bash';
import { installFalcoServices } from '../../src/world/falco/host';
import { installSystemd, SystemdManager } from '../../src/world/systemd/manager';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { miniWorld, type MiniWorld } from '../helpers/mini-world';

const ASSETS = new URL('../../assets/falco/', import.meta.url).pathname;

export const NODE = 'kube-worker-1';

export function falcoWorld(): MiniWorld {
  const m = miniWorld([...coreCommands, ...falcoPrograms, bash, dash]);
  installFalcoServices(m.kernel);
  // journald, for Falco's syslog output and logging.
  installSystemd(m.kernel, new Map([[NODE, new SystemdManager(m.kernel, NODE)]]));
  m.put('/usr/bin/sh', { mode: 0o755, program: 'dash' });
  for (const d of ['/etc/falco', '/etc/falco/rules.d', '/usr/share/falco/plugins', '/var/run']) m.put(d, { type: 'dir', mode: 0o755 });
  for (const lib of ['libk8saudit.so', 'libcloudtrail.so', 'libjson.so']) m.put(`/usr/share/falco/plugins/${lib}`, { data: 'ELF' });
  const place = (from: string, to: string): void => {
    for (const f of readdirSync(from)) {
      const p = join(from, f);
      if (statSync(p).isDirectory()) {
        m.put(`${to}/${f}`, { type: 'dir', mode: 0o755 });
        place(p, `${to}/${f}`);
      } else m.put(`${to}/${f}`, { data: readFileSync(p, 'utf8') });
    }
  };
  place(ASSETS, '/etc/falco');
  return m;
}

function rootParent(interactive: boolean): ProcessRecord {
  return {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: 1000, tty: 'pts/0', cwd: '/root',
    argv: ['bash'], exe: '/usr/bin/bash', comm: 'bash', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' },
    containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive,
  };
}

export interface RunningFalco {
  pid: number;
  stdout: CaptureOutput;
  stderr: CaptureOutput;
  /** Resolves with the exit status. */
  exited: Promise<number>;
  /** Ctrl-C in the terminal (foreground only). */
  interrupt(): void;
}

/** Starts falco (argv after the program name) as root and returns once it has opened the capture. */
export async function startFalco(m: MiniWorld, args: string[] = []): Promise<RunningFalco> {
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const ctl = new AbortController();
  let pid = 0;
  let resolveExit!: (s: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  await m.kernel.exec(NODE, rootParent(false), ['/usr/bin/falco', ...args], {
    stdout, stderr, signal: ctl.signal, stdin: stringInput(''), onStart: (p) => (pid = p), onExit: resolveExit,
  });
  await m.scheduler.quiesce();
  return { pid, stdout, stderr, exited, interrupt: () => ctl.abort(2) };
}

/** Runs a command line as root through bash (its events reach Falco). */
export async function asRoot(m: MiniWorld, line: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await m.run(['bash', '-c', line], { uid: 0 });
  await m.scheduler.quiesce();
  return r;
}

/** A falco run that ends by itself (-V, -L, --help, errors…). */
export async function falcoOnce(m: MiniWorld, args: string[], uid = 0): Promise<{ status: number; stdout: string; stderr: string }> {
  return m.run(['falco', ...args], { uid });
}
