// `cks-lab lint`: the shipped pack is clean; malformed packs give positioned errors and exit 1;
// usage mistakes exit 2; nothing in a pack makes the linter throw.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runLintCommand } from '../../src/app/cmd-lint';
import { lintPack, lintScenarioFile } from '../../src/app/lint-pack';
import type { CliIo } from '../../src/app/cli';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const shipped = fileURLToPath(new URL('../../scenarios', import.meta.url));

async function lint(args: string[], lang: 'en' | 'zh' = 'en') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '' };
  const status = await runLintCommand(args, io, lang);
  // Paths are printed as given; strip the fixture folder so expectations read like a terminal.
  return { status, stdout: stdout.split(fixtures).join(''), stderr: stderr.split(fixtures).join('') };
}

describe('cks-lab lint on the shipped scenarios', () => {
  it('finds nothing to report and exits 0', async () => {
    const r = await lint([shipped]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ scenario files checked: no problems\n$/);
    expect(r.stderr).toBe('');
  });

  it('stays clean under --strict', async () => {
    expect((await lint([shipped, '--strict'])).status).toBe(0);
  });

  it('lints the scenarios/ folder when given the repository root', async () => {
    const r = await lint([fileURLToPath(new URL('../../', import.meta.url))]);
    expect(r.status).toBe(0);
  });

  it('summarises in Chinese with --lang zh', async () => {
    expect((await lint([shipped], 'zh')).stdout).toMatch(/^已检查 \d+ 个场景文件：没有发现问题\n$/);
  });
});

