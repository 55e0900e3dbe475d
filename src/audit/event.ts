// Builds the audit.k8s.io/v1 Events one request produces (filters/audit.go, audit/request.go):
// which stages are written, what each stage holds at the request's level.

import { NS_PER_S, type SimNs } from '../core/time';
import { authenticationFailedMessage, authorizationAnnotations, type AuthMethod, type AuthorizationOutcome, type ResponseStatus } from './annotations';
import type { AuditDecision, RequestAttributes } from './checker';
import { levelLess, type AuditLevel, type AuditStage, type AuditUser, type JsonValue } from './types';

/** ObjectReference of an event; every field is omitempty. */
export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/** What the API server knows about one request, handed to the audit engine. Pure data. */
export interface AuditRequestInfo {
  /** From the Audit-ID header or a fresh UUID (see newAuditID). */
  auditID: string;
  verb: string;
  /** Path and query as sent, e.g. `/api/v1/namespaces/default/pods?fieldManager=kubectl-run`. */
  requestURI: string;
  /** The authenticated user; null when authentication failed. */
  user: AuditUser | null;
  impersonatedUser?: AuditUser;
  sourceIPs: string[];
  userAgent: string;
  /** From the URL (RequestInfo), absent for non-resource requests; a create has no name here. */
  objectRef?: AuditObjectRef;
  /** The decoded body (create, update, delete with options), or the raw patch for patch. */
  requestObject?: JsonValue;
  /** What the handler returned (resource requests), e.g. the stored object or a meta.k8s.io/v1 Table. */
  responseObject?: JsonValue;
  /** Absent only when the response was never written ("Connection closed early"). */
  responseStatus?: ResponseStatus;
  /** Status code at ResponseStarted for long-running requests (101 for exec/attach/portforward). */
  startedCode?: number;
  authorization?: AuthorizationOutcome;
  /** Other annotations added after RequestReceived (pod-security.kubernetes.io/…). */
  annotations?: Record<string, string>;
  /** How the request ended; default `complete`. */
  outcome?: { kind: 'complete' } | { kind: 'panic'; message: string } | { kind: 'authenticationFailed'; attempted: AuthMethod[] };
  /** Override the long-running classification (default: derived from verb, subresource and path). */
  longRunning?: boolean;
  times: { epochMs: number; received: SimNs; responseStarted?: SimNs; completed: SimNs };
}

/** An audit event before serialisation. Field order here is the JSON key order. */
export interface AuditEvent {
  level: AuditLevel;
  auditID: string;
  stage: AuditStage;
  requestURI: string;
  verb: string;
  /** `{}` when authentication failed. */
  user: Partial<AuditUser>;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus?: ResponseStatus;
  requestObject?: JsonValue;
  responseObject?: JsonValue;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
  /** RFC3339Nano received time: only the legacy format prints it. Not serialised. */
  receivedNano: string;
}

const MAX_USER_AGENT = 1024;

/** maybeTruncateUserAgent. */
export function truncateUserAgent(ua: string): string {
  return ua.length > MAX_USER_AGENT ? `${ua.slice(0, MAX_USER_AGENT)}...TRUNCATED` : ua;
}

const LONG_RUNNING_VERBS = ['watch', 'proxy'];
const LONG_RUNNING_SUBRESOURCES = ['attach', 'exec', 'proxy', 'log', 'portforward'];

/** kube-apiserver's long-running check: these get a ResponseStarted event. */
export function isLongRunning(info: Pick<AuditRequestInfo, 'verb' | 'objectRef' | 'requestURI'>): boolean {
  if (LONG_RUNNING_VERBS.includes(info.verb)) return true;
  if (info.objectRef?.subresource && LONG_RUNNING_SUBRESOURCES.includes(info.objectRef.subresource)) return true;
  return requestPath(info.requestURI).startsWith('/debug/pprof/');
}

export function requestPath(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}

/** The checker's view of a request. */
export function requestAttributesOf(info: AuditRequestInfo): RequestAttributes {
  const user = info.user === null ? null : { username: info.user.username, groups: info.user.groups };
  if (info.objectRef === undefined) return { user, verb: info.verb, resourceRequest: false, path: requestPath(info.requestURI) };
  const ref = info.objectRef;
  return {
    user,
    verb: info.verb,
    resourceRequest: true,
    namespace: ref.namespace ?? '',
    apiGroup: ref.apiGroup ?? '',
    resource: ref.resource ?? '',
    subresource: ref.subresource ?? '',
    name: ref.name ?? '',
  };
}

/** An instant as whole epoch seconds and nanoseconds, as wallTime splits it (no Date per event). */
function splitInstant(epochMs: number, t: SimNs): { secs: number; ns: number } {
  const epochSecs = Math.floor(epochMs / 1000);
  const sum = (epochMs - epochSecs * 1000) * 1_000_000 + (t % NS_PER_S);
  const carry = Math.floor(sum / NS_PER_S);
  return { secs: epochSecs + Math.trunc(t / NS_PER_S) + carry, ns: sum - carry * NS_PER_S };
}

// Events of one request (and of neighbouring requests) fall in the same second: keep its text.
let cachedSecond = Number.NaN;
let cachedPrefix = '';
function secondPrefix(secs: number): string {
  if (secs !== cachedSecond) {
    cachedPrefix = new Date(secs * 1000).toISOString().slice(0, 19);
    cachedSecond = secs;
  }
  return cachedPrefix;
}

/** RFC3339Nano (Go trims trailing zeros of the fraction). */
function rfc3339Nano(epochMs: number, t: SimNs): string {
  const { secs, ns } = splitInstant(epochMs, t);
  if (ns === 0) return `${secondPrefix(secs)}Z`;
  return `${secondPrefix(secs)}.${String(ns).padStart(9, '0').replace(/0+$/, '')}Z`;
}

