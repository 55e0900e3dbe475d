// The serving kube-apiserver's audit filter and backends: for each request the API server pipeline
// reports (src/kube/apiserver AuditHook), decide the level once at RequestReceived, build each stage's
// event with the audit engine, and write it through the log backend (lumberjack rotation) into the
// container's files, or to its stdout for `--audit-log-path=-`; optionally hand events to a webhook.

import {
  buildAuditEvents,
  evaluateRequest,
  logBackendEnabled,
  newAuditID,
  newLumberjackState,
  processLogEvents,
  webhookBackendEnabled,
  type ApiServerAuditConfig,
  type AuditDecision,
  type AuditEvent,
  type AuditLogFs,
  type AuditPolicy,
  type AuditRequestInfo as EngineRequestInfo,
  type AuditStage,
  type Clock,
  type JsonValue,
  type LumberjackState,
  type ResponseStatus,
  type StatusDetails,
} from '../../audit';
import type { AuditHook, AuditRequestInfo, AuditResponseStatus, AuditStageInfo } from '../apiserver/types';
import { klogLine } from './klog';

export interface AuditSinkOptions {
  /** The --audit-* configuration the process started with. */
  config: ApiServerAuditConfig;
  /** The policy it loaded (required: without one nothing is audited, see auditSinkFor). */
  policy: AuditPolicy;
  /** The apiserver container's files (vfsAuditLogFs over its mount table). */
  logFs: AuditLogFs;
  /** The process's standard output (`--audit-log-path=-`). */
  stdout(text: string): void;
  /** One klog entry on the process's standard error (audit plugin errors), without a final newline. */
  stderr(entry: string): void;
  /** Simulated now, for rotation names, clean-up ages and klog headers. */
  clock(): Clock;
  /** Random hex digits (the kernel's seeded Random) for requests that arrive without an audit ID. */
  hex?(len: number): string;
  /** lumberjack's open/size state; pass the same object across restarts of the sink to keep it. */
  lumberjack?: LumberjackState;
  /** Process id in klog headers (1 inside the container). */
  pid?: number;
  /** Webhook backend: receives every event when --audit-webhook-config-file is set. */
  webhook?(events: AuditEvent[]): void;
}

/** An AuditHook with the writes it made observable. onRequest is false when a blocking-strict write failed. */
export interface AuditSink extends AuditHook {
  onRequest(info: AuditRequestInfo): boolean;
  readonly lumberjack: LumberjackState;
  /** Requests seen but not yet completed (their decision is kept until onComplete). */
  pendingRequests(): number;
}

