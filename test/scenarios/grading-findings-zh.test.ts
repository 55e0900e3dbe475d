// Every judge, given a lab it fails, tells a Chinese learner what it found in Chinese: our own words
// translated, what kubectl, Falco or a command printed left exactly as printed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/grading/checks';
import type { GradingHost, LabRunner } from '../../src/grading/runner';
import { CHECK_TYPES, checkSchema, type CheckType } from '../../src/scenarios/schema';
import type { FalcoAlertRecord } from '../../src/world/falco/alerts';
import type { World } from '../../src/world/world';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { miniWorld } from '../helpers/mini-world';
import { englishInChinese } from './helpers/chinese-text';

const words = { description: { en: 'd', zh: '描述' }, failMessage: { en: 'f', zh: '失败' } };
const asset = (p: string): string => readFileSync(fileURLToPath(new URL(`../../assets/${p}`, import.meta.url)), 'utf8');

type Reply = { status: number; stdout?: string; stderr?: string };

interface FakeLab {
  world?: unknown;
  /** Files as `node:path`. */
  files?: Record<string, string>;
  /** Files after time passes in a probe. */
  later?: Record<string, string>;
  run?: (command: string) => Reply;
  /** Alerts Falco raises while time passes in a probe. */
  laterAlerts?: FalcoAlertRecord[];
}

/** A lab that answers from tables: enough for each judge to reach each of its findings. */
function fake(lab: FakeLab): GradingHost {
  const runner = (): LabRunner => {
    const world = structuredClone((lab.world ?? { nodes: {}, clock: { now: 100 }, ext: {} }) as World);
    let files = { ...lab.files };
    return {
      world,
      run: async (_node, _user, command) => {
        const r = (lab.run ?? (() => ({ status: 0 })))(command);
        return { stdout: '', stderr: '', ...r };
      },
      advance: async (s) => {
        files = { ...files, ...lab.later };
        world.clock.now += s * 1e9;
        const falco = world.ext.falco as { alerts: FalcoAlertRecord[] } | undefined;
        for (const a of lab.laterAlerts ?? []) falco?.alerts.push({ ...a, time: world.clock.now });
      },
      readFile: (node, path) => files[`${node}:${path}`] ?? null,
    };
  };
  return { live: runner(), probe: async () => runner() };
}

const W = 'kube-worker-1';
const CP = 'kube-control-plane';
const KUBECTL_NOT_FOUND = 'Error from server (NotFound): pods "hash" not found';
const REFUSED = 'The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?';
const OLD_LINE = '17:57:08.000663832: Error File below /etc opened for writing (user=root command=touch /etc/threat)';
const ALERT_LINE = '23:48:18.516903001: Error 23:48:18.516903001,<NA>,e72a6dbb63b8';

const alert = (rule: string, channels: string[], time = 150): FalcoAlertRecord => ({ node: W, time, rule, priority: 'Error', line: ALERT_LINE, channels });
const falcoLab = (alerts: FalcoAlertRecord[], laterAlerts: FalcoAlertRecord[] = []) => fake({ world: { nodes: {}, clock: { now: 100 }, ext: { falco: { alerts } } }, laterAlerts });
const withProcs = (procs: Record<number, unknown> = {}) => ({ nodes: { [CP]: { procs, journal: [] } }, clock: { now: 100 }, ext: {} });
const apiserverProc = (args: string[]) => withProcs({ 9: { pid: 9, comm: 'kube-apiserver', argv: ['kube-apiserver', ...args], state: 'S' } });

const LOG = '/var/log/kubernetes/audit/logs/apiserver.log';
const auditEvent = (stage: string, level = 'Metadata') =>
  JSON.stringify({ kind: 'Event', level, stage, verb: 'create', user: { username: 'kubernetes-admin' }, objectRef: { resource: 'configmaps', namespace: 'default', name: 'x' } });
const send = 'kubectl create configmap x --from-literal=k=v';

/** The worker's Falco files, as Falco would read them, with some replaced. */
function falcoFiles(files: Record<string, string | null>): GradingHost {
  const mw = miniWorld([]);
  mw.put('/etc/falco', { type: 'dir', mode: 0o755 });
  const all: Record<string, string | null> = {
    '/etc/falco/falco.yaml': asset('falco/falco.yaml'),
    '/etc/falco/falco_rules.yaml': asset('falco/falco_rules.yaml'),
    '/etc/falco/falco_rules.local.yaml': '',
    ...files,
  };
  for (const [path, data] of Object.entries(all)) if (data !== null) mw.put(path, { data });
  const runner: LabRunner = { world: mw.world, run: async () => ({ status: 0, stdout: '', stderr: '' }), advance: async () => {}, readFile: (_n, p) => mw.read(p) };
  return { live: runner, probe: async () => runner };
}

