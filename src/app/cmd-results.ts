// `cks-lab results merge <files|dirs…>`: the instructor's class report from learners' check results.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCommandArgs, UsageError, type CliIo } from './cli';
import { buildClassReport, parseResultFile, type ClassCell, type ClassReport, type ResultProblem, type ResultRecord } from '../grading/class-report';
import { displayWidth } from '../tui/display-width';
import type { Lang } from './lang';

const TEXT = {
  en: {
    heading: (l: number, s: number, f: number) => `Class report: ${l} learner${l === 1 ? '' : 's'}, ${s} scenario${s === 1 ? '' : 's'} (from ${f} file${f === 1 ? '' : 's'})`,
    learner: 'LEARNER',
    solved: 'SOLVED',
    stuck: 'Checks learners are failing:',
    noneStuck: 'Every learner passes every check graded so far.',
    of: (n: number, total: number) => `${n} of ${total}`,
    hints: (n: number) => `hints ${n}`,
    solution: 'solution seen',
    noResults: 'no results to report',
  },
  zh: {
    heading: (l: number, s: number, f: number) => `班级报告：${l} 名学员，${s} 个场景（来自 ${f} 个文件）`,
    learner: '学员',
    solved: '已通过',
    stuck: '学员未通过的检查：',
    noneStuck: '目前所有学员都通过了所有已评分的检查。',
    of: (n: number, total: number) => `${n}/${total} 名学员`,
    hints: (n: number) => `提示 ${n}`,
    solution: '看过答案',
    noResults: '没有可汇总的结果',
  },
} as const;

/** Files named on the command line, and the *.json files directly inside named folders. */
function inputFiles(paths: string[], problems: ResultProblem[]): string[] {
  return paths.flatMap((p) => {
    try {
      if (!statSync(p).isDirectory()) return [p];
      return readdirSync(p)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(p, f));
    } catch (e) {
      problems.push({ source: p, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message });
      return [];
    }
  });
}

function readRecords(files: string[], problems: ResultProblem[]): ResultRecord[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ source: file, message: (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (e as Error).message });
      return [];
    }
    const parsed = parseResultFile(file, text, basename(file).replace(/\.json$/, ''));
    problems.push(...parsed.problems);
    return parsed.records;
  });
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function cellText(cell: ClassCell | undefined, lang: Lang): string {
  if (!cell) return '-';
  const t = TEXT[lang];
  const notes = [cell.hintsRevealed > 0 ? t.hints(cell.hintsRevealed) : '', cell.solutionRevealed ? t.solution : ''].filter(Boolean);
  return `${cell.passed ? '✓' : '✗'} ${cell.checksPassed}/${cell.checksTotal}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export function renderClassReport(report: ClassReport, files: number, lang: Lang): string {
  const t = TEXT[lang];
  const header = [t.learner, ...report.scenarios, t.solved];
  const rows = report.learners.map((learner) => {
    const cells = report.cells[learner] ?? {};
    const solved = report.scenarios.filter((s) => cells[s]?.passed).length;
    return [learner, ...report.scenarios.map((s) => cellText(cells[s], lang)), `${solved}/${report.scenarios.length}`];
  });
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cols: string[]): string =>
    cols
      .map((c, i) => (i === cols.length - 1 ? c : pad(c, widths[i]!)))
      .join('   ')
      .trimEnd();
  const out = [t.heading(report.learners.length, report.scenarios.length, files), '', line(header), ...rows.map(line), ''];
  if (report.stuck.length === 0) out.push(t.noneStuck);
  else {
    out.push(t.stuck);
    for (const s of report.stuck) {
      const taking = report.learners.filter((l) => report.cells[l]?.[s.scenario]).length;
      out.push(`  ${s.scenario}: ${s.description}  — ${t.of(s.learners.length, taking)}: ${s.learners.join(', ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function classReportCsv(report: ClassReport): string {
  const head = ['learner', 'scenario', 'passed', 'checks_passed', 'checks_total', 'hints_revealed', 'solution_revealed', 'seed', 'checked_at'];
  const rows = report.learners.flatMap((learner) =>
    report.scenarios.flatMap((scenario) => {
      const c = report.cells[learner]?.[scenario];
      return c ? [[learner, scenario, c.passed, c.checksPassed, c.checksTotal, c.hintsRevealed, c.solutionRevealed, c.seed, c.checkedAt].map(csvField).join(',')] : [];
    }),
  );
  return `${[head.join(','), ...rows].join('\r\n')}\r\n`;
}

export async function runResultsCommand(args: string[], io: CliIo, lang: Lang): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'merge') throw new UsageError(sub === undefined ? "missing subcommand (try 'results merge FILE…')" : `unknown subcommand '${sub}'`);
  const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' }, csv: { type: 'boolean' } }, Number.MAX_SAFE_INTEGER);
  if (positionals.length === 0) throw new UsageError('results merge needs at least one results file or folder');
  if (values.json && values.csv) throw new UsageError('--json and --csv cannot be used together');
  const problems: ResultProblem[] = [];
  const files = inputFiles(positionals, problems);
  const records = readRecords(files, problems);
  for (const p of problems) io.stderr(`cks-lab results: ${p.source}: ${p.message}\n`);
  if (records.length === 0) {
    io.stderr(`cks-lab results: ${TEXT[lang].noResults}\n`);
    return 1;
  }
  const report = buildClassReport(records);
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (values.csv) io.stdout(classReportCsv(report));
  else io.stdout(renderClassReport(report, files.length, lang));
  return problems.length ? 1 : 0;
}
