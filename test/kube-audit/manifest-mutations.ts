// Mutations of real files as a learner's editor can leave them, for the fuzz tests: the shipped kubeadm
// kube-apiserver manifest and its exercise-3 version with lines deleted, duplicated, swapped, re-indented
// or sprinkled with stray characters, volumes dropped, fields retyped and flags rewritten; and real audit
// policies with the same line edits.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { POLICY_PATH } from './harness';
import { exercisePod, shippedManifest } from './world';

// kubeadm writes sequences unindented under their key; learners keep that style.
export const BASES = [shippedManifest(), stringify(exercisePod(), { indentSeq: false })];

const STRAY = fc.constantFrom(':', '-', ' ', '  ', '\t', '"', "'", '{', '}', '[', ']', '#', '&a', '*a', '!', '%', '@', '`', '|', '>', ',', '?', '\n', 'é', '\u00a0', 'x', '0', '=');

export const FLAG_TEXT = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    '--audit-log-pat=/var/log/x',
    '--audit-log-path /var/log/x',
    '--audit-log-path=',
    '--audit-log-path=-',
    '--audit-log-path=/etc/kubernetes/pki',
    '--audit-log-path=/var/log/kubernetes/audit/logs',
    '--audit-log-maxage=30d',
    '--audit-log-maxage=-1',
    '--audit-log-maxsize=',
    '--audit-log-format=yaml',
    '--audit-log-mode=async',
    '--audit-log-batch-buffer-size=0',
    '--audit-log-truncate-enabled=true',
    '--audit-log-truncate-max-event-size=0',
    '--audit-log-version=audit.k8s.io/v1beta1',
    '--audit-policy-file=/nonexistent.yaml',
    '--audit-policy-file=/etc/kubernetes',
    '--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml',
    '--audit-webhook-config-file=/etc/kubernetes/audit/rules/audit-policy.yaml',
    '--audit-webhook-initial-backoff=5',
    '--audit-webhook-mode=blocking-strict',
    '--allow-privileged=maybe',
    '--secure-port=https',
    '-v=3',
    '-vv',
    '-x',
    '--',
    '---',
    '--=x',
    '--help',
    '--version',
    'kube-apiserver',
    'positional',
  ) },
  fc.string({ maxLength: 20 }),
  fc.string({ maxLength: 12 }).map((s) => `--audit-log-${s}`),
  fc.string({ maxLength: 12 }).map((s) => `--audit-log-maxbackup=${s}`),
);

export type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'indent'; at: number; by: number; tab: boolean }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'flag'; at: number; text: string; replace: boolean }
  | { op: 'drop-volume'; at: number; mountToo: boolean }
  | { op: 'value'; key: string; at: number; value: string }
  | { op: 'option'; flags: string[] };

/** Flags that parse but fail Options.Validate() (with the log backend on) or the audit set-up at boot. */
const BAD_OPTION = fc.constantFrom(
  ...['--audit-log-maxage=-1', '--audit-log-maxbackup=-3', '--audit-log-maxsize=-1', '--audit-log-format=yaml', '--audit-log-mode=async', '--audit-log-batch-buffer-size=0', '--audit-log-version=audit.k8s.io/v1beta1', '--audit-log-truncate-max-event-size=0'].map((f) => ['--audit-log-path=-', f]),
  [`--audit-policy-file=/etc/kubernetes/audit/policy.yaml`],
  ['--audit-policy-file=/etc/kubernetes/pki', '--audit-log-path=/etc/kubernetes/pki/audit.log'],
  [`--audit-policy-file=${POLICY_PATH}`, '--audit-log-path=/etc/ssl/certs/audit.log'],
  [`--audit-policy-file=${POLICY_PATH}`, `--audit-webhook-config-file=${POLICY_PATH}`],
);

/** Values a learner types into a volume or mount field (types, paths, names, flags). */
const FIELD_VALUE = fc.constantFrom(
  'File',
  'Directory',
  'DirectoryOrCreate',
  'FileOrCreate',
  'Socket',
  'CharDevice',
  'BlockDevice',
  'file',
  '""',
  '/etc/hostname',
  '/etc/kubernetes/audit/rules/audit-policy.yaml/x',
  '/etc/kubernetes/audit/policy.yaml',
  '/nonexistent/file.yaml',
  '/etc/kubernetes',
  '/var/log/kubernetes/audit/logs/',
  'true',
  'false',
  'audit',
  'audit-log',
  'k8s-certs',
);

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text: fc.array(STRAY, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')) }),
  fc.record({ op: fc.constant('flag' as const), at: fc.nat(), text: FLAG_TEXT, replace: fc.boolean() }),
  fc.record({ op: fc.constant('drop-volume' as const), at: fc.nat(), mountToo: fc.boolean() }),
  fc.record({ op: fc.constant('option' as const), flags: BAD_OPTION }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('value' as const), key: fc.constantFrom('type', 'path', 'mountPath', 'name', 'readOnly'), at: fc.nat(), value: FIELD_VALUE }) },
);

