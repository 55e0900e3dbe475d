// The chapter's Falco and audit exercises as scenarios, through the real binary: the fresh setup fails,
// the solution script passes, and the mistakes learners make fail the right check with a reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'cks-lab.js');

function cksLab(args: string[], input = ''): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1', LANG: 'C' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  passed: boolean;
  checks: { id: string; passed: boolean; message?: string }[];
}

interface ScenarioFile {
  tasks: { id: string; checks: string[] }[];
  solution: { script: string };
}

const scenarioFile = (id: string): ScenarioFile => parse(readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8')) as ScenarioFile;

/** Play a script in a fresh lab of the scenario, then grade it. */
function playAndCheck(id: string, script: string): { report: Report; status: number; transcript: string } {
  const D = mkdtempSync(join(tmpdir(), 'cks-state-'));
  const played = cksLab(['sh', '--scenario', id, '--state', D, '--echo'], script);
  const checked = cksLab(['check', id, '--state', D, '--json']);
  return { report: JSON.parse(checked.stdout) as Report, status: checked.status, transcript: played.stdout + played.stderr };
}

const failing = (r: Report): string[] => r.checks.filter((c) => !c.passed).map((c) => c.id);
const messageOf = (r: Report, id: string): string => r.checks.find((c) => c.id === id)?.message ?? '';

/** The solution script with one line replaced (or removed, with an empty replacement). */
function edited(script: string, from: string | RegExp, to: string): string {
  const out = script.replace(from, to);
  if (out === script) throw new Error(`the solution script has no ${String(from)}`);
  return out;
}

describe.each(['falco-write-below-etc', 'audit-log-policy'])('%s', (id) => {
  const scenario = scenarioFile(id);

  it('appears in the catalogue with its difficulty and minutes, and the pack lints clean', () => {
    const list = cksLab(['list', '--json']);
    const entry = (JSON.parse(list.stdout) as { id: string; difficulty: string; estimatedMinutes: number }[]).find((e) => e.id === id);
    expect(entry).toMatchObject({ difficulty: expect.stringMatching(/^(easy|medium|hard)$/), estimatedMinutes: expect.any(Number) });
    const lint = cksLab(['lint', join(ROOT, 'scenarios'), '--strict']);
    expect(lint.stdout + lint.stderr).toMatch(/no problems/);
    expect(lint.status).toBe(0);
  });

  it('fails on the fresh setup, every task with a reason, and passes after the solution script', () => {
    const D = mkdtempSync(join(tmpdir(), 'cks-state-'));
    const before = cksLab(['check', id, '--state', D, '--json']);
    expect(before.status, before.stderr).toBe(1);
    const report = JSON.parse(before.stdout) as Report;
    for (const task of scenario.tasks) {
      const open = report.checks.filter((c) => task.checks.includes(c.id) && !c.passed);
      expect(open.length, `task ${task.id} is done before any work`).toBeGreaterThan(0);
      for (const c of open) expect(c.message, c.id).toMatch(/\(.+\)$/s);
    }

    cksLab(['sh', '--scenario', id, '--state', D], scenario.solution.script);
    const after = cksLab(['check', id, '--state', D]);
    expect(after.stdout).toMatch(/(\d+)\/\1 checks passed/);
    expect(after.status, after.stdout).toBe(0);
  }, 180_000);
});

describe('falco-write-below-etc: wrong solutions', () => {
  const script = scenarioFile('falco-write-below-etc').solution.script;

  it('file output on but stdout left on fails only the stdout check, saying where alerts went', () => {
    const { report, transcript } = playAndCheck('falco-write-below-etc', edited(script, /^sudo sed -i '\/\^stdout_output:.*\n/m, ''));
    expect(failing(report), transcript).toEqual(['stdout-off']);
    expect(messageOf(report, 'stdout-off')).toMatch(/Set `enabled: false` under `stdout_output`.*the latest went to stdout, syslog, file: \d{2}:\d{2}:\d{2}\.\d{9}: Error \d{2}:\d{2}:\d{2}\.\d{9},<NA>,[0-9a-f]{12}\)$/s);
  }, 120_000);

  it('an unquoted output breaks the rules file: Falco stops and the grader shows its YAML error', () => {
    const { report, transcript } = playAndCheck('falco-write-below-etc', edited(script, 'output: "%evt.time,%user.name,%container.id"', 'output: %evt.time,%user.name,%container.id'));
    expect(failing(report), transcript).toEqual(expect.arrayContaining(['rule-output', 'rule-priority', 'new-output-journal', 'log-file-grows', 'stdout-off']));
    expect(failing(report)).not.toContain('rule-name-file');
    expect(messageOf(report, 'rule-output')).toMatch(/\(Falco would not start: \/etc\/falco\/falco_rules\.local\.yaml: Invalid: LOAD_ERR_YAML_PARSE .*yaml-cpp: error at line \d+, column \d+: plain value cannot start with directive indicator character %\)$/);
    expect(messageOf(report, 'stdout-off')).toMatch(/\(Falco on kube-worker-1 raised no alert at all in the next 12s\)$/);
  }, 120_000);

  it('the alert text instead of the rule name fails the first task', () => {
    const { report } = playAndCheck('falco-write-below-etc', edited(script, "echo 'Write below etc'", "echo 'File below /etc opened for writing'"));
    expect(failing(report)).toEqual(['rule-name-file']);
    expect(messageOf(report, 'rule-name-file')).toMatch(/its name is the `- rule:` line/);
  }, 120_000);
});

describe('audit-log-policy: wrong solutions', () => {
  const script = scenarioFile('audit-log-policy').solution.script;

  it('the right policy and mounts without --audit-log-maxage fail only the maxage check', () => {
    const { report, transcript } = playAndCheck('audit-log-policy', edited(script, '\\n    - --audit-log-maxage=5', ''));
    expect(failing(report), transcript).toEqual(['api-maxage']);
    expect(messageOf(report, 'api-maxage')).toMatch(/not started with `--audit-log-maxage=5`.*\(kube-apiserver \(pid \d+\) runs without --audit-log-maxage\)$/);
  }, 120_000);

  it('Services at Metadata fail the policy and the live Service check, with what was logged', () => {
    const { report, transcript } = playAndCheck('audit-log-policy', edited(script, /^ {2}- level: Request$/m, '  - level: Metadata'));
    expect(failing(report), transcript).toEqual(['policy-services', 'api-services-request']);
    expect(messageOf(report, 'policy-services')).toMatch(/\(the policy gives it level Metadata \(rules\[2\] matches\)\)$/);
    expect(messageOf(report, 'api-services-request')).toMatch(/create services default\/grading-probe-svc at level Metadata, stage ResponseComplete, no requestObject, no responseObject\)$/);
  }, 120_000);

  it('a log path without its volume keeps the log inside the container: the node has no log', () => {
    const noLogMount = edited(script, /\\n {4}- mountPath: \/var\/log\/kubernetes\/audit\/logs\/\\n {6}name: audit-log\\n {6}readOnly: false/, '');
    const { report, transcript } = playAndCheck('audit-log-policy', noLogMount);
    expect(failing(report), transcript).toEqual(
      expect.arrayContaining(['api-configmaps-metadata', 'api-secrets-metadata', 'api-services-request', 'api-pods-request-response', 'api-no-request-received', 'db-user-logged']),
    );
    expect(failing(report)).not.toContain('api-maxage');
    expect(messageOf(report, 'db-user-logged')).toMatch(/\(\/var\/log\/kubernetes\/audit\/logs\/apiserver\.log does not exist\)$/);
  }, 120_000);
});
