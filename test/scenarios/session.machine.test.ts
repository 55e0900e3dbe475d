// The scenario session machine, driven as the TUI drives it, with a fake grader.
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { taskProgress } from '../../src/scenarios/progress';
import { sessionMachine, type GradeInput, type GradeOutput } from '../../src/scenarios/session.machine';
import { resultsPassing, sampleScenario } from './sample-scenario';

/** An actor whose grader answers from a queue of canned gradings (or throws an Error). */
function startSession(gradings: (GradeOutput['checks'] | Error)[] = []) {
  const seen: GradeInput[] = [];
  const queue = [...gradings];
  const machine = sessionMachine.provide({
    actors: {
      grade: fromPromise<GradeOutput, GradeInput>(async ({ input }) => {
        seen.push(input);
        const next = queue.shift();
        if (next === undefined) throw new Error('test grader ran out of answers');
        if (next instanceof Error) throw next;
        return { checks: next };
      }),
    },
  });
  const actor = createActor(machine, { input: { scenario: sampleScenario } }).start();
  return { actor, seen };
}

async function check(actor: ReturnType<typeof startSession>['actor']) {
  actor.send({ type: 'CHECK' });
  expect(actor.getSnapshot().matches('checking')).toBe(true);
  return waitFor(actor, (s) => !s.matches('checking'));
}

