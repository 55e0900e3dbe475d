// A saved world resumes a running falco with the rules it had loaded, silently, counters intact.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { installFalcoServices } from '../../src/world/falco/host';
import { Kernel } from '../../src/world/kernel/kernel';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { Scheduler } from '../../src/world/scheduler';
import { snapshotWorld } from '../../src/world/world';
import { asRoot, falcoWorld, NODE, startFalco } from './falco-world';

const OVERRIDE = '- rule: Write below etc\n  desc: x\n  condition: write_etc_common\n  output: "%evt.time,%user.name,%container.id"\n  priority: ERROR\n';

async function rootShell(kernel: Kernel, line: string): Promise<number> {
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: 0, tty: null, cwd: '/root', argv: ['bash'], exe: '/usr/bin/bash',
    comm: 'bash', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
  };
  const r = await kernel.exec(NODE, parent, ['bash', '-c', line], { stdin: stringInput(''), stdout: new CaptureOutput(), stderr: new CaptureOutput() });
  await kernel.scheduler.quiesce();
  return r.status;
}

describe('falco in a restored world', () => {
  it('keeps the loaded rules (not the edited files) and its counts, and logs nothing on re-attach', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'watch_config_files=false']);
    await asRoot(m, 'echo x > /etc/x');
    await asRoot(m, `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`);

    const world = snapshotWorld(m.world);
    const scheduler = new Scheduler(world);
    const kernel = new Kernel(world, scheduler, m.registry, createRandom(world.seed));
    installFalcoServices(kernel);
    const stdout = new CaptureOutput();
    const stderr = new CaptureOutput();
    let status = -1;
    expect(kernel.resume(NODE, f.pid, { stdout, stderr, stdin: stringInput(''), onExit: (s) => (status = s) })).toEqual({ started: true });
    await scheduler.quiesce();
    expect(stderr.text).toBe('');

    await rootShell(kernel, 'echo y > /etc/x');
    expect(stdout.text).toMatch(/^\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing \(user=root /);

    kernel.signal(NODE, f.pid, 1);
    await scheduler.quiesce();
    await rootShell(kernel, 'echo z > /etc/x');
    // x, the rules edit itself (a write below /etc) and y.
    expect(stdout.text).toContain('Events detected: 3\n');
    expect(stdout.text.trimEnd().split('\n').at(-1)).toMatch(/^(\d\d:\d\d:\d\d\.\d{9}): Error \1,root,host$/);

    kernel.signal(NODE, f.pid, 15);
    await scheduler.quiesce();
    expect(status).toBe(0);
  });
});
