// The API server's request pipeline: authentication → audit (RequestReceived) → authorization →
// handlers (admission, validation, store) → audit (ResponseStarted/ResponseComplete/Panic).

import type { Random } from '../../core/random';
import { rfc3339Micro, wallTime, NS_PER_MS, type SimNs } from '../../core/time';
import type { World } from '../../world/world';
import type { ObjectStore } from '../store';
import type { KubeState } from '../state';
import type { JsonObject, JsonValue } from '../types';
import { byResource } from '../resources';
import { uuid4 } from '../ids';
import { kubeTime } from '../timefmt';
import { authenticate, authorize, forbiddenReason, impersonate, type ImpersonationResult } from './auth';
import { handleResource, type HandlerEnv, type HandlerResult, type NodeConnector } from './handlers';
import { isLongRunning, parseRequestInfo, type RequestInfo } from './request-info';
import { auditRequestObject } from './request-object';
import { forbidden, internalError, notFoundPath, unauthorized } from './status';
import { isStatus, type ApiRequest, type ApiResponse, type AuditHook, type AuditObjectRef, type AuditRequestInfo, type AuditResponseStatus, type AuditStageInfo } from './types';

export interface ApiServerDeps {
  world: World;
  state: KubeState;
  store: ObjectStore;
  random: Random;
  connector: NodeConnector | null;
}

export const KUBE_VERSION = {
  major: '1',
  minor: '26',
  gitVersion: 'v1.26.1',
  gitCommit: '8f94681cd294aa8cfd3407b8191f6c70214973a4',
  gitTreeState: 'clean',
  buildDate: '2023-01-18T15:51:25Z',
  goVersion: 'go1.19.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export class ApiServer {
  /** Set by the serving kube-apiserver process from its flags; null means no auditing. */
  audit: AuditHook | null = null;

  constructor(private readonly deps: ApiServerDeps) {}

  private stamp(t: SimNs): string {
    return rfc3339Micro(wallTime(this.deps.world.clock.epochMs, t));
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const { world, store, random } = this.deps;
    const received = world.clock.now;
    const info = parseRequestInfo(req.uri, req.verb);
    const auditID = uuid4(random);
    const base: AuditRequestInfo = {
      auditID,
      requestURI: req.uri,
      verb: info.isResource ? info.verb : 'get',
      user: null,
      sourceIPs: [req.sourceIP],
      userAgent: req.userAgent.length > 1024 ? `${req.userAgent.slice(0, 1024)}...TRUNCATED` : req.userAgent,
      nonResource: !info.isResource,
      path: info.path,
      longRunning: isLongRunning(info),
      requestReceivedTimestamp: this.stamp(received),
    };
    if (!info.isResource && req.verb !== 'get' && req.verb !== 'list') base.verb = req.verb === 'create' ? 'post' : req.verb;
    if (info.isResource) base.objectRef = objectRefOf(info);
    if (req.body !== undefined && ['create', 'update', 'patch', 'delete'].includes(info.verb)) {
      const kind = info.isResource && !info.subresource ? byResource(info.resource, info.group)?.kind : undefined;
      base.requestObject = kind ? auditRequestObject(req.body, kind, info.verb) : req.body;
    }
    const latency = (1 + random.int(9)) * NS_PER_MS + random.int(1000) * 1000;
    const stageInfo = (code: number, status: JsonValue, annotations: Record<string, string>, stage: AuditStageInfo['stage'], extraNs = 0): AuditStageInfo => ({
      ...base,
      stage,
      stageTimestamp: this.stamp(world.clock.now + latency + extraNs),
      responseStatus: responseStatusOf(code, status),
      annotations,
    });

    const authn = authenticate(req.credentials, store);
    if (!authn.ok) {
      this.audit?.onResponseStarted({ ...stageInfo(401, null, {}, 'ResponseStarted'), responseStatus: { metadata: {}, message: authn.message, code: 401 } });
      return { code: 401, body: unauthorized() };
    }
    base.user = authn.user;
    this.audit?.onRequest(structuredClone(base));

    // Impersonation runs after the audit filter: the policy saw the authenticated user, events from
    // here on also carry the impersonated one, and authorization judges the impersonated one.
    let actor = authn.user;
    let impersonationDenied: ImpersonationResult | null = null;
    if (req.credentials.impersonate) {
      const imp = impersonate(authn.user, req.credentials.impersonate, store);
      if (imp.ok) {
        actor = imp.user;
        base.impersonatedUser = imp.user;
      } else impersonationDenied = imp;
    }
    const decision = impersonationDenied ? { allowed: false, reason: '' } : authorize(actor, info, store);
    const annotations: Record<string, string> = impersonationDenied ? {} : { 'authorization.k8s.io/decision': decision.allowed ? 'allow' : 'forbid', 'authorization.k8s.io/reason': decision.reason };
    let started = false;
    const finish = (r: HandlerResult): ApiResponse => {
      if (base.longRunning && !started) this.audit?.onResponseStarted(stageInfo(r.code, r.body, annotations, 'ResponseStarted'));
      if (r.object && base.objectRef) {
        base.objectRef.name ??= r.object.metadata.name;
        if (!base.objectRef.namespace && r.object.metadata.namespace && info.resource !== 'namespaces') base.objectRef.namespace = r.object.metadata.namespace;
      }
      const done = stageInfo(r.code, r.body, annotations, 'ResponseComplete', world.clock.now - received);
      if (typeof r.body === 'object' && r.body !== null && !isStatus(r.body)) done.responseObject = r.body;
      if (isStatus(r.body) && r.body.status === 'Success' && r.code !== 101) done.responseObject = r.body;
      this.audit?.onComplete(done);
      const resp: ApiResponse = { code: r.code, body: r.body };
      if (r.warnings && r.warnings.length > 0) resp.warnings = r.warnings;
      return resp;
    };

    if (impersonationDenied && !impersonationDenied.ok) {
      const denied = impersonationDenied.info;
      return finish({ code: 403, body: forbidden({ resource: denied.resource, group: '' }, denied.name || undefined, impersonationDenied.reason) });
    }
    if (!decision.allowed) {
      const res = byResource(info.resource, info.group) ?? { resource: info.resource, group: info.group };
      const st = info.isResource
        ? forbidden(res, info.name || undefined, forbiddenReason(actor, info))
        : { ...forbidden({ resource: '', group: '' }, undefined, ''), message: `forbidden: ${forbiddenReason(actor, info)}`, details: {} };
      return finish({ code: 403, body: st });
    }
    try {
      if (!info.isResource) return finish(nonResource(info));
      const res = byResource(info.resource, info.group);
      if (!res || res.version !== info.version || (res.namespaced === false && info.namespace && info.resource !== 'namespaces')) return finish({ code: 404, body: notFoundPath() });
      if (info.resource === 'pods' && info.verb === 'create' && !info.subresource) annotations['pod-security.kubernetes.io/enforce-policy'] = 'privileged:latest';
      const env: HandlerEnv = {
        store,
        state: this.deps.state,
        random,
        now: () => kubeTime(world.clock.epochMs, world.clock.now),
        later: (s) => kubeTime(world.clock.epochMs, world.clock.now + s * 1e9),
        nowMs: () => wallTime(world.clock.epochMs, world.clock.now).date.getTime(),
        connector: this.deps.connector,
      };
      if (base.longRunning && req.stream && (info.subresource === 'exec' || info.subresource === 'attach')) {
        started = true;
        this.audit?.onResponseStarted(stageInfo(101, null, annotations, 'ResponseStarted'));
      }
      const r = await handleResource(env, req, info, res, actor);
      return finish(r);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const st = { ...internalError(msg), message: `APIServer panic'd: ${msg}` };
      this.audit?.onComplete(stageInfo(500, st, annotations, 'Panic'));
      return { code: 500, body: st };
    }
  }
}

