// The API server's request and response shapes, user identity, and the audit hook it calls per stage.

import type { AuditObjectRef } from '../../audit';
import type { InputStream, OutputStream } from '../../core/stream';
import type { JsonObject, JsonValue } from '../types';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What the client presented: a client certificate (PEM text or base64 of it), a bearer token, or nothing. */
export interface Credentials {
  clientCertificate?: string;
  token?: string;
  /** In-process identity of cluster components (kubelet, scheduler): trusted like a loopback client. */
  component?: UserInfo;
  /** Impersonate-User / Impersonate-Group / Impersonate-Uid headers (`kubectl --as`, `--as-group`, `--as-uid`). */
  impersonate?: Impersonation;
}

/** Who the client asks to act as; the impersonation filter checks the `impersonate` verb for each part. */
export interface Impersonation {
  user: string;
  groups: string[];
  uid?: string;
}

/** Streams of a long-running request (exec, attach, log -f). */
export interface StreamIO {
  stdin: InputStream | null;
  stdout: OutputStream;
  stderr: OutputStream;
  tty: boolean;
  signal: AbortSignal;
  /** The caller's terminal session drives it (headless sleeps of exec'd processes advance the clock). */
  interactive?: boolean;
}

export interface ApiRequest {
  verb: Verb;
  /** Path and query exactly as sent: `/api/v1/namespaces/default/pods?fieldManager=kubectl-run`. */
  uri: string;
  credentials: Credentials;
  userAgent: string;
  sourceIP: string;
  /** Decoded JSON body for create/update/patch/delete. */
  body?: JsonValue;
  /** Content type of a patch body. */
  patchType?: 'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/json-patch+json';
  /** For exec/attach and followed logs. */
  stream?: StreamIO;
  /**
   * The Accept header. `application/json;as=Table;v=v1;g=meta.k8s.io,…` (kubectl get's human output)
   * makes get and list answer with a meta.k8s.io/v1 Table; absent means plain JSON objects.
   */
  accept?: string;
}

export interface ApiResponse {
  /** HTTP status: 200, 201, 101 (exec), 4xx/5xx. */
  code: number;
  /** An object, a list, or a Status. */
  body: JsonValue;
  /** `Warning:` headers kubectl prints. */
  warnings?: string[];
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** metav1.Status; `message`, `reason` and `details` are optional keys of the JSON object. */
export type Status = JsonObject & {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: JsonObject;
  status: 'Success' | 'Failure';
  code: number;
};

export function statusMessage(s: Status): string {
  return typeof s.message === 'string' ? s.message : '';
}

export function statusReason(s: Status): string {
  return typeof s.reason === 'string' ? s.reason : '';
}

export function isStatus(v: JsonValue): v is Status {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'Status';
}

// ---------------------------------------------------------------- audit hook

/** The audit `objectRef` of a resource request (all keys omitted when empty): the audit engine's own type. */
export type { AuditObjectRef };

/** Everything the audit filter knows when a request arrives (stage RequestReceived). */
export interface AuditRequestInfo {
  auditID: string;
  requestURI: string;
  verb: string;
  /** null when authentication failed (`user: {}`). */
  user: UserInfo | null;
  /** Who the request acts as (`--as`): set once the impersonation filter allowed it, so only on later stages. */
  impersonatedUser?: UserInfo;
  sourceIPs: string[];
  userAgent: string;
  /** Absent for non-resource requests (`/readyz`). */
  objectRef?: AuditObjectRef;
  /** True for non-resource URLs. */
  nonResource: boolean;
  /** Path without the query (what nonResourceURLs rules compare). */
  path: string;
  /** The body as sent (patches raw), when there is one. */
  requestObject?: JsonValue;
  /** watch, exec, attach, log, proxy, portforward: these get a ResponseStarted stage. */
  longRunning: boolean;
  /** RFC 3339 with microseconds. */
  requestReceivedTimestamp: string;
}

export interface AuditResponseStatus extends JsonObject {
  metadata: JsonObject;
  code: number;
}

/** A later stage: the request plus its outcome. */
export interface AuditStageInfo extends AuditRequestInfo {
  stage: 'ResponseStarted' | 'ResponseComplete' | 'Panic';
  stageTimestamp: string;
  responseStatus: AuditResponseStatus;
  responseObject?: JsonValue;
  /** authorization.k8s.io/decision and /reason, pod-security.kubernetes.io/… */
  annotations: Record<string, string>;
}

/**
 * Called by the request pipeline; the audit engine decides levels, omitted stages and backends.
 * onRequest runs right after authentication (RequestReceived). Long-running requests (exec, log,
 * watch) also get onResponseStarted; every request ends with onComplete (ResponseComplete, or Panic).
 * A request that fails authentication produces only onResponseStarted, with user null and code 401.
 */
export interface AuditHook {
  onRequest(info: AuditRequestInfo): void;
  onResponseStarted(info: AuditStageInfo): void;
  onComplete(info: AuditStageInfo): void;
}