const policy = (text: string | null) => fake({ files: text === null ? {} : { [`${CP}:/etc/kubernetes/audit/rules/audit-policy.yaml`]: text } });
const level = (resource: string, lvl: string, extra: Record<string, unknown> = {}) => ({
  type: 'audit-policy-level',
  path: '/etc/kubernetes/audit/rules/audit-policy.yaml',
  request: { verb: 'create', resource, namespace: 'default' },
  level: lvl,
  ...extra,
});
const rule = (extra: Record<string, unknown> = {}) => ({ type: 'falco-rule', node: W, rule: 'Write below etc', field: 'output', pattern: '^%evt', ...extra });

/**
 * [what fails, the check, the lab, the tool output the finding quotes (found in the English finding by
 * a pattern whose first group is the quote)]. `true` instead of a pattern: the finding is only tool output.
 */
type Case = [string, Record<string, unknown>, GradingHost, (RegExp | string)[] | true];

const cases: Case[] = [
  ['file-contains: no file', { type: 'file-contains', node: W, path: '/home/vagrant/falco-rule.txt', pattern: 'x' }, fake({}), []],
  ['file-equals: no file', { type: 'file-equals', node: W, path: '/home/vagrant/x', content: 'x' }, fake({}), []],
  ['file-yaml-field: no file', { type: 'file-yaml-field', node: W, path: '/etc/falco/falco.yaml', field: 'file_output.enabled', equals: true }, fake({}), []],
  ['file-yaml-field: broken YAML', { type: 'file-yaml-field', node: W, path: '/etc/falco/falco.yaml', field: 'a', equals: true }, fake({ files: { [`${W}:/etc/falco/falco.yaml`]: 'a: [\n' } }), [/is not valid YAML: (.+)$/]],
  ['file-yaml-field: another value', { type: 'file-yaml-field', node: W, path: '/etc/falco/falco.yaml', field: 'file_output.enabled', equals: true }, fake({ files: { [`${W}:/etc/falco/falco.yaml`]: 'file_output:\n  enabled: false\n' } }), []],
  ['pod-running: no pod', { type: 'pod-running', name: 'hash' }, fake({ run: () => ({ status: 1, stderr: `${KUBECTL_NOT_FOUND}\n` }) }), true],
  ['pod-running: pending', { type: 'pod-running', name: 'hash' }, fake({ run: () => ({ status: 0, stdout: 'Pending false,' }) }), []],
  ['pod-running: not ready', { type: 'pod-running', name: 'hash' }, fake({ run: () => ({ status: 0, stdout: 'Running false,' }) }), []],
  ['pod-field: no pod', { type: 'pod-field', name: 'hash', jsonpath: '{.spec.nodeName}', equals: W }, fake({ run: () => ({ status: 1, stderr: KUBECTL_NOT_FOUND }) }), true],
  ['pod-field: another value', { type: 'pod-field', name: 'hash', jsonpath: '{.spec.containers[0].securityContext.readOnlyRootFilesystem}', equals: 'true' }, fake({ run: () => ({ status: 0, stdout: '' }) }), []],
  ['journal-contains: no node', { type: 'journal-contains', node: W, unit: 'falco', pattern: 'x' }, fake({}), []],
  ['journal-contains: no line', { type: 'journal-contains', node: W, unit: 'falco', pattern: 'Error \\d' }, fake({ world: { nodes: { [W]: { journal: [{ time: 150, unit: 'falco.service', message: OLD_LINE }] } }, clock: { now: 200 }, ext: {} } }), []],
  ['exec-fails: it succeeds', { type: 'exec-fails', pod: 'hash', command: ['touch', '/x'] }, fake({ run: () => ({ status: 0 }) }), []],
  ['exec-fails: another error', { type: 'exec-fails', pod: 'hash', command: ['touch', '/x'], stderrPattern: 'Read-only' }, fake({ run: () => ({ status: 1, stderr: "touch: cannot touch '/x': Permission denied\n" }) }), true],
  ['file-grows: no file on the node', { type: 'file-grows', node: W, path: '/var/log/falco.log', afterSeconds: 12 }, fake({}), []],
  ['file-grows: cat fails silently', { type: 'file-grows', pod: 'hash', path: '/var/config/hash.txt', afterSeconds: 12 }, fake({ run: () => ({ status: 1 }) }), []],
  ['file-grows: cat fails', { type: 'file-grows', pod: 'hash', path: '/var/config/hash.txt', afterSeconds: 12 }, fake({ run: () => ({ status: 1, stderr: 'cat: /var/config/hash.txt: No such file or directory\n' }) }), true],
  ['file-grows: no growth', { type: 'file-grows', node: W, path: '/var/log/falco.log', afterSeconds: 12 }, fake({ files: { [`${W}:/var/log/falco.log`]: 'a\n' } }), []],
  [
    'file-grows: old format',
    { type: 'file-grows', node: W, path: '/var/log/falco.log', afterSeconds: 12, appendedPattern: ',<NA>,' },
    fake({ files: { [`${W}:/var/log/falco.log`]: '' }, later: { [`${W}:/var/log/falco.log`]: `${OLD_LINE}\n` } }),
    [/does not match: (.+)$/],
  ],
  ['command-output: other output', { type: 'command-output', node: W, command: 'systemctl is-active falco', pattern: '^active$' }, fake({ run: () => ({ status: 3, stdout: 'inactive\n' }) }), true],
  ['command-output: no output', { type: 'command-output', node: W, command: 'cat /home/vagrant/x', pattern: 'x' }, fake({ run: () => ({ status: 1 }) }), []],
  ['process-args: no node', { type: 'process-args', node: CP, process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' }, fake({}), []],
  ['process-args: not running', { type: 'process-args', node: CP, process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' }, fake({ world: withProcs() }), []],
  ['process-args: another value', { type: 'process-args', node: CP, process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' }, fake({ world: apiserverProc(['--audit-log-maxage=30']) }), []],
  ['process-args: no flag', { type: 'process-args', node: CP, process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' }, fake({ world: apiserverProc(['--secure-port=6443']) }), []],
  ['process-args: no match', { type: 'process-args', node: CP, process: 'kube-apiserver', arg: 'maxage=5' }, fake({ world: apiserverProc(['--secure-port=6443']) }), []],
  ['falco-alert: none at all in a probe', { type: 'falco-alert', node: W, rule: 'Write below etc', afterSeconds: 12 }, falcoLab([]), []],
  ['falco-alert: none since setup', { type: 'falco-alert', node: W, rule: 'Write below etc' }, falcoLab([]), []],
  ['falco-alert: none so far', { type: 'falco-alert', node: W, rule: 'Write below etc', sinceSetup: false }, falcoLab([]), []],
  ['falco-alert: only other rules', { type: 'falco-alert', node: W, rule: 'Write below etc' }, falcoLab([alert('Terminal shell in container', ['stdout'])]), []],
  ['falco-alert: the wrong channel', { type: 'falco-alert', node: W, rule: 'Write below etc', notChannel: 'stdout', afterSeconds: 12 }, falcoLab([], [alert('Write below etc', ['stdout', 'syslog'])]), [ALERT_LINE]],
  ['falco-alert: no channel', { type: 'falco-alert', node: W, rule: 'Write below etc', channel: 'file' }, falcoLab([alert('Write below etc', [])]), [ALERT_LINE]],
  ['falco-rule: no node', rule({ node: CP }), falcoFiles({}), []],
  ['falco-rule: no falco.yaml', rule(), falcoFiles({ '/etc/falco/falco.yaml': null }), []],
  ['falco-rule: broken falco.yaml', rule(), falcoFiles({ '/etc/falco/falco.yaml': 'rules_file: [\n' }), [/^Falco would not start: (.+)$/s]],
  ['falco-rule: broken rules file', rule(), falcoFiles({ '/etc/falco/falco_rules.local.yaml': '- rule: Write below etc\n  output: %evt.time\n' }), [/^Falco would not start: (.+)$/]],
  ['falco-rule: no such rule', rule({ rule: 'Write Below Etc' }), falcoFiles({}), []],
  ['falco-rule: another output', rule(), falcoFiles({}), [/^output: (.+)$/]],
  ['audit-event: no control plane', { type: 'audit-event', match: { verb: 'create' } }, fake({}), []],
  ['audit-event: no API server', { type: 'audit-event', match: { verb: 'create' } }, fake({ world: withProcs() }), []],
  ['audit-event: no --audit-log-path', { type: 'audit-event', match: { verb: 'create' } }, fake({ world: apiserverProc(['--secure-port=6443']) }), []],
  ['audit-event: logs to stdout', { type: 'audit-event', match: { verb: 'create' } }, fake({ world: apiserverProc(['--audit-log-path=-']) }), []],
  ['audit-event: no file in the container', { type: 'audit-event', match: { verb: 'create' } }, fake({ world: apiserverProc([`--audit-log-path=${LOG}`]) }), []],
  ['audit-event: no file on the node', { type: 'audit-event', logPath: LOG, match: { verb: 'create' } }, fake({ world: withProcs() }), []],
  ['audit-event: logged at another level', { type: 'audit-event', logPath: LOG, match: { verb: 'create', level: 'Request' } }, fake({ world: withProcs(), files: { [`${CP}:${LOG}`]: auditEvent('ResponseComplete') } }), []],
  ['audit-event: nothing about it', { type: 'audit-event', logPath: LOG, match: { verb: 'delete', resource: 'secrets' } }, fake({ world: withProcs(), files: { [`${CP}:${LOG}`]: auditEvent('ResponseComplete') } }), []],
  ['audit-event: such events', { type: 'audit-event', logPath: LOG, match: { stage: 'RequestReceived' }, absent: true }, fake({ world: withProcs(), files: { [`${CP}:${LOG}`]: auditEvent('RequestReceived') } }), []],
  ['audit-event: the request is refused', { type: 'audit-event', logPath: LOG, send, match: { verb: 'create' } }, fake({ world: withProcs(), run: () => ({ status: 1, stderr: REFUSED }) }), [REFUSED]],
  ['audit-event: the request fails silently', { type: 'audit-event', logPath: LOG, send, match: { verb: 'create' } }, fake({ world: withProcs(), run: () => ({ status: 1 }) }), []],
  ['audit-event: the request is not logged', { type: 'audit-event', logPath: LOG, send, match: { stage: 'RequestReceived' }, absent: true }, fake({ world: withProcs(), files: { [`${CP}:${LOG}`]: '' } }), []],
  [
    'audit-event: the request is logged otherwise',
    { type: 'audit-event', logPath: LOG, send, match: { verb: 'create', resource: 'configmaps', level: 'Metadata' } },
    fake({ world: withProcs(), files: { [`${CP}:${LOG}`]: '' }, later: { [`${CP}:${LOG}`]: `${auditEvent('ResponseComplete', 'RequestResponse')}\n` } }),
    [],
  ],
  ['audit-policy-level: no file', level('pods', 'RequestResponse'), policy(null), []],
  ['audit-policy-level: refused policy', level('pods', 'RequestResponse'), policy(EXERCISE_POLICY.replace('level: RequestResponse', 'level: Everything')), [/would not start: (.+)$/]],
  ['audit-policy-level: another level', level('services', 'Request'), policy(EXERCISE_POLICY.replace('level: Request\n', 'level: Metadata\n')), []],
  ['audit-policy-level: no rule', level('deployments', 'Metadata', { request: { verb: 'create', resource: 'deployments', namespace: 'default', apiGroup: 'apps' } }), policy(EXERCISE_POLICY), []],
  [
    'audit-policy-level: a rule just misses',
    level('configmaps', 'Metadata'),
    policy(EXERCISE_POLICY.replace('- group: ""\n      resources: ["secrets", "configmaps"]', '- group: "apps"\n      resources: ["secrets", "configmaps"]')),
    [/does not match: (.+)$/],
  ],
  ['audit-policy-level: stage kept', level('pods', 'RequestResponse', { omitStages: ['RequestReceived'] }), policy(EXERCISE_POLICY.replace('omitStages:\n  - "RequestReceived"\n', '')), []],
  [
    'any check: the grader breaks',
    { type: 'pod-running', name: 'hash' },
    fake({ run: () => { throw new Error('probe exploded'); } }),
    ['probe exploded'],
  ],
];

async function gradeIn(lang: 'en' | 'zh', c: Record<string, unknown>, host: GradingHost) {
  return runCheck(checkSchema.parse({ id: 'c', ...words, ...c }), { host, lang, setupDoneNs: 0 });
}

describe('every judge reports its findings in the learner\'s language', () => {
  it('the cases cover every check type', () => {
    const covered = new Set(cases.map(([, c]) => c.type as CheckType));
    expect(CHECK_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it.each(cases)('%s', async (_name, check, host, quotes) => {
    const en = await gradeIn('en', check, host);
    const zh = await gradeIn('zh', check, host);
    expect(en.passed).toBe(false);
    expect(zh.passed).toBe(false);
    expect(en.message).toBeTruthy();
    // The result carries both languages; the message is the one graded for.
    expect(en.finding).toEqual(zh.finding);
    expect(en.message).toBe(en.finding!.en);
    expect(zh.message).toBe(zh.finding!.zh);
    if (quotes === true) {
      expect(zh.message).toBe(en.message);
      return;
    }
    const quoted = quotes.map((q) => (typeof q === 'string' ? q : (q.exec(en.message!)?.[1] ?? `<no quote in ${JSON.stringify(en.message)}>`)));
    for (const q of quoted) expect(zh.message).toContain(q);
    expect(englishInChinese(zh.message!, quoted)).toBeNull();
  });
});
