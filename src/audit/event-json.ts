// The `json` encoding of one audit.k8s.io/v1 Event, specialised for its shape: members in the key order
// of §3.1 with Go's omitempty, strings escaped as encoding/json does (json-text.ts), and the parts a
// client repeats request after request (URI, user, address, agent, object) remembered by value. The
// log backend's hot path.

import type { ResponseStatus, StatusDetails } from './annotations';
import type { AuditEvent, AuditObjectRef } from './event';
import { beginLine, bodyJson, flat, goSortedKeys, jsonSafe, lineHasNonAscii, markNonAscii, rstr, str, stringArray } from './json-text';
import type { AuditUser } from './types';

export { beginLine, lineHasNonAscii, goKeyLess } from './json-text';

/**
 * The members from requestURI to objectRef, which a client repeats request after request (kubelets'
 * status patches and leases, probes, controllers), and the values they were written from. Filled for
 * every event; kept, keyed by the URI, when its text is ASCII. User and object fields are read with
 * for-in: these objects come in many shapes, and named reads of absent fields would each take V8's
 * megamorphic path.
 */
class ClientPart {
  requestURI = '';
  verb = '';
  username: string | undefined = undefined;
  uid: string | undefined = undefined;
  groups: readonly string[] | undefined = undefined;
  sourceIPs: readonly string[] | undefined = undefined;
  userAgent: string | undefined = undefined;
  hasRef = false;
  resource: string | undefined = undefined;
  namespace: string | undefined = undefined;
  name: string | undefined = undefined;
  refUid: string | undefined = undefined;
  apiGroup: string | undefined = undefined;
  apiVersion: string | undefined = undefined;
  resourceVersion: string | undefined = undefined;
  subresource: string | undefined = undefined;
  json = '';

  /** Read the event's values; false when it has parts this cache does not cover (extra, impersonation). */
  read(ev: AuditEvent): boolean {
    this.requestURI = ev.requestURI;
    this.verb = ev.verb;
    this.username = this.uid = this.groups = undefined;
    const u = ev.user;
    for (const k in u) {
      switch (k) {
        case 'username': this.username = u.username; break;
        case 'uid': this.uid = u.uid; break;
        case 'groups': this.groups = u.groups; break;
        case 'extra': if (u.extra && Object.keys(u.extra).length > 0) return false; break;
      }
    }
    this.sourceIPs = ev.sourceIPs;
    this.userAgent = ev.userAgent;
    this.resource = this.namespace = this.name = this.refUid = this.apiGroup = this.apiVersion = this.resourceVersion = this.subresource = undefined;
    const r = ev.objectRef;
    this.hasRef = r !== undefined;
    if (r !== undefined) {
      for (const k in r) {
        switch (k) {
          case 'resource': this.resource = r.resource; break;
          case 'namespace': this.namespace = r.namespace; break;
          case 'name': this.name = r.name; break;
          case 'uid': this.refUid = r.uid; break;
          case 'apiGroup': this.apiGroup = r.apiGroup; break;
          case 'apiVersion': this.apiVersion = r.apiVersion; break;
          case 'resourceVersion': this.resourceVersion = r.resourceVersion; break;
          case 'subresource': this.subresource = r.subresource; break;
        }
      }
    }
    return ev.impersonatedUser === undefined;
  }

  /** Whether `o` was read from the same values (what is written, not which objects held them). */
  sameAs(o: ClientPart): boolean {
    return (
      this.verb === o.verb &&
      this.username === o.username &&
      this.uid === o.uid &&
      sameStrings(this.groups, o.groups) &&
      sameStrings(this.sourceIPs, o.sourceIPs) &&
      this.userAgent === o.userAgent &&
      this.hasRef === o.hasRef &&
      this.resource === o.resource &&
      this.namespace === o.namespace &&
      this.name === o.name &&
      this.refUid === o.refUid &&
      this.apiGroup === o.apiGroup &&
      this.apiVersion === o.apiVersion &&
      this.resourceVersion === o.resourceVersion &&
      this.subresource === o.subresource
    );
  }

