// The instructor's class report: learners' `cks-lab check --json` results merged into one view.
import { z } from 'zod';

/** One learner's grading of one scenario, as `cks-lab check --json` prints it. */
export const ResultRecordSchema = z.object({
  scenario: z.string().min(1),
  passed: z.boolean(),
  learner: z.string().min(1).optional(),
  seed: z.number().int().optional(),
  checkedAt: z.string().optional(),
  hintsRevealed: z.number().int().nonnegative().optional(),
  solutionRevealed: z.boolean().optional(),
  checks: z.array(
    z.object({
      id: z.string().min(1),
      description: z.string().optional(),
      passed: z.boolean(),
      message: z.string().optional(),
    }),
  ),
});

export type ResultRecord = z.infer<typeof ResultRecordSchema> & { learner: string; source: string };

/** A result file that could not be read as results: its name and why. */
export interface ResultProblem {
  source: string;
  message: string;
}

/**
 * Split a results file into JSON values: one object, an array of objects, or several objects one
 * after another (what `cks-lab check … --json >> file` leaves). Returns null at the first
 * malformed value, with where it starts.
 */
export function splitJsonValues(text: string): { values: unknown[] } | { error: string } {
  const values: unknown[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth <= 0) {
          i++;
          break;
        }
      } else if (depth === 0 && /\s/.test(c)) break;
    }
    const chunk = text.slice(start, i);
    try {
      values.push(JSON.parse(chunk));
    } catch (e) {
      const line = text.slice(0, start).split('\n').length;
      return { error: `line ${line}: ${(e as Error).message}` };
    }
  }
  return { values };
}

/** Parse one results file; a learner without a name is named after the file. */
export function parseResultFile(source: string, text: string, fallbackLearner: string): { records: ResultRecord[]; problems: ResultProblem[] } {
  const split = splitJsonValues(text);
  if ('error' in split) return { records: [], problems: [{ source, message: `not JSON (${split.error})` }] };
  const flat = split.values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (flat.length === 0) return { records: [], problems: [{ source, message: 'no results in the file' }] };
  const records: ResultRecord[] = [];
  const problems: ResultProblem[] = [];
  flat.forEach((v, index) => {
    const r = ResultRecordSchema.safeParse(v);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
      problems.push({ source, message: `result ${index + 1} is not a cks-lab check result${where}: ${issue.message}` });
      return;
    }
    records.push({ ...r.data, learner: r.data.learner ?? fallbackLearner, source });
  });
  return { records, problems };
}

export interface ClassCell {
  passed: boolean;
  checksPassed: number;
  checksTotal: number;
  hintsRevealed: number;
  solutionRevealed: boolean;
  checkedAt: string | null;
  seed: number | null;
}

export interface StuckCheck {
  scenario: string;
  check: string;
  description: string;
  learners: string[];
}

export interface ClassReport {
  learners: string[];
  scenarios: string[];
  /** cells[learner][scenario]; a missing key is a scenario the learner has no result for. */
  cells: Record<string, Record<string, ClassCell>>;
  /** Checks failed by at least one learner, most learners first. */
  stuck: StuckCheck[];
}

/** Later results of the same learner and scenario replace earlier ones (by checkedAt, then input order). */
export function buildClassReport(records: readonly ResultRecord[]): ClassReport {
  const latest = new Map<string, ResultRecord>();
  for (const r of records) {
    const key = `${r.learner}\u0000${r.scenario}`;
    const was = latest.get(key);
    if (!was || (r.checkedAt ?? '') >= (was.checkedAt ?? '')) latest.set(key, r);
  }
  const learners = [...new Set([...latest.values()].map((r) => r.learner))].sort();
  const scenarios = [...new Set([...latest.values()].map((r) => r.scenario))].sort();
  const cells: ClassReport['cells'] = {};
  const stuckByKey = new Map<string, StuckCheck>();
  for (const r of latest.values()) {
    (cells[r.learner] ??= {})[r.scenario] = {
      passed: r.passed,
      checksPassed: r.checks.filter((c) => c.passed).length,
      checksTotal: r.checks.length,
      hintsRevealed: r.hintsRevealed ?? 0,
      solutionRevealed: r.solutionRevealed ?? false,
      checkedAt: r.checkedAt ?? null,
      seed: r.seed ?? null,
    };
    for (const c of r.checks) {
      if (c.passed) continue;
      const key = `${r.scenario}\u0000${c.id}`;
      const s = stuckByKey.get(key) ?? { scenario: r.scenario, check: c.id, description: c.description ?? c.id, learners: [] };
      s.learners.push(r.learner);
      stuckByKey.set(key, s);
    }
  }
  const stuck = [...stuckByKey.values()]
    .map((s) => ({ ...s, learners: s.learners.sort() }))
    .sort((a, b) => b.learners.length - a.learners.length || a.scenario.localeCompare(b.scenario) || a.check.localeCompare(b.check));
  return { learners, scenarios, cells, stuck };
}
