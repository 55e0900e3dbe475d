// Grades a scenario: every check, in file order, against the learner's lab and probe copies of it.

import type { Scenario } from '../scenarios/schema';
import type { CheckResult } from '../scenarios/progress';
import { gradeChecks } from './checks';
import type { GradingHost } from './runner';

export async function gradeScenario(scenario: Scenario, host: GradingHost, opts: { lang: 'en' | 'zh'; setupDoneNs: number }): Promise<CheckResult[]> {
  return gradeChecks(scenario.checks, { host, lang: opts.lang, setupDoneNs: opts.setupDoneNs });
}
