// `cks-lab check --lang zh` tells a Chinese learner what the grader found in Chinese (text and --json);
// `--lang en` keeps it English, and the JUnit file stays English whatever the language.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/app/cli';
import { sampleScenario } from '../scenarios/sample-scenario';
import { checkNote } from '../../src/tui/session-notes';
import type { SessionContext } from '../../src/scenarios/session.machine';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '' };
  const status = await runCli(args, io);
  return { status, stdout, stderr };
}

const stateDir = (): string => mkdtempSync(join(tmpdir(), 'cks-check-lang-'));

describe('cks-lab check shows the grader\'s findings in the chosen language', () => {
  const hash = stateDir();

  it('in Chinese, with the tool\'s own words left as they are', async () => {
    const r = await cli(['check', 'immutable-hash', '--state', hash, '--lang', 'zh']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^    .+。 \(在 Pod hash 中执行 `touch \/x` 成功了\)$/m);
    expect(r.stdout).toMatch(/^    .+。 \(\{\.spec\.containers\[0\]\.securityContext\.readOnlyRootFilesystem\} 的值为 ""\)$/m);
    expect(r.stdout).not.toMatch(/succeeded in|\} is "/);
  });

  it('in English, for the same lab', async () => {
    const r = await cli(['check', 'immutable-hash', '--state', hash, '--lang', 'en']);
    expect(r.stdout).toMatch(/^    .+\. \(`touch \/x` succeeded in hash\)$/m);
    expect(r.stdout).toMatch(/^    .+\. \(\{\.spec\.containers\[0\]\.securityContext\.readOnlyRootFilesystem\} is ""\)$/m);
  });

  it('in the --json report, and English in the JUnit file', async () => {
    const junit = join(stateDir(), 'junit.xml');
    const r = await cli(['check', 'immutable-hash', '--state', hash, '--lang', 'zh', '--json', '--junit', junit]);
    const report = JSON.parse(r.stdout) as { checks: { id: string; passed: boolean; message?: string }[] };
    const rootWrite = report.checks.find((c) => c.id === 'root-write-fails');
    expect(rootWrite?.message).toMatch(/。 \(在 Pod hash 中执行 `touch \/x` 成功了\)$/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('(`touch /x` succeeded in hash)');
    expect(xml).not.toContain('成功了');
  });

  it('for the audit judges', async () => {
    const r = await cli(['check', 'audit-log-policy', '--state', stateDir(), '--lang', 'zh']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/。 \(该策略为它指定的级别是 None（没有规则匹配）\)$/m);
    expect(r.stdout).toMatch(/。 \(\/var\/log\/kubernetes\/audit\/logs\/apiserver\.log 不存在\)$/m);
    expect(r.stdout).toMatch(/。 \(kube-apiserver（PID \d+）运行时没有使用 --audit-log-maxage\)$/m);
  });
});

describe('the TUI\'s check note picks the finding for its language', () => {
  const context = (message: string): SessionContext =>
    ({
      scenario: sampleScenario,
      checkAttempts: 1,
      lastResults: [{ id: 'running', passed: false, message, finding: { en: 'pod hash is Pending', zh: 'Pod hash 的状态为 Pending' } }],
      gradeError: null,
      passedAtMs: null,
      passedWithSolution: false,
    }) as unknown as SessionContext;

  it.each<['en' | 'zh', string]>([
    ['zh', '✗ Pod hash 正在运行：Pod hash 没有运行。 (Pod hash 的状态为 Pending)'],
    ['en', '✗ Pod hash is running: Pod hash is not running. (pod hash is Pending)'],
  ])('%s', (lang, line) => {
    // Graded in the other language: the note still speaks the learner's.
    expect(checkNote(context(lang === 'zh' ? 'pod hash is Pending' : 'Pod hash 的状态为 Pending'), lang)).toContain(line);
  });
});
