// Judges of the audit checks: events in the API server's audit log (fresh ones, for requests sent in a
// probe copy of the lab) and the level a policy file on a node gives a request.

import { explainPolicy, loadAuditPolicy, type RequestAttributes } from '../audit';
import type { AuditMatch, CheckOf } from '../scenarios/schema';
import { auditLogLines, type AuditLogRead } from './audit-log';
import { auditFindings as found, auditWhere, labFindings, verbatim, type Finding, type Window } from './findings';
import { ADMIN_KUBECONFIG, brief, q, type Judges, type Verdict } from './judge';

type AuditEventJson = Record<string, unknown>;

function parseEvents(lines: readonly string[]): AuditEventJson[] {
  const out: AuditEventJson[] = [];
  for (const line of lines) {
    try {
      const e: unknown = JSON.parse(line);
      if (e && typeof e === 'object' && !Array.isArray(e)) out.push(e as AuditEventJson);
    } catch {
      // A legacy-format or half-written line is not an event the check can judge.
    }
  }
  return out;
}

const objectRef = (e: AuditEventJson): Record<string, unknown> => (e.objectRef ?? {}) as Record<string, unknown>;

/** Which object and by whom: the part of a match that picks the request, not how it was logged. */
function isAbout(m: AuditMatch, e: AuditEventJson): boolean {
  const ref = objectRef(e);
  if (m.verb && e.verb !== m.verb) return false;
  if (m.resource && ref.resource !== m.resource) return false;
  if (m.namespace && ref.namespace !== m.namespace) return false;
  if (m.name && ref.name !== m.name) return false;
  if (m.user && ((e.user ?? {}) as Record<string, unknown>).username !== m.user) return false;
  return true;
}

export function eventMatches(m: AuditMatch, e: AuditEventJson): boolean {
  if (!isAbout(m, e)) return false;
  if (m.level && e.level !== m.level) return false;
  if (m.stage && e.stage !== m.stage) return false;
  if (m.requestObject !== undefined && ('requestObject' in e) !== m.requestObject) return false;
  if (m.responseObject !== undefined && ('responseObject' in e) !== m.responseObject) return false;
  return true;
}

/** `create configmaps default/db-user at level Metadata, stage ResponseComplete, no requestObject, no responseObject`. */
export function describeEvent(e: AuditEventJson): Finding {
  const ref = objectRef(e);
  const what = [ref.resource, [ref.namespace, ref.name].filter(Boolean).join('/')].filter(Boolean).join(' ') || String(e.requestURI ?? '');
  return found.event(`${String(e.verb)} ${what}`, String(e.level), String(e.stage), 'requestObject' in e, 'responseObject' in e);
}

function wanted(m: AuditMatch): Finding {
  const parts = [m.verb, m.resource, [m.namespace, m.name].filter(Boolean).join('/')].filter(Boolean);
  return found.request(parts.join(' '));
}

/** What the log holds instead: the latest event about the same request, or that there is none. */
function judgeEvents(c: CheckOf<'audit-event'>, events: AuditEventJson[], where: Window): Verdict {
  const hits = events.filter((e) => eventMatches(c.match, e));
  if (c.absent) {
    return hits.length === 0 ? { passed: true } : { passed: false, detail: found.suchEvents(hits.length, where, describeEvent(hits[0]!)) };
  }
  if (hits.length > 0) return { passed: true };
  const related = events.filter((e) => isAbout(c.match, e));
  const last = related.at(-1);
  if (last) return { passed: false, detail: found.loggedInstead(where, describeEvent(last)) };
  return { passed: false, detail: found.noEventFor(wanted(c.match), events.length, where) };
}

/** The lines before a request, so that only what the request added is judged. */
function linesOrEmpty(log: AuditLogRead, explicit: boolean): AuditLogRead {
  // A log file named by the check may not exist until the API server writes its first event.
  return 'reason' in log && explicit && log.fileAbsent ? { lines: [] } : log;
}

function attributesOf(r: CheckOf<'audit-policy-level'>['request']): RequestAttributes {
  const user = { username: r.user, groups: r.groups };
  if (r.path !== undefined) return { resourceRequest: false, user, verb: r.verb, path: r.path };
  const [resource = '', subresource = ''] = (r.resource ?? '').split('/');
  return { resourceRequest: true, user, verb: r.verb, namespace: r.namespace, apiGroup: r.apiGroup, resource, subresource, name: r.name };
}

export const auditJudges: Judges<'audit-event' | 'audit-policy-level'> = {
  'audit-event': async (c, g) => {
    if (!c.send) {
      const log = auditLogLines(g.host.live, c.logPath);
      if ('reason' in log) return { passed: false, detail: log.reason };
      return judgeEvents(c, parseEvents(log.lines), auditWhere.inLog);
    }
    // The learner's log is never touched: the request is sent in a copy of the lab.
    const probe = await g.host.probe();
    const before = linesOrEmpty(auditLogLines(probe, c.logPath), c.logPath !== undefined);
    if ('reason' in before) return { passed: false, detail: before.reason };
    const r = await probe.run('kube-control-plane', 'root', `export KUBECONFIG=${q(ADMIN_KUBECONFIG)}\n${c.send}`);
    if (r.status !== 0) {
      const printed = brief(r.stderr || r.stdout);
      return { passed: false, detail: found.sendFailed(c.send, printed ? verbatim(printed) : labFindings.exitStatus(r.status)) };
    }
    // Let the log backend write what the request produced.
    await probe.advance(1);
    const after = auditLogLines(probe, c.logPath);
    if ('reason' in after) return { passed: false, detail: after.reason };
    const seen = new Set(before.lines);
    const fresh = parseEvents(after.lines.filter((l) => !seen.has(l)));
    const forRequest = fresh.filter((e) => isAbout(c.match, e));
    if (c.absent && forRequest.length === 0) {
      return { passed: false, detail: found.notLoggedAtAll(c.send, fresh.length, wanted(c.match)) };
    }
    return judgeEvents(c, fresh, auditWhere.forSend(c.send));
  },
  'audit-policy-level': async (c, g) => {
    const probe = await g.host.probe();
    const text = probe.readFile(c.node, c.path);
    if (text === null) return { passed: false, detail: labFindings.fileMissing(c.path, c.node) };
    const loaded = loadAuditPolicy(text, c.path);
    if (!loaded.ok) return { passed: false, detail: found.apiserverWouldNotStart(brief(loaded.error)) };
    const explained = explainPolicy(loaded.policy, attributesOf(c.request));
    const { level, omitStages, ruleIndex } = explained.decision;
    // rules[N], zero-based, as `cks-lab audit explain` names them.
    const missingStages = (c.omitStages ?? []).filter((s) => !omitStages.includes(s));
    if (level === c.level && missingStages.length === 0) return { passed: true };
    if (level !== c.level) {
      // Point at an earlier rule of the wanted level that just misses: the usual mistake.
      const near = explained.rules.find((r) => !r.matched && r.level === c.level && r.mismatches.length > 0);
      const why = near ? { index: near.index, level: c.level, reason: near.mismatches[0]!.hint ?? near.mismatches[0]!.message } : undefined;
      return { passed: false, detail: found.policyLevel(level, ruleIndex, why) };
    }
    return { passed: false, detail: found.stagesNotOmitted(missingStages, omitStages) };
  },
};
