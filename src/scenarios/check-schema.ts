// Scenario checks: a fixed vocabulary of probes on the world's state; src/grading/ implements each type.
import { z } from 'zod';
import {
  absolutePathSchema,
  idSchema,
  kubeNameSchema,
  localizedSchema,
  nodeNameSchema,
  regexSchema,
  userNameSchema,
} from './schema-common';

/** Every check says what it verifies and, when it fails, why — in the learner's language. */
const checkBase = z.strictObject({
  id: idSchema,
  description: localizedSchema,
  failMessage: localizedSchema,
});

const namespaceSchema = kubeNameSchema.default('default');
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A file on a node matches a regular expression (multi-line text, JavaScript syntax). */
export const fileContainsCheckSchema = checkBase.extend({
  type: z.literal('file-contains'),
  node: nodeNameSchema,
  path: absolutePathSchema,
  pattern: regexSchema,
});

/** A file on a node has exactly this content. */
export const fileEqualsCheckSchema = checkBase.extend({
  type: z.literal('file-equals'),
  node: nodeNameSchema,
  path: absolutePathSchema,
  content: z.string(),
});

/**
 * A YAML file on a node parses and the value at a dotted path (`file_output.enabled`,
 * `spec.containers.0.command`) equals a scalar; safer than a regex over YAML.
 */
export const fileYamlFieldCheckSchema = checkBase.extend({
  type: z.literal('file-yaml-field'),
  node: nodeNameSchema,
  path: absolutePathSchema,
  field: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'field must be a dotted path such as "file_output.enabled"'),
  equals: scalarSchema,
});

/** A pod exists and its phase is Running with every container ready. */
export const podRunningCheckSchema = checkBase.extend({
  type: z.literal('pod-running'),
  namespace: namespaceSchema,
  name: kubeNameSchema,
});

/** `kubectl get pod -o jsonpath=…` prints exactly `equals` (compared as text). */
export const podFieldCheckSchema = checkBase.extend({
  type: z.literal('pod-field'),
  namespace: namespaceSchema,
  name: kubeNameSchema,
  jsonpath: z.string().regex(/^\{.*\}$/s, 'jsonpath must be a kubectl template such as "{.spec.nodeName}"'),
  equals: scalarSchema,
});

/** A systemd unit's journal on a node has a matching line. */
export const journalContainsCheckSchema = checkBase.extend({
  type: z.literal('journal-contains'),
  node: nodeNameSchema,
  unit: z.string().regex(/^[A-Za-z0-9@._:-]+$/, 'unit must be a systemd unit name such as "falco"'),
  pattern: regexSchema,
  sinceSetup: z.boolean().default(true),
});

/** Running a command in a pod's container fails (e.g. `touch /x` on a read-only root filesystem). */
export const execFailsCheckSchema = checkBase.extend({
  type: z.literal('exec-fails'),
  namespace: namespaceSchema,
  pod: kubeNameSchema,
  container: kubeNameSchema.optional(),
  command: z.array(z.string().min(1)).min(1, 'command must have at least the program name'),
  stderrPattern: regexSchema.optional(),
});

/** A file inside a pod's container gets bigger while simulated time passes. */
export const fileGrowsCheckSchema = checkBase.extend({
  type: z.literal('file-grows'),
  namespace: namespaceSchema,
  pod: kubeNameSchema,
  container: kubeNameSchema.optional(),
  path: absolutePathSchema,
  afterSeconds: z.number().int().positive().max(600, 'afterSeconds must be at most 600'),
});

export const FALCO_CHANNELS = ['any', 'journal', 'file', 'syslog'] as const;

/** Falco on a node raised an alert for a rule, optionally with output text matching a pattern. */
export const falcoAlertCheckSchema = checkBase.extend({
  type: z.literal('falco-alert'),
  node: nodeNameSchema,
  rule: z.string().min(1, 'rule must name a Falco rule'),
  sinceSetup: z.boolean().default(true),
  outputPattern: regexSchema.optional(),
  channel: z.enum(FALCO_CHANNELS).default('any'),
});

export const FALCO_RULE_FIELDS = ['output', 'condition', 'priority', 'desc', 'enabled'] as const;

/** The rule as Falco would load it from the node's config (overrides and appends applied). */
export const falcoRuleCheckSchema = checkBase.extend({
  type: z.literal('falco-rule'),
  node: nodeNameSchema,
  rule: z.string().min(1, 'rule must name a Falco rule'),
  field: z.enum(FALCO_RULE_FIELDS),
  pattern: regexSchema,
});

export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export const AUDIT_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;

/** What an audit event must look like; omitted fields match anything. */
const auditMatchSchema = z
  .strictObject({
    verb: z.string().min(1).optional(),
    resource: z.string().min(1).optional(),
    namespace: kubeNameSchema.optional(),
    name: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    level: z.enum(AUDIT_LEVELS).optional(),
    stage: z.enum(AUDIT_STAGES).optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), 'match must name at least one field');

/**
 * The API server's audit log has a matching event. Without `logPath` the grader reads the path the
 * running API server was started with (--audit-log-path).
 */
export const auditEventCheckSchema = checkBase.extend({
  type: z.literal('audit-event'),
  match: auditMatchSchema,
  logPath: absolutePathSchema.optional(),
});

/** A command run on a node (as a user) prints output matching a pattern. */
export const commandOutputCheckSchema = checkBase.extend({
  type: z.literal('command-output'),
  node: nodeNameSchema,
  user: userNameSchema.default('root'),
  command: z.string().trim().min(1, 'command must not be empty'),
  pattern: regexSchema,
  exitCode: z.number().int().min(0).max(255).optional(),
});

export const CHECK_TYPES = [
  'file-contains',
  'file-equals',
  'file-yaml-field',
  'pod-running',
  'pod-field',
  'journal-contains',
  'exec-fails',
  'file-grows',
  'falco-alert',
  'falco-rule',
  'audit-event',
  'command-output',
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export const checkSchema = z.discriminatedUnion(
  'type',
  [
    fileContainsCheckSchema,
    fileEqualsCheckSchema,
    fileYamlFieldCheckSchema,
    podRunningCheckSchema,
    podFieldCheckSchema,
    journalContainsCheckSchema,
    execFailsCheckSchema,
    fileGrowsCheckSchema,
    falcoAlertCheckSchema,
    falcoRuleCheckSchema,
    auditEventCheckSchema,
    commandOutputCheckSchema,
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? `check type must be one of: ${CHECK_TYPES.join(', ')}` : undefined,
  },
);

export type Check = z.output<typeof checkSchema>;
export type CheckOf<T extends CheckType> = Extract<Check, { type: T }>;