function objectRefOf(info: RequestInfo): AuditObjectRef {
  const ref: AuditObjectRef = { resource: info.resource };
  if (info.namespace) ref.namespace = info.namespace;
  if (info.name) ref.name = info.name;
  if (info.group) ref.apiGroup = info.group;
  ref.apiVersion = info.version;
  if (info.subresource) ref.subresource = info.subresource;
  return ref;
}

function responseStatusOf(code: number, body: JsonValue): AuditResponseStatus {
  if (isStatus(body) && body.status === 'Failure') {
    const s: AuditResponseStatus = { metadata: {}, status: 'Failure', code };
    if (body.message !== undefined) s.message = body.message;
    if (body.reason !== undefined) s.reason = body.reason;
    if (body.details !== undefined) s.details = body.details;
    return s;
  }
  if (isStatus(body) && body.details !== undefined && code !== 101) return { metadata: {}, status: 'Success', details: body.details, code };
  return { metadata: {}, code };
}

function nonResource(info: RequestInfo): HandlerResult {
  switch (info.path) {
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { code: 200, body: 'ok' };
    case '/version':
      return { code: 200, body: KUBE_VERSION as unknown as JsonObject };
    case '/api':
      return { code: 200, body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.56.10:6443' }] } };
    case '/apis':
      return { code: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [] } };
    default:
      return { code: 404, body: notFoundPath() };
  }
}
