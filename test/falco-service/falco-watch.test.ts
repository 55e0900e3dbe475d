// watch_config_files: the running falco restarts on the inotify events 0.33.1 watches for, once per
// change, logs its watches at debug level, and keeps watching in a restored world.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { installFalcoServices } from '../../src/world/falco/host';
import { SIGIO } from '../../src/world/falco/inotify';
import { Kernel } from '../../src/world/kernel/kernel';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { Scheduler } from '../../src/world/scheduler';
import { snapshotWorld } from '../../src/world/world';
import { asRoot, falcoWorld, NODE, startFalco } from './falco-world';

const OVERRIDE = '- rule: Write below etc\n  desc: x\n  condition: write_etc_common\n  output: "%evt.time,%user.name,%container.id"\n  priority: ERROR\n';
const restarts = (stderr: string): number => (stderr.match(/SIGHUP received, restarting\.\.\./g) ?? []).length;

describe('watch_config_files', () => {
  it.each([
    ['an in-place write of the local rules file', 1, `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`],
    ['sed -i on the local rules file', 1, "sed -i 's/^#$/# /' /etc/falco/falco_rules.local.yaml"],
    ['touch of falco.yaml', 1, 'touch /etc/falco/falco.yaml'],
    ['a new file in rules.d', 1, "echo '[]' > /etc/falco/rules.d/extra.yaml"],
    ['a file moved into rules.d', 0, "echo '[]' > /tmp/m.yaml && mv /tmp/m.yaml /etc/falco/rules.d/m.yaml"],
    ['reading the rules', 0, 'cat /etc/falco/falco_rules.yaml /etc/falco/falco.yaml > /dev/null'],
    ['a write to another file in /etc/falco', 0, 'echo x > /etc/falco/notes.txt'],
  ])('%s: %i restart(s)', async (_, expected, line) => {
    const m = falcoWorld();
    const f = await startFalco(m);
    await asRoot(m, line);
    await m.scheduler.advanceBy(1e9);
    expect(restarts(f.stderr.text)).toBe(expected);
    expect(f.stderr.text.match(/Falco version: 0\.33\.1/g)).toHaveLength(1 + expected);
    f.interrupt();
    await f.exited;
  });

  it('a write to the restarted Falco\'s rules file restarts it again', async () => {
    const m = falcoWorld();
    const f = await startFalco(m);
    await asRoot(m, 'echo >> /etc/falco/falco_rules.local.yaml');
    await asRoot(m, 'echo >> /etc/falco/falco_rules.local.yaml');
    expect(restarts(f.stderr.text)).toBe(2);
    f.interrupt();
    await f.exited;
  });

  it('logs each watch at debug level', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'log_level=debug']);
    expect(f.stderr.text).toMatch(/: Watching \/etc\/falco\/falco\.yaml\n.*: Watching \/etc\/falco\/falco_rules\.yaml\n.*: Watching \/etc\/falco\/falco_rules\.local\.yaml\n.*: Watching \/etc\/falco\/rules\.d folder\n/);
    f.interrupt();
    await f.exited;
  });

  it('without it, an edit changes nothing and SIGIO kills Falco (its default action)', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'watch_config_files=false']);
    await asRoot(m, 'echo >> /etc/falco/falco_rules.local.yaml');
    expect(restarts(f.stderr.text)).toBe(0);
    m.kernel.signal(NODE, f.pid, SIGIO);
    expect(await f.exited).toBe(128 + SIGIO);
  });

  it('a restored world keeps watching the files the running Falco loaded', async () => {
    const m = falcoWorld();
    const f = await startFalco(m);
    const world = snapshotWorld(m.world);
    const scheduler = new Scheduler(world);
    const kernel = new Kernel(world, scheduler, m.registry, createRandom(world.seed));
    installFalcoServices(kernel);
    const stdout = new CaptureOutput();
    const stderr = new CaptureOutput();
    kernel.resume(NODE, f.pid, { stdout, stderr, stdin: stringInput(''), onExit: () => {} });
    await scheduler.quiesce();
    const parent: ProcessRecord = {
      pid: 1, ppid: 0, sid: 1, pgid: 1, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: 0, tty: null, cwd: '/root', argv: ['bash'], exe: '/usr/bin/bash',
      comm: 'bash', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
    };
    await kernel.exec(NODE, parent, ['bash', '-c', `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`], { stdin: stringInput(''), stdout: new CaptureOutput(), stderr: new CaptureOutput() });
    await scheduler.quiesce();
    expect(restarts(stderr.text)).toBe(1);
    await kernel.exec(NODE, parent, ['bash', '-c', 'echo y > /etc/x'], { stdin: stringInput(''), stdout: new CaptureOutput(), stderr: new CaptureOutput() });
    await scheduler.quiesce();
    expect(stdout.text.trimEnd().split('\n').at(-1)).toMatch(/^(\d\d:\d\d:\d\d\.\d{9}): Error \1,root,host$/);
    kernel.signal(NODE, f.pid, 15);
    await scheduler.quiesce();
  });
});
