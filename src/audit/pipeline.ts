// One request through the audit filter: policy decision, events, and the text the log backend writes.
// Also the klog text kube-apiserver logs when start-up fails ("command failed" err=…).

import { evaluatePolicy, type AuditDecision, type NonResourceRequestAttributes, type ResourceRequestAttributes } from './checker';
import { buildAuditEvents, requestPath, type AuditEvent, type AuditRequestInfo } from './event';
import { formatEvent, type AuditLogFormat } from './event-format';
import { goQuote } from './go-format';
import type { AuditPolicy } from './types';

export interface AuditedRequest {
  decision: AuditDecision;
  events: AuditEvent[];
  /** One entry per event, newline-terminated, in the requested format. */
  lines: string[];
}

// The checker reads a request's attributes only while it decides, so one object of each kind serves
// every request: the API server decides for every request, most of which it then does not log.
const resourceAttributes: ResourceRequestAttributes = { user: null, verb: '', resourceRequest: true, namespace: '', apiGroup: '', resource: '', subresource: '', name: '' };
const nonResourceAttributes: NonResourceRequestAttributes = { user: null, verb: '', resourceRequest: false, path: '' };

/** The policy's decision for a request: evaluatePolicy(policy, requestAttributesOf(info)), without building the attributes. */
export function evaluateRequest(policy: AuditPolicy, info: AuditRequestInfo): AuditDecision {
  const ref = info.objectRef;
  if (ref === undefined) {
    const a = nonResourceAttributes;
    a.user = info.user;
    a.verb = info.verb;
    a.path = requestPath(info.requestURI);
    const decision = evaluatePolicy(policy, a);
    a.user = null; // hold no request past its decision
    return decision;
  }
  const a = resourceAttributes;
  a.user = info.user;
  a.verb = info.verb;
  a.namespace = a.apiGroup = a.resource = a.subresource = a.name = '';
  // for-in reads only the fields this objectRef has (they come in many shapes).
  for (const k in ref) {
    switch (k) {
      case 'namespace': a.namespace = ref.namespace ?? ''; break;
      case 'apiGroup': a.apiGroup = ref.apiGroup ?? ''; break;
      case 'resource': a.resource = ref.resource ?? ''; break;
      case 'subresource': a.subresource = ref.subresource ?? ''; break;
      case 'name': a.name = ref.name ?? ''; break;
    }
  }
  const decision = evaluatePolicy(policy, a);
  a.user = null;
  return decision;
}

/** Evaluate the policy for a request and render its events. */
export function auditRequest(policy: AuditPolicy, info: AuditRequestInfo, format: AuditLogFormat = 'json'): AuditedRequest {
  const decision = evaluateRequest(policy, info);
  const events = buildAuditEvents(info, decision);
  return { decision, events, lines: events.map((e) => formatEvent(e, format)) };
}

/** klog's text for one key/value: `key="quoted"`, or the `key=<` block form for multi-line values. */
export function klogKeyValue(key: string, value: string): string {
  if (!value.includes('\n')) return `${key}=${goQuote(value)}`;
  const lines = value.split('\n');
  const last = lines.pop()!;
  const body = lines.map((l) => `\t${l}\n`).join('');
  return last === '' ? `${key}=<\n${body} >` : `${key}=<\n${body}\t${last}\n >`;
}

/** The message part of `E0119 … run.go:74] "command failed" err="…"` (klog.ErrorS in cli.Run). */
export function commandFailedText(error: string): string {
  return `"command failed" ${klogKeyValue('err', error)}`;
}
