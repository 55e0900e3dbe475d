// The judges behind the chapter's Falco and audit scenarios, on small hand-made labs: what passes, what
// fails, and what the grader tells the learner it found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck, type GradeContext } from '../../src/grading/checks';
import type { GradingHost, LabRunner } from '../../src/grading/runner';
import { checkSchema, type Check } from '../../src/scenarios/schema';
import type { FalcoAlertRecord } from '../../src/world/falco/alerts';
import type { World } from '../../src/world/world';
import { miniWorld } from '../helpers/mini-world';

const asset = (p: string): string => readFileSync(fileURLToPath(new URL(`../../assets/${p}`, import.meta.url)), 'utf8');
const words = { description: { en: 'd', zh: '描述' }, failMessage: { en: 'f', zh: '失败' } };

function check(c: Record<string, unknown>): Check {
  return checkSchema.parse({ id: 'c', ...words, ...c });
}

/** A lab whose probes are the same runner: enough for judges that read, or that pass time on purpose. */
function hostOf(runner: LabRunner, probe: () => LabRunner = () => runner): GradingHost {
  return { live: runner, probe: async () => probe() };
}

async function grade(c: Record<string, unknown>, host: GradingHost, setupDoneNs = 0): Promise<{ passed: boolean; message?: string }> {
  const ctx: GradeContext = { host, lang: 'en', setupDoneNs };
  return runCheck(check(c), ctx);
}

describe('falco-rule: the rule as Falco would load it from the node', () => {
  const OVERRIDE = `- rule: Write below etc
  desc: an attempt to write to any file below /etc
  condition: write_etc_common
  output: "%evt.time,%user.name,%container.id"
  priority: ERROR
  tags: [filesystem, mitre_persistence]
`;
  function worker(local: string, extra: Record<string, string> = {}) {
    const mw = miniWorld([]);
    mw.put('/etc/falco', { type: 'dir', mode: 0o755 });
    mw.put('/etc/falco/rules.d', { type: 'dir', mode: 0o755 });
    mw.put('/etc/falco/falco.yaml', { data: asset('falco/falco.yaml') });
    mw.put('/etc/falco/falco_rules.yaml', { data: asset('falco/falco_rules.yaml') });
    mw.put('/etc/falco/falco_rules.local.yaml', { data: local });
    for (const [path, data] of Object.entries(extra)) mw.put(path, { data });
    const runner: LabRunner = { world: mw.world, run: async () => ({ status: 0, stdout: '', stderr: '' }), advance: async () => {}, readFile: (_n, p) => mw.read(p) };
    return hostOf(runner);
  }
  const rule = (field: string, pattern: string) => ({ type: 'falco-rule', node: 'kube-worker-1', rule: 'Write below etc', field, pattern });

  it('reads the default output until the rule is overridden', async () => {
    const r = await grade(rule('output', '^%evt\\.time,%user\\.name,%container\\.id$'), worker('# Your custom rules!\n'));
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^output: File below \/etc opened for writing \(user=%user\.name /);
  });

  it.each<[string, string, string]>([
    ['output', '^%evt\\.time,%user\\.name,%container\\.id$', ''],
    ['priority', '^Error$', ''],
    ['tags', '^filesystem, mitre_persistence$', ''],
    ['condition', '^write_etc_common$', ''],
    ['enabled', '^true$', ''],
  ])('sees the override in falco_rules.local.yaml: %s', async (field, pattern) => {
    expect(await grade(rule(field, pattern), worker(`# Your custom rules!\n${OVERRIDE}`))).toEqual({ id: 'c', passed: true });
  });

  it('sees an override in rules.d, which Falco loads after the local file', async () => {
    const r = await grade(rule('output', '^%evt\\.time'), worker('', { '/etc/falco/rules.d/50-etc.yaml': OVERRIDE }));
    expect(r.passed).toBe(true);
  });

  it('reports a priority changed by the override', async () => {
    const r = await grade(rule('priority', '^Error$'), worker(OVERRIDE.replace('ERROR', 'WARNING')));
    expect(r).toMatchObject({ passed: false, message: 'priority: Warning' });
  });

  it("reports the YAML error that would stop Falco when the output is not quoted", async () => {
    const r = await grade(rule('output', '^%evt'), worker(OVERRIDE.replace('"%evt.time,%user.name,%container.id"', '%evt.time,%user.name,%container.id')));
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^Falco would not start: \/etc\/falco\/falco_rules\.local\.yaml: Invalid: LOAD_ERR_YAML_PARSE .*directive indicator/);
    expect(r.message).not.toContain('\n');
  });

  it('names a rule that does not exist, with its case', async () => {
    const r = await grade({ ...rule('output', 'x'), rule: 'Write Below Etc' }, worker(''));
    expect(r.message).toBe('Falco loads no rule named "Write Below Etc" (names are case-sensitive)');
  });

  it('reports a falco.yaml Falco cannot read', async () => {
    const r = await grade(rule('output', 'x'), worker('', { '/etc/falco/falco.yaml': 'rules_file: [\n' }));
    expect(r.message).toMatch(/^Falco would not start: Cannot read config file \(\/etc\/falco\/falco\.yaml\): yaml-cpp: error at line/);
  });
});

