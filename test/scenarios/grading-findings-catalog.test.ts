// Every template the grader words a finding with exists in English and in Chinese that reads as Chinese,
// with the tool output it quotes left as the tool printed it.
import { describe, expect, it } from 'vitest';
import { auditFindings, auditWhere, falcoFindings, labFindings, verbatim, windows, type Finding } from '../../src/grading/findings';
import { englishInChinese } from './helpers/chinese-text';

const KUBECTL_ERROR = 'Error from server (NotFound): pods "hash" not found';
const FALCO_LINE = '23:48:18.516903001: Error File below /etc opened for writing (user=root command=touch /etc/x)';
const YAML_ERROR = 'Flow sequence in block collection must be sufficiently indented and end with a ]';
const HINT = '"configmaps" is listed under group "apps" but the request\'s group is ""';

/** One sample of each template with the tool output it quotes; a template without a sample fails tsc. */
type Samples<T> = { [K in keyof T]: [Finding, ...string[]][] };

const lab: Samples<typeof labFindings> = {
  noNode: [[labFindings.noNode('kube-worker-1')]],
  fileMissing: [[labFindings.fileMissing('/var/log/falco.log', 'kube-worker-1')]],
  notYaml: [[labFindings.notYaml('/etc/falco/falco.yaml', YAML_ERROR), YAML_ERROR]],
  valueIs: [[labFindings.valueIs('{.spec.nodeName}', '""')], [labFindings.valueIs('file_output.enabled', 'false')]],
  podPhase: [[labFindings.podPhase('hash', 'Pending', true)], [labFindings.podPhase('hash', 'Running', false)]],
  noJournalMatch: [[labFindings.noJournalMatch('falco.service', 12, true)], [labFindings.noJournalMatch('falco.service', 0, false)]],
  execSucceeded: [[labFindings.execSucceeded('touch /x', 'hash')]],
  exitStatus: [[labFindings.exitStatus(1)]],
  noOutput: [[labFindings.noOutput(0)]],
  grew: [[labFindings.grew('/var/log/falco.log', 10, 10, 12)]],
  grewWithoutMatch: [[labFindings.grewWithoutMatch(labFindings.grew('/var/log/falco.log', 10, 90, 12), FALCO_LINE), FALCO_LINE]],
  processNotRunning: [[labFindings.processNotRunning('kube-apiserver', 'kube-control-plane')]],
  processRunsWith: [[labFindings.processRunsWith('kube-apiserver', 7, '--audit-log-maxage=30')]],
  processRunsWithout: [[labFindings.processRunsWithout('kube-apiserver', 7, '--audit-log-maxage')]],
  noArgumentMatches: [[labFindings.noArgumentMatches('kube-apiserver', 7)]],
  internalError: [[labFindings.internalError("Cannot read properties of undefined (reading 'procs')"), "Cannot read properties of undefined (reading 'procs')"]],
};

const falco: Samples<typeof falcoFindings> = {
  noAlertAtAll: [windows.nextSeconds(12), windows.sinceSetup, windows.soFar].map((w) => [falcoFindings.noAlertAtAll('kube-worker-1', w)]),
  noAlertForRule: [
    [falcoFindings.noAlertForRule('Write below etc', windows.soFar, [])],
    [falcoFindings.noAlertForRule('Write below etc', windows.sinceSetup, ['Terminal shell in container', 'Read sensitive file untrusted'])],
  ],
  latestAlertWent: [
    [falcoFindings.latestAlertWent(3, 'Write below etc', windows.nextSeconds(12), ['stdout', 'syslog'], FALCO_LINE), FALCO_LINE],
    [falcoFindings.latestAlertWent(1, 'Write below etc', windows.soFar, [], FALCO_LINE), FALCO_LINE],
  ],
  wouldNotStart: [[falcoFindings.wouldNotStart('Could not open file /etc/falco/x.yaml for reading'), 'Could not open file /etc/falco/x.yaml for reading']],
  noRuleNamed: [[falcoFindings.noRuleNamed('Write Below Etc')]],
  ruleField: [[falcoFindings.ruleField('output', 'File below /etc opened for writing'), 'File below /etc opened for writing']],
};

