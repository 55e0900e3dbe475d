// One request through the audit filter: policy decision, events, and the text the log backend writes.
// Also the klog text kube-apiserver logs when start-up fails ("command failed" err=…).

import { evaluatePolicy, type AuditDecision } from './checker';
import { buildAuditEvents, requestAttributesOf, type AuditEvent, type AuditRequestInfo } from './event';
import { formatEvent, type AuditLogFormat } from './event-format';
import { goQuote } from './go-format';
import type { AuditPolicy } from './types';

export interface AuditedRequest {
  decision: AuditDecision;
  events: AuditEvent[];
  /** One entry per event, newline-terminated, in the requested format. */
  lines: string[];
}

/** Evaluate the policy for a request and render its events. */
export function auditRequest(policy: AuditPolicy, info: AuditRequestInfo, format: AuditLogFormat = 'json'): AuditedRequest {
  const decision = evaluatePolicy(policy, requestAttributesOf(info));
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
