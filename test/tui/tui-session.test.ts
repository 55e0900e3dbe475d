// The TUI's scenario session: resumed from session.json and tui.json (hints, solution, time, briefing
// read), written back as the learner goes, graded against the real lab; the clock that follows wall time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import type { SessionFile } from '../../src/app/open-lab';
import { followWallClock } from '../../src/app/tui-clock';
import { readTuiState, startScenarioSession, writeTuiState, type TuiState } from '../../src/app/tui-session';
import { Scheduler } from '../../src/world/scheduler';
import type { World } from '../../src/world/world';
import { sampleScenario } from '../scenarios/sample-scenario';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cks-tui-session-'));
  dirs.push(d);
  return d;
};

const sessionFile = (over: Partial<SessionFile> = {}): SessionFile => ({
  scenario: sampleScenario.id,
  startedAtNs: 0,
  hintsRevealed: {},
  solutionRevealed: false,
  passed: false,
  ...over,
});
const fresh = (): TuiState => ({ version: 1, history: [], elapsedMs: 0, started: false });
// Grading is not exercised here except where a real lab is booted.
const noLab = {} as Lab;

describe('startScenarioSession', () => {
  it('opens a new session on the briefing', () => {
    const actor = startScenarioSession({ lab: noLab, scenario: sampleScenario, session: sessionFile(), tui: fresh(), lang: 'en', onSessionChange: () => {} });
    expect(actor.getSnapshot().matches('briefing')).toBe(true);
  });

  it('resumes past the briefing with the hints and the solution already seen, and the time spent', () => {
    const session = sessionFile({ hintsRevealed: { 'read-only-root': 2, 'keep-writing': 5, gone: 1 }, solutionRevealed: true });
    const actor = startScenarioSession({ lab: noLab, scenario: sampleScenario, session, tui: { ...fresh(), elapsedMs: 90_000, started: true }, lang: 'en', onSessionChange: () => {} });
    const snap = actor.getSnapshot();
    expect(snap.matches('working')).toBe(true);
    expect(snap.context.hintsRevealed).toEqual({ 'read-only-root': 2, 'keep-writing': 1 });
    expect(snap.context.solutionRevealed).toBe(true);
    expect(snap.context.elapsedMs).toBe(90_000);
  });

  it('writes session.json when a hint is revealed, and notes in tui.json that the briefing was read', () => {
    const session = sessionFile();
    const tui = fresh();
    const onSessionChange = vi.fn();
    const actor = startScenarioSession({ lab: noLab, scenario: sampleScenario, session, tui, lang: 'en', onSessionChange });
    actor.send({ type: 'START' });
    expect(tui.started).toBe(true);
    expect(onSessionChange).not.toHaveBeenCalled();
    actor.send({ type: 'REQUEST_HINT' });
    expect(session.hintsRevealed).toEqual({ 'read-only-root': 1 });
    expect(onSessionChange).toHaveBeenCalledTimes(1);
    actor.send({ type: 'TICK', ms: 1000 });
    expect(onSessionChange).toHaveBeenCalledTimes(1);
    expect(tui.elapsedMs).toBe(1000);
  });

  it('grades against the lab: checks of a scenario not yet done fail and the learner goes back to work', async () => {
    const lab = await bootLab(loadWorldAssets(), { seed: 5, bootSeconds: 5 });
    const actor = startScenarioSession({ lab, scenario: sampleScenario, session: sessionFile({ startedAtNs: lab.world.clock.now }), tui: fresh(), lang: 'en', onSessionChange: () => {} });
    actor.send({ type: 'START' });
    actor.send({ type: 'CHECK' });
    await vi.waitFor(() => expect(actor.getSnapshot().context.gradedAttempt).toBe(1), { timeout: 15000 });
    const snap = actor.getSnapshot();
    expect(snap.context.gradeError).toBeNull();
    expect(snap.matches('working')).toBe(true);
    expect(snap.context.lastResults?.map((r) => [r.id, r.passed])).toEqual([
      ['ro-field', false],
      ['running', false],
      ['grows', false],
      ['touch-fails', false],
    ]);
  }, 30000);
});

describe('tui.json', () => {
  it('round-trips', () => {
    const dir = tempDir();
    writeTuiState(dir, { version: 1, history: ['kubectl get po'], elapsedMs: 1234, started: true });
    expect(readTuiState(dir)).toEqual({ version: 1, history: ['kubectl get po'], elapsedMs: 1234, started: true });
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"history": ['],
    ['wrong types', '{"history": "ls", "elapsedMs": "10", "started": "yes"}'],
    ['mixed history', '{"history": ["ls", 3, null, "pwd"], "elapsedMs": -5}'],
    ['an array', '[1,2]'],
  ])('reads a %s file as a fresh start, keeping what is valid', (_name, text) => {
    const dir = tempDir();
    if (text !== null) writeFileSync(join(dir, 'tui.json'), text);
    const state = readTuiState(dir);
    expect(state.elapsedMs).toBe(0);
    expect(state.started).toBe(false);
    expect(state.history.every((h) => typeof h === 'string')).toBe(true);
  });

  it('keeps the newest 500 history lines', () => {
    const dir = tempDir();
    writeTuiState(dir, { version: 1, history: Array.from({ length: 600 }, (_, i) => `echo ${i}`), elapsedMs: 0, started: false });
    const history = readTuiState(dir).history;
    expect(history).toHaveLength(500);
    expect(history[0]).toBe('echo 100');
  });
});

describe('followWallClock', () => {
  function world(): World {
    return { version: 1, seed: 1, rng: 1, clock: { epochMs: 0, now: 0 }, timers: [], nextTimerId: 1, fs: {}, nodes: {}, kube: {}, ext: {} } as unknown as World;
  }

  it('advances simulated time by the real time that passed, running what falls due', async () => {
    vi.useFakeTimers();
    try {
      const w = world();
      const scheduler = new Scheduler(w, () => Promise.resolve());
      let now = 1000;
      const fired: number[] = [];
      scheduler.on('note', () => {
        fired.push(w.clock.now);
      });
      scheduler.after(250e6, 'note');
      const onTick = vi.fn();
      const clock = followWallClock(scheduler, { intervalMs: 100, now: () => now, onTick });
      now += 100;
      await vi.advanceTimersByTimeAsync(100);
      expect(w.clock.now).toBe(100e6);
      now += 200;
      await vi.advanceTimersByTimeAsync(100);
      expect(w.clock.now).toBe(300e6);
      expect(fired).toEqual([250e6]);
      expect(onTick).toHaveBeenCalled();
      // Time moved on by itself (grading, setup): the clock keeps flowing from there.
      await scheduler.advanceBy(5e9);
      now += 100;
      await vi.advanceTimersByTimeAsync(100);
      expect(w.clock.now).toBe(5.4e9);
      clock.stop();
      now += 1000;
      await vi.advanceTimersByTimeAsync(1000);
      expect(w.clock.now).toBe(5.4e9);
    } finally {
      vi.useRealTimers();
    }
  });
});