const event = auditFindings.event('create configmaps default/db-user', 'Metadata', 'ResponseComplete', false, true);
const audit: Samples<typeof auditFindings> = {
  noControlPlane: [[auditFindings.noControlPlane]],
  logMissing: [[auditFindings.logMissing('/var/log/kubernetes/audit/logs/apiserver.log')]],
  apiserverNotRunning: [[auditFindings.apiserverNotRunning]],
  apiserverWithoutLogPath: [[auditFindings.apiserverWithoutLogPath]],
  apiserverLogsToStdout: [[auditFindings.apiserverLogsToStdout]],
  logMissingInApiserver: [[auditFindings.logMissingInApiserver('/var/log/audit.log')]],
  event: [[event]],
  // A request is a part of a sentence: judged in the one it goes into.
  request: [[auditFindings.noEventFor(auditFindings.request('create configmaps db-user'), 3, auditWhere.inLog)], [auditFindings.noEventFor(auditFindings.request(''), 3, auditWhere.inLog)]],
  suchEvents: [[auditFindings.suchEvents(2, auditWhere.inLog, event)]],
  loggedInstead: [[auditFindings.loggedInstead(auditWhere.forSend('kubectl create cm x --from-literal=a=b'), event)]],
  noEventFor: [[auditFindings.noEventFor(auditFindings.request('create services'), 12, auditWhere.inLog)]],
  sendFailed: [
    [auditFindings.sendFailed('kubectl create cm x', verbatim(KUBECTL_ERROR)), KUBECTL_ERROR],
    [auditFindings.sendFailed('kubectl create cm x', labFindings.exitStatus(1))],
  ],
  notLoggedAtAll: [[auditFindings.notLoggedAtAll('kubectl create cm x', 0, auditFindings.request(''))]],
  apiserverWouldNotStart: [[auditFindings.apiserverWouldNotStart('loading audit policy file: … from file /x'), 'loading audit policy file: … from file /x']],
  policyLevel: [
    [auditFindings.policyLevel('None', null)],
    [auditFindings.policyLevel('Metadata', 2)],
    [auditFindings.policyLevel('None', null, { index: 1, level: 'Metadata', reason: HINT })],
  ],
  stagesNotOmitted: [[auditFindings.stagesNotOmitted(['RequestReceived'], [])], [auditFindings.stagesNotOmitted(['RequestReceived'], ['ResponseStarted'])]],
};

const catalogs: [string, object, Record<string, [Finding, ...string[]][]>][] = [
  ['labFindings', labFindings, lab],
  ['falcoFindings', falcoFindings, falco],
  ['auditFindings', auditFindings, audit],
];

describe('the grader words every finding in English and Chinese', () => {
  it.each(catalogs)('%s has a sample of every template', (_name, catalog, samples) => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(catalog).sort());
  });

  const rows = catalogs.flatMap(([name, , samples]) =>
    Object.entries(samples).flatMap(([key, list]) => list.map(([finding, ...quoted], i): [string, Finding, string[]] => [`${name}.${key} #${i + 1}`, finding, quoted])),
  );

  it.each(rows)('%s reads as Chinese in zh', (_name, finding, quoted) => {
    expect(englishInChinese(finding.zh, quoted)).toBeNull();
  });

  it.each(rows)('%s keeps the quoted output verbatim in both languages', (_name, finding, quoted) => {
    expect(finding.en.trim()).not.toBe('');
    expect(finding.zh).not.toBe(finding.en);
    for (const q of quoted) {
      expect(finding.en).toContain(q);
      expect(finding.zh).toContain(q);
    }
  });

  it('tool output is the same text in every language', () => {
    expect(verbatim(KUBECTL_ERROR)).toEqual({ en: KUBECTL_ERROR, zh: KUBECTL_ERROR });
  });

  it('the test itself notices English left in a Chinese finding', () => {
    expect(englishInChinese('the API server is not running')).not.toBeNull();
    expect(englishInChinese('API 服务器 is not running')).not.toBeNull();
    expect(englishInChinese('Falco 将无法启动：yaml-cpp: error at line 3', ['yaml-cpp: error at line 3'])).toBeNull();
  });

  it.each<[string, Finding, string, string]>([
    ['a missing file', labFindings.fileMissing('/home/vagrant/falco-rule.txt', 'kube-worker-1'), '/home/vagrant/falco-rule.txt does not exist on kube-worker-1', 'kube-worker-1 上不存在 /home/vagrant/falco-rule.txt'],
    ['no alert', falcoFindings.noAlertAtAll('kube-worker-1', windows.nextSeconds(12)), 'Falco on kube-worker-1 raised no alert at all in the next 12s', '接下来的 12 秒内，kube-worker-1 上的 Falco 没有产生任何警报'],
    ['an alert elsewhere', falcoFindings.latestAlertWent(2, 'Write below etc', windows.sinceSetup, ['stdout', 'syslog'], 'x'), '2 "Write below etc" alert(s) since the lab was set up; the latest went to stdout, syslog: x', '自实验开始以来有 2 条 “Write below etc” 警报，最新一条写入了 stdout、syslog：x'],
    ['no API server', auditFindings.apiserverNotRunning, 'the API server is not running', 'API 服务器没有运行'],
    ['a policy level', auditFindings.policyLevel('Metadata', 2), 'the policy gives it level Metadata (rules[2] matches)', '该策略为它指定的级别是 Metadata（匹配的是 rules[2]）'],
    ['a journal', labFindings.noJournalMatch('falco.service', 12, true), 'no matching line among 12 journal line(s) of falco.service since the lab was set up', '自实验开始以来，falco.service 的日志共 12 行，没有匹配的行'],
    ['a request in a sentence', auditFindings.noEventFor(auditFindings.request('delete secrets'), 3, auditWhere.inLog), 'no event for delete secrets among 3 event(s) in the log', '日志中记录的 3 个事件中没有关于 `delete secrets` 的事件'],
    ['any request in a sentence', auditFindings.notLoggedAtAll('kubectl get pods', 0, auditFindings.request('')), '`kubectl get pods` was not logged at all (0 new event(s), none for this request)', '执行 `kubectl get pods` 后完全没有记录（新增 0 个事件，都与该请求无关）'],
  ])('%s, word for word', (_name, finding, en, zh) => {
    expect(finding).toEqual({ en, zh });
  });
});
