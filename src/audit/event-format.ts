// Serialises audit events as the log backend writes them: `json` (one encoding/json line, HTML-escaped)
// or `legacy` (format.go EventString), plus the webhook's EventList body and the truncate backend.

import type { ResponseStatus, StatusDetails } from './annotations';
import type { AuditEvent, AuditObjectRef } from './event';
import { goJsonString, goJsonValue, goQuote, utf8Length } from './go-format';
import { levelLess, type AuditUser } from './types';

type Field = [string, string | undefined];

const obj = (fields: Field[]): string =>
  `{${fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${goJsonString(k)}:${v}`).join(',')}}`;

const optStr = (s: string | undefined): string | undefined => (s ? goJsonString(s) : undefined);
const optArr = (xs: readonly string[] | undefined): string | undefined =>
  xs && xs.length > 0 ? `[${xs.map(goJsonString).join(',')}]` : undefined;

function sortedMap<T>(m: Record<string, T> | undefined, enc: (v: T) => string): string | undefined {
  if (m === undefined) return undefined;
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return undefined;
  return `{${keys.map((k) => `${goJsonString(k)}:${enc(m[k])}`).join(',')}}`;
}

function userJson(u: Partial<AuditUser>): string {
  return obj([
    ['username', optStr(u.username)],
    ['uid', optStr(u.uid)],
    ['groups', optArr(u.groups)],
    ['extra', sortedMap(u.extra, (v) => `[${v.map(goJsonString).join(',')}]`)],
  ]);
}

function objectRefJson(r: AuditObjectRef): string {
  return obj([
    ['resource', optStr(r.resource)],
    ['namespace', optStr(r.namespace)],
    ['name', optStr(r.name)],
    ['uid', optStr(r.uid)],
    ['apiGroup', optStr(r.apiGroup)],
    ['apiVersion', optStr(r.apiVersion)],
    ['resourceVersion', optStr(r.resourceVersion)],
    ['subresource', optStr(r.subresource)],
  ]);
}

function detailsJson(d: StatusDetails): string {
  const causes =
    d.causes && d.causes.length > 0
      ? `[${d.causes.map((c) => obj([['reason', optStr(c.reason)], ['message', optStr(c.message)], ['field', optStr(c.field)]])).join(',')}]`
      : undefined;
  return obj([
    ['name', optStr(d.name)],
    ['group', optStr(d.group)],
    ['kind', optStr(d.kind)],
    ['uid', optStr(d.uid)],
    ['causes', causes],
    ['retryAfterSeconds', d.retryAfterSeconds ? String(d.retryAfterSeconds) : undefined],
  ]);
}

function statusJson(s: ResponseStatus): string {
  return obj([
    ['metadata', '{}'],
    ['status', optStr(s.status)],
    ['message', optStr(s.message)],
    ['reason', optStr(s.reason)],
    ['details', s.details ? detailsJson(s.details) : undefined],
    ['code', s.code ? String(s.code) : undefined],
  ]);
}

function eventFields(ev: AuditEvent): Field[] {
  return [
    ['level', goJsonString(ev.level)],
    ['auditID', goJsonString(ev.auditID)],
    ['stage', goJsonString(ev.stage)],
    ['requestURI', goJsonString(ev.requestURI)],
    ['verb', goJsonString(ev.verb)],
    ['user', userJson(ev.user)],
    ['impersonatedUser', ev.impersonatedUser ? userJson(ev.impersonatedUser) : undefined],
    ['sourceIPs', optArr(ev.sourceIPs)],
    ['userAgent', optStr(ev.userAgent)],
    ['objectRef', ev.objectRef ? objectRefJson(ev.objectRef) : undefined],
    ['responseStatus', ev.responseStatus ? statusJson(ev.responseStatus) : undefined],
    ['requestObject', ev.requestObject !== undefined ? goJsonValue(ev.requestObject) : undefined],
    ['responseObject', ev.responseObject !== undefined ? goJsonValue(ev.responseObject) : undefined],
    ['requestReceivedTimestamp', goJsonString(ev.requestReceivedTimestamp)],
    ['stageTimestamp', goJsonString(ev.stageTimestamp)],
    ['annotations', sortedMap(ev.annotations, goJsonString)],
  ];
}

/** One line of the `json` log format, newline included. */
export function formatEventJson(ev: AuditEvent): string {
  return `${obj([['kind', '"Event"'], ['apiVersion', '"audit.k8s.io/v1"'], ...eventFields(ev)])}\n`;
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
  return `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[${events.map((e) => obj(eventFields(e))).join(',')}]}`;
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
