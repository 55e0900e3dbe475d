// The check vocabulary of scenario files, each judged by reading or probing the simulated cluster.

import { parse as parseYaml } from 'yaml';
import type { Check } from '../scenarios/schema';
import type { CheckResult } from '../scenarios/progress';
import { auditJudges } from './checks-audit';
import { falcoJudges } from './checks-falco';
import { labFindings as found, verbatim, type Finding } from './findings';
import { brief, kubectlOnProbe, q, type GradeContext, type Judges, type Verdict } from './judge';

export type { GradeContext } from './judge';

function yamlField(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const nodeJudges: Judges<Exclude<Check['type'], 'falco-alert' | 'falco-rule' | 'audit-event' | 'audit-policy-level'>> = {
  'file-contains': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: found.fileMissing(c.path, c.node) };
    return { passed: new RegExp(c.pattern, 'm').test(text) };
  },
  'file-equals': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: found.fileMissing(c.path, c.node) };
    return { passed: text === c.content || text.replace(/\n$/, '') === c.content.replace(/\n$/, '') };
  },
  'file-yaml-field': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: found.fileMissing(c.path, c.node) };
    let doc: unknown;
    try {
      doc = parseYaml(text, { maxAliasCount: 100 });
    } catch (e) {
      return { passed: false, detail: found.notYaml(c.path, (e as Error).message.split('\n')[0] ?? '') };
    }
    const v = yamlField(doc, c.field);
    return { passed: v === c.equals, detail: found.valueIs(c.field, JSON.stringify(v ?? null)) };
  },
  'pod-running': async (c, g) => {
    const probe = await g.host.probe();
    const r = await kubectlOnProbe(probe, `get pod ${q(c.name)} -n ${q(c.namespace)} -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.ready},{end}'`);
    if (r.status !== 0) return { passed: false, detail: verbatim(r.stderr.trim()) };
    const [phase, ready = ''] = r.stdout.trim().split(' ');
    const allReady = ready.split(',').filter(Boolean).every((x) => x === 'true');
    return { passed: phase === 'Running' && allReady, detail: found.podPhase(c.name, phase ?? '', allReady) };
  },
  'pod-field': async (c, g) => {
    const probe = await g.host.probe();
    const r = await kubectlOnProbe(probe, `get pod ${q(c.name)} -n ${q(c.namespace)} -o jsonpath=${q(c.jsonpath)}`);
    if (r.status !== 0) return { passed: false, detail: verbatim(r.stderr.trim()) };
    return { passed: r.stdout === String(c.equals), detail: found.valueIs(c.jsonpath, JSON.stringify(r.stdout)) };
  },
  'journal-contains': async (c, g) => {
    const probe = await g.host.probe();
    const since = c.sinceSetup ? g.setupDoneNs : 0;
    const node = probe.world.nodes[c.node];
    if (!node) return { passed: false, detail: found.noNode(c.node) };
    const unit = c.unit.includes('.') ? c.unit : `${c.unit}.service`;
    const re = new RegExp(c.pattern);
    const lines = node.journal.filter((e) => e.time >= since && e.unit === unit);
    if (lines.some((e) => re.test(e.message))) return { passed: true };
    return { passed: false, detail: found.noJournalMatch(unit, lines.length, c.sinceSetup === true) };
  },
  'exec-fails': async (c, g) => {
    const probe = await g.host.probe();
    const container = c.container ? ` -c ${q(c.container)}` : '';
    const r = await kubectlOnProbe(probe, `exec ${q(c.pod)} -n ${q(c.namespace)}${container} -- ${c.command.map(q).join(' ')}`);
    if (r.status === 0) return { passed: false, detail: found.execSucceeded(c.command.join(' '), c.pod) };
    if (c.stderrPattern && !new RegExp(c.stderrPattern).test(r.stderr)) return { passed: false, detail: verbatim(r.stderr.trim()) };
    return { passed: true };
  },
  'file-grows': async (c, g) => {
    const probe = await g.host.probe();
    const read = async (): Promise<string | { error: Finding }> => {
      if (c.node) {
        const text = probe.readFile(c.node, c.path);
        return text ?? { error: found.fileMissing(c.path, c.node) };
      }
      const container = c.container ? ` -c ${q(c.container)}` : '';
      const r = await kubectlOnProbe(probe, `exec ${q(c.pod!)} -n ${q(c.namespace)}${container} -- cat ${q(c.path)}`);
      return r.status === 0 ? r.stdout : { error: r.stderr.trim() ? verbatim(r.stderr.trim()) : found.exitStatus(r.status) };
    };
    const before = await read();
    if (typeof before !== 'string') return { passed: false, detail: before.error };
    await probe.advance(c.afterSeconds);
    const after = await read();
    if (typeof after !== 'string') return { passed: false, detail: after.error };
    const grew = found.grew(c.path, before.length, after.length, c.afterSeconds);
    if (after.length <= before.length) return { passed: false, detail: grew };
    if (!c.appendedPattern) return { passed: true, detail: grew };
    // A file rotated meanwhile starts over: then all of it is new.
    const added = after.startsWith(before) ? after.slice(before.length) : after;
    if (new RegExp(c.appendedPattern, 'm').test(added)) return { passed: true, detail: grew };
    return { passed: false, detail: found.grewWithoutMatch(grew, brief(added.split('\n').filter(Boolean).at(-1) ?? '', 300)) };
  },
  'command-output': async (c, g) => {
    const probe = await g.host.probe();
    const r = await probe.run(c.node, c.user, c.command);
    const okStatus = c.exitCode === undefined || r.status === c.exitCode;
    const output = brief(r.stdout + r.stderr);
    return { passed: okStatus && new RegExp(c.pattern, 'm').test(r.stdout + r.stderr), detail: output ? verbatim(output) : found.noOutput(r.status) };
  },
  'process-args': async (c, g) => {
    const node = g.host.live.world.nodes[c.node];
    if (!node) return { passed: false, detail: found.noNode(c.node) };
    const named = (argv0: string | undefined): string => (argv0 ?? '').split('/').pop() ?? '';
    const procs = Object.values(node.procs).filter((p) => p.state !== 'Z' && (p.comm === c.process || named(p.argv[0]) === c.process));
    if (procs.length === 0) return { passed: false, detail: found.processNotRunning(c.process, c.node) };
    const re = new RegExp(c.arg);
    if (procs.some((p) => p.argv.slice(1).some((a) => re.test(a)))) return { passed: true };
    // Show the arguments of the same flag, when the pattern names one: what the process runs with instead.
    const flag = /^\^?(--?[A-Za-z0-9][A-Za-z0-9-]*)/.exec(c.arg)?.[1];
    const same = flag ? procs.flatMap((p) => p.argv.slice(1).filter((a) => a === flag || a.startsWith(`${flag}=`))) : [];
    const pid = procs[0]!.pid;
    return {
      passed: false,
      detail: flag
        ? same.length
          ? found.processRunsWith(c.process, pid, same.join(' '))
          : found.processRunsWithout(c.process, pid, flag)
        : found.noArgumentMatches(c.process, pid),
    };
  },
};

const judges: Judges<Check['type']> = { ...nodeJudges, ...falcoJudges, ...auditJudges };

export async function runCheck(check: Check, g: GradeContext): Promise<CheckResult> {
  let v: Verdict;
  try {
    v = await (judges[check.type] as (c: Check, g: GradeContext) => Promise<Verdict>)(check, g);
  } catch (e) {
    v = { passed: false, detail: found.internalError((e as Error).message) };
  }
  // The message is the grader's finding in the learner's language; front ends show it after the check's
  // own failMessage. The finding in both languages goes along for reports in another language.
  const result: CheckResult = { id: check.id, passed: v.passed };
  if (!v.passed && v.detail && v.detail.en.trim() !== '') {
    result.message = v.detail[g.lang];
    result.finding = v.detail;
  }
  return result;
}

export async function gradeChecks(checks: readonly Check[], g: GradeContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) out.push(await runCheck(c, g));
  return out;
}