  /** A copy to keep (the arrays copied too: the request's own may change later). */
  keep(): ClientPart {
    const c = Object.assign(new ClientPart(), this);
    c.groups = this.groups && [...this.groups];
    c.sourceIPs = this.sourceIPs && [...this.sourceIPs];
    return c;
  }

  /** The members' text: `"<uri>","verb":…` up to the objectRef's closing brace (or the user agent). */
  encode(): string {
    let out = `${rstr(this.requestURI)},"verb":${rstr(this.verb)},"user":${this.userJson()}`;
    if (this.sourceIPs && this.sourceIPs.length > 0) out += `,"sourceIPs":${stringArray(this.sourceIPs)}`;
    if (this.userAgent) out += `,"userAgent":${rstr(this.userAgent)}`;
    if (this.hasRef) out += `,"objectRef":${this.objectRefJson()}`;
    return out;
  }

  private userJson(): string {
    let out = this.username ? `{"username":${rstr(this.username)}` : '{';
    if (this.uid) out += `${out.length > 1 ? ',' : ''}"uid":${str(this.uid)}`;
    if (this.groups && this.groups.length > 0) out += `${out.length > 1 ? ',' : ''}"groups":${stringArray(this.groups)}`;
    return `${out}}`;
  }

  private objectRefJson(): string {
    let out = '{';
    if (this.resource) out += `"resource":${rstr(this.resource)}`;
    if (this.namespace) out += `${out.length > 1 ? ',' : ''}"namespace":${rstr(this.namespace)}`;
    if (this.name) out += `${out.length > 1 ? ',' : ''}"name":${rstr(this.name)}`;
    if (this.refUid) out += `${out.length > 1 ? ',' : ''}"uid":${str(this.refUid)}`;
    if (this.apiGroup) out += `${out.length > 1 ? ',' : ''}"apiGroup":${rstr(this.apiGroup)}`;
    if (this.apiVersion) out += `${out.length > 1 ? ',' : ''}"apiVersion":${rstr(this.apiVersion)}`;
    if (this.resourceVersion) out += `${out.length > 1 ? ',' : ''}"resourceVersion":${str(this.resourceVersion)}`;
    if (this.subresource) out += `${out.length > 1 ? ',' : ''}"subresource":${rstr(this.subresource)}`;
    return `${out}}`;
  }
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const MAX_CLIENT_PARTS = 4096;
const clientParts = new Map<string, ClientPart>();
const probe = new ClientPart();

function clientPartJson(ev: AuditEvent): string {
  if (!probe.read(ev)) return uncachedClientPart(ev);
  const known = clientParts.get(ev.requestURI);
  if (known !== undefined && known.sameAs(probe)) return known.json;
  // Encoded on its own to learn whether it is ASCII (only such text is kept: byte counts stay exact).
  const nonAsciiBefore = lineHasNonAscii();
  beginLine();
  const json = probe.encode();
  if (lineHasNonAscii()) return json;
  if (nonAsciiBefore) markNonAscii();
  if (clientParts.size >= MAX_CLIENT_PARTS) clientParts.clear();
  const kept = probe.keep();
  kept.json = flat(json);
  clientParts.set(ev.requestURI, kept);
  return json;
}

/** A user with `extra` (or an impersonated one): written in full, not remembered. */
function userJson(u: Partial<AuditUser>): string {
  let out = u.username ? `{"username":${rstr(u.username)}` : '{';
  if (u.uid) out += `${out.length > 1 ? ',' : ''}"uid":${str(u.uid)}`;
  if (u.groups && u.groups.length > 0) out += `${out.length > 1 ? ',' : ''}"groups":${stringArray(u.groups)}`;
  if (u.extra) {
    const keys = goSortedKeys(u.extra);
    if (keys.length > 0) {
      let members = '';
      for (let i = 0; i < keys.length; i++) members += `${i === 0 ? '' : ','}${rstr(keys[i])}:${stringArray(u.extra[keys[i]])}`;
      out += `${out.length > 1 ? ',' : ''}"extra":{${members}}`;
    }
  }
  return `${out}}`;
}

/** The request's part for events the cache does not cover. */
function uncachedClientPart(ev: AuditEvent): string {
  let out = `${rstr(ev.requestURI)},"verb":${rstr(ev.verb)},"user":${userJson(ev.user)}`;
  if (ev.impersonatedUser) out += `,"impersonatedUser":${userJson(ev.impersonatedUser)}`;
  if (ev.sourceIPs && ev.sourceIPs.length > 0) out += `,"sourceIPs":${stringArray(ev.sourceIPs)}`;
  if (ev.userAgent) out += `,"userAgent":${rstr(ev.userAgent)}`;
  if (ev.objectRef) out += `,"objectRef":${objectRefJson(ev.objectRef)}`;
  return out;
}

function objectRefJson(r: AuditObjectRef): string {
  let out = '';
  if (r.resource) out += `,"resource":${rstr(r.resource)}`;
  if (r.namespace) out += `,"namespace":${rstr(r.namespace)}`;
  if (r.name) out += `,"name":${rstr(r.name)}`;
  if (r.uid) out += `,"uid":${str(r.uid)}`;
  if (r.apiGroup) out += `,"apiGroup":${rstr(r.apiGroup)}`;
  if (r.apiVersion) out += `,"apiVersion":${rstr(r.apiVersion)}`;
  if (r.resourceVersion) out += `,"resourceVersion":${str(r.resourceVersion)}`;
  if (r.subresource) out += `,"subresource":${rstr(r.subresource)}`;
  return `{${out.slice(1)}}`;
}

function detailsJson(d: StatusDetails): string {
  let out = '';
  if (d.name) out += `,"name":${str(d.name)}`;
  if (d.group) out += `,"group":${str(d.group)}`;
  if (d.kind) out += `,"kind":${str(d.kind)}`;
  if (d.uid) out += `,"uid":${str(d.uid)}`;
  if (d.causes && d.causes.length > 0) {
    let causes = '';
    for (const c of d.causes) {
      let cause = '';
      if (c.reason) cause += `,"reason":${str(c.reason)}`;
      if (c.message) cause += `,"message":${str(c.message)}`;
      if (c.field) cause += `,"field":${str(c.field)}`;
      causes += `,{${cause.slice(1)}}`;
    }
    out += `,"causes":[${causes.slice(1)}]`;
  }
  if (d.retryAfterSeconds) out += `,"retryAfterSeconds":${d.retryAfterSeconds}`;
  return `{${out.slice(1)}}`;
}

// `,"responseStatus":{"metadata":{},"code":200}`: most statuses are a bare code.
const bareStatus = new Map<number, string>();

function statusMember(s: ResponseStatus): string {
  let code = 0;
  let status: string | undefined;
  let message: string | undefined;
  let reason: string | undefined;
  let details: StatusDetails | undefined;
  for (const k in s) {
    switch (k) {
      case 'code': code = s.code; break;
      case 'status': status = s.status; break;
      case 'message': message = s.message; break;
      case 'reason': reason = s.reason; break;
      case 'details': details = s.details; break;
    }
  }
  if (!status && !message && !reason && !details) {
    const known = bareStatus.get(code);
    if (known !== undefined) return known;
    const out = code ? `,"responseStatus":{"metadata":{},"code":${code}}` : ',"responseStatus":{"metadata":{}}';
    if (bareStatus.size < 256) bareStatus.set(code, flat(out));
    return out;
  }
  let out = ',"responseStatus":{"metadata":{}';
  if (status) out += `,"status":${rstr(status)}`;
  if (message) out += `,"message":${str(message)}`;
  if (reason) out += `,"reason":${rstr(reason)}`;
  if (details) out += `,"details":${detailsJson(details)}`;
  if (code) out += `,"code":${code}`;
  return `${out}}`;
}

/**
 * The end of an event after the stage timestamp: its closing quote, the annotations and the closing
 * brace (and newline, for a log line). Annotation sets recur (the authorizer's decision and reason for
 * a binding, PodSecurity's policy): remembered by their last value, and used again when every key and
 * value matches in order.
 */
interface KnownAnnotations {
  keys: string[];
  values: string[];
  lineEnd: string;
  itemEnd: string;
}
const annotationSets = new Map<string, KnownAnnotations>();
const NO_ANNOTATIONS: KnownAnnotations = { keys: [], values: [], lineEnd: '"}\n', itemEnd: '"}' };

function eventEnd(m: Record<string, string> | undefined): KnownAnnotations {
  if (m === undefined) return NO_ANNOTATIONS;
  let last: string | undefined;
  for (const k in m) last = m[k];
  if (last === undefined) return NO_ANNOTATIONS;
  const known = annotationSets.get(last);
  if (known !== undefined) {
    let i = 0;
    let same = true;
    for (const k in m) {
      if (i >= known.keys.length || known.keys[i] !== k || known.values[i] !== m[k]) {
        same = false;
        break;
      }
      i++;
    }
    if (same && i === known.keys.length) return known;
  }
  const keys = goSortedKeys(m);
  let json = `","annotations":{${rstr(keys[0])}:${rstr(m[keys[0]])}`;
  for (let i = 1; i < keys.length; i++) json += `,${rstr(keys[i])}:${rstr(m[keys[i]])}`;
  const order = Object.keys(m);
  const end: KnownAnnotations = { keys: order, values: order.map((k) => m[k]), lineEnd: flat(`${json}}}\n`), itemEnd: flat(`${json}}}`) };
  if (!lineHasNonAscii() && last.length <= 1024) {
    if (annotationSets.size >= 1024) annotationSets.clear();
    annotationSets.set(last, end);
  }
  return end;
}

// `,"requestReceivedTimestamp":"…","stageTimestamp":"` for the request's received time: a request's
// events share it.
let receivedFor = '';
let receivedMember = '';

function timestampsMember(received: string): string {
  if (received !== receivedFor) {
    receivedMember = `,"requestReceivedTimestamp":"${received}","stageTimestamp":"`;
    receivedFor = received;
  }
  return receivedMember;
}

// `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"` (log lines) or
// `{"level":"Metadata","auditID":"` (webhook items), and `","stage":"ResponseComplete","requestURI":`,
// so an audit ID that needs no escaping goes between them as it is.
const LINE_HEAD = '{"kind":"Event","apiVersion":"audit.k8s.io/v1",';
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const LINE_START: Record<string, string> = {};
const ITEM_START: Record<string, string> = {};
const STAGE_FIELD: Record<string, string> = {};
for (const level of LEVELS) LINE_START[level] = flat(`${LINE_HEAD}"level":"${level}","auditID":"`);
for (const level of LEVELS) ITEM_START[level] = flat(`{"level":"${level}","auditID":"`);
for (const stage of ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']) STAGE_FIELD[stage] = flat(`","stage":"${stage}","requestURI":`);

/** The event as one JSON object, members in the key order of §3.1 (omitempty as Go applies it). */
function eventJson(ev: AuditEvent, line: boolean): string {
  // level and stage are enum words; the timestamps are the engine's own RFC 3339 text.
  const start = (line ? LINE_START : ITEM_START)[ev.level] ?? `${line ? LINE_HEAD : '{'}"level":"${ev.level}","auditID":"`;
  const stageField = STAGE_FIELD[ev.stage] ?? `","stage":"${ev.stage}","requestURI":`;
  let out = jsonSafe(ev.auditID) ? start + ev.auditID + stageField : start.slice(0, -1) + str(ev.auditID) + stageField.slice(1);
  out += clientPartJson(ev);
  if (ev.responseStatus) out += statusMember(ev.responseStatus);
  if (ev.requestObject !== undefined) out += `,"requestObject":${bodyJson(ev.requestObject)}`;
  if (ev.responseObject !== undefined) out += `,"responseObject":${bodyJson(ev.responseObject)}`;
  const end = eventEnd(ev.annotations);
  return out + timestampsMember(ev.requestReceivedTimestamp) + ev.stageTimestamp + (line ? end.lineEnd : end.itemEnd);
}

/** One line of the `json` log format, newline included. */
export function formatEventJson(ev: AuditEvent): string {
  return eventJson(ev, true);
}

/** An item of a webhook EventList: the event without kind and apiVersion. */
export function webhookItemJson(ev: AuditEvent): string {
  return eventJson(ev, false);
}
