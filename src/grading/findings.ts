// The grader's own words for what it found, in English and Chinese: one small template per finding.
// What the world printed (a command's output, a Falco or kubectl error) goes in verbatim, never translated.

import type { Localized } from '../scenarios/schema';

/** What the grader found, in every language the lab speaks; front ends show it after a check's failMessage. */
export type Finding = Localized;

/** Text a real tool printed: the same in every language, as the learner would see it on a real node. */
export function verbatim(text: string): Finding {
  return { en: text, zh: text };
}

/** A term inside a Chinese sentence: spaced from the Chinese around it when it is Latin text or `code`. */
function inZh(term: string): string {
  const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
  return `${cjk.test(term.at(0) ?? '') ? '' : ' '}${term}${cjk.test(term.at(-1) ?? '') ? '' : ' '}`;
}

/** A span of time a finding is about, worded to fit either sentence. */
export type Window = Finding;

export const windows = {
  nextSeconds: (s: number): Window => ({ en: `in the next ${s}s`, zh: `接下来的 ${s} 秒内` }),
  sinceSetup: { en: 'since the lab was set up', zh: '自实验开始以来' } as Window,
  soFar: { en: 'so far', zh: '到目前为止' } as Window,
};

/** Findings any judge may report about the lab itself. */
export const labFindings = {
  noNode: (node: string): Finding => ({ en: `no node ${node}`, zh: `没有节点 ${node}` }),
  fileMissing: (path: string, node: string): Finding => ({ en: `${path} does not exist on ${node}`, zh: `${node} 上不存在 ${path}` }),
  /** `error` is the YAML parser's first line, quoted as it reads. */
  notYaml: (path: string, error: string): Finding => ({ en: `${path} is not valid YAML: ${error}`, zh: `${path} 不是有效的 YAML：${error}` }),
  /** `json` is the value as JSON (`"true"`, `null`). */
  valueIs: (what: string, json: string): Finding => ({ en: `${what} is ${json}`, zh: `${what} 的值为 ${json}` }),
  podPhase: (name: string, phase: string, allReady: boolean): Finding => ({
    en: `pod ${name} is ${phase}${allReady ? '' : ' (not every container is ready)'}`,
    zh: `Pod ${name} 的状态为 ${phase}${allReady ? '' : '（并非所有容器都已就绪）'}`,
  }),
  noJournalMatch: (unit: string, lines: number, sinceSetup: boolean): Finding => ({
    en: `no matching line among ${lines} journal line(s) of ${unit}${sinceSetup ? ` ${windows.sinceSetup.en}` : ''}`,
    zh: `${sinceSetup ? `${windows.sinceSetup.zh}，` : ''}${unit} 的日志共 ${lines} 行，没有匹配的行`,
  }),
  execSucceeded: (command: string, pod: string): Finding => ({
    en: `\`${command}\` succeeded in ${pod}`,
    zh: `在 Pod ${pod} 中执行 \`${command}\` 成功了`,
  }),
  exitStatus: (status: number): Finding => ({ en: `exit ${status}`, zh: `退出状态 ${status}` }),
  noOutput: (status: number): Finding => ({ en: `no output, exit status ${status}`, zh: `没有输出，退出状态为 ${status}` }),
  grew: (path: string, before: number, after: number, seconds: number): Finding => ({
    en: `${path}: ${before} → ${after} bytes in ${seconds}s`,
    zh: `${path}：${seconds} 秒内从 ${before} 字节变为 ${after} 字节`,
  }),
  /** `line` is the file's last new line, verbatim. */
  grewWithoutMatch: (grew: Finding, line: string): Finding => ({
    en: `${grew.en}, but the new text does not match: ${line}`,
    zh: `${grew.zh}，但新增的内容不匹配：${line}`,
  }),
  processNotRunning: (process: string, node: string): Finding => ({ en: `${process} is not running on ${node}`, zh: `${node} 上没有运行 ${process}` }),
  processRunsWith: (process: string, pid: number, args: string): Finding => ({
    en: `${process} (pid ${pid}) runs with ${args}`,
    zh: `${process}（PID ${pid}）运行时使用的是 ${args}`,
  }),
  processRunsWithout: (process: string, pid: number, flag: string): Finding => ({
    en: `${process} (pid ${pid}) runs without ${flag}`,
    zh: `${process}（PID ${pid}）运行时没有使用 ${flag}`,
  }),
  noArgumentMatches: (process: string, pid: number): Finding => ({
    en: `no argument of ${process} (pid ${pid}) matches`,
    zh: `${process}（PID ${pid}）没有匹配的参数`,
  }),
  internalError: (message: string): Finding => ({
    en: `cks-lab: internal error while checking: ${message}`,
    zh: `cks-lab 在检查时发生内部错误：${message}`,
  }),
};

