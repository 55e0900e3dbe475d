// The check vocabulary of scenario files, each judged by reading or probing the simulated cluster.

import { parse as parseYaml } from 'yaml';
import type { Check } from '../scenarios/schema';
import type { CheckResult } from '../scenarios/progress';
import { auditJudges } from './checks-audit';
import { falcoJudges } from './checks-falco';
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
    const read = async (): Promise<string | { error: string }> => {
      if (c.node) {
        const text = probe.readFile(c.node, c.path);
        return text ?? { error: `${c.path} does not exist on ${c.node}` };
      }
      const container = c.container ? ` -c ${q(c.container)}` : '';
      const r = await kubectlOnProbe(probe, `exec ${q(c.pod!)} -n ${q(c.namespace)}${container} -- cat ${q(c.path)}`);
      return r.status === 0 ? r.stdout : { error: r.stderr.trim() || `exit ${r.status}` };
    };
    const before = await read();
    if (typeof before !== 'string') return { passed: false, detail: before.error };
    await probe.advance(c.afterSeconds);
    const after = await read();
    if (typeof after !== 'string') return { passed: false, detail: after.error };
    const grew = `${c.path}: ${before.length} → ${after.length} bytes in ${c.afterSeconds}s`;
    if (after.length <= before.length) return { passed: false, detail: grew };
    if (!c.appendedPattern) return { passed: true, detail: grew };
    // A file rotated meanwhile starts over: then all of it is new.
    const added = after.startsWith(before) ? after.slice(before.length) : after;
    if (new RegExp(c.appendedPattern, 'm').test(added)) return { passed: true, detail: grew };
    return { passed: false, detail: `${grew}, but the new text does not match: ${brief(added.split('\n').filter(Boolean).at(-1) ?? '', 300)}` };
  },
  'command-output': async (c, g) => {
    const probe = await g.host.probe();
    const r = await probe.run(c.node, c.user, c.command);
    const okStatus = c.exitCode === undefined || r.status === c.exitCode;
    const output = brief(r.stdout + r.stderr);
    return { passed: okStatus && new RegExp(c.pattern, 'm').test(r.stdout + r.stderr), detail: output || `no output, exit status ${r.status}` };
  },
  'process-args': async (c, g) => {
    const node = g.host.live.world.nodes[c.node];
    if (!node) return { passed: false, detail: `no node ${c.node}` };
    const named = (argv0: string | undefined): string => (argv0 ?? '').split('/').pop() ?? '';
    const procs = Object.values(node.procs).filter((p) => p.state !== 'Z' && (p.comm === c.process || named(p.argv[0]) === c.process));
    if (procs.length === 0) return { passed: false, detail: `${c.process} is not running on ${c.node}` };
    const re = new RegExp(c.arg);
    if (procs.some((p) => p.argv.slice(1).some((a) => re.test(a)))) return { passed: true };
    // Show the arguments of the same flag, when the pattern names one: what the process runs with instead.
    const flag = /^\^?(--?[A-Za-z0-9][A-Za-z0-9-]*)/.exec(c.arg)?.[1];
    const same = flag ? procs.flatMap((p) => p.argv.slice(1).filter((a) => a === flag || a.startsWith(`${flag}=`))) : [];
    const pid = procs[0]!.pid;
    return {
      passed: false,
      detail: flag ? (same.length ? `${c.process} (pid ${pid}) runs with ${same.join(' ')}` : `${c.process} (pid ${pid}) runs without ${flag}`) : `no argument of ${c.process} (pid ${pid}) matches`,
    };
  },
};

const judges: Judges<Check['type']> = { ...nodeJudges, ...falcoJudges, ...auditJudges };

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
