// Composition root of a running lab: world + kernel + every mechanism, booted fresh or resumed.

import { createRandom, type Random } from '../core/random';
import { Kernel, type KernelHooks } from '../world/kernel/kernel';
import { Scheduler, type Settle } from '../world/scheduler';
import { SystemdManager, installSystemd } from '../world/systemd/manager';
import { sshClient } from '../world/net/ssh-service';
import { installFalcoServices } from '../world/falco/host';
import { installKube, type KubeCluster } from '../kube';
import { auditApiServerBoot } from '../kube/audit';
import { loadKubeAssets } from './assets';
import { deliverAuditWebhook } from '../world/falco/k8saudit-webhook';
import { buildWorld, type WorldAssets } from '../world/build';
import { snapshotWorld, type World } from '../world/world';
import type { Terminal } from '../shell/terminal';
import { programRegistry } from './programs';
import type { CommandRegistry } from '../commands/registry';

export interface LabOptions {
  seed?: number;
  hooks?: KernelHooks;
  settle?: Settle;
  /** Simulated seconds to run after a fresh boot so the cluster is up when the learner arrives. */
  bootSeconds?: number;
}

export interface Lab {
  world: World;
  kernel: Kernel;
  scheduler: Scheduler;
  registry: CommandRegistry;
  random: Random;
  systemd: Map<string, SystemdManager>;
  kube: KubeCluster;
  /** Log a user in on a node through sshd, on the given terminal; resolves with the shell's status. */
  login(term: Terminal, opts: { node: string; user: string; termType?: string }): Promise<number>;
  /** The world as plain data, ready to save (random state folded in). */
  snapshot(): World;
}

export const BOOT_SECONDS = 90;

/** Wire every mechanism onto a world. Nothing runs yet. */
function assemble(world: World, assets: WorldAssets | null, opts: LabOptions): Lab {
  const random = createRandom(world.rng);
  const scheduler = new Scheduler(world, opts.settle);
  const registry = programRegistry();
  const kernel = new Kernel(world, scheduler, registry, random, opts.hooks ?? {});
  const systemd = new Map<string, SystemdManager>();
  for (const name of Object.keys(world.nodes)) systemd.set(name, new SystemdManager(kernel, name));
  installSystemd(kernel, systemd);
  installFalcoServices(kernel);
  const ssh = sshClient(kernel);
  kernel.registerService('ssh', () => ssh);
  kernel.registerService('node-info', (k, node) => {
    const n = k.node(node);
    return { hostname: n.hostname, ip: n.ip, bootNs: n.bootTime, ...(n.facts ?? {}) };
  });
  void assets;
  const kube = installKube(kernel, world, {
    assets: loadKubeAssets(),
    boot: auditApiServerBoot({ hex: (n) => random.hex(n), webhook: (d) => deliverAuditWebhook(kernel, d.fromNode, d.kubeconfig, d.items) }),
  });
  return {
    world,
    kernel,
    scheduler,
    registry,
    random,
    systemd,
    kube,
    async login(term, { node, user, termType }) {
      const ip = kernel.node(node).ip;
      const r = await ssh.session(ip, {
        user,
        command: null,
        stdin: term.input,
        stdout: term.output,
        stderr: term.output,
        signal: new AbortController().signal,
        tty: true,
        fromIp: '192.168.56.1',
        interactive: true,
        motd: false,
        ...(termType ? { term: termType } : {}),
      });
      if (!r.ok) {
        term.output.write(`${user}@${node}: Permission denied (publickey).\n`);
        return 255;
      }
      return r.status;
    },
    snapshot() {
      world.rng = random.state();
      return snapshotWorld(world);
    },
  };
}

/** A brand-new lab: build the world from assets, boot every node and let the cluster come up. */
export async function bootLab(assets: WorldAssets, opts: LabOptions = {}): Promise<Lab> {
  const world = buildWorld(assets, opts.seed ?? 1);
  const lab = assemble(world, assets, opts);
  for (const m of lab.systemd.values()) await m.boot();
  await lab.scheduler.advanceBy((opts.bootSeconds ?? BOOT_SECONDS) * 1e9);
  return lab;
}

/** Continue a saved world: re-attach long-running programs to their processes. */
export async function resumeLab(world: World, assets: WorldAssets | null, opts: LabOptions = {}): Promise<Lab> {
  const lab = assemble(world, assets, opts);
  for (const m of lab.systemd.values()) m.resumeAll();
  await lab.scheduler.quiesce();
  return lab;
}