/** Findings about Falco: the alerts it raised and the rules it would load. */
export const falcoFindings = {
  noAlertAtAll: (node: string, window: Window): Finding => ({
    en: `Falco on ${node} raised no alert at all ${window.en}`,
    zh: `${window.zh}，${node} 上的 Falco 没有产生任何警报`,
  }),
  noAlertForRule: (rule: string, window: Window, others: string[]): Finding => ({
    en: `no "${rule}" alert ${window.en}${others.length ? `; alerts for: ${others.join(', ')}` : ''}`,
    zh: `${window.zh}没有 “${rule}” 警报${others.length ? `；产生了警报的规则：${others.map((o) => `“${o}”`).join('、')}` : ''}`,
  }),
  /** `line` is the latest alert as Falco wrote it. */
  latestAlertWent: (count: number, rule: string, window: Window, channels: string[], line: string): Finding => ({
    en: `${count} "${rule}" alert(s) ${window.en}; the latest went to ${channels.length ? channels.join(', ') : 'no channel'}: ${line}`,
    zh: `${window.zh}有 ${count} 条 “${rule}” 警报，最新一条${channels.length ? `写入了 ${channels.join('、')}` : '没有写入任何输出通道'}：${line}`,
  }),
  /** `reason` is Falco's own error text (`Could not open file … for reading`, `<file>: Invalid: …`). */
  wouldNotStart: (reason: string): Finding => ({ en: `Falco would not start: ${reason}`, zh: `Falco 将无法启动：${reason}` }),
  noRuleNamed: (rule: string): Finding => ({
    en: `Falco loads no rule named "${rule}" (names are case-sensitive)`,
    zh: `Falco 没有加载名为 “${rule}” 的规则（规则名称区分大小写）`,
  }),
  /** `value` is the rule's field as Falco loaded it. */
  ruleField: (field: string, value: string): Finding => ({ en: `${field}: ${value}`, zh: `该规则的 ${field} 为：${value}` }),
};

/** Where audit events were looked for: the whole log, or what one request sent in a probe added. */
export const auditWhere = {
  inLog: { en: 'in the log', zh: '日志中' } as Window,
  forSend: (send: string): Window => ({ en: `for \`${send}\``, zh: `执行 \`${send}\` 后` }),
};

