// Boots the lab with the Falco program and services wired in, whether or not src/app/lab.ts does it yet.
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import { falcoPrograms } from '../../src/commands/falco';
import { installFalcoServices } from '../../src/world/falco/host';
import type { JournalEntry } from '../../src/world/journal';

export const WORKER = 'kube-worker-1';

export async function bootFalcoLab(seed = 3): Promise<Lab> {
  const lab = await bootLab(loadWorldAssets(), { seed, bootSeconds: 20 });
  installFalcoServices(lab.kernel);
  if (!lab.registry.get('falco')) {
    // Not wired by the composition root yet: register now and start the unit that failed at boot.
    for (const c of falcoPrograms) lab.registry.add(c);
    const systemd = lab.systemd.get(WORKER)!.client();
    await systemd.stop('falco');
    await systemd.start('falco');
    await lab.scheduler.advanceBy(1e9);
  }
  return lab;
}

/** Messages of falco.service's journal entries logged by falco itself, from `since` on. */
export function falcoJournal(lab: Lab, sinceSeq = 0): JournalEntry[] {
  return lab.world.nodes[WORKER]!.journal.filter((e) => e.seq > sinceSeq && e.ident === 'falco');
}

export function lastSeq(lab: Lab): number {
  const j = lab.world.nodes[WORKER]!.journal;
  return j.length ? j[j.length - 1]!.seq : 0;
}
