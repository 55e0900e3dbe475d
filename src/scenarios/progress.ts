// Pure views of a scenario session: which task is done/current, which hints are out, what failed.
import type { Lang, Localized, Scenario, Task } from './schema';

/** What the grader says about one check. `message` is the grader's detail (e.g. what it found). */
export interface CheckResult {
  id: string;
  passed: boolean;
  /** What the grader found, in the language it graded for. */
  message?: string;
  /** The same finding in every language, for a report in another one (the JUnit file is English). */
  finding?: Localized;
}

const NOT_GRADED: Localized = { en: 'not graded', zh: '未检查' };

export type TaskStatus = 'done' | 'current' | 'pending';

export interface TaskProgress {
  task: Task;
  status: TaskStatus;
  /** Results of this task's checks from the latest grading, in the task's order; empty before any. */
  results: CheckResult[];
  /** Hints revealed so far for this task, mildest first. */
  hints: Localized[];
  hintsLeft: number;
}

/** The part of the session context these views need (kept narrow so the TUI can test with plain data). */
export interface ProgressSource {
  scenario: Scenario;
  lastResults: readonly CheckResult[] | null;
  hintsRevealed: Readonly<Record<string, number>>;
}

/** A task is done when every one of its checks passed in the latest grading (the world is the truth). */
export function isTaskDone(task: Task, results: readonly CheckResult[] | null): boolean {
  if (!results) return false;
  return task.checks.every((id) => results.some((r) => r.id === id && r.passed));
}

/** The first task not yet done, or null when all are. */
export function currentTaskId(source: ProgressSource): string | null {
  const task = source.scenario.tasks.find((t) => !isTaskDone(t, source.lastResults));
  return task ? task.id : null;
}

export function taskProgress(source: ProgressSource): TaskProgress[] {
  const current = currentTaskId(source);
  return source.scenario.tasks.map((task) => {
    const shown = Math.min(source.hintsRevealed[task.id] ?? 0, task.hints.length);
    const results = source.lastResults
      ? task.checks.flatMap((id) => source.lastResults!.filter((r) => r.id === id))
      : [];
    return {
      task,
      status: isTaskDone(task, source.lastResults) ? 'done' : task.id === current ? 'current' : 'pending',
      results,
      hints: task.hints.slice(0, shown),
      hintsLeft: task.hints.length - shown,
    };
  });
}

/** Every check passed; a scenario whose grader skipped a check is not solved. */
export function allChecksPassed(scenario: Scenario, results: readonly CheckResult[]): boolean {
  return scenario.checks.every((c) => results.some((r) => r.id === c.id && r.passed));
}

/** Failed checks of the latest grading, with the scenario's definition for their messages. */
export function failedChecks(source: ProgressSource, lang: Lang = 'en'): { check: Scenario['checks'][number]; result: CheckResult }[] {
  if (!source.lastResults) return [];
  return source.scenario.checks.flatMap((check) => {
    const result = source.lastResults!.find((r) => r.id === check.id) ?? {
      id: check.id,
      passed: false,
      message: NOT_GRADED[lang],
      finding: NOT_GRADED,
    };
    return result.passed ? [] : [{ check, result }];
  });
}
