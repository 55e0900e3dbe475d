// Building blocks shared by the scenario schema's parts: bilingual text, identifiers, node names, paths.
import { z } from 'zod';

/** The languages every learner-facing string is written in; English is the source. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** Text shown to learners, side by side in both languages so a validator can spot a missing one. */
export const localizedSchema = z.strictObject({
  en: z.string().trim().min(1, 'English text must not be empty'),
  zh: z.string().trim().min(1, 'Chinese text must not be empty'),
});
export type Localized = z.output<typeof localizedSchema>;

/** The simulated cluster's fixed topology (the book's Vagrant cluster). */
export const NODE_NAMES = ['kube-control-plane', 'kube-worker-1'] as const;
export type NodeName = (typeof NODE_NAMES)[number];

export const nodeNameSchema = z.enum(NODE_NAMES, {
  error: (iss) =>
    iss.input === undefined
      ? undefined
      : `unknown node ${JSON.stringify(iss.input)}; expected one of: ${NODE_NAMES.join(', ')}`,
});

/** Scenario, task and check ids: Kubernetes-name style, so they are safe in file names and JUnit ids. */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be lowercase letters, digits and "-", starting and ending with a letter or digit (at most 63 characters)',
  );

/** A Kubernetes object or namespace name (RFC 1123 subdomain). */
export const kubeNameSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'must be a valid Kubernetes name (lowercase RFC 1123)');

export const absolutePathSchema = z
  .string()
  .regex(/^\/[^\0]*$/, 'must be an absolute path starting with "/"');

/** A Linux user name as found in /etc/passwd. */
export const userNameSchema = z.string().regex(/^[a-z_][a-z0-9_-]*$/, 'must be a Linux user name such as "root"');

/**
 * A JavaScript regular expression, checked for syntax at load time so a typo in a pack is a lint
 * error rather than a grading crash.
 */
export const regexSchema = z
  .string()
  .min(1, 'pattern must not be empty')
  .superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern);
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).replace(/^Invalid regular expression: /, '');
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${reason}` });
    }
  });

/** Every check says what it verifies and, when it fails, why — in the learner's language. */
export const checkBaseSchema = z.strictObject({
  id: idSchema,
  description: localizedSchema,
  failMessage: localizedSchema,
});

/** Simulated seconds a probe lets pass in its copy of the lab; capped so a pack cannot stall grading. */
export const probeSecondsSchema = z.number().int().positive().max(600, 'afterSeconds must be at most 600');

/** Pick the text for a language. */
export function localize(text: Localized, lang: Lang): string {
  return text[lang];
}
