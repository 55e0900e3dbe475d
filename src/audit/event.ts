// Builds the audit.k8s.io/v1 Events one request produces (filters/audit.go, audit/request.go):
// which stages are written, what each stage holds at the request's level.

import type { SimNs } from '../core/time';
import { microTime, nanoTime } from './event-time';
import { authenticationFailedMessage, authorizationAnnotations, type AuthMethod, type AuthorizationOutcome, type ResponseStatus } from './annotations';
import type { AuditDecision, RequestAttributes } from './checker';
import { type AuditLevel, type AuditStage, type AuditUser, type JsonValue } from './types';

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

const LONG_RUNNING_SUBRESOURCES = ['attach', 'exec', 'proxy', 'log', 'portforward'];

/** kube-apiserver's long-running check: these get a ResponseStarted event. */
export function isLongRunning(info: Pick<AuditRequestInfo, 'verb' | 'objectRef' | 'requestURI'>): boolean {
  if (info.verb === 'watch' || info.verb === 'proxy') return true;
  const sub = info.objectRef?.subresource;
  if (sub && LONG_RUNNING_SUBRESOURCES.includes(sub)) return true;
  // The prefix holds no '?', so testing the whole URI is testing its path.
  return info.requestURI.startsWith('/debug/pprof/');
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

const STAGES_AUTH_FAILED: readonly AuditStage[] = ['ResponseStarted'];
const STAGES_PANIC: readonly AuditStage[] = ['RequestReceived', 'Panic'];
const STAGES_LONG_RUNNING: readonly AuditStage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete'];
const STAGES_NORMAL: readonly AuditStage[] = ['RequestReceived', 'ResponseComplete'];

function stagesFor(info: AuditRequestInfo): readonly AuditStage[] {
  const outcome = info.outcome;
  if (outcome !== undefined && outcome.kind === 'authenticationFailed') return STAGES_AUTH_FAILED;
  if (outcome !== undefined && outcome.kind === 'panic') return STAGES_PANIC;
  const longRunning = info.longRunning ?? isLongRunning(info);
  return longRunning ? STAGES_LONG_RUNNING : STAGES_NORMAL;
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

/** A non-empty string field of a body's metadata, if any. */
const metaString = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** LogRequestObject fills empty objectRef fields from the body's metadata (patches are not decoded). */
function completedObjectRef(info: AuditRequestInfo): AuditObjectRef | undefined {
  const ref = info.objectRef;
  if (ref === undefined || info.requestObject === undefined || info.verb === 'patch') return ref;
  const meta = metadataOf(info.requestObject);
  if (meta === null) return ref;
  const namespace = ref.namespace ? undefined : metaString(meta.namespace);
  const name = ref.name ? undefined : metaString(meta.name);
  const uid = ref.uid ? undefined : metaString(meta.uid);
  const resourceVersion = ref.resourceVersion ? undefined : metaString(meta.resourceVersion);
  if (namespace === undefined && name === undefined && uid === undefined && resourceVersion === undefined) return ref;
  // Copied field by field: spreading objectRefs, which come in many shapes, takes V8's slow path.
  const out: AuditObjectRef = {
    resource: ref.resource,
    namespace: ref.namespace,
    name: ref.name,
    uid: ref.uid,
    apiGroup: ref.apiGroup,
    apiVersion: ref.apiVersion,
    resourceVersion: ref.resourceVersion,
    subresource: ref.subresource,
  };
  if (namespace !== undefined) out.namespace = namespace;
  if (name !== undefined) out.name = name;
  if (uid !== undefined) out.uid = uid;
  if (resourceVersion !== undefined) out.resourceVersion = resourceVersion;
  return out;
}

/** The annotations added after RequestReceived: the authorizer's, then the other filters'. */
function lateAnnotations(info: AuditRequestInfo): Record<string, string> | undefined {
  const extra = info.annotations;
  const authz = info.authorization;
  if (authz === undefined) {
    return extra !== undefined && Object.keys(extra).length > 0 ? { ...extra } : undefined;
  }
  // authorizationAnnotations's keys, written out: a literal with constant keys is built from a template
  // (computed keys are not), and every audited request makes one.
  const out: Record<string, string> =
    authz.decision === 'error'
      ? authorizationAnnotations(authz)
      : { 'authorization.k8s.io/decision': authz.decision, 'authorization.k8s.io/reason': authz.reason };
  if (extra !== undefined) for (const k in extra) out[k] = extra[k];
  return out;
}

/**
 * The events written for a request under `decision`, in order, omitted stages left out. Events share
 * the request's objects (user, sourceIPs, objectRef, bodies, status) rather than copies: read them,
 * replace a field if you must, never change one in place.
 */
export function buildAuditEvents(info: AuditRequestInfo, decision: AuditDecision, only?: AuditStage): AuditEvent[] {
  if (decision.level === 'None') return [];
  const { epochMs } = info.times;
  const outcome = info.outcome;
  const authFailed = outcome !== undefined && outcome.kind === 'authenticationFailed';
  const level = decision.level;
  const received = microTime(epochMs, info.times.received);
  const receivedNano = nanoTime(epochMs, info.times.received);
  const userAgent = info.userAgent.length > MAX_USER_AGENT ? truncateUserAgent(info.userAgent) : info.userAgent || undefined;
  const user: Partial<AuditUser> = info.user === null ? {} : info.user;
  const sourceIPs = info.sourceIPs.length > 0 ? info.sourceIPs : undefined;
  const withRequestObject = !authFailed && (level === 'Request' || level === 'RequestResponse') && info.requestObject !== undefined;
  const withResponseObject = !authFailed && level === 'RequestResponse' && info.objectRef !== undefined && info.responseObject !== undefined;
  // Worked out once for the request, on the first stage that needs them.
  let lateRef: AuditObjectRef | undefined | null = null;
  let requestObject: JsonValue | undefined;
  let responseObject: JsonValue | undefined;
  let annotations: Record<string, string> | undefined | null = null;
  let events: AuditEvent[] | null = null;

  const stages = stagesFor(info);
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s];
    // A live API server records one stage at a time (`only`); the rest need not be built.
    if (only !== undefined && stage !== only) continue;
    if (decision.omitStages.length > 0 && decision.omitStages.includes(stage)) continue;
    const early = stage === 'RequestReceived';
    let objectRef = info.objectRef;
    if (!early && !authFailed) {
      if (lateRef === null) lateRef = completedObjectRef(info);
      objectRef = lateRef;
    }
    // One object shape for every event (absent fields undefined), in the JSON key order of §3.1.
    const ev: AuditEvent = {
      level,
      auditID: info.auditID,
      stage,
      requestURI: info.requestURI,
      verb: info.verb,
      user,
      impersonatedUser: early ? undefined : info.impersonatedUser,
      sourceIPs,
      userAgent,
      objectRef,
      responseStatus: undefined,
      requestObject: undefined,
      responseObject: undefined,
      requestReceivedTimestamp: received,
      stageTimestamp: received,
      annotations: undefined,
      receivedNano,
    };

    if (stage === 'ResponseStarted') {
      ev.stageTimestamp = microTime(epochMs, info.times.responseStarted ?? info.times.completed);
      if (authFailed) ev.responseStatus = { code: 401, message: authenticationFailedMessage(outcome.attempted) };
      else if (info.responseStatus === undefined) ev.responseStatus = CLOSED_EARLY;
      else if (info.startedCode === undefined || info.startedCode === info.responseStatus.code) ev.responseStatus = info.responseStatus;
      else ev.responseStatus = { ...info.responseStatus, code: info.startedCode };
    } else if (stage === 'ResponseComplete') {
      ev.stageTimestamp = microTime(epochMs, info.times.completed);
      ev.responseStatus = info.responseStatus ?? CLOSED_EARLY;
    } else if (stage === 'Panic') {
      ev.stageTimestamp = microTime(epochMs, info.times.completed);
      const message = outcome !== undefined && outcome.kind === 'panic' ? outcome.message : '';
      ev.responseStatus = { code: 500, status: 'Failure', reason: 'InternalError', message: `APIServer panic'd: ${message}` };
    }

    if (!early && !authFailed) {
      if (withRequestObject) {
        requestObject ??= decision.omitManagedFields ? stripManagedFields(info.requestObject!) : info.requestObject;
        ev.requestObject = requestObject;
      }
      if (withResponseObject && stage !== 'ResponseStarted') {
        responseObject ??= decision.omitManagedFields ? stripManagedFields(info.responseObject!) : info.responseObject;
        ev.responseObject = responseObject;
      }
      if (annotations === null) annotations = lateAnnotations(info);
      ev.annotations = annotations;
    }
    // Most requests log one event: an array of exactly one, grown only for long-running requests.
    if (events === null) events = [ev];
    else events.push(ev);
  }
  return events ?? [];
}

/** A random UUIDv4 for the Audit-ID, from a seeded source of hex digits. */
export function newAuditID(hex: (len: number) => string): string {
  const h = hex(32);
  const variant = '89ab'[parseInt(h[16], 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
