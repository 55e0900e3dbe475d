// A two-node lab for kube tests: nodes from the repository's assets, the real image catalogue, the kube
// simulation installed, fake container programs, and helpers to advance time and call the API as admin.
import { readdirSync, readFileSync } from 'node:fs';
import { createRandom } from '../../src/core/random';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { NS_PER_S } from '../../src/core/time';
import { CommandRegistry } from '../../src/commands/registry';
import type { Command } from '../../src/commands/types';
import { loadTree, loadWorldAssets } from '../../src/app/assets';
import { buildWorld } from '../../src/world/build';
import { Kernel } from '../../src/world/kernel/kernel';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { Scheduler } from '../../src/world/scheduler';
import type { World } from '../../src/world/world';
import { installKube, type InstallKubeOptions, type KubeCluster, kubeApiserverCommand, etcdCommand, kubeSchedulerCommand, kubeControllerManagerCommand, pauseCommand } from '../../src/kube';
import type { CatalogImage, KubeAssets } from '../../src/kube/runtime/images';
import type { ApiResponse, Verb } from '../../src/kube/apiserver/types';
import { adminRequest } from '../helpers/kube-admin';
import { fakeShell, FAKE_NAMES } from './fake-programs';

const ASSETS = new URL('../../assets/', import.meta.url);

export { ADMIN_CERT } from '../helpers/kube-admin';

export function kubeAssets(): KubeAssets {
  const dir = new URL('images/', ASSETS);
  const images = readdirSync(dir).map((d) => JSON.parse(readFileSync(new URL(`${d}/image.json`, dir), 'utf8')) as CatalogImage);
  return {
    images,
    tree: (name) => {
      try {
        return loadTree(name);
      } catch {
        return null;
      }
    },
  };
}

export interface KubeLab {
  world: World;
  kernel: Kernel;
  scheduler: Scheduler;
  cluster: KubeCluster;
  registry: CommandRegistry;
  advance(seconds: number): Promise<void>;
  api(verb: Verb, uri: string, body?: unknown, patchType?: string): Promise<ApiResponse>;
  run(node: string, argv: string[], opts?: { uid?: number; stdin?: string; env?: Record<string, string> }): Promise<{ status: number; stdout: string; stderr: string }>;
  read(node: string, path: string): string | null;
}

export function kubeLab(opts: Partial<InstallKubeOptions> & { seed?: number; world?: World; programs?: Command[] } = {}): KubeLab {
  const world = opts.world ?? buildWorld(loadWorldAssets(), opts.seed ?? 3);
  for (const n of Object.values(world.nodes)) {
    const u = n.units['kubelet.service'];
    if (u) u.activeState = 'active';
  }
  const registry = new CommandRegistry([kubeApiserverCommand, etcdCommand, kubeSchedulerCommand, kubeControllerManagerCommand, pauseCommand, ...(opts.programs ?? [])]);
  for (const n of FAKE_NAMES) if (!registry.get(n)) registry.add(fakeShell, n);
  const scheduler = new Scheduler(world);
  const kernel = new Kernel(world, scheduler, registry, createRandom(world.rng));
  const cluster = installKube(kernel, world, { assets: kubeAssets(), ...opts });
  const lab: KubeLab = {
    world,
    kernel,
    scheduler,
    cluster,
    registry,
    advance: (s) => scheduler.advanceBy(s * NS_PER_S),
    api: async (verb, uri, body, patchType) => {
      const r = await cluster.net.call(adminRequest(verb, uri, body, patchType ? { patchType: patchType as 'application/merge-patch+json' } : {}));
      if (!r) throw new Error('API server is not serving');
      return r;
    },
    run: async (node, argv, o = {}) => {
      const uid = o.uid ?? 0;
      const stdout = new CaptureOutput();
      const stderr = new CaptureOutput();
      const home = uid === 0 ? '/root' : '/home/vagrant';
      const parent: ProcessRecord = {
        pid: 1, ppid: 0, sid: 1, pgid: 1, uid, gid: uid, euid: uid, egid: uid, groups: [uid], loginuid: uid, tty: null, cwd: home, argv: ['bash'],
        exe: '/usr/bin/bash', comm: 'bash', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: home, USER: uid === 0 ? 'root' : 'vagrant', ...(o.env ?? {}) },
        containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
      };
      const r = await kernel.exec(node, parent, argv, { stdin: stringInput(o.stdin ?? ''), stdout, stderr, cwd: home });
      return { status: r.status, stdout: stdout.text, stderr: stderr.text };
    },
    read: (node, path) => {
      try {
        return kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).readFile(path);
      } catch {
        return null;
      }
    },
  };
  return lab;
}

/** Boot until the API server serves (static pods up), failing loudly if it never does. */
export async function bootedLab(opts: Parameters<typeof kubeLab>[0] = {}): Promise<KubeLab> {
  const lab = kubeLab(opts);
  for (let i = 0; i < 60 && !lab.cluster.apiServing(); i++) await lab.advance(1);
  if (!lab.cluster.apiServing()) throw new Error('API server never came up');
  await lab.advance(2);
  return lab;
}