describe('falco-alert: raised since setup, or raised now in a probe', () => {
  const alert = (time: number, channels: string[], line = `Error 23:48:18.516903001,<NA>,e72a6dbb63b8`): FalcoAlertRecord => ({
    node: 'kube-worker-1',
    time,
    rule: 'Write below etc',
    priority: 'Error',
    line: `23:48:18.516903001: ${line}`,
    channels,
  });
  function lab(alerts: FalcoAlertRecord[], later: FalcoAlertRecord[] = []) {
    const world = { nodes: {}, clock: { now: 100 }, ext: { falco: { alerts } } } as unknown as World;
    const live: LabRunner = { world, run: async () => ({ status: 0, stdout: '', stderr: '' }), advance: async () => {}, readFile: () => null };
    const probe = (): LabRunner => {
      const copy = structuredClone(world);
      return {
        ...live,
        world: copy,
        advance: async (s) => {
          copy.clock.now += s * 1e9;
          (copy.ext.falco as { alerts: FalcoAlertRecord[] }).alerts.push(...later.map((a) => ({ ...a, time: copy.clock.now })));
        },
      };
    };
    return hostOf(live, probe);
  }
  const offStdout = { type: 'falco-alert', node: 'kube-worker-1', rule: 'Write below etc', notChannel: 'stdout', afterSeconds: 12 };

  it('passes when the new alerts skip stdout', async () => {
    expect((await grade(offStdout, lab([alert(50, ['stdout', 'syslog'])], [alert(0, ['syslog', 'file'])]))).passed).toBe(true);
  });

  it('judges only what Falco raises in the probe window, not the history', async () => {
    const r = await grade(offStdout, lab([alert(50, ['syslog', 'file'])], [alert(0, ['stdout', 'syslog', 'file'])]));
    expect(r).toMatchObject({ passed: false, message: expect.stringMatching(/^1 "Write below etc" alert\(s\) in the next 12s; the latest went to stdout, syslog, file: /) });
  });

  it('says so when Falco raises nothing at all', async () => {
    expect((await grade(offStdout, lab([alert(50, ['syslog'])]))).message).toBe('Falco on kube-worker-1 raised no alert at all in the next 12s');
  });

  it('treats journal as stdout or syslog', async () => {
    const viaJournal = { type: 'falco-alert', node: 'kube-worker-1', rule: 'Write below etc', channel: 'journal', outputPattern: ',<NA>,[0-9a-f]{12}$' };
    expect((await grade(viaJournal, lab([alert(150, ['syslog'])]), 100)).passed).toBe(true);
    expect((await grade(viaJournal, lab([alert(150, ['file'])]), 100)).passed).toBe(false);
    expect((await grade(viaJournal, lab([alert(50, ['syslog'])]), 100)).message).toBe('Falco on kube-worker-1 raised no alert at all since the lab was set up');
  });
});

describe('file-grows on a node', () => {
  function lab(before: string, after: string) {
    let text = before;
    const runner: LabRunner = {
      world: {} as World,
      run: async () => ({ status: 0, stdout: '', stderr: '' }),
      advance: async () => {
        text = after;
      },
      readFile: (node, path) => (node === 'kube-worker-1' && path === '/var/log/falco.log' ? text : null),
    };
    return hostOf(runner);
  }
  const grows = { type: 'file-grows', node: 'kube-worker-1', path: '/var/log/falco.log', afterSeconds: 12, appendedPattern: '^\\d{2}:\\d{2}:\\d{2}\\.\\d{9}: Error [^ ]+,[^,]*,[0-9a-f]{12}$' };
  const OLD = '17:57:08.000663832: Error File below /etc opened for writing (user=root …)\n';
  const NEW = '17:57:13.471761209: Error 17:57:13.471761209,<NA>,8481222ceb26\n';

  it('passes when the appended lines have the new form', async () => {
    expect((await grade(grows, lab(OLD, OLD + NEW))).passed).toBe(true);
  });

  it('looks only at the appended text', async () => {
    const r = await grade(grows, lab(NEW, NEW + OLD));
    expect(r).toMatchObject({ passed: false, message: expect.stringMatching(/bytes in 12s, but the new text does not match: 17:57:08\.000663832: Error File below/) });
  });

  it('reads a rotated file as all new', async () => {
    expect((await grade(grows, lab(OLD + OLD, NEW + NEW + NEW))).passed).toBe(true);
  });

  it('fails on a file that does not grow or does not exist', async () => {
    expect((await grade(grows, lab(NEW, NEW))).message).toMatch(/: \d+ → \d+ bytes in 12s$/);
    expect((await grade({ ...grows, path: '/var/log/other.log' }, lab(NEW, NEW))).message).toBe('/var/log/other.log does not exist on kube-worker-1');
  });
});

describe('process-args', () => {
  function lab(argv: string[] | null) {
    const procs = argv ? { 7: { pid: 7, comm: argv[0]!.split('/').pop()!.slice(0, 15), argv, state: 'S' } } : {};
    const world = { nodes: { 'kube-control-plane': { procs } } } as unknown as World;
    return hostOf({ world, run: async () => ({ status: 0, stdout: '', stderr: '' }), advance: async () => {}, readFile: () => null });
  }
  const maxage = { type: 'process-args', node: 'kube-control-plane', process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' };

  it.each<[string, string[] | null, boolean, string | undefined]>([
    ['the flag', ['kube-apiserver', '--audit-log-path=/x', '--audit-log-maxage=5'], true, undefined],
    ['another value', ['kube-apiserver', '--audit-log-maxage=30'], false, 'kube-apiserver (pid 7) runs with --audit-log-maxage=30'],
    ['no such flag', ['kube-apiserver', '--secure-port=6443'], false, 'kube-apiserver (pid 7) runs without --audit-log-maxage'],
    ['the value as a separate word', ['kube-apiserver', '--audit-log-maxage', '5'], false, 'kube-apiserver (pid 7) runs with --audit-log-maxage'],
    ['no API server', null, false, 'kube-apiserver is not running on kube-control-plane'],
  ])('%s', async (_name, argv, passed, message) => {
    const r = await grade(maxage, lab(argv));
    expect(r.passed).toBe(passed);
    expect(r.message).toBe(message);
  });
});
