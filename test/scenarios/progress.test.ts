// Pure progress views over a session: task statuses, failed checks, what counts as a pass.
import { describe, expect, it } from 'vitest';
import { allChecksPassed, currentTaskId, failedChecks, taskProgress } from '../../src/scenarios/progress';
import { resultsPassing, sampleScenario } from './sample-scenario';

const source = (lastResults: ReturnType<typeof resultsPassing> | null, hintsRevealed: Record<string, number> = {}) => ({
  scenario: sampleScenario,
  lastResults,
  hintsRevealed,
});

describe('progress', () => {
  it.each<[string, ReturnType<typeof resultsPassing> | null, string[]]>([
    ['before any check the first task is current', null, ['current', 'pending', 'pending']],
    ['a task is done only when all its checks pass', resultsPassing('ro-field', 'running'), ['done', 'current', 'pending']],
    ['a later task can be done before an earlier one', resultsPassing('touch-fails'), ['current', 'pending', 'done']],
    ['all done', resultsPassing('ro-field', 'running', 'grows', 'touch-fails'), ['done', 'done', 'done']],
  ])('%s', (_name, results, statuses) => {
    expect(taskProgress(source(results)).map((p) => p.status)).toEqual(statuses);
  });

  it('current task is null when every task is done', () => {
    expect(currentTaskId(source(resultsPassing('ro-field', 'running', 'grows', 'touch-fails')))).toBeNull();
  });

  it('revealed hints are capped at what the task has', () => {
    const p = taskProgress(source(null, { 'read-only-root': 5 }))[0]!;
    expect(p.hints).toHaveLength(2);
    expect(p.hintsLeft).toBe(0);
  });

  it('a check the grader left out counts as failed', () => {
    const partial = resultsPassing('ro-field').filter((r) => r.id !== 'grows');
    expect(failedChecks(source(partial)).map((f) => [f.check.id, f.result.message])).toEqual([
      ['running', 'running failed'],
      ['grows', 'not graded'],
      ['touch-fails', 'touch-fails failed'],
    ]);
    expect(allChecksPassed(sampleScenario, partial)).toBe(false);
  });
});
