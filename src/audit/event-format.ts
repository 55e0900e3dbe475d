// Serialises audit events as the log backend writes them: `json` (one encoding/json line, HTML-escaped)
// or `legacy` (format.go EventString), plus the webhook's EventList body and the truncate backend.

import type { ResponseStatus, StatusDetails } from './annotations';
import type { AuditEvent, AuditObjectRef } from './event';
import { goJsonString, goJsonStringRepeated, goJsonValue, goQuote, nonAsciiSeen, resetNonAsciiSeen, utf8Length } from './go-format';
import { levelLess, type AuditUser } from './types';

// Hand-written encoders: one string concatenation per event, no intermediate arrays. The log backend
// writes every event through here, so this is the audit pipeline's hot path (see bench/audit.mjs).

/** `,"key":value` after the first field; keys are ASCII literals that need no escaping. */
const field = (acc: string, key: string, value: string): string => `${acc}${acc === '' ? '' : ','}"${key}":${value}`;

function stringArray(xs: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < xs.length; i++) out += (i === 0 ? '' : ',') + goJsonStringRepeated(xs[i]);
  return `${out}]`;
}

/** encoding/json writes map keys sorted. */
function sortedMap<T>(m: Record<string, T> | undefined, enc: (v: T) => string): string | undefined {
  if (m === undefined) return undefined;
  const keys = Object.keys(m);
  if (keys.length === 0) return undefined;
  keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ','}${goJsonString(keys[i])}:${enc(m[keys[i]])}`;
  return `${out}}`;
}

function userJson(u: Partial<AuditUser>): string {
  let f = '';
  if (u.username) f = field(f, 'username', goJsonStringRepeated(u.username));
  if (u.uid) f = field(f, 'uid', goJsonString(u.uid));
  if (u.groups && u.groups.length > 0) f = field(f, 'groups', stringArray(u.groups));
  const extra = sortedMap(u.extra, stringArray);
  if (extra !== undefined) f = field(f, 'extra', extra);
  return `{${f}}`;
}

function objectRefJson(r: AuditObjectRef): string {
  let f = '';
  if (r.resource) f = field(f, 'resource', goJsonStringRepeated(r.resource));
  if (r.namespace) f = field(f, 'namespace', goJsonStringRepeated(r.namespace));
  if (r.name) f = field(f, 'name', goJsonString(r.name));
  if (r.uid) f = field(f, 'uid', goJsonString(r.uid));
  if (r.apiGroup) f = field(f, 'apiGroup', goJsonStringRepeated(r.apiGroup));
  if (r.apiVersion) f = field(f, 'apiVersion', goJsonStringRepeated(r.apiVersion));
  if (r.resourceVersion) f = field(f, 'resourceVersion', goJsonString(r.resourceVersion));
  if (r.subresource) f = field(f, 'subresource', goJsonStringRepeated(r.subresource));
  return `{${f}}`;
}

function detailsJson(d: StatusDetails): string {
  let f = '';
  if (d.name) f = field(f, 'name', goJsonString(d.name));
  if (d.group) f = field(f, 'group', goJsonString(d.group));
  if (d.kind) f = field(f, 'kind', goJsonString(d.kind));
  if (d.uid) f = field(f, 'uid', goJsonString(d.uid));
  if (d.causes && d.causes.length > 0) {
    const causes = d.causes.map((c) => {
      let cf = '';
      if (c.reason) cf = field(cf, 'reason', goJsonString(c.reason));
      if (c.message) cf = field(cf, 'message', goJsonString(c.message));
      if (c.field) cf = field(cf, 'field', goJsonString(c.field));
      return `{${cf}}`;
    });
    f = field(f, 'causes', `[${causes.join(',')}]`);
  }
  if (d.retryAfterSeconds) f = field(f, 'retryAfterSeconds', String(d.retryAfterSeconds));
  return `{${f}}`;
}

function statusJson(s: ResponseStatus): string {
  let f = '"metadata":{}';
  if (s.status) f = field(f, 'status', goJsonString(s.status));
  if (s.message) f = field(f, 'message', goJsonString(s.message));
  if (s.reason) f = field(f, 'reason', goJsonString(s.reason));
  if (s.details) f = field(f, 'details', detailsJson(s.details));
  if (s.code) f = field(f, 'code', String(s.code));
  return `{${f}}`;
}

/** The event's fields in the JSON key order of §3.1, without braces (omitempty as Go applies it). */
function eventFieldsJson(ev: AuditEvent): string {
  // level and stage are enum words; the timestamps below are the engine's own RFC 3339 text.
  let f = `"level":"${ev.level}","auditID":${goJsonString(ev.auditID)},"stage":"${ev.stage}","requestURI":${goJsonString(ev.requestURI)},"verb":${goJsonStringRepeated(ev.verb)},"user":${userJson(ev.user)}`;
  if (ev.impersonatedUser) f += `,"impersonatedUser":${userJson(ev.impersonatedUser)}`;
  if (ev.sourceIPs && ev.sourceIPs.length > 0) f += `,"sourceIPs":${stringArray(ev.sourceIPs)}`;
  if (ev.userAgent) f += `,"userAgent":${goJsonStringRepeated(ev.userAgent)}`;
  if (ev.objectRef) f += `,"objectRef":${objectRefJson(ev.objectRef)}`;
  if (ev.responseStatus) f += `,"responseStatus":${statusJson(ev.responseStatus)}`;
  if (ev.requestObject !== undefined) f += `,"requestObject":${goJsonValue(ev.requestObject)}`;
  if (ev.responseObject !== undefined) f += `,"responseObject":${goJsonValue(ev.responseObject)}`;
  f += `,"requestReceivedTimestamp":"${ev.requestReceivedTimestamp}","stageTimestamp":"${ev.stageTimestamp}"`;
  const annotations = sortedMap(ev.annotations, goJsonString);
  if (annotations !== undefined) f += `,"annotations":${annotations}`;
  return f;
}

/** One line of the `json` log format, newline included. */
export function formatEventJson(ev: AuditEvent): string {
  return `{"kind":"Event","apiVersion":"audit.k8s.io/v1",${eventFieldsJson(ev)}}\n`;
}

/** The line the log backend writes and its length in UTF-8 bytes (known from the encoder, not rescanned). */
export function formatEventSized(ev: AuditEvent, format: AuditLogFormat): { line: string; bytes: number } {
  if (format === 'legacy') {
    const line = `${eventString(ev)}\n`;
    return { line, bytes: utf8Length(line) };
  }
  resetNonAsciiSeen();
  const line = formatEventJson(ev);
  return { line, bytes: nonAsciiSeen() ? utf8Length(line) : line.length };
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
  return `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[${events.map((e) => `{${eventFieldsJson(e)}}`).join(',')}]}`;
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
