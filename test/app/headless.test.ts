import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab } from '../../src/app/lab';
import { runHeadless } from '../../src/app/headless';

async function transcript(lines: string[], echo = false): Promise<{ out: string; status: number }> {
  const lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 2 });
  let out = '';
  const status = await runHeadless(lab, lines, { echo, write: (s) => (out += s) });
  return { out, status };
}

describe('headless shell', () => {
  it('runs command lines as vagrant on the control plane', async () => {
    const r = await transcript(['echo hello', 'pwd', 'whoami']);
    expect(r.out).toContain('hello\n/home/vagrant\n');
  });

  it('echoes prompts and lines with --echo', async () => {
    const r = await transcript(['echo hi'], true);
    expect(r.out).toContain('vagrant@kube-control-plane:~$ echo hi\nhi\n');
  });

  it('reports a missing command as bash does, with status 127', async () => {
    const r = await transcript(['nosuchcmd']);
    expect(r.out).toContain('nosuchcmd: command not found');
    expect(r.status).toBe(127);
  });

  it('ssh opens a nested session on the worker until exit', async () => {
    const r = await transcript(['ssh kube-worker-1', 'hostname', 'exit', 'hostname'], true);
    expect(r.out).toContain('vagrant@kube-worker-1:~$ hostname\nkube-worker-1\n');
    expect(r.out).toContain('Connection to kube-worker-1 closed.');
    expect(r.out).toMatch(/vagrant@kube-control-plane:~\$ hostname\nkube-control-plane\n/);
  });

  it('a background sleep does not advance the clock for the foreground', async () => {
    const lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 2 });
    const start = lab.world.clock.now;
    await runHeadless(lab, ['sleep 100 &', 'echo next'], { echo: false, write: () => {} });
    expect((lab.world.clock.now - start) / 1e9).toBeLessThan(10);
  });
});
