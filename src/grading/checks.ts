// The check vocabulary of scenario files, each judged by reading or probing the simulated cluster.

import { parse as parseYaml } from 'yaml';
import type { Check, CheckOf } from '../scenarios/schema';
import type { CheckResult } from '../scenarios/progress';
import { alertsOf } from '../world/falco/alerts';
import type { GradingHost, LabRunner } from './runner';
import { auditLogLines } from './audit-log';

export interface GradeContext {
  host: GradingHost;
  lang: 'en' | 'zh';
  /** Simulated time the scenario setup finished (checks with sinceSetup look after it). */
  setupDoneNs: number;
}

type Verdict = { passed: boolean; detail?: string };

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function yamlField(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const KUBECTL = 'kubectl --kubeconfig /etc/kubernetes/admin.conf';

async function kubectlOnProbe(probe: LabRunner, args: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return probe.run('kube-control-plane', 'root', `${KUBECTL} ${args}`);
}

const judges: { [T in Check['type']]: (c: CheckOf<T>, g: GradeContext) => Promise<Verdict> } = {
  'file-contains': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: `${c.path} does not exist on ${c.node}` };
    return { passed: new RegExp(c.pattern, 'm').test(text) };
  },
  'file-equals': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: `${c.path} does not exist on ${c.node}` };
    return { passed: text === c.content || text.replace(/\n$/, '') === c.content.replace(/\n$/, '') };
  },
  'file-yaml-field': async (c, g) => {
    const text = g.host.live.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: `${c.path} does not exist on ${c.node}` };
    let doc: unknown;
    try {
      doc = parseYaml(text, { maxAliasCount: 100 });
    } catch (e) {
      return { passed: false, detail: `${c.path} is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
    }
    const v = yamlField(doc, c.field);
    return { passed: v === c.equals, detail: `${c.field} is ${JSON.stringify(v ?? null)}` };
  },
  'pod-running': async (c, g) => {
    const probe = await g.host.probe();
    const r = await kubectlOnProbe(probe, `get pod ${q(c.name)} -n ${q(c.namespace)} -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.ready},{end}'`);
    if (r.status !== 0) return { passed: false, detail: r.stderr.trim() };
    const [phase, ready = ''] = r.stdout.trim().split(' ');
    const allReady = ready.split(',').filter(Boolean).every((x) => x === 'true');
    return { passed: phase === 'Running' && allReady, detail: `pod ${c.name} is ${phase}${allReady ? '' : ' (not every container is ready)'}` };
  },
  'pod-field': async (c, g) => {
    const probe = await g.host.probe();
    const r = await kubectlOnProbe(probe, `get pod ${q(c.name)} -n ${q(c.namespace)} -o jsonpath=${q(c.jsonpath)}`);
    if (r.status !== 0) return { passed: false, detail: r.stderr.trim() };
    return { passed: r.stdout === String(c.equals), detail: `${c.jsonpath} is ${JSON.stringify(r.stdout)}` };
  },
  'journal-contains': async (c, g) => {
    const probe = await g.host.probe();
    const since = c.sinceSetup ? g.setupDoneNs : 0;
    const node = probe.world.nodes[c.node];
    if (!node) return { passed: false, detail: `no node ${c.node}` };
    const unit = c.unit.includes('.') ? c.unit : `${c.unit}.service`;
    const re = new RegExp(c.pattern);
    return { passed: node.journal.some((e) => e.time >= since && e.unit === unit && re.test(e.message)) };
  },
  'exec-fails': async (c, g) => {
    const probe = await g.host.probe();
    const container = c.container ? ` -c ${q(c.container)}` : '';
    const r = await kubectlOnProbe(probe, `exec ${q(c.pod)} -n ${q(c.namespace)}${container} -- ${c.command.map(q).join(' ')}`);
    if (r.status === 0) return { passed: false, detail: `\`${c.command.join(' ')}\` succeeded in ${c.pod}` };
    if (c.stderrPattern && !new RegExp(c.stderrPattern).test(r.stderr)) return { passed: false, detail: r.stderr.trim() };
    return { passed: true, detail: r.stderr.trim() };
  },
  'file-grows': async (c, g) => {
    const probe = await g.host.probe();
    const container = c.container ? ` -c ${q(c.container)}` : '';
    const size = async (): Promise<number | string> => {
      const r = await kubectlOnProbe(probe, `exec ${q(c.pod)} -n ${q(c.namespace)}${container} -- cat ${q(c.path)}`);
      return r.status === 0 ? r.stdout.length : r.stderr.trim() || `exit ${r.status}`;
    };
    const before = await size();
    if (typeof before === 'string') return { passed: false, detail: before };
    await probe.advance(c.afterSeconds);
    const after = await size();
    if (typeof after === 'string') return { passed: false, detail: after };
    return { passed: after > before, detail: `${c.path}: ${before} → ${after} bytes in ${c.afterSeconds}s` };
  },
  'falco-alert': async (c, g) => {
    const since = c.sinceSetup ? g.setupDoneNs : 0;
    const re = c.outputPattern ? new RegExp(c.outputPattern) : null;
    const channel = c.channel === 'journal' ? ['stdout', 'syslog'] : c.channel === 'any' ? null : [c.channel];
    const hit = alertsOf(g.host.live.world, c.node, since).some(
      (a) => a.rule === c.rule && (!re || re.test(a.line)) && (!channel || a.channels.some((x) => channel.includes(x))),
    );
    return { passed: hit };
  },
  'falco-rule': async (c, g) => {
    const probe = await g.host.probe();
    const r = await probe.run(c.node, 'root', `falco -l ${q(c.rule)}`);
    if (r.status !== 0) return { passed: false, detail: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] };
    return { passed: new RegExp(c.pattern, 'm').test(r.stdout), detail: r.stdout.trim() };
  },
  'audit-event': async (c, g) => {
    const found = auditLogLines(g.host.live, c.logPath);
    if (typeof found === 'string') return { passed: false, detail: found };
    const m = c.match;
    for (const line of found) {
      let e: Record<string, unknown>;
      try {
        e = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      const ref = (e.objectRef ?? {}) as Record<string, unknown>;
      const user = ((e.user ?? {}) as Record<string, unknown>).username;
      if (m.verb && e.verb !== m.verb) continue;
      if (m.resource && ref.resource !== m.resource) continue;
      if (m.namespace && ref.namespace !== m.namespace) continue;
      if (m.name && ref.name !== m.name) continue;
      if (m.user && user !== m.user) continue;
      if (m.level && e.level !== m.level) continue;
      if (m.stage && e.stage !== m.stage) continue;
      return { passed: true };
    }
    return { passed: false, detail: `no matching event among ${found.length} lines` };
  },
  'command-output': async (c, g) => {
    const probe = await g.host.probe();
    const r = await probe.run(c.node, c.user, c.command);
    const okStatus = c.exitCode === undefined || r.status === c.exitCode;
    return { passed: okStatus && new RegExp(c.pattern, 'm').test(r.stdout + r.stderr), detail: (r.stdout + r.stderr).trim().slice(0, 400) };
  },
};

export async function runCheck(check: Check, g: GradeContext): Promise<CheckResult> {
  let v: Verdict;
  try {
    v = await (judges[check.type] as (c: Check, g: GradeContext) => Promise<Verdict>)(check, g);
  } catch (e) {
    v = { passed: false, detail: `cks-lab: internal error while checking: ${(e as Error).message}` };
  }
  // The message is the grader's finding; front ends show it after the check's own failMessage.
  const result: CheckResult = { id: check.id, passed: v.passed };
  if (!v.passed && v.detail) result.message = v.detail;
  return result;
}

export async function gradeChecks(checks: readonly Check[], g: GradeContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) out.push(await runCheck(c, g));
  return out;
}