/** Findings about the API server's audit log and policy. */
export const auditFindings = {
  noControlPlane: { en: 'no control-plane node', zh: '没有控制平面节点' } as Finding,
  logMissing: (path: string): Finding => ({ en: `${path} does not exist`, zh: `${path} 不存在` }),
  apiserverNotRunning: { en: 'the API server is not running', zh: 'API 服务器没有运行' } as Finding,
  apiserverWithoutLogPath: { en: 'the API server runs without --audit-log-path', zh: 'API 服务器运行时没有使用 --audit-log-path' } as Finding,
  apiserverLogsToStdout: {
    en: 'the API server writes audit events to its stdout (--audit-log-path=-)',
    zh: 'API 服务器将审计事件写入其标准输出（--audit-log-path=-）',
  } as Finding,
  logMissingInApiserver: (path: string): Finding => ({
    en: `${path} does not exist in the API server's file system`,
    zh: `API 服务器的文件系统中不存在 ${path}`,
  }),
  /** One event in a line: `what` is `verb resource namespace/name` (or the URI). */
  event: (what: string, level: string, stage: string, requestObject: boolean, responseObject: boolean): Finding => ({
    en: `${what} at level ${level}, stage ${stage}, ${requestObject ? 'with' : 'no'} requestObject, ${responseObject ? 'with' : 'no'} responseObject`,
    zh: `\`${what}\`，级别 ${level}，阶段 ${stage}，${requestObject ? '包含' : '不含'} requestObject，${responseObject ? '包含' : '不含'} responseObject`,
  }),
  /** The request a match picks: `verb resource namespace/name`, or any request when it names none of them. */
  request: (what: string): Finding => (what ? { en: what, zh: `\`${what}\`` } : { en: 'this request', zh: '该请求' }),
  suchEvents: (count: number, where: Window, example: Finding): Finding => ({
    en: `${count} such event(s) ${where.en}, e.g. ${example.en}`,
    zh: `${where.zh}有 ${count} 个这样的事件，例如 ${example.zh}`,
  }),
  loggedInstead: (where: Window, event: Finding): Finding => ({ en: `logged ${where.en}: ${event.en}`, zh: `${where.zh}记录的是：${event.zh}` }),
  noEventFor: (request: Finding, count: number, where: Window): Finding => ({
    en: `no event for ${request.en} among ${count} event(s) ${where.en}`,
    zh: `${where.zh}记录的 ${count} 个事件中没有关于${inZh(request.zh)}的事件`,
  }),
  /** `output` is what the command printed (or its exit status). */
  sendFailed: (send: string, output: Finding): Finding => ({ en: `\`${send}\` failed: ${output.en}`, zh: `执行 \`${send}\` 失败：${output.zh}` }),
  notLoggedAtAll: (send: string, fresh: number, request: Finding): Finding => ({
    en: `\`${send}\` was not logged at all (${fresh} new event(s), none for ${request.en})`,
    zh: `执行 \`${send}\` 后完全没有记录（新增 ${fresh} 个事件，都与${inZh(request.zh)}无关）`,
  }),
  /** `error` is the API server's own error for the policy file. */
  apiserverWouldNotStart: (error: string): Finding => ({ en: `kube-apiserver would not start: ${error}`, zh: `kube-apiserver 将无法启动：${error}` }),
  /**
   * `ruleIndex` decided the level (null: no rule matched). `near` is an earlier rule of the wanted level
   * that just misses, with the reason `cks-lab audit explain` gives (English only, so quoted in Chinese).
   */
  policyLevel: (level: string, ruleIndex: number | null, near?: { index: number; level: string; reason: string }): Finding => ({
    en:
      `the policy gives it level ${level} (${ruleIndex === null ? 'no rule matches' : `rules[${ruleIndex}] matches`})` +
      (near ? `; rules[${near.index}] (${near.level}) does not match: ${near.reason}` : ''),
    zh:
      `该策略为它指定的级别是 ${level}（${ruleIndex === null ? '没有规则匹配' : `匹配的是 rules[${ruleIndex}]`}）` +
      (near ? `；rules[${near.index}]（${near.level}）不匹配，\`cks-lab audit explain\` 给出的原因：“${near.reason}”` : ''),
  }),
  stagesNotOmitted: (missing: string[], omitted: string[]): Finding => ({
    en: `stage(s) ${missing.join(', ')} are not omitted for it (omitted: ${omitted.join(', ') || 'none'})`,
    zh: `该请求的 ${missing.join('、')} 阶段没有被省略（已省略：${omitted.join('、') || '无'}）`,
  }),
};
