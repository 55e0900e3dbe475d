import { describe, expect, it } from 'vitest';
import { readAll } from '../../src/core/stream';
import type { Command } from '../../src/commands/types';
import type { SyscallEvent } from '../../src/world/events';
import { miniWorld } from '../helpers/mini-world';

const echo: Command = {
  name: 'echo',
  run: async (ctx) => {
    ctx.stdout.write(ctx.argv.slice(1).join(' ') + '\n');
    return 0;
  },
};
const cat: Command = {
  name: 'cat',
  run: async (ctx) => {
    if (ctx.argv.length === 1) {
      ctx.stdout.write(await readAll(ctx.stdin));
      return 0;
    }
    let status = 0;
    for (const f of ctx.argv.slice(1)) {
      try {
        ctx.stdout.write(ctx.sys.fs.readFile(f));
      } catch (e) {
        ctx.stderr.write(`cat: ${f}: ${(e as { text: string }).text}\n`);
        status = 1;
      }
    }
    return status;
  },
};
const sleeper: Command = {
  name: 'sleep',
  run: async (ctx) => ((await ctx.sys.sleep(Number(ctx.argv[1]) * 1e9)) ? 0 : 130),
};

describe('kernel', () => {
  it('runs a program found on PATH and returns its output', async () => {
    const w = miniWorld([echo]);
    expect(await w.run(['echo', 'hello'])).toEqual({ status: 0, stdout: 'hello\n', stderr: '' });
  });

  it('returns 127 for a missing program and 126 for a non-executable file', async () => {
    const w = miniWorld([echo]);
    expect((await w.run(['nosuch'])).status).toBe(127);
    w.put('/usr/bin/script', { mode: 0o644, data: 'echo hi\n' });
    expect((await w.run(['/usr/bin/script'])).status).toBe(126);
  });

  it('runs #! scripts through their interpreter', async () => {
    const w = miniWorld([echo]);
    w.put('/usr/local/bin/hello', { mode: 0o755, data: '#!/usr/bin/echo from-script\n' });
    const r = await w.run(['/usr/local/bin/hello', 'arg']);
    expect(r.stdout).toBe('from-script /usr/local/bin/hello arg\n');
  });

  it('emits execve and openat events with flags and errno results', async () => {
    const w = miniWorld([cat]);
    const events: SyscallEvent[] = [];
    w.kernel.bus('kube-worker-1').subscribe((e) => events.push(e));
    const r = await w.run(['cat', '/etc/shadow']);
    expect(r.stderr).toBe('cat: /etc/shadow: Permission denied\n');
    expect(events.map((e) => e.type)).toEqual(['execve', 'openat', 'procexit']);
    expect(events[1]).toMatchObject({ res: -13, args: { name: '/etc/shadow', flags: 'O_RDONLY' } });
  });

  it('background sleepers wake when the clock advances past their deadline', async () => {
    const w = miniWorld([sleeper]);
    let done = false;
    await w.kernel.exec('kube-worker-1', null, ['sleep', '5'], { onExit: () => (done = true), env: { PATH: '/usr/bin' } });
    await w.scheduler.advanceBy(4e9);
    expect(done).toBe(false);
    await w.scheduler.advanceBy(1e9);
    expect(done).toBe(true);
    expect(w.world.clock.now).toBe(5e9);
  });

  it('a signal ends a sleeping process with 128+signal', async () => {
    const w = miniWorld([sleeper]);
    let status = -1;
    let pid = 0;
    await w.kernel.exec('kube-worker-1', null, ['sleep', '100'], { onExit: (s) => (status = s), onStart: (p) => (pid = p), env: { PATH: '/usr/bin' } });
    expect(w.kernel.signal('kube-worker-1', pid, 15)).toBe(true);
    await w.scheduler.quiesce();
    expect(status).toBe(143);
  });
});