/** Line ranges of the list items directly under a `key:` line at `indent` (volumes or volumeMounts). */
function itemsUnder(lines: string[], key: RegExp): Array<[number, number]> {
  const head = lines.findIndex((l) => key.test(l));
  if (head < 0) return [];
  const indent = /^ */.exec(lines[head]!)![0].length;
  const items: Array<[number, number]> = [];
  for (let i = head + 1; i < lines.length; i++) {
    const l = lines[i]!;
    const ind = /^ */.exec(l)![0].length;
    if (l.trim() !== '' && ind <= indent && !l.trimStart().startsWith('- ')) break;
    if (l.trimStart().startsWith('- ') && ind <= indent + 2) items.push([i, i + 1]);
    else if (items.length > 0) items[items.length - 1]![1] = i + 1;
  }
  return items;
}

export function mutate(text: string, m: Mutation): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const at = 'at' in m ? m.at % lines.length : 0;
  switch (m.op) {
    case 'delete':
      lines.splice(at, 1);
      break;
    case 'duplicate':
      lines.splice(at, 0, lines[at]!);
      break;
    case 'truncate':
      lines.length = at;
      break;
    case 'swap': {
      const other = m.other % lines.length;
      [lines[at], lines[other]] = [lines[other]!, lines[at]!];
      break;
    }
    case 'indent': {
      const l = lines[at]!;
      lines[at] = m.tab ? `\t${l}` : m.by >= 0 ? `${' '.repeat(m.by)}${l}` : l.replace(new RegExp(`^ {0,${-m.by}}`), '');
      break;
    }
    case 'insert': {
      const l = lines[at]!;
      const col = m.col % (l.length + 1);
      lines[at] = l.slice(0, col) + m.text + l.slice(col);
      break;
    }
    case 'flag': {
      const flags = lines.flatMap((l, i) => (/^ {4}- --/.test(l) ? [i] : []));
      const i = flags[m.at % flags.length]!;
      const item = `    - ${JSON.stringify(m.text)}`;
      if (m.replace) lines[i] = item;
      else lines.splice(i + 1, 0, item);
      break;
    }
    case 'option': {
      const program = lines.findIndex((l) => /^ {4}- kube-apiserver$/.test(l));
      if (program >= 0) lines.splice(program + 1, 0, ...m.flags.map((f) => `    - ${f}`));
      break;
    }
    case 'value': {
      const fields = lines.flatMap((l, i) => (new RegExp(`^ +(- )?${m.key}: `).test(l) ? [i] : []));
      const i = fields[m.at % fields.length];
      if (i !== undefined) lines[i] = lines[i]!.replace(/: .*$/, `: ${m.value}`);
      break;
    }
    case 'drop-volume': {
      const volumes = itemsUnder(lines, /^ {2}volumes:$/);
      const [from, to] = volumes[m.at % volumes.length] ?? [0, 0];
      const name = lines.slice(from, to).map((l) => /name: (\S+)/.exec(l)?.[1]).find(Boolean);
      const mounts = m.mountToo ? itemsUnder(lines, /^ {4}volumeMounts:$/).filter(([a, b]) => lines.slice(a, b).some((l) => l.trim().replace(/^- /, '') === `name: ${name}`)) : [];
      for (const [a, b] of [...mounts, [from, to] as [number, number]].sort((x, y) => y[0] - x[0])) lines.splice(a, b - a);
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}

export const MUTATED_MANIFEST = fc.tuple(fc.constantFrom(...BASES), fc.array(MUTATION, { minLength: 1, maxLength: 4 })).map(([base, ms]) => ms.reduce(mutate, base));

/** Line mutations of a policy file (no flags or volumes in it). */
const POLICY_MUTATION = MUTATION.filter((m) => ['delete', 'duplicate', 'truncate', 'swap', 'indent', 'insert'].includes(m.op));
/** A production-style policy (the shape of the Kubernetes docs' example): every rule field in use. */
export const NOISE_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - "RequestReceived"
rules:
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
    - group: ""
      resources: ["endpoints", "services", "services/status"]
  - level: None
    userGroups: ["system:nodes"]
    verbs: ["get"]
    resources:
    - group: ""
      resources: ["nodes", "nodes/status"]
  - level: None
    nonResourceURLs:
    - /healthz*
    - /livez*
    - /readyz*
    - /version
  - level: None
    resources:
    - group: ""
      resources: ["configmaps"]
      resourceNames: ["controller-leader"]
    namespaces: ["kube-system"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["secrets", "configmaps"]
    - group: authentication.k8s.io
      resources: ["tokenreviews"]
    omitStages:
      - "RequestReceived"
  - level: Request
    verbs: ["get", "list", "watch"]
    resources:
    - group: ""
    - group: "apps"
  - level: RequestResponse
    omitManagedFields: true
`;
export const MUTATED_POLICY = fc.tuple(fc.constantFrom(EXERCISE_POLICY, NOISE_POLICY), fc.array(POLICY_MUTATION, { maxLength: 3 })).map(([base, ms]) => ms.reduce(mutate, base));