describe('cks-lab lint on a broken pack', () => {
  it('prints every problem as file:line:col: path: message and exits 1', async () => {
    const r = await lint([`${fixtures}lint-broken`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        'lint-broken/copy-of-good.yaml:3:5: warning: id: scenario id "good" does not match the file name; name it good.yaml (or good/scenario.yaml)',
        'lint-broken/good.yaml:3:5: id: duplicate scenario id "good": lint-broken/copy-of-good.yaml already defines it',
        'lint-broken/nested/scenario.yaml:24:7: setup[0].manifest: manifest document 2: apiVersion not set, kind not set; the setup step would fail',
        'lint-broken/syntax.yaml:5:7: YAML syntax error: Nested mappings are not allowed in compact mappings',
        'lint-broken/syntax.yaml:5:7: YAML syntax error: Implicit keys need to be on a single line',
        'lint-broken/unknown-field.yaml:12:1: author: unknown field "author"',
        'lint-broken/unknown-field.yaml:33:11: checks[0].type: check type must be one of: file-contains, file-equals, file-yaml-field, pod-running, pod-field, journal-contains, exec-fails, file-grows, falco-alert, falco-rule, audit-event, audit-policy-level, command-output, process-args',
        'lint-broken/old.yml: warning: ignored: cks-lab loads scenario files only when they end in .yaml',
        '5 scenario files checked: 6 errors, 2 warnings',
        '',
      ].join('\n'),
    );
  });

  it('reports the same in --json, per file', async () => {
    const r = await lint([`${fixtures}lint-broken`, '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      scenarios: number;
      errors: number;
      warnings: number;
      files: { file: string; id: string | null; ok: boolean; diagnostics: { severity: string; path: string; line: number; col: number; message: string }[] }[];
    };
    expect(report).toMatchObject({ ok: false, scenarios: 5, errors: 6, warnings: 2 });
    expect(report.files.map((f) => [f.file, f.id, f.ok])).toEqual([
      ['lint-broken/copy-of-good.yaml', 'good', true],
      ['lint-broken/good.yaml', 'good', false],
      ['lint-broken/nested/scenario.yaml', 'nested', false],
      ['lint-broken/syntax.yaml', null, false],
      ['lint-broken/unknown-field.yaml', null, false],
      ['lint-broken/old.yml', null, true],
    ]);
    expect(report.files[4]!.diagnostics[0]).toEqual({ severity: 'error', path: 'author', line: 12, col: 1, message: 'unknown field "author"' });
  });

  it('lints a single file on its own', async () => {
    const r = await lint([`${fixtures}lint-broken/unknown-field.yaml`]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('lint-broken/unknown-field.yaml:12:1: author: unknown field "author"');
    expect(r.stdout).toContain('1 scenario file checked: 2 errors, 0 warnings\n');
  });

  it('says so when a folder holds no scenario', async () => {
    const r = await lint([`${fixtures}lint-empty`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('lint-empty: no scenario files found (expected <id>.yaml files or <id>/scenario.yaml folders)\n0 scenario files checked: 1 error, 0 warnings\n');
  });

  it("reads a repository's scenarios/ folder and nothing beside it", async () => {
    const r = await lint([`${fixtures}lint-repo`, '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(['lint-repo/scenarios/repo-scenario.yaml']);
  });
});

describe('cks-lab lint warnings', () => {
  it('warns without failing, and fails under --strict', async () => {
    const r = await lint([`${fixtures}lint-warnings`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'lint-warnings/warn-only.yaml:26:7: warning: tasks[0].hints: task "restart" has only one hint; give 2-3, mildest first',
        'lint-warnings/warn-only.yaml:39:11: warning: checks[0].failMessage.zh: the Chinese text has no Chinese in it; translate it (commands and names may stay in English)',
        'lint-warnings/warn-only.yaml:45:5: warning: solution.script: the script runs `vim`, which needs a terminal; edit files with a heredoc, tee or sed -i instead',
        '1 scenario file checked: 0 errors, 3 warnings',
        '',
      ].join('\n'),
    );
    expect((await lint([`${fixtures}lint-warnings`, '--strict'])).status).toBe(1);
  });

  const base = readFileSync(`${fixtures}lint-broken/good.yaml`, 'utf8');
  const withScript = (line: string) => base.replace('    sudo systemctl restart falco\n', `    ${line}\n`);

  it.each<[string, boolean]>([
    ['sudo vim /etc/falco/falco.yaml', true],
    ['vi /tmp/x', true],
    ['kubectl edit pod hash', true],
    ['sudo -E nano /etc/hosts', true],
    ['true && vim x', true],
    ['echo vim', false],
    ["sed -i 's/vi/vim/' notes.txt", false],
    ['vimdiff a b', false],
    ["cat > pod.yaml <<'EOF'", false],
  ])('flags an editor in the script line %j: %s', (line, flagged) => {
    const { linted } = lintScenarioFile({ file: 'good.yaml', text: withScript(line) });
    expect(linted.diagnostics.some((d) => d.message.includes('needs a terminal'))).toBe(flagged);
  });

  it.each<[string, boolean]>([
    ['"`sudo systemctl restart falco`"', false],
    ['"volumes: emptyDir: {}"', false],
    ['Falco 是一个 systemd 单元。', false],
    ['Falco is a systemd unit.', true],
  ])('judges the Chinese hint %s untranslated: %s', (zh, flagged) => {
    const text = base.replace('        zh: Falco 是一个 systemd 单元。', `        zh: ${zh}`);
    const { linted } = lintScenarioFile({ file: 'good.yaml', text });
    expect(linted.diagnostics.some((d) => d.path === 'tasks[0].hints[0].zh')).toBe(flagged);
  });
});

describe('cks-lab lint usage', () => {
  it.each<[string[], string]>([
    [[], "cks-lab lint: missing pack directory\nRun 'cks-lab --help' for usage.\n"],
    [['a', 'b'], "cks-lab lint: unexpected argument 'b'\nRun 'cks-lab --help' for usage.\n"],
    [['--bogus', 'a'], "cks-lab lint: unknown option '--bogus'\nRun 'cks-lab --help' for usage.\n"],
    [[`${fixtures}no-such-pack`], 'cks-lab lint: no-such-pack: No such file or directory\n'],
  ])('%j exits 2', async (args, message) => {
    const r = await lint(args);
    expect(r).toEqual({ status: 2, stdout: '', stderr: message });
  });
});

describe('lintPack under random input', () => {
  const good = readFileSync(`${fixtures}lint-broken/good.yaml`, 'utf8');
  const positioned = (d: { line: number; col: number; message: string }) => d.line >= 1 && d.col >= 1 && d.message.length > 0;

  it('never throws and positions every diagnostic, whatever the files hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 4 }), (texts) => {
        const out = lintPack(texts.map((text, i) => ({ file: `f${i}.yaml`, text })));
        return out.length === texts.length && out.every((f) => f.diagnostics.every(positioned));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a valid file with junk spliced in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length }), fc.string({ maxLength: 8 }), (at, junk) => {
        const text = good.slice(0, at) + junk + good.slice(at);
        const [f] = lintPack([{ file: 'good.yaml', text }]);
        return f!.diagnostics.every(positioned);
      }),
      { numRuns: 200 },
    );
  });
});
