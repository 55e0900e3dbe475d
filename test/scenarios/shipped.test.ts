// The scenarios shipped in scenarios/: they load cleanly, their checks tell the solved state from the
// start state, and their solution scripts solve them (end to end once the cluster's programs exist).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { lintPack } from '../../src/app/lint-pack';
import { executeJsonPath, parseJsonPath, type GoValue } from '../../src/jsonpath';
import { loadScenario } from '../../src/scenarios/load';
import type { CheckOf, CheckType, Scenario, SetupStepOf } from '../../src/scenarios/schema';
import { coreCommands } from '../../src/commands/core-set';
import { bash } from '../../src/commands/shell/bash';
import type { Command } from '../../src/commands/types';
import { miniWorld } from '../helpers/mini-world';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const texts = new Map(files.map((f) => [f, readFileSync(dir + f, 'utf8')]));

function scenario(id: string): Scenario {
  const r = loadScenario(texts.get(`${id}.yaml`)!);
  if (!r.ok) throw new Error(`${id}.yaml does not load: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

function check<T extends CheckType>(s: Scenario, id: string, type: T): CheckOf<T> {
  const c = s.checks.find((x) => x.id === id);
  if (!c || c.type !== type) throw new Error(`no ${type} check ${id} in ${s.id}`);
  return c as CheckOf<T>;
}

function manifests(s: Scenario): Record<string, unknown>[] {
  return s.setup
    .filter((st): st is SetupStepOf<'kubectl-apply'> => st.type === 'kubectl-apply')
    .flatMap((st) => parseAllDocuments(st.manifest).map((d) => d.toJS() as Record<string, unknown>));
}

const HAN = /\p{Script=Han}/u;

describe('every shipped scenario', () => {
  it('ships the chapter-7 scenarios this lab promises', () => {
    expect(files).toEqual(expect.arrayContaining(['falco-shell-alert.yaml', 'immutable-hash.yaml', 'falco-write-below-etc.yaml', 'audit-log-policy.yaml']));
  });

  it.each(files)('%s lints with no errors and no warnings', (file) => {
    const [linted] = lintPack([{ file, text: texts.get(file)! }]);
    expect(linted!.diagnostics).toEqual([]);
  });

  it('has ids unique across the pack', () => {
    const ids = lintPack(files.map((file) => ({ file, text: texts.get(file)! }))).map((f) => f.id);
    expect(new Set(ids).size).toBe(files.length);
  });

  it.each(files)('%s gives every task 2-3 hints and Chinese in every Chinese text', (file) => {
    const s = loadScenario(texts.get(file)!);
    if (!s.ok) throw new Error('does not load');
    for (const t of s.scenario.tasks) {
      expect(t.hints.length, t.id).toBeGreaterThanOrEqual(2);
      expect(t.hints.length, t.id).toBeLessThanOrEqual(3);
      for (const h of t.hints) expect(h.zh, h.en).toMatch(HAN);
      expect(t.text.zh).toMatch(HAN);
    }
    for (const c of s.scenario.checks) {
      expect(c.failMessage.zh, c.id).toMatch(HAN);
      expect(c.description.zh, c.id).toMatch(HAN);
    }
    expect(s.scenario.solution.script, 'a solution script for `cks-lab sh`').toBeTruthy();
  });
});

describe('falco-shell-alert', () => {
  const s = scenario('falco-shell-alert');

  it('sets up the chapter nginx pod on the worker, where Falco runs, and lets it start', () => {
    const [pod, ...rest] = manifests(s);
    expect(rest).toEqual([]);
    expect(pod).toMatchObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx' },
      spec: { nodeName: 'kube-worker-1', containers: [{ name: 'nginx', image: 'nginx:1.23.3' }] },
    });
    expect(s.setup.at(-1)).toMatchObject({ type: 'wait' });
  });

  it('grades the shell by the alert of the default rule on the worker, since setup', () => {
    const c = check(s, 'shell-alert', 'falco-alert');
    expect(c).toMatchObject({ node: 'kube-worker-1', rule: 'Terminal shell in container', sinceSetup: true });
    const rules = readFileSync(fileURLToPath(new URL('../../assets/falco/falco_rules.yaml', import.meta.url)), 'utf8');
    expect(rules).toContain(`- rule: ${c.rule}\n`);
  });

  it.each<[string, string, boolean]>([
    ['the id and a newline', '18b247adb3ca\n', true],
    ['the id without a newline', '18b247adb3ca', true],
    ['crictl 13-character id', '18b247adb3ca9\n', false],
    ['upper-case hex', '18B247ADB3CA\n', false],
    ['the whole alert line', 'container_id=18b247adb3ca image=docker.io/library/nginx\n', false],
    ['nothing', '', false],
  ])('the id-file format check accepts %s: %s', (_name, content, ok) => {
    const c = check(s, 'id-file-format', 'file-contains');
    expect(new RegExp(c.pattern, 'm').test(content)).toBe(ok);
  });

  describe("in the lab's shell", () => {
    // Verbatim from the chapter (one line in the journal; the book wraps it), after an older alert.
    const journal = [
      'Jan 24 17:40:02 kube-worker-1 falco[8718]: 17:40:01.104557810: Notice A shell was spawned in a container with an attached terminal (user=root user_loginuid=0 old (id=0123456789ab) shell=sh parent=runc cmdline=sh pid=40211 terminal=34816 container_id=0123456789ab image=docker.io/library/alpine)',
      'Jan 24 18:03:37 kube-worker-1 falco[8718]: 18:03:14.632368639: Notice A shell was spawned in a container with an attached terminal (user=root user_loginuid=0 nginx (id=18b247adb3ca) shell=bash parent=runc cmdline=bash pid=47773 terminal=34816 container_id=18b247adb3ca image=docker.io/library/nginx)',
      '',
    ].join('\n');
    const nginxId = '18b247adb3ca5d2a7c0f1e9b8a6d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d';
    const stub = (name: string, out: (argv: string[]) => string): Command => ({
      name,
      run: async (ctx) => {
        ctx.stdout.write(out(ctx.argv));
        return 0;
      },
    });
    const journalctl = stub('journalctl', (argv) => (argv.join(' ') === 'journalctl -u falco' ? journal : ''));
    const crictl = stub('crictl', (argv) => (argv.join(' ') === "crictl ps --name ^nginx$ -q" ? `${nginxId}\n` : ''));
    const world = () => miniWorld([...coreCommands, bash, journalctl, crictl]);

    it("the solution's pipeline writes the id of the latest shell alert", async () => {
      const line = s.solution.script!.split('\n').find((l) => l.includes('> /home/vagrant/shell-container-id.txt'))!;
      const w = world();
      const r = await w.run(['bash', '-c', line.replace(/^sudo /, '')]);
      expect(r.stderr).toBe('');
      expect(w.read('/home/vagrant/shell-container-id.txt')).toBe('18b247adb3ca\n');
    });

    it.each<[string, string | null, boolean]>([
      ['the nginx container id', '18b247adb3ca\n', true],
      ["another container's id", '0123456789ab\n', false],
      ['an empty file', '', false],
      ['no file', null, false],
    ])('the id check passes for %s: %s', async (_name, content, ok) => {
      const c = check(s, 'id-matches-nginx', 'command-output');
      const w = world();
      if (content !== null) w.put('/home/vagrant/shell-container-id.txt', { data: content, uid: 1000, gid: 1000 });
      const r = await w.run(['bash', '-c', c.command], { uid: 0 });
      expect(new RegExp(c.pattern, 'm').test(r.stdout + r.stderr)).toBe(ok);
    });
  });
});

describe('immutable-hash', () => {
  const s = scenario('immutable-hash');
  // app-a/ch07/immutable-container/setup.yaml in bmuschko/cks-study-guide, verbatim.
  const bookSetup = `apiVersion: v1
kind: Pod
metadata:
  name: hash
spec:
  containers:
  - name: hash
    image: alpine:3.17.1
    command: ["sh", "-c", "if [ ! -d /var/config ]; then mkdir -p /var/config; fi; while true; do echo $RANDOM | md5sum | head -c 20 >> /var/config/hash.txt; sleep 20; done"]`;

  /** The pod the solution script writes in its heredoc. */
  const solvedPod = (() => {
    const m = /cat > hash\.yaml <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(s.solution.script!);
    if (!m) throw new Error('the solution script writes hash.yaml with a heredoc');
    return parseYaml(m[1]!) as Record<string, unknown>;
  })();
  const setupPod = manifests(s)[0]!;
  /** A wrong fix: read-only root but nowhere to write. */
  const noVolumePod = structuredClone(setupPod) as { spec: { containers: Record<string, unknown>[] } };
  noVolumePod.spec.containers[0]!.securityContext = { readOnlyRootFilesystem: true };

  const podFieldChecks = s.checks.filter((c): c is CheckOf<'pod-field'> => c.type === 'pod-field');
  function podField(pod: unknown, jsonpath: string): string {
    const parsed = parseJsonPath(jsonpath);
    if (!parsed.ok) throw new Error(parsed.error);
    const r = executeJsonPath(parsed.template, pod as GoValue, { allowMissingKeys: true });
    if (!r.ok) throw new Error(r.error);
    return r.text;
  }

  it("applies the book's setup.yaml unchanged", () => {
    expect(manifests(s)).toEqual([parseYaml(bookSetup)]);
  });

  it('checks the fields the exercise asks for', () => {
    expect(podFieldChecks.map((c) => [c.jsonpath, String(c.equals)])).toEqual([
      ['{.spec.containers[0].securityContext.readOnlyRootFilesystem}', 'true'],
      ['{.spec.volumes[?(@.name=="hash-vol")].emptyDir}', '{}'],
      ['{.spec.containers[0].volumeMounts[?(@.name=="hash-vol")].mountPath}', '/var/config'],
    ]);
    expect(check(s, 'root-write-fails', 'exec-fails')).toMatchObject({ command: ['touch', '/x'], stderrPattern: 'Read-only file system' });
    // The loop writes every 20 s: the window must hold at least two writes.
    expect(check(s, 'hash-grows', 'file-grows').afterSeconds).toBeGreaterThanOrEqual(40);
  });

  it.each(podFieldChecks.map((c) => [c.id, c] as const))('%s passes on the solved pod and fails on the start pod', (_id, c) => {
    expect(podField(solvedPod, c.jsonpath)).toBe(String(c.equals));
    expect(podField(setupPod, c.jsonpath)).not.toBe(String(c.equals));
  });

  it('tells a read-only pod without the volume from the solution', () => {
    const passing = podFieldChecks.filter((c) => podField(noVolumePod, c.jsonpath) === String(c.equals)).map((c) => c.id);
    expect(passing).toEqual(['read-only-root-field']);
  });

  it('keeps the container command, so the fixed pod still writes hash.txt', () => {
    const spec = (p: unknown) => (p as { spec: { containers: { command: string[] }[] } }).spec.containers[0]!.command;
    expect(spec(solvedPod)).toEqual(spec(setupPod));
  });
});

// The end-to-end self-test a pack author runs by hand (`cks-lab sh --scenario id < script`, then
// `cks-lab check id`), in-process.
describe('solution scripts, end to end', () => {
  it.each(files.map((f) => f.replace(/\.yaml$/, '')))(
    '%s: the start state fails a check of every task, the solution script passes them all',
    async (id) => {
      const { bootLab } = await import('../../src/app/lab');
      const { loadWorldAssets } = await import('../../src/app/assets');
      const { gradingHost, labRunner } = await import('../../src/app/runner');
      const { runHeadless } = await import('../../src/app/headless');
      const { applyScenarioSetup, gradeScenario } = await import('../../src/grading');
      const sc = scenario(id);
      const lab = await bootLab(loadWorldAssets(), { seed: 1 });
      await applyScenarioSetup(labRunner(lab), sc);
      const setupDoneNs = lab.world.clock.now;
      const grade = async () => gradeScenario(sc, gradingHost(lab), { lang: 'en', setupDoneNs });

      const before = new Map((await grade()).map((r) => [r.id, r.passed]));
      for (const t of sc.tasks) expect(t.checks.every((c) => before.get(c)), `task ${t.id} is done before any work`).toBe(false);

      let transcript = '';
      await runHeadless(lab, sc.solution.script!.split('\n'), {
        echo: true,
        write: (t) => {
          transcript += t;
        },
      });
      const failed = (await grade()).filter((r) => !r.passed);
      expect(failed, transcript).toEqual([]);
    },
    300_000,
  );
});
