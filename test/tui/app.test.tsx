// The whole lab screen driven by keys: briefing, typing commands, hints, the gated solution, checks, quit.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { sessionMachine, type GradeInput, type GradeOutput } from '../../src/scenarios/session.machine';
import App, { computeLayout } from '../../src/tui/App';
import { displayWidth } from '../../src/tui/display-width';
import type { Lang } from '../../src/tui/i18n';
import { resultsPassing, sampleScenario } from '../scenarios/sample-scenario';
import { FakeShell, KEYS, plain, tick, type } from './helpers';

function setup(opts: { lang?: Lang; gradings?: GradeOutput['checks'][]; columns?: number; rows?: number } = {}) {
  const queue = [...(opts.gradings ?? [])];
  const machine = sessionMachine.provide({
    actors: {
      grade: fromPromise(async () => ({ checks: queue.shift() ?? resultsPassing() })),
    },
  });
  const actor = createActor(machine, { input: { scenario: sampleScenario } }).start();
  const shell = new FakeShell();
  const onQuit = vi.fn();
  const app = render(
    <App
      actor={actor}
      session={shell}
      lang={opts.lang ?? 'en'}
      columns={opts.columns ?? 100}
      rows={opts.rows ?? 30}
      tickMs={0}
      onQuit={onQuit}
    />,
  );
  const frame = () => plain(app.lastFrame());
  return { actor, shell, onQuit, ...app, frame };
}

async function started(opts: Parameters<typeof setup>[0] = {}) {
  const s = setup(opts);
  await type(s.stdin, KEYS.enter);
  return s;
}

