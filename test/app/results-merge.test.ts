// `cks-lab results merge`: learners' check results in, the instructor's class report out; bad files
// are named on stderr and the report carries on with the rest.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/app/cli';
import { parseResultFile, splitJsonValues } from '../../src/grading/class-report';

function result(learner: string | undefined, scenario: string, passes: boolean[], extra: Record<string, unknown> = {}) {
  return {
    scenario,
    passed: passes.every(Boolean),
    ...(learner ? { learner } : {}),
    ...extra,
    checks: passes.map((passed, i) => ({ id: `c${i + 1}`, description: `check ${i + 1} of ${scenario}`, passed, ...(passed ? {} : { message: 'why' }) })),
  };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cks-results-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '' };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('cks-lab results merge', () => {
  const dir = folder({
    'alice.json': json(result('alice', 'falco-shell-alert', [true, true, true])) + json(result('alice', 'immutable-hash', [true, false, false], { hintsRevealed: 2 })),
    'bob.json': json([result('bob', 'falco-shell-alert', [true, true, true], { solutionRevealed: true })]),
    'carol.json': json(result(undefined, 'immutable-hash', [false, false, true])),
    'notes.txt': 'not a results file',
  });

  it('prints a learner × scenario table and the checks learners are stuck on', async () => {
    const r = await cli(['results', 'merge', dir, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Class report: 3 learners, 2 scenarios (from 3 files)',
        '',
        'LEARNER   falco-shell-alert       immutable-hash    SOLVED',
        'alice     ✓ 3/3                   ✗ 1/3 (hints 2)   1/2',
        'bob       ✓ 3/3 (solution seen)   -                 1/2',
        'carol     -                       ✗ 1/3             0/2',
        '',
        'Checks learners are failing:',
        '  immutable-hash: check 2 of immutable-hash  — 2 of 2: alice, carol',
        '  immutable-hash: check 1 of immutable-hash  — 1 of 2: carol',
        '  immutable-hash: check 3 of immutable-hash  — 1 of 2: alice',
        '',
      ].join('\n'),
    );
  });

  it('names a learner without a name after the file, and keeps the latest result of a learner', async () => {
    const d = folder({
      'dave.json': json(result(undefined, 'x', [false], { checkedAt: '2026-01-01T10:00:00.000Z' })) + json(result(undefined, 'x', [true], { checkedAt: '2026-01-01T11:00:00.000Z' })),
    });
    const r = await cli(['results', 'merge', '--json', join(d, 'dave.json')]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.learners).toEqual(['dave']);
    expect(report.cells.dave.x).toMatchObject({ passed: true, checksPassed: 1, checkedAt: '2026-01-01T11:00:00.000Z' });
    expect(report.stuck).toEqual([]);
  });

  it('exports CSV rows with RFC 4180 quoting', async () => {
    const d = folder({ 'a.json': json(result('Doe, "Jo"', 's', [true], { seed: 7 })) });
    const r = await cli(['results', 'merge', '--csv', d]);
    expect(r.stdout).toBe('learner,scenario,passed,checks_passed,checks_total,hints_revealed,solution_revealed,seed,checked_at\r\n"Doe, ""Jo""",s,true,1,1,0,false,7,\r\n');
  });

  it('reports in Chinese with --lang zh', async () => {
    const r = await cli(['results', 'merge', dir, '--lang', 'zh']);
    expect(r.stdout).toContain('班级报告：3 名学员，2 个场景');
    expect(r.stdout).toContain('学员未通过的检查：');
  });

  it('names each bad file on stderr, reports the good ones, and exits 1', async () => {
    const d = folder({
      'ok.json': json(result('ok', 's', [true])),
      'broken.json': '{"scenario": "s", "passed": tru',
      'wrong.json': json({ scenario: 's', passed: 'yes', checks: [] }),
      'empty.json': '',
    });
    const r = await cli(['results', 'merge', d, join(d, 'missing.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ok   ');
    expect(r.stderr).toContain(`cks-lab results: ${join(d, 'broken.json')}: not JSON (line 1: `);
    expect(r.stderr).toContain(`cks-lab results: ${join(d, 'wrong.json')}: result 1 is not a cks-lab check result at passed: `);
    expect(r.stderr).toContain(`cks-lab results: ${join(d, 'empty.json')}: no results in the file`);
    expect(r.stderr).toContain(`cks-lab results: ${join(d, 'missing.json')}: no such file or directory`);
  });

  it('exits 1 with a message when nothing is readable, and 2 on usage mistakes', async () => {
    const d = folder({ 'x.json': '[]' });
    expect(await cli(['results', 'merge', d])).toMatchObject({ status: 1, stderr: expect.stringContaining('no results to report') });
    expect((await cli(['results'])).status).toBe(2);
    expect((await cli(['results', 'merge'])).status).toBe(2);
    expect((await cli(['results', 'split', d])).status).toBe(2);
    expect((await cli(['results', 'merge', '--json', '--csv', d])).status).toBe(2);
  });
});

describe('results files that are not results', () => {
  it('splits concatenated JSON values, arrays and strings with braces', () => {
    expect(splitJsonValues('{"a":"}{"} [1,2]\n{"b":{}}')).toEqual({ values: [{ a: '}{' }, [1, 2], { b: {} }] });
    expect(splitJsonValues('{"a":1}}')).toMatchObject({ error: expect.stringContaining('line 1') });
  });

  it('never throws on arbitrary or mutated input', () => {
    const good = json(result('a', 's', [true, false]));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.tuple(fc.nat(good.length), fc.nat(good.length), fc.string()).map(([a, b, s]) => good.slice(0, Math.min(a, b)) + s + good.slice(Math.max(a, b)))), (text) => {
        const r = parseResultFile('f.json', text, 'f');
        expect(r.records.length + r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