describe('session machine', () => {
  it('starts in the briefing and ignores work until START', () => {
    const { actor } = startSession();
    expect(actor.getSnapshot().matches('briefing')).toBe(true);
    expect(actor.getSnapshot().can({ type: 'CHECK' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'REQUEST_HINT' })).toBe(false);
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().matches('working')).toBe(true);
  });

  it('a failed check returns to working and keeps the failed results', async () => {
    const { actor, seen } = startSession([resultsPassing('ro-field')]);
    actor.send({ type: 'START' });
    const snap = await check(actor);
    expect(snap.matches('working')).toBe(true);
    expect(seen).toEqual([{ scenario: sampleScenario }]);
    expect(snap.context.checkAttempts).toBe(1);
    expect(snap.context.lastResults?.filter((r) => !r.passed).map((r) => r.id)).toEqual([
      'running',
      'grows',
      'touch-fails',
    ]);
    expect(snap.context.passedAtMs).toBeNull();
  });

  it('passes when every check passes, recording the time of the pass', async () => {
    const { actor } = startSession([resultsPassing('ro-field', 'running', 'grows', 'touch-fails')]);
    actor.send({ type: 'START' });
    actor.send({ type: 'TICK', ms: 65_000 });
    const snap = await check(actor);
    expect(snap.matches('passed')).toBe(true);
    expect(snap.context.passedAtMs).toBe(65_000);
    expect(snap.context.passedWithSolution).toBe(false);
  });

  it('a grading that leaves out a check is not a pass', async () => {
    const partial = resultsPassing('ro-field', 'running', 'grows', 'touch-fails').slice(0, 3);
    const { actor } = startSession([partial]);
    actor.send({ type: 'START' });
    expect((await check(actor)).matches('working')).toBe(true);
  });

  it('a grader crash goes back to working with the error, results untouched', async () => {
    const { actor } = startSession([resultsPassing('ro-field'), new Error('world probe failed')]);
    actor.send({ type: 'START' });
    await check(actor);
    const snap = await check(actor);
    expect(snap.matches('working')).toBe(true);
    expect(snap.context.gradeError).toBe('world probe failed');
    expect(snap.context.lastResults?.find((r) => r.id === 'ro-field')?.passed).toBe(true);
  });

  it('the unprovided grader fails with a message naming the fix', async () => {
    const actor = createActor(sessionMachine, { input: { scenario: sampleScenario } }).start();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHECK' });
    const snap = await waitFor(actor, (s) => !s.matches('checking'));
    expect(snap.context.gradeError).toMatch(/no grader provided/);
  });

  it('a second CHECK while grading is ignored', async () => {
    const { actor, seen } = startSession([resultsPassing()]);
    actor.send({ type: 'START' });
    actor.send({ type: 'CHECK' });
    actor.send({ type: 'CHECK' });
    await waitFor(actor, (s) => !s.matches('checking'));
    expect(seen).toHaveLength(1);
    expect(actor.getSnapshot().context.checkAttempts).toBe(1);
  });

  it('hints come one at a time for the current task, and are counted', () => {
    const { actor } = startSession();
    actor.send({ type: 'START' });
    actor.send({ type: 'REQUEST_HINT' });
    expect(actor.getSnapshot().context.hintsRevealed).toEqual({ 'read-only-root': 1 });
    actor.send({ type: 'REQUEST_HINT' });
    expect(actor.getSnapshot().context.hintsRevealed).toEqual({ 'read-only-root': 2 });
    expect(actor.getSnapshot().can({ type: 'REQUEST_HINT' })).toBe(false);
    actor.send({ type: 'REQUEST_HINT' });
    expect(actor.getSnapshot().context.hintCount).toBe(2);
  });

  it('a hint request can name a task; a task without hints gives none', () => {
    const { actor } = startSession();
    actor.send({ type: 'START' });
    actor.send({ type: 'REQUEST_HINT', taskId: 'keep-writing' });
    expect(actor.getSnapshot().context.hintsRevealed).toEqual({ 'keep-writing': 1 });
    expect(actor.getSnapshot().can({ type: 'REQUEST_HINT', taskId: 'prove-it' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'REQUEST_HINT', taskId: 'no-such-task' })).toBe(false);
  });

  it('hints follow the current task once the first is done', async () => {
    const { actor } = startSession([resultsPassing('ro-field')]);
    actor.send({ type: 'START' });
    await check(actor);
    actor.send({ type: 'REQUEST_HINT' });
    expect(actor.getSnapshot().context.hintsRevealed).toEqual({ 'keep-writing': 1 });
    const statuses = taskProgress(actor.getSnapshot().context).map((p) => [p.task.id, p.status]);
    expect(statuses).toEqual([
      ['read-only-root', 'done'],
      ['keep-writing', 'current'],
      ['prove-it', 'pending'],
    ]);
  });

  it('the solution needs confirmation; CANCEL keeps it hidden', () => {
    const { actor } = startSession();
    actor.send({ type: 'START' });
    actor.send({ type: 'REQUEST_SOLUTION' });
    expect(actor.getSnapshot().matches('confirmingSolution')).toBe(true);
    expect(actor.getSnapshot().can({ type: 'CHECK' })).toBe(false);
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().matches('working')).toBe(true);
    expect(actor.getSnapshot().context.solutionRevealed).toBe(false);
  });

  it('CONFIRM reveals the solution, and a later pass is marked as helped', async () => {
    const { actor } = startSession([resultsPassing('ro-field', 'running', 'grows', 'touch-fails')]);
    actor.send({ type: 'START' });
    actor.send({ type: 'REQUEST_SOLUTION' });
    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().matches('working')).toBe(true);
    expect(actor.getSnapshot().context.solutionRevealed).toBe(true);
    expect(actor.getSnapshot().can({ type: 'REQUEST_SOLUTION' })).toBe(false);
    const snap = await check(actor);
    expect(snap.context.passedWithSolution).toBe(true);
  });

  it('after passing, the solution is shown without confirmation', async () => {
    const { actor } = startSession([resultsPassing('ro-field', 'running', 'grows', 'touch-fails')]);
    actor.send({ type: 'START' });
    await check(actor);
    actor.send({ type: 'REQUEST_SOLUTION' });
    expect(actor.getSnapshot().matches('passed')).toBe(true);
    expect(actor.getSnapshot().context.solutionRevealed).toBe(true);
    expect(actor.getSnapshot().context.passedWithSolution).toBe(false);
  });

  it('time comes only from TICK events and stops at the pass', async () => {
    const { actor } = startSession([resultsPassing('ro-field', 'running', 'grows', 'touch-fails')]);
    actor.send({ type: 'TICK', ms: 1000 });
    actor.send({ type: 'START' });
    actor.send({ type: 'TICK', ms: 2500 });
    actor.send({ type: 'TICK', ms: -50 });
    actor.send({ type: 'TICK', ms: Number.NaN });
    expect(actor.getSnapshot().context.elapsedMs).toBe(3500);
    await check(actor);
    actor.send({ type: 'TICK', ms: 1000 });
    expect(actor.getSnapshot().context.elapsedMs).toBe(3500);
  });

  it('a resumed session starts from the given elapsed time', () => {
    const actor = createActor(sessionMachine, { input: { scenario: sampleScenario, elapsedMs: 90_000 } }).start();
    expect(actor.getSnapshot().context.elapsedMs).toBe(90_000);
  });

  it('re-checking after a pass that now fails goes back to working, keeping the first pass time', async () => {
    const all = resultsPassing('ro-field', 'running', 'grows', 'touch-fails');
    const { actor } = startSession([all, resultsPassing('ro-field')]);
    actor.send({ type: 'START' });
    actor.send({ type: 'TICK', ms: 10_000 });
    await check(actor);
    const snap = await check(actor);
    expect(snap.matches('working')).toBe(true);
    expect(snap.context.passedAtMs).toBe(10_000);
  });

  it('the grader sees the scenario it was started with', async () => {
    const grade = vi.fn(async ({ input }: { input: GradeInput }) => ({
      checks: input.scenario.checks.map((c) => ({ id: c.id, passed: true })),
    }));
    const machine = sessionMachine.provide({ actors: { grade: fromPromise(grade) } });
    const actor = createActor(machine, { input: { scenario: sampleScenario } }).start();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHECK' });
    await waitFor(actor, (s) => s.matches('passed'));
    expect(grade).toHaveBeenCalledTimes(1);
  });
});

describe('session machine bookkeeping for views', () => {
  it('gradedAttempt names the attempt whose results (or error) are current', async () => {
    const { actor } = startSession([resultsPassing(), new Error('boom')]);
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().context.gradedAttempt).toBe(0);
    expect((await check(actor)).context.gradedAttempt).toBe(1);
    const snap = await check(actor);
    expect(snap.context.gradedAttempt).toBe(2);
    expect(snap.context.gradeError).toBe('boom');
  });
});
