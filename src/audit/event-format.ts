// Serialises audit events as the log backend writes them: `json` (one encoding/json line, HTML-escaped,
// encoded by event-json.ts) or `legacy` (format.go EventString), plus the webhook's EventList body and
// the truncate backend.

import type { AuditEvent } from './event';
import { beginLine, formatEventJson, lineHasNonAscii, webhookItemJson } from './event-json';
import { goQuote, utf8Length } from './go-format';
import { levelLess } from './types';

export { formatEventJson } from './event-json';

/** The line the log backend writes and its length in UTF-8 bytes (known from the encoder, not rescanned). */
export function formatEventSized(ev: AuditEvent, format: AuditLogFormat): { line: string; bytes: number } {
  if (format === 'legacy') {
    const line = `${eventString(ev)}\n`;
    return { line, bytes: utf8Length(line) };
  }
  beginLine();
  const line = formatEventJson(ev);
  return { line, bytes: lineHasNonAscii() ? utf8Length(line) : line.length };
}

/** format.go EventString: one line of the `legacy` format (no newline). */
export function eventString(ev: AuditEvent): string {
  let username = '<none>';
  let groups = '<none>';
  if (ev.user.username) {
    username = ev.user.username;
    if (ev.user.groups && ev.user.groups.length > 0) groups = ev.user.groups.map(goQuote).join(',');
  }
  let asuser = '<self>';
  let asgroups = '<lookup>';
  if (ev.impersonatedUser) {
    asuser = ev.impersonatedUser.username;
    if (ev.impersonatedUser.groups) asgroups = ev.impersonatedUser.groups.map(goQuote).join(',');
  }
  const namespace = ev.objectRef?.namespace || '<none>';
  const response = ev.responseStatus ? String(ev.responseStatus.code) : '<deferred>';
  const ip = ev.sourceIPs && ev.sourceIPs.length > 0 ? ev.sourceIPs[0] : '<unknown>';
  const q = goQuote;
  return (
    `${ev.receivedNano} AUDIT: id=${q(ev.auditID)} stage=${q(ev.stage)} ip=${q(ip)} method=${q(ev.verb)} ` +
    `user=${q(username)} groups=${q(groups)} as=${q(asuser)} asgroups=${q(asgroups)} user-agent=${q(ev.userAgent ?? '')} ` +
    `namespace=${q(namespace)} uri=${q(ev.requestURI)} response="${response}"`
  );
}

export type AuditLogFormat = 'json' | 'legacy';

/** The text the log backend writes for one event in the given format. */
export function formatEvent(ev: AuditEvent, format: AuditLogFormat): string {
  return format === 'legacy' ? `${eventString(ev)}\n` : formatEventJson(ev);
}

/** The webhook POST body: an EventList whose items omit kind/apiVersion. */
export function webhookBody(events: readonly AuditEvent[]): string {
  return `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[${events.map(webhookItemJson).join(',')}]}`;
}

export const TRUNCATED_ANNOTATION = 'audit.k8s.io/truncated';

/**
 * The truncate backend (--audit-*-truncate-enabled): an event over maxEventSize bytes loses its bodies and
 * is marked; if still too big it is dropped (null) with the error the plugin logs.
 */
export function truncateEvent(ev: AuditEvent, maxEventSize: number): { event: AuditEvent | null; error?: string } {
  let size = utf8Length(formatEventJson(ev));
  let out = ev;
  if (size > maxEventSize && !levelLess(ev.level, 'Request')) {
    out = { ...ev, requestObject: undefined, responseObject: undefined };
    delete out.requestObject;
    delete out.responseObject;
    out.annotations = { ...(ev.annotations ?? {}) };
    if (!(TRUNCATED_ANNOTATION in out.annotations)) out.annotations[TRUNCATED_ANNOTATION] = 'true';
    size = utf8Length(formatEventJson(out));
  }
  if (size > maxEventSize) return { event: null, error: 'event is too large even after truncating' };
  return { event: out };
}

/** audit.HandlePluginError's message (klog.Error text, several lines). */
export function pluginErrorMessage(plugin: string, error: string, impacted: readonly AuditEvent[]): string {
  return `Error in audit plugin '${plugin}' affecting ${impacted.length} audit events: ${error}\nImpacted events:\n${impacted
    .map((e) => `${eventString(e)}\n`)
    .join('')}`;
}
