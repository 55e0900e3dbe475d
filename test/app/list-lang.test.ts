// `cks-lab list --lang zh` speaks Chinese in every column (status, difficulty, time) and keeps the
// columns in line by display width; English and --json stay as they were.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, type CliIo } from '../../src/app/cli';
import { displayWidth } from '../../src/tui/display-width';

async function list(...args: string[]) {
  let stdout = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: () => {}, readStdin: () => '' };
  const status = await runCli(['list', ...args], io);
  return { status, stdout };
}

beforeEach(() => {
  vi.stubEnv('XDG_STATE_HOME', mkdtempSync(join(tmpdir(), 'cks-list-lang-')));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cks-lab list', () => {
  it('in Chinese: status, difficulty and time translated, columns aligned by display width', async () => {
    const r = await list('--lang', 'zh');
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    const audit = rows.find((row) => row.startsWith('audit-log-policy'))!;
    expect(audit).toMatch(/^audit-log-policy +未开始 +困难 +约 30 分钟 +启用 API 服务器审计日志$/);
    expect(r.stdout).not.toMatch(/\b(hard|easy|medium|min)\b/);
    // The titles start in the same column on every row.
    const titleColumns = rows.map((row) => displayWidth(row.slice(0, row.lastIndexOf('  ') + 2)));
    expect(new Set(titleColumns).size).toBe(1);
  });

  it('in English, as before', async () => {
    const r = await list('--lang', 'en');
    expect(r.stdout).toMatch(/^audit-log-policy +new +hard +~30 min  Turn on API server audit logging$/m);
  });

  it('--json keeps the English words for scripts', async () => {
    const r = await list('--lang', 'zh', '--json');
    const rows = JSON.parse(r.stdout) as { id: string; difficulty: string; status: string }[];
    expect(rows.find((x) => x.id === 'audit-log-policy')).toMatchObject({ difficulty: 'hard', status: 'new' });
  });
});
