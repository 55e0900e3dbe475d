// Scenario checks on API-server auditing: events in the audit log (sent now, or already there) and
// the level a policy file gives a request.
import { z } from 'zod';
import { absolutePathSchema, checkBaseSchema, kubeNameSchema, nodeNameSchema } from './schema-common';

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
    /** true: the event carries the request body; false: it does not (the level decides). */
    requestObject: z.boolean().optional(),
    responseObject: z.boolean().optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), 'match must name at least one field');
export type AuditMatch = z.output<typeof auditMatchSchema>;

/**
 * The API server's audit log has a matching event. Without `logPath` the grader reads the path the
 * running API server was started with (--audit-log-path). With `send`, a command line run as the
 * cluster admin in a copy of the lab, only the events logged for it count: the policy the API
 * server runs with is judged by what it does with fresh requests.
 */
export const auditEventCheckSchema = checkBaseSchema.extend({
  type: z.literal('audit-event'),
  match: auditMatchSchema,
  logPath: absolutePathSchema.optional(),
  send: z.string().trim().min(1, 'send must be a command line such as "kubectl create configmap x --from-literal=k=v"').optional(),
  /** Passes when no event matches instead (with `send`: the request was logged, but not like this). */
  absent: z.boolean().default(false),
});

/** A Kubernetes API request described by its attributes, as the policy checker sees it. */
const policyRequestSchema = z
  .strictObject({
    user: z.string().min(1).default('kubernetes-admin'),
    groups: z.array(z.string().min(1)).default(['system:masters', 'system:authenticated']),
    verb: z.string().regex(/^[a-z]+$/, 'verb must be a lowercase API verb such as "create" or "get"'),
    apiGroup: z.string().default(''),
    /** `pods`, or `pods/log` for a subresource. */
    resource: z.string().regex(/^[a-z0-9.-]+(\/[a-z0-9.-]+)?$/, 'resource must be a plural resource such as "pods" or "pods/log"').optional(),
    namespace: z.union([z.literal(''), kubeNameSchema]).default(''),
    name: z.string().default(''),
    /** A non-resource URL such as /healthz, instead of a resource. */
    path: z.string().regex(/^\//, 'path must be a URL path starting with "/"').optional(),
  })
  .refine((r) => (r.resource === undefined) !== (r.path === undefined), 'request must give either resource or path, not both');

/**
 * The audit policy file on a node, loaded as kube-apiserver 1.26 loads it, gives a request this
 * level (and omits these stages): graded before the API server uses the file.
 */
export const auditPolicyLevelCheckSchema = checkBaseSchema.extend({
  type: z.literal('audit-policy-level'),
  node: nodeNameSchema.default('kube-control-plane'),
  path: absolutePathSchema,
  request: policyRequestSchema,
  level: z.enum(AUDIT_LEVELS),
  omitStages: z.array(z.enum(AUDIT_STAGES)).optional(),
});
