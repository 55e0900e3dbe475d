import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab } from '../../src/app/lab';

describe('booting the lab', () => {
  it('starts every boot-time unit on both nodes and logs it in the journal', async () => {
    const lab = await bootLab(loadWorldAssets(), { seed: 7, bootSeconds: 5 });
    const cp = lab.world.nodes['kube-control-plane']!;
    expect(cp.units['containerd.service']!.activeState).toBe('active');
    expect(cp.units['ssh.service']!.activeState).toBe('active');
    expect(cp.journal.some((e) => e.message === 'Started containerd container runtime.')).toBe(true);
    const w = lab.world.nodes['kube-worker-1']!;
    expect(Object.keys(w.units)).toContain('falco.service');
  });
});