/** metav1.MicroTime: exactly six fraction digits. */
function stamp(epochMs: number, t: SimNs): string {
  const { secs, ns } = splitInstant(epochMs, t);
  return `${secondPrefix(secs)}.${String(Math.floor(ns / 1000)).padStart(6, '0')}Z`;
}

function stagesFor(info: AuditRequestInfo): AuditStage[] {
  const outcome = info.outcome ?? { kind: 'complete' };
  if (outcome.kind === 'authenticationFailed') return ['ResponseStarted'];
  if (outcome.kind === 'panic') return ['RequestReceived', 'Panic'];
  const longRunning = info.longRunning ?? isLongRunning(info);
  return longRunning ? ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] : ['RequestReceived', 'ResponseComplete'];
}

const CLOSED_EARLY: ResponseStatus = { code: 200, status: 'Success', message: 'Connection closed early' };

function stripManagedFields(v: JsonValue): JsonValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: { [k: string]: JsonValue } = { ...v };
  const meta = out.metadata;
  if (meta !== null && typeof meta === 'object' && !Array.isArray(meta) && 'managedFields' in meta) {
    const rest = { ...meta };
    delete rest.managedFields;
    out.metadata = rest;
  }
  if (Array.isArray(out.items)) out.items = out.items.map(stripManagedFields);
  return out;
}

function metadataOf(v: JsonValue | undefined): Record<string, JsonValue> | null {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return null;
  const m = v.metadata;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? m : null;
}

const REF_FROM_BODY = ['namespace', 'name', 'uid', 'resourceVersion'] as const;

/** LogRequestObject fills empty objectRef fields from the body's metadata (patches are not decoded). */
function completedObjectRef(info: AuditRequestInfo): AuditObjectRef | undefined {
  if (info.objectRef === undefined) return undefined;
  const ref = { ...info.objectRef };
  const meta = info.verb === 'patch' ? null : metadataOf(info.requestObject);
  if (meta !== null) {
    for (const key of REF_FROM_BODY) {
      const v = meta[key];
      if (!ref[key] && typeof v === 'string' && v !== '') ref[key] = v;
    }
  }
  return ref;
}

/** The events written for a request under `decision`, in order, omitted stages left out. */
export function buildAuditEvents(info: AuditRequestInfo, decision: AuditDecision): AuditEvent[] {
  if (decision.level === 'None') return [];
  const { epochMs } = info.times;
  const outcome = info.outcome ?? { kind: 'complete' };
  const level = decision.level;
  const received = stamp(epochMs, info.times.received);
  const receivedNano = rfc3339Nano(epochMs, info.times.received);
  const userAgent = truncateUserAgent(info.userAgent);
  const events: AuditEvent[] = [];

  for (const stage of stagesFor(info)) {
    if (decision.omitStages.includes(stage)) continue;
    const early = stage === 'RequestReceived';
    const authFailed = outcome.kind === 'authenticationFailed';
    const ev: AuditEvent = {
      level,
      auditID: info.auditID,
      stage,
      requestURI: info.requestURI,
      verb: info.verb,
      user: info.user === null ? {} : { ...info.user },
      requestReceivedTimestamp: received,
      stageTimestamp: received,
      receivedNano,
    };
    if (!early && info.impersonatedUser) ev.impersonatedUser = info.impersonatedUser;
    if (info.sourceIPs.length > 0) ev.sourceIPs = [...info.sourceIPs];
    if (userAgent !== '') ev.userAgent = userAgent;
    const ref = early || authFailed ? info.objectRef && { ...info.objectRef } : completedObjectRef(info);
    if (ref !== undefined) ev.objectRef = ref;

    if (stage === 'ResponseStarted') {
      ev.stageTimestamp = stamp(epochMs, info.times.responseStarted ?? info.times.completed);
      if (authFailed) ev.responseStatus = { code: 401, message: authenticationFailedMessage(outcome.attempted) };
      else if (info.responseStatus === undefined) ev.responseStatus = CLOSED_EARLY;
      else ev.responseStatus = { ...info.responseStatus, code: info.startedCode ?? info.responseStatus.code };
    } else if (stage === 'ResponseComplete') {
      ev.stageTimestamp = stamp(epochMs, info.times.completed);
      ev.responseStatus = info.responseStatus ?? CLOSED_EARLY;
    } else if (stage === 'Panic') {
      ev.stageTimestamp = stamp(epochMs, info.times.completed);
      const message = outcome.kind === 'panic' ? outcome.message : '';
      ev.responseStatus = { code: 500, status: 'Failure', reason: 'InternalError', message: `APIServer panic'd: ${message}` };
    }

    if (!early && !authFailed) {
      if (!levelLess(level, 'Request') && info.requestObject !== undefined) {
        ev.requestObject = decision.omitManagedFields ? stripManagedFields(info.requestObject) : info.requestObject;
      }
      const resourceRequest = info.objectRef !== undefined;
      if (!levelLess(level, 'RequestResponse') && resourceRequest && info.responseObject !== undefined && stage !== 'ResponseStarted') {
        ev.responseObject = decision.omitManagedFields ? stripManagedFields(info.responseObject) : info.responseObject;
      }
      const annotations = {
        ...(info.authorization ? authorizationAnnotations(info.authorization) : {}),
        ...(info.annotations ?? {}),
      };
      if (Object.keys(annotations).length > 0) ev.annotations = annotations;
    }
    events.push(ev);
  }
  return events;
}

/** A random UUIDv4 for the Audit-ID, from a seeded source of hex digits. */
export function newAuditID(hex: (len: number) => string): string {
  const h = hex(32);
  const variant = '89ab'[parseInt(h[16], 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
