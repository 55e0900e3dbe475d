// Scenario setup steps: a fixed vocabulary (no host code), applied to the world by src/grading/.
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { absolutePathSchema, nodeNameSchema, userNameSchema } from './schema-common';

/** The manifest must at least be YAML; the API server judges the objects when the step runs. */
const manifestSchema = z
  .string()
  .trim()
  .min(1, 'manifest must not be empty')
  .superRefine((manifest, ctx) => {
    for (const doc of parseAllDocuments(manifest)) {
      const first = doc.errors[0];
      if (first) {
        const line = first.linePos?.[0].line;
        ctx.addIssue({
          code: 'custom',
          message: `manifest is not valid YAML${line ? ` (line ${line} of the manifest)` : ''}: ${first.message.split('\n')[0]}`,
        });
        return;
      }
    }
  });

/** `kubectl apply -f` of inline YAML (one or more documents), as the cluster admin. */
export const kubectlApplyStepSchema = z.strictObject({
  type: z.literal('kubectl-apply'),
  manifest: manifestSchema,
});

/** A shell script run on a node as setup (hidden from the learner, like Killercoda's background.sh). */
export const runStepSchema = z.strictObject({
  type: z.literal('run'),
  node: nodeNameSchema,
  user: userNameSchema.default('root'),
  script: z.string().trim().min(1, 'script must not be empty'),
});

/**
 * YAML 1.2 reads an unquoted 0644 as the decimal number 644, so a numeric mode would silently give
 * the wrong permissions; only a quoted octal string is accepted.
 */
const fileModeSchema = z
  .string({
    error: (iss) =>
      iss.input === undefined ? undefined : 'mode must be a quoted octal string such as "0644"',
  })
  .regex(/^0?[0-7]{3}$/, 'mode must be an octal string such as "0644"');

/** Writes a file on a node (parent directories are created). */
export const writeFileStepSchema = z.strictObject({
  type: z.literal('write-file'),
  node: nodeNameSchema,
  path: absolutePathSchema,
  content: z.string(),
  mode: fileModeSchema.default('0644'),
  owner: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$/, 'owner must be "user" or "user:group"')
    .default('root:root'),
});

/** Lets simulated time pass (pods start, loops write, Falco alerts). */
export const waitStepSchema = z.strictObject({
  type: z.literal('wait'),
  seconds: z.number().positive('seconds must be greater than 0').max(3600, 'seconds must be at most 3600'),
});

export const SETUP_STEP_TYPES = ['kubectl-apply', 'run', 'write-file', 'wait'] as const;
export type SetupStepType = (typeof SETUP_STEP_TYPES)[number];

export const setupStepSchema = z.discriminatedUnion(
  'type',
  [kubectlApplyStepSchema, runStepSchema, writeFileStepSchema, waitStepSchema],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `setup step type must be one of: ${SETUP_STEP_TYPES.join(', ')}`
        : undefined,
  },
);

export type SetupStep = z.output<typeof setupStepSchema>;
export type SetupStepOf<T extends SetupStepType> = Extract<SetupStep, { type: T }>;
