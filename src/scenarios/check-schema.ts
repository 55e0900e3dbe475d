// Scenario checks: a fixed vocabulary of probes on the world's state; src/grading/ implements each type.
import { z } from 'zod';
import { auditEventCheckSchema, auditPolicyLevelCheckSchema } from './check-schema-audit';
import { falcoAlertCheckSchema, falcoRuleCheckSchema } from './check-schema-falco';
import {
  absolutePathSchema,
  checkBaseSchema as checkBase,
  kubeNameSchema,
  nodeNameSchema,
  probeSecondsSchema,
  regexSchema,
  userNameSchema,
} from './schema-common';

export * from './check-schema-audit';
export * from './check-schema-falco';

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

/**
 * A file gets bigger while simulated time passes (in a copy of the lab): inside a pod's container
 * (`pod`), or on a node (`node`), such as a log a service appends to. `appendedPattern` says what
 * the new text must hold.
 */
export const fileGrowsCheckSchema = checkBase
  .extend({
    type: z.literal('file-grows'),
    pod: kubeNameSchema.optional(),
    namespace: namespaceSchema,
    container: kubeNameSchema.optional(),
    node: nodeNameSchema.optional(),
    path: absolutePathSchema,
    afterSeconds: probeSecondsSchema,
    appendedPattern: regexSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.pod === undefined) === (c.node === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['pod'], message: 'file-grows needs either pod (a file in a container) or node (a file on the node), not both' });
    } else if (c.node !== undefined && c.container !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['container'], message: 'container applies only to a file in a pod' });
    }
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

/**
 * A process running on a node has an argument matching a pattern (each argument is tested on its
 * own): the flags a static pod's program really runs with, whatever its manifest says.
 */
export const processArgsCheckSchema = checkBase.extend({
  type: z.literal('process-args'),
  node: nodeNameSchema,
  process: z.string().regex(/^[^\s/]+$/, 'process must be a program name such as "kube-apiserver"'),
  arg: regexSchema,
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
  'audit-policy-level',
  'command-output',
  'process-args',
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
    auditPolicyLevelCheckSchema,
    commandOutputCheckSchema,
    processArgsCheckSchema,
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? `check type must be one of: ${CHECK_TYPES.join(', ')}` : undefined,
  },
);

export type Check = z.output<typeof checkSchema>;
export type CheckOf<T extends CheckType> = Extract<Check, { type: T }>;
