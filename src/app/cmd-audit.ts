// `cks-lab audit validate|explain`: the lab's audit-policy engine on a host file — what kube-apiserver
// 1.26 says when it loads the policy, and which rule decides a request's level (and why earlier rules
// did not match), with the rule's line in the file.

import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { auditPolicyReadError, explainPolicy, loadAuditPolicy, type AuditPolicy, type PolicyExplanation, type RequestAttributes } from '../audit';
import { parseCommandArgs, UsageError, type CliIo } from './cli';

type Loaded = { ok: true; text: string; policy: AuditPolicy; warnings: string[] } | { ok: false; error: string; warnings: string[] };

/** os.ReadFile + the loader, with the apiserver's wording for every failure. */
function loadPolicyFile(path: string): Loaded {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES' ? code : 'ENOENT';
    return { ok: false, error: auditPolicyReadError(path, reason), warnings: [] };
  }
  const r = loadAuditPolicy(text, path);
  return r.ok ? { ok: true, text, policy: r.policy, warnings: r.warnings } : { ok: false, error: r.error, warnings: r.warnings };
}

/** 1-based line of each entry of the top-level `rules:` list, where the YAML can be read. */
export function ruleLines(text: string): Array<number | null> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (!isMap(doc.contents)) return [];
  const keyOf = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));
  const pairs = doc.contents.items;
  // encoding/json matches field names case-insensitively, after an exact match.
  const pair = pairs.find((p) => keyOf(p.key) === 'rules') ?? pairs.find((p) => keyOf(p.key).toLowerCase() === 'rules');
  if (!pair || !isSeq(pair.value)) return [];
  return pair.value.items.map((item) => {
    const range = isNode(item) ? item.range : undefined;
    return range ? lc.linePos(range[0]).line : null;
  });
}

const VALIDATE_USAGE = 'usage: cks-lab audit validate POLICY.yaml';

function runValidate(args: string[], io: CliIo): number {
  const { positionals } = parseCommandArgs(args, {}, 1);
  const path = positionals[0];
  if (path === undefined) throw new UsageError(`missing policy file\n${VALIDATE_USAGE}`);
  const r = loadPolicyFile(path);
  for (const w of r.warnings) io.stderr(`warning: ${w}\n`);
  if (!r.ok) {
    io.stderr(`${r.error}\n`);
    return 1;
  }
  const n = r.policy.rules.length;
  io.stdout(`${path}: valid audit policy (${n} rule${n === 1 ? '' : 's'})\n`);
  return 0;
}

const EXPLAIN_OPTIONS = {
  policy: { type: 'string' },
  user: { type: 'string' },
  group: { type: 'string', multiple: true },
  verb: { type: 'string' },
  namespace: { type: 'string' },
  'api-group': { type: 'string' },
  resource: { type: 'string' },
  name: { type: 'string' },
  path: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The request the options describe, as the policy checker sees it. */
function requestFrom(values: ReturnType<typeof parseCommandArgs<typeof EXPLAIN_OPTIONS>>['values']): RequestAttributes {
  if (values.verb === undefined || values.verb === '') throw new UsageError('--verb is required');
  if (values.group !== undefined && values.user === undefined) throw new UsageError('--group needs --user (a request without a user has no groups)');
  const user = values.user === undefined ? null : { username: values.user, groups: values.group ?? [] };
  if (values.path !== undefined) {
    for (const k of ['namespace', 'api-group', 'resource', 'name'] as const) {
      if (values[k] !== undefined) throw new UsageError(`--path describes a non-resource request; --${k} cannot be used with it`);
    }
    return { user, verb: values.verb, resourceRequest: false, path: values.path };
  }
  if (values.resource === undefined || values.resource === '') throw new UsageError('give --resource R[/SUB] for a resource request, or --path /URL');
  const slash = values.resource.indexOf('/');
  return {
    user,
    verb: values.verb,
    resourceRequest: true,
    namespace: values.namespace ?? '',
    apiGroup: values['api-group'] ?? '',
    resource: slash < 0 ? values.resource : values.resource.slice(0, slash),
    subresource: slash < 0 ? '' : values.resource.slice(slash + 1),
    name: values.name ?? '',
  };
}

const q = (s: string): string => JSON.stringify(s);

function describeRequest(a: RequestAttributes): string {
  const who = a.user === null ? 'no user' : `user ${q(a.user.username)} groups [${a.user.groups.map(q).join(', ')}]`;
  if (!a.resourceRequest) return `${a.verb} ${a.path} (non-resource) by ${who}`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return `${a.verb} ${res} (group ${q(a.apiGroup)}, namespace ${q(a.namespace)}, name ${q(a.name)}) by ${who}`;
}

function explanationText(e: PolicyExplanation, attrs: RequestAttributes, lines: Array<number | null>): string {
  const at = (i: number): string => (lines[i] != null ? ` (line ${lines[i]})` : '');
  const d = e.decision;
  const out = [
    `request: ${describeRequest(attrs)}`,
    `level: ${d.level}`,
    `omitStages: ${d.omitStages.length > 0 ? d.omitStages.join(', ') : '(none)'}`,
    `omitManagedFields: ${d.omitManagedFields}`,
    d.ruleIndex === null ? 'decided by: no rule matched, so the level is None' : `decided by: rules[${d.ruleIndex}]${at(d.ruleIndex)}`,
  ];
  for (const r of e.rules) {
    if (r.matched) {
      out.push(`  rules[${r.index}]${at(r.index)} level ${r.level}: matches`);
      continue;
    }
    out.push(`  rules[${r.index}]${at(r.index)} level ${r.level}: does not match`);
    for (const m of r.mismatches) {
      out.push(`    ${m.field}: ${m.message}`);
      if (m.hint) out.push(`      hint: ${m.hint}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function runExplain(args: string[], io: CliIo): number {
  const { values } = parseCommandArgs(args, EXPLAIN_OPTIONS);
  if (values.policy === undefined) throw new UsageError('--policy POLICY.yaml is required');
  const attrs = requestFrom(values);
  const r = loadPolicyFile(values.policy);
  for (const w of r.warnings) io.stderr(`warning: ${w}\n`);
  if (!r.ok) {
    io.stderr(`${r.error}\n`);
    return 1;
  }
  const e = explainPolicy(r.policy, attrs);
  if (values.json) {
    const d = e.decision;
    io.stdout(`${JSON.stringify({ level: d.level, omitStages: d.omitStages, omitManagedFields: d.omitManagedFields, rule: d.ruleIndex })}\n`);
    return 0;
  }
  io.stdout(explanationText(e, attrs, ruleLines(r.text)));
  return 0;
}

/** `cks-lab audit …`; usage mistakes throw UsageError (the dispatcher prints them, exit 2). */
export async function runAuditCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'validate':
      return runValidate(rest, io);
    case 'explain':
      return runExplain(rest, io);
    case undefined:
      throw new UsageError('missing subcommand: validate or explain');
    default:
      throw new UsageError(`unknown subcommand '${sub}' (expected validate or explain)`);
  }
}