describe('App', () => {
  it('opens on the briefing and starts on Enter', async () => {
    const s = setup();
    await tick(20);
    expect(s.frame()).toContain('Immutable container\neasy · about 15 min');
    expect(s.frame()).toContain('Pod `hash` writes to /var/config.');
    expect(s.frame()).toContain('Press Enter to start.');
    await type(s.stdin, KEYS.enter);
    expect(s.actor.getSnapshot().matches('working')).toBe(true);
    expect(s.frame()).toContain('Tasks · 0/3 done');
    expect(s.frame()).toContain('controlplane $');
    expect(s.frame()).toContain('Immutable container │ 00:00 │ F2 hint  F5 check  F9 solution  Ctrl-D quit');
  });

  it('the briefing speaks Chinese', async () => {
    const s = setup({ lang: 'zh' });
    await tick(20);
    expect(s.frame()).toContain('不可变容器\n简单 · 约 15 分钟');
    expect(s.frame()).toContain('按 Enter 开始。');
  });

  it('runs a typed command and shows its output below the echoed line', async () => {
    const s = await started();
    await type(s.stdin, 'echo', ' hi', KEYS.enter);
    expect(s.shell.submitted).toEqual(['echo hi']);
    expect(s.frame()).toContain('controlplane $ echo hi\nhi\ncontrolplane $\n');
  });

  it('text typed quickly with a CR in one chunk still submits', async () => {
    const s = await started();
    await type(s.stdin, 'kubectl get po\r');
    expect(s.shell.submitted).toEqual(['kubectl get po']);
    expect(s.frame()).toContain('hash   1/1     Running   0          2m');
  });

  it('edits with readline keys and recalls history with ↑', async () => {
    const s = await started();
    await type(s.stdin, 'echo hi', KEYS.enter, 'oops', KEYS.ctrlU, KEYS.up, KEYS.enter);
    expect(s.shell.submitted).toEqual(['echo hi', 'echo hi']);
  });

  it('Ctrl-C cancels the line with ^C and does not run it', async () => {
    const s = await started();
    await type(s.stdin, 'rm -rf /', KEYS.ctrlC);
    expect(s.shell.submitted).toEqual([]);
    expect(s.frame()).toContain('controlplane $ rm -rf /^C\ncontrolplane $\n');
  });

  it('while a command runs, Ctrl-C interrupts it and typed lines go to its stdin', async () => {
    const s = await started();
    await type(s.stdin, 'journalctl -fu falco', KEYS.enter);
    expect(s.frame()).toContain('running');
    await type(s.stdin, 'abc', KEYS.enter);
    expect(s.shell.inputs).toEqual(['abc\n']);
    await type(s.stdin, KEYS.ctrlC);
    expect(s.shell.interrupts).toBe(1);
    expect(s.frame()).not.toContain('running');
  });

  it('follows a prompt change (ssh to the worker)', async () => {
    const s = await started();
    await type(s.stdin, 'ssh kube-worker-1', KEYS.enter);
    expect(s.frame()).toContain('controlplane $ ssh kube-worker-1\nroot@kube-worker-1:~#\n');
  });

  it('Tab completes a unique verb; a second Tab on an ambiguous word lists the candidates', async () => {
    const s = await started();
    await type(s.stdin, 'kubectl ap', KEYS.tab);
    expect(s.frame()).toContain('controlplane $ kubectl apply\n');
    expect(s.shell.submitted).toEqual([]);
    await type(s.stdin, KEYS.ctrlU, 'kubectl de', KEYS.tab, KEYS.tab);
    expect(s.frame()).toContain('controlplane $ kubectl de\ndelete    describe\ncontrolplane $ kubectl de');
  });

  it('F2 prints the next hint for the current task and keeps it in the panel', async () => {
    const s = await started();
    await type(s.stdin, KEYS.f2);
    expect(s.actor.getSnapshot().context.hintCount).toBe(1);
    expect(s.frame()).toContain('Hint 1/2 for "Read-only root filesystem":\n  Pods cannot be patched: delete and recreate.');
    expect(s.frame()).toContain('  Hint 1/2: Pods cannot be patched: delete and recreate.');
    await type(s.stdin, KEYS.f2, KEYS.f2);
    expect(s.actor.getSnapshot().context.hintCount).toBe(2);
    expect(s.frame()).toContain('No more hints for "Read-only root filesystem". F9 shows the solution.');
  });

  it('F9 asks for confirmation; n keeps the solution hidden, y shows it', async () => {
    const s = await started();
    await type(s.stdin, KEYS.f9);
    expect(s.frame()).toContain('Show the reference solution? Try a hint first (F2). [y/N]');
    await type(s.stdin, 'n');
    expect(s.actor.getSnapshot().context.solutionRevealed).toBe(false);
    expect(s.frame()).not.toContain('── Solution ──');
    await type(s.stdin, KEYS.f9, 'y');
    expect(s.actor.getSnapshot().context.solutionRevealed).toBe(true);
    expect(s.frame()).toContain('── Solution ──\nAdd securityContext and an emptyDir.');
  });

  it('keys typed while confirming do not reach the shell', async () => {
    const s = await started();
    await type(s.stdin, KEYS.f9, 'ls', KEYS.enter);
    expect(s.shell.submitted).toEqual([]);
    expect(s.actor.getSnapshot().matches('working')).toBe(true);
  });

  it('F5 checks and prints why each failing check failed', async () => {
    const s = await started({ gradings: [resultsPassing('ro-field', 'grows')] });
    await type(s.stdin, KEYS.f5);
    await tick(20);
    expect(s.frame()).toContain(
      [
        '── Check 1: 2/4 passed ──',
        '✓ Root filesystem is read-only',
        '✗ Pod hash is running: Pod hash is not running. (running failed)',
        '✓ hash.txt keeps growing',
        '✗ Writing the root fails: touch /x succeeded. (touch-fails failed)',
      ].join('\n'),
    );
    expect(s.frame()).toContain('✓ 1. Read-only root filesystem');
  });

  it('a full pass prints the banner with the time and stops the clock', async () => {
    const s = await started({ gradings: [resultsPassing('ro-field', 'running', 'grows', 'touch-fails')] });
    s.actor.send({ type: 'TICK', ms: 125_000 });
    await type(s.stdin, KEYS.f5);
    await tick(20);
    expect(s.frame()).toContain('✓ All checks passed in 02:05. Well done!');
    expect(s.frame()).toContain('Immutable container │ 02:05 │ ✓ passed │ F5 check again  F9 solution  Ctrl-D quit');
  });

  it('Ctrl-D on an empty prompt quits with the history; with text it deletes', async () => {
    const s = await started();
    await type(s.stdin, 'echo hi', KEYS.enter, 'ab', KEYS.ctrlA, KEYS.ctrlD);
    expect(s.onQuit).not.toHaveBeenCalled();
    expect(s.frame()).toContain('controlplane $ b');
    await type(s.stdin, KEYS.ctrlD, KEYS.ctrlD);
    expect(s.onQuit).toHaveBeenCalledWith(['echo hi']);
  });

  it('PageUp scrolls back through long output and PageDown returns', async () => {
    const s = await started();
    s.shell.emit(Array.from({ length: 60 }, (_, i) => `row ${i}`).join('\n') + '\n');
    await tick(20);
    expect(s.frame()).toContain('row 59');
    await type(s.stdin, KEYS.pageUp);
    expect(s.frame()).not.toContain('row 59');
    expect(s.frame()).toMatch(/↓ \d+ more lines below \(PageDown\)/);
    await type(s.stdin, KEYS.pageDown);
    expect(s.frame()).toContain('row 59');
  });

  it('Ctrl-L clears the terminal', async () => {
    const s = await started();
    await type(s.stdin, 'echo hi', KEYS.enter, KEYS.ctrlL);
    expect(s.frame()).not.toContain('echo hi');
  });

  it('asks for a bigger terminal below 80×24', async () => {
    const s = setup({ columns: 70, rows: 20 });
    await tick(20);
    expect(s.frame()).toBe('Terminal too small: 70×20. cks-lab needs at least 80×24; please resize.');
  });

  it('fits the screen: one row less than the terminal, as Ink needs', async () => {
    const s = await started({ rows: 24, columns: 80 });
    expect(s.frame().split('\n')).toHaveLength(23);
  });
});

