// The scenario file format v1 (`apiVersion: cks-lab/v1`, `kind: Scenario`) as a strict zod schema.
import { z } from 'zod';
import { checkSchema } from './check-schema';
import { idSchema, localizedSchema } from './schema-common';
import { setupStepSchema } from './setup-schema';

export * from './schema-common';
export * from './setup-schema';
export * from './check-schema';

export const SCENARIO_API_VERSION = 'cks-lab/v1';

/** The six CKS exam domains; this lab covers the last one, packs may cover others. */
export const CKS_DOMAINS = [
  'cluster-setup',
  'cluster-hardening',
  'system-hardening',
  'minimize-microservice-vulnerabilities',
  'supply-chain-security',
  'monitoring-logging-runtime-security',
] as const;
export type CksDomain = (typeof CKS_DOMAINS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One step the learner works on; it is done when all its checks pass. Hints are tiered, mildest first. */
export const taskSchema = z.strictObject({
  id: idSchema,
  title: localizedSchema,
  text: localizedSchema,
  checks: z.array(idSchema).min(1, 'a task needs at least one check'),
  hints: z.array(localizedSchema).default([]),
});
export type Task = z.output<typeof taskSchema>;

/** The reference solution: prose for the learner, and a script the pack validator runs headless. */
export const solutionSchema = z.strictObject({
  en: z.string().trim().min(1, 'English text must not be empty'),
  zh: z.string().trim().min(1, 'Chinese text must not be empty'),
  script: z.string().trim().min(1, 'script must not be empty').optional(),
});
export type Solution = z.output<typeof solutionSchema>;

const scenarioShape = z.strictObject({
  apiVersion: z.literal(SCENARIO_API_VERSION, {
    error: (iss) =>
      iss.input === undefined
        ? undefined
        : `unsupported apiVersion ${JSON.stringify(iss.input)}; this cks-lab reads ${SCENARIO_API_VERSION}`,
  }),
  kind: z.literal('Scenario', {
    error: (iss) => (iss.input === undefined ? undefined : 'kind must be "Scenario"'),
  }),
  id: idSchema,
  title: localizedSchema,
  summary: localizedSchema,
  domain: z.enum(CKS_DOMAINS),
  difficulty: z.enum(DIFFICULTIES),
  estimatedMinutes: z.number().int().positive().max(240, 'estimatedMinutes must be at most 240'),
  briefing: localizedSchema,
  setup: z.array(setupStepSchema).default([]),
  tasks: z.array(taskSchema).min(1, 'a scenario needs at least one task'),
  checks: z.array(checkSchema).min(1, 'a scenario needs at least one check'),
  solution: solutionSchema,
});

/** Ids are unique, tasks name existing checks, and no check is left out of every task. */
export const scenarioSchema = scenarioShape.superRefine((scenario, ctx) => {
  const taskIds = new Set<string>();
  scenario.tasks.forEach((task, i) => {
    if (taskIds.has(task.id)) {
      ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `duplicate task id "${task.id}"` });
    }
    taskIds.add(task.id);
  });

  const checkIds = new Set<string>();
  scenario.checks.forEach((check, i) => {
    if (checkIds.has(check.id)) {
      ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${check.id}"` });
    }
    checkIds.add(check.id);
  });

  const used = new Set<string>();
  scenario.tasks.forEach((task, i) => {
    task.checks.forEach((ref, j) => {
      used.add(ref);
      if (!checkIds.has(ref)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'checks', j],
          message: `task "${task.id}" refers to check "${ref}", which is not defined under checks`,
        });
      }
    });
  });

  scenario.checks.forEach((check, i) => {
    if (!used.has(check.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks', i, 'id'],
        message: `check "${check.id}" is not used by any task`,
      });
    }
  });
});

export type Scenario = z.output<typeof scenarioSchema>;
/** What an author may write (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
