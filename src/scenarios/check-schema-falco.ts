// Scenario checks on Falco: the alerts it raised (or raises now) and its rules as it would load them.
import { z } from 'zod';
import { checkBaseSchema, nodeNameSchema, probeSecondsSchema, regexSchema } from './schema-common';

/** Where an alert went: `journal` is stdout or syslog (both reach `journalctl -u falco`), `any` is anywhere. */
export const FALCO_CHANNELS = ['any', 'journal', 'stdout', 'syslog', 'file', 'program'] as const;
/** The channels an alert can be kept out of (`notChannel`). */
export const FALCO_OUTPUT_CHANNELS = ['journal', 'stdout', 'syslog', 'file', 'program'] as const;

/**
 * Falco on a node raised an alert for a rule, optionally with output text matching a pattern. With
 * `afterSeconds` the alert must be raised now: in a copy of the lab, while that much time passes.
 */
export const falcoAlertCheckSchema = checkBaseSchema.extend({
  type: z.literal('falco-alert'),
  node: nodeNameSchema,
  rule: z.string().min(1, 'rule must name a Falco rule'),
  sinceSetup: z.boolean().default(true),
  outputPattern: regexSchema.optional(),
  channel: z.enum(FALCO_CHANNELS).default('any'),
  notChannel: z.enum(FALCO_OUTPUT_CHANNELS).optional(),
  afterSeconds: probeSecondsSchema.optional(),
});

export const FALCO_RULE_FIELDS = ['output', 'condition', 'priority', 'desc', 'enabled', 'tags'] as const;

/** The rule as Falco would load it from the node's config (overrides and appends applied). */
export const falcoRuleCheckSchema = checkBaseSchema.extend({
  type: z.literal('falco-rule'),
  node: nodeNameSchema,
  rule: z.string().min(1, 'rule must name a Falco rule'),
  field: z.enum(FALCO_RULE_FIELDS),
  pattern: regexSchema,
});