const MAX_PENDING = 4096;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toDetails(d: Record<string, unknown>): StatusDetails {
  const out: StatusDetails = {};
  for (const k of ['name', 'group', 'kind', 'uid'] as const) {
    const v = optStr(d[k]);
    if (v !== undefined) out[k] = v;
  }
  if (Array.isArray(d.causes)) {
    out.causes = d.causes.filter(isObject).map((c) => {
      const cause: { reason?: string; message?: string; field?: string } = {};
      for (const k of ['reason', 'message', 'field'] as const) {
        const v = optStr(c[k]);
        if (v !== undefined) cause[k] = v;
      }
      return cause;
    });
  }
  if (typeof d.retryAfterSeconds === 'number') out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

/** The pipeline's responseStatus (a JSON object) as the engine's typed status. */
export function responseStatusOf(s: AuditResponseStatus): ResponseStatus {
  const out: ResponseStatus = { code: s.code };
  const status = optStr(s.status);
  const message = optStr(s.message);
  const reason = optStr(s.reason);
  if (status !== undefined) out.status = status;
  if (message !== undefined) out.message = message;
  if (reason !== undefined) out.reason = reason;
  if (isObject(s.details)) out.details = toDetails(s.details);
  return out;
}

/** RFC3339Nano of a received time known to the microsecond: Go trims the fraction's trailing zeros. */
function nanoOf(micro: string): string {
  return micro.replace(/\.(\d*?)0+Z$/, (_m, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}

const PANIC_PREFIX = "APIServer panic'd: ";

/** The engine's view of the request as the pipeline reports it at one stage. */
function engineInfoOf(h: AuditRequestInfo | AuditStageInfo, auditID: string): EngineRequestInfo {
  const info: EngineRequestInfo = {
    auditID,
    verb: h.verb,
    requestURI: h.requestURI,
    user: h.user === null ? null : { ...h.user },
    sourceIPs: [...h.sourceIPs],
    userAgent: h.userAgent,
    longRunning: h.longRunning,
    times: { epochMs: 0, received: 0, completed: 0 },
  };
  if (h.impersonatedUser) info.impersonatedUser = { ...h.impersonatedUser, groups: [...(h.impersonatedUser.groups ?? [])] };
  if (h.objectRef !== undefined) info.objectRef = { ...h.objectRef };
  if (h.requestObject !== undefined) info.requestObject = h.requestObject as JsonValue;
  if ('stage' in h) {
    info.responseStatus = responseStatusOf(h.responseStatus);
    if (h.responseObject !== undefined) info.responseObject = h.responseObject as JsonValue;
    if (Object.keys(h.annotations).length > 0) info.annotations = { ...h.annotations };
    if (h.stage === 'ResponseStarted') {
      info.startedCode = h.responseStatus.code;
      info.longRunning = true;
      if (h.user === null && h.responseStatus.code === 401) info.outcome = { kind: 'authenticationFailed', attempted: [] };
    }
    if (h.stage === 'Panic') {
      const msg = info.responseStatus.message ?? '';
      info.outcome = { kind: 'panic', message: msg.startsWith(PANIC_PREFIX) ? msg.slice(PANIC_PREFIX.length) : msg };
    }
  }
  return info;
}

class PolicyAuditSink implements AuditSink {
  readonly lumberjack: LumberjackState;
  private readonly decisions = new Map<string, AuditDecision>();
  private readonly logOn: boolean;
  private readonly webhookOn: boolean;

  constructor(private readonly o: AuditSinkOptions) {
    this.lumberjack = o.lumberjack ?? newLumberjackState();
    this.logOn = logBackendEnabled(o.config);
    this.webhookOn = webhookBackendEnabled(o.config) && o.webhook !== undefined;
  }

  pendingRequests(): number {
    return this.decisions.size;
  }

  private idOf(h: AuditRequestInfo): string {
    if (h.auditID !== '') return h.auditID;
    return this.o.hex ? newAuditID(this.o.hex) : '00000000-0000-4000-8000-000000000000';
  }

  /** The request's level is decided once, from what was known when it arrived. */
  private decide(h: AuditRequestInfo, id: string): AuditDecision {
    const known = this.decisions.get(id);
    if (known) return known;
    const decision = evaluateRequest(this.o.policy, engineInfoOf(h, id));
    if (this.decisions.size >= MAX_PENDING) this.decisions.delete(this.decisions.keys().next().value!);
    this.decisions.set(id, decision);
    return decision;
  }

  private eventFor(h: AuditRequestInfo | AuditStageInfo, id: string, stage: AuditStage, decision: AuditDecision): AuditEvent | null {
    const ev = buildAuditEvents(engineInfoOf(h, id), decision, stage)[0];
    if (!ev) return null;
    ev.requestReceivedTimestamp = h.requestReceivedTimestamp;
    ev.stageTimestamp = 'stageTimestamp' in h && stage !== 'RequestReceived' ? h.stageTimestamp : h.requestReceivedTimestamp;
    ev.receivedNano = nanoOf(h.requestReceivedTimestamp);
    // A failed authentication's 401 carries the authenticator's own message (which methods were tried).
    if (stage === 'ResponseStarted' && h.user === null && 'responseStatus' in h) ev.responseStatus = responseStatusOf(h.responseStatus);
    return ev;
  }

  private write(ev: AuditEvent | null): boolean {
    if (ev === null) return true;
    let ok = true;
    if (this.logOn) {
      const clock = this.o.clock();
      const r = processLogEvents({ fs: this.o.logFs, stdout: (t) => this.o.stdout(t), clock }, this.o.config.log, this.lumberjack, [ev]);
      for (const e of r.pluginErrors) this.o.stderr(klogLine('E', clock, 0, this.o.pid ?? 1, 'metrics.go:110', e.replace(/\n$/, '')));
      ok = r.ok;
    }
    if (this.webhookOn) this.o.webhook!([ev]);
    return ok;
  }

  onRequest(info: AuditRequestInfo): boolean {
    const id = this.idOf(info);
    const decision = this.decide(info, id);
    const ok = this.write(this.eventFor(info, id, 'RequestReceived', decision));
    // blocking-strict turns a failed RequestReceived write into a failed request; other modes ignore it.
    return ok || this.o.config.log.batch.mode !== 'blocking-strict';
  }

  onResponseStarted(info: AuditStageInfo): void {
    const id = this.idOf(info);
    const decision = this.decide(info, id);
    this.write(this.eventFor(info, id, 'ResponseStarted', decision));
    if (info.user === null) this.decisions.delete(id); // a failed authentication has no later stage
  }

  onComplete(info: AuditStageInfo): void {
    const id = this.idOf(info);
    const decision = this.decide(info, id);
    this.decisions.delete(id);
    this.write(this.eventFor(info, id, info.stage === 'Panic' ? 'Panic' : 'ResponseComplete', decision));
  }
}

/** The audit filter and backends of a serving kube-apiserver. */
export function createAuditSink(options: AuditSinkOptions): AuditSink {
  return new PolicyAuditSink(options);
}

/**
 * The hook to install on the API server (ApiServer.audit), or null when nothing can be audited: no
 * policy loaded, or no backend (upstream builds no audit filter then either).
 */
export function auditSinkFor(config: ApiServerAuditConfig, policy: AuditPolicy | undefined, rest: Omit<AuditSinkOptions, 'config' | 'policy'>): AuditSink | null {
  if (policy === undefined) return null;
  if (!logBackendEnabled(config) && !(webhookBackendEnabled(config) && rest.webhook)) return null;
  return createAuditSink({ ...rest, config, policy });
}
