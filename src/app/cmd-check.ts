// `cks-lab check <scenario>`: grade the learner's lab; exit 0 when every check passes.

import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { stateDirFor, loadWorld } from './persist';
import { openLab, saveLab, LabOpenError } from './open-lab';
import { parseCommandArgs, UsageError, type CliIo } from './cli';
import { gradeScenario } from '../grading/grade';
import { gradingHost } from './runner';
import type { Lang } from './lang';
import type { CheckResult } from '../scenarios/progress';
import type { Scenario } from '../scenarios/schema';

function junit(scenario: Scenario, results: CheckResult[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const failures = results.filter((r) => !r.passed).length;
  const cases = results
    .map((r) => {
      const name = esc(scenario.checks.find((c) => c.id === r.id)?.description.en ?? r.id);
      return r.passed
        ? `    <testcase classname="${esc(scenario.id)}" name="${name}"/>`
        : `    <testcase classname="${esc(scenario.id)}" name="${name}">\n      <failure message="${esc(failureText(scenario, r, 'en'))}"/>\n    </testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="${esc(scenario.id)}" tests="${results.length}" failures="${failures}">\n${cases}\n  </testsuite>\n</testsuites>\n`;
}

/** Why a check failed: the scenario's failMessage, then what the grader found, both in `lang`. */
function failureText(scenario: Scenario, r: CheckResult, lang: Lang): string {
  const why = scenario.checks.find((c) => c.id === r.id)?.failMessage[lang] ?? r.id;
  const found = r.finding?.[lang] ?? r.message;
  return found ? `${why} (${found})` : why;
}

/** Who the result belongs to, for the instructor's `results merge`: --learner, $CKS_LAB_LEARNER, the login. */
function learnerName(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.CKS_LAB_LEARNER) return process.env.CKS_LAB_LEARNER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function runCheckCommand(args: string[], io: CliIo, lang: Lang): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { state: { type: 'string' }, json: { type: 'boolean' }, junit: { type: 'string' }, learner: { type: 'string' } }, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('missing scenario id');
  const dir = stateDirFor(values.state, id);
  const existed = loadWorld(dir).kind === 'ok';
  let opened;
  try {
    opened = await openLab(dir, { scenario: id });
  } catch (e) {
    if (e instanceof LabOpenError) {
      io.stderr(`cks-lab check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const scenario = opened.scenario!;
  const results = await gradeScenario(scenario, gradingHost(opened.lab), { lang, setupDoneNs: opened.session.startedAtNs });
  const passed = results.every((r) => r.passed);
  if (passed) opened.session.passed = true;
  if (!existed || passed) saveLab(dir, opened);
  if (values.junit) writeFileSync(values.junit, junit(scenario, results));
  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        {
          scenario: scenario.id,
          passed,
          learner: learnerName(values.learner),
          seed: opened.lab.world.seed,
          checkedAt: new Date().toISOString(),
          hintsRevealed: Object.values(opened.session.hintsRevealed).reduce((a, b) => a + b, 0),
          solutionRevealed: opened.session.solutionRevealed,
          checks: results.map((r) => ({
            id: r.id,
            description: scenario.checks.find((c) => c.id === r.id)?.description[lang],
            passed: r.passed,
            ...(r.passed ? {} : { message: failureText(scenario, r, lang) }),
          })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const r of results) {
      const c = scenario.checks.find((x) => x.id === r.id)!;
      io.stdout(`${r.passed ? '✓' : '✗'} ${c.description[lang]}\n`);
      if (!r.passed) io.stdout(`    ${failureText(scenario, r, lang)}\n`);
    }
    const n = results.filter((r) => r.passed).length;
    io.stdout(lang === 'zh' ? `${n}/${results.length} 项检查通过\n` : `${n}/${results.length} checks passed\n`);
  }
  return passed ? 0 : 1;
}
