// The lab's notes printed into the terminal (hints, check results, the solution) as plain lines, so
// they stay in the scrollback and read well to a screen reader.
import type { CheckResult } from '../scenarios/progress';
import { localize, type Scenario } from '../scenarios/schema';
import type { SessionContext } from '../scenarios/session.machine';
import { formatElapsed, t, type Lang } from './i18n';

function textLines(text: string): string[] {
  return text.replace(/\n+$/, '').split('\n');
}

/** The newest revealed hint of a task. */
export function hintNote(context: SessionContext, taskId: string, lang: Lang): string[] {
  const task = context.scenario.tasks.find((x) => x.id === taskId);
  const n = context.hintsRevealed[taskId] ?? 0;
  const hint = task?.hints[n - 1];
  if (!task || !hint) return [];
  return [
    t(lang, 'hintHeading', { n, total: task.hints.length, task: localize(task.title, lang) }),
    ...textLines(localize(hint, lang)).map((l) => `  ${l}`),
  ];
}

export function noMoreHintsNote(context: SessionContext, taskId: string | null, lang: Lang): string[] {
  const task = context.scenario.tasks.find((x) => x.id === taskId);
  if (!task) return [t(lang, 'allTasksDone')];
  return [t(lang, 'noMoreHints', { task: localize(task.title, lang) })];
}

export function solutionNote(scenario: Scenario, lang: Lang): string[] {
  return [t(lang, 'solutionHeading'), ...textLines(scenario.solution[lang])];
}

/** One line per check in scenario order: ✓ description, or ✗ description: why (and the grader's detail). */
export function checkNote(context: SessionContext, lang: Lang): string[] {
  if (context.gradeError !== null) return [t(lang, 'gradeError', { error: context.gradeError })];
  const results: readonly CheckResult[] = context.lastResults ?? [];
  const lines = context.scenario.checks.map((check) => {
    const result = results.find((r) => r.id === check.id);
    const description = localize(check.description, lang);
    if (result?.passed) return t(lang, 'checkPassedLine', { description });
    const why = localize(check.failMessage, lang);
    const found = result?.finding ? localize(result.finding, lang) : result?.message;
    const detail = found ? ` (${found})` : '';
    return t(lang, 'checkFailedLine', { description, reason: why + detail });
  });
  const passed = context.scenario.checks.filter((c) => results.some((r) => r.id === c.id && r.passed)).length;
  const heading = t(lang, 'checkHeading', { n: context.checkAttempts, passed, total: context.scenario.checks.length });
  const out = [heading, ...lines];
  if (passed === context.scenario.checks.length && context.passedAtMs !== null) {
    out.push(t(lang, 'passedBanner', { time: formatElapsed(context.passedAtMs) }));
    if (context.passedWithSolution) out.push(t(lang, 'passedWithSolution'));
  }
  return out;
}