describe('App in Chinese at 80 columns', () => {
  it('keeps every row within 80 columns and speaks Chinese throughout', async () => {
    const s = await started({ lang: 'zh', columns: 80, rows: 24, gradings: [resultsPassing('ro-field')] });
    await type(s.stdin, KEYS.f2, KEYS.f5);
    await tick(20);
    const frame = s.frame();
    for (const row of frame.split('\n')) expect(displayWidth(row)).toBeLessThanOrEqual(80);
    expect(frame).toContain('── 第 1 次检查：通过 1/4 ──');
    expect(frame).toContain('✗ Pod hash 正在运行：Pod hash 没有运行。 (running failed)');
    expect(frame).toContain('不可变容器 │ 00:00 │ F2 提示  F5 检查  F9 答案  Ctrl-D 退出');
    expect(frame).toContain('▸ 2. 保持应用正常');
  });

  it('a grader failure is reported as a bug, not as the learner failing', async () => {
    const machine = sessionMachine.provide({
      actors: { grade: fromPromise<GradeOutput, GradeInput>(async () => { throw new Error('probe crashed'); }) },
    });
    const actor = createActor(machine, { input: { scenario: sampleScenario } }).start();
    const app = render(<App actor={actor} session={new FakeShell()} lang="en" columns={100} rows={30} tickMs={0} />);
    await type(app.stdin, KEYS.enter, KEYS.f5);
    await tick(20);
    expect(plain(app.lastFrame())).toContain('The checker failed: probe crashed. This is a bug in cks-lab, not your work.');
  });
});

describe('computeLayout', () => {
  it.each<[number, number, ReturnType<typeof computeLayout>]>([
    [80, 24, { side: false, height: 23, panel: { width: 80, height: 7 }, terminal: { width: 80, height: 14 } }],
    [160, 40, { side: true, height: 39, panel: { width: 48, height: 38 }, terminal: { width: 110, height: 38 } }],
  ])('%i×%i', (cols, rows, expected) => {
    expect(computeLayout(cols, rows)).toEqual(expected);
  });
});
