// The resource handlers behind the pipeline: get, list, create, update, patch, delete on the store,
// plus the pod subresources (status, binding, log, exec) that reach the kubelet through a connector.

import type { Random } from '../../core/random';
import type { ObjectStore } from '../store';
import type { KubeState } from '../state';
import type { JsonObject, JsonValue, KubeObject, Pod, Service } from '../types';
import { apiVersionOf, type ResourceInfo } from '../resources';
import { nameSuffix } from '../ids';
import { applyJsonPatch, applyMergePatch, applyStrategicPatch } from '../patch';
import type { RequestInfo } from './request-info';
import type { ApiRequest, Status, StreamIO, UserInfo } from './types';
import { alreadyExists, badRequest, conflict, internalError, invalid, methodNotAllowed, notFound, success } from './status';
import { dropUnknown, strictDecodeError } from './schema';
import { prepareCreate, prepareUpdate } from './strategies';
import { patchStoredObject } from './patch-request';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { tableVersionOf, toTable, type IncludeObject } from './printers/table';

export interface LogOptions {
  previous: boolean;
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
}

/** How the API server reaches a node's kubelet (logs, exec). */
export interface NodeConnector {
  podLogs(pod: Pod, container: string, opts: LogOptions, io: StreamIO | null): Promise<{ text: string } | { status: Status }>;
  podExec(pod: Pod, container: string, command: string[], io: StreamIO): Promise<{ exitCode: number } | { status: Status }>;
  /** Connect to the container's own process (its stdin and output) until it exits or the client goes. */
  podAttach(pod: Pod, container: string, io: StreamIO): Promise<{ ok: true } | { status: Status }>;
}

export interface HandlerEnv {
  store: ObjectStore;
  state: KubeState;
  random: Random;
  /** metav1.Time text for now. */
  now: () => string;
  /** metav1.Time text `s` seconds from now. */
  later: (s: number) => string;
  /** Wall-clock now in epoch milliseconds (AGE cells of server-side Tables). */
  nowMs: () => number;
  connector: NodeConnector | null;
}

export interface HandlerResult {
  code: number;
  body: JsonValue;
  warnings?: string[];
  /** The object the request ended on (fills the audit objectRef name for creates). */
  object?: KubeObject;
}

const fail = (s: Status): HandlerResult => ({ code: s.code, body: s });

function decodeBody(req: ApiRequest, info: RequestInfo, res: ResourceInfo): { obj: KubeObject; warnings: string[] } | HandlerResult {
  const body = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return fail(badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'));
  const kind = typeof body.kind === 'string' ? body.kind : res.kind;
  const apiVersion = typeof body.apiVersion === 'string' ? body.apiVersion : apiVersionOf(res);
  const mode = info.query.get('fieldValidation') ?? 'Warn';
  const err = strictDecodeError(kind, apiVersion, body, mode === 'Strict');
  if (err) return fail(badRequest(err));
  const warnings: string[] = [];
  if (mode === 'Warn') {
    const strict = strictDecodeError(kind, apiVersion, body, true);
    if (strict) warnings.push(...(strict.match(/unknown field "[^"]*"/g) ?? []));
  }
  const obj = dropUnknown(structuredClone(body), kind) as unknown as KubeObject;
  obj.kind = res.kind;
  obj.apiVersion = apiVersionOf(res);
  obj.metadata ??= {};
  return { obj, warnings };
}

/** The Table version and includeObject a get or list asked for, or null for plain objects. */
function tableRequest(req: ApiRequest, info: RequestInfo): { version: 'v1' | 'v1beta1'; include: IncludeObject } | null {
  const version = tableVersionOf(req.accept);
  if (!version) return null;
  const q = info.query.get('includeObject');
  return { version, include: q === 'None' || q === 'Object' ? q : 'Metadata' };
}

function managerOf(req: ApiRequest, info: RequestInfo): string {
  return info.query.get('fieldManager') ?? req.userAgent.split('/')[0] ?? 'unknown';
}

function listOf(res: ResourceInfo, items: KubeObject[], rv: string): JsonObject {
  return {
    apiVersion: apiVersionOf(res),
    items: items.map((o) => {
      const { apiVersion: _a, kind: _k, ...rest } = o as unknown as JsonObject;
      return rest;
    }),
    kind: `${res.kind}List`,
    metadata: { resourceVersion: rv },
  };
}

export async function handleResource(env: HandlerEnv, req: ApiRequest, info: RequestInfo, res: ResourceInfo, user: UserInfo): Promise<HandlerResult> {
  const { store } = env;
  const ns = res.namespaced ? info.namespace : undefined;
  if (info.subresource) return handleSubresource(env, req, info, res);
  switch (info.verb) {
    case 'get': {
      const o = store.get(res.resource, ns, info.name);
      if (!o) return fail(notFound(res, info.name));
      const table = tableRequest(req, info);
      if (table) return { code: 200, body: toTable(res.kind, [o], { ...table, nowMs: env.nowMs(), resourceVersion: o.metadata.resourceVersion ?? '' }), object: o };
      return { code: 200, body: o as unknown as JsonObject, object: o };
    }
    case 'list':
    case 'watch': {
      let items = store.list(res.resource, res.namespaced && info.namespace ? info.namespace : undefined);
      const ls = info.query.get('labelSelector');
      if (ls) {
        const sel = parseLabelSelector(ls);
        if (!sel.ok) return fail(badRequest(sel.message));
        items = items.filter((o) => sel.match(o.metadata.labels ?? {}));
      }
      const fs = info.query.get('fieldSelector');
      if (fs) {
        const sel = parseFieldSelector(fs);
        if (!sel.ok) return fail(badRequest(sel.message));
        items = items.filter(sel.match);
      }
      const table = info.verb === 'list' ? tableRequest(req, info) : null;
      if (table) return { code: 200, body: toTable(res.kind, items, { ...table, nowMs: env.nowMs(), resourceVersion: store.revision() }) };
      return { code: 200, body: listOf(res, items, store.revision()) };
    }
    case 'create': {
      const d = decodeBody(req, info, res);
      if ('code' in d) return d;
      const obj = d.obj;
      if (res.namespaced) {
        if (obj.metadata.namespace && obj.metadata.namespace !== info.namespace) return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
        obj.metadata.namespace = info.namespace;
        if (!store.get('namespaces', undefined, info.namespace)) return fail(notFound({ resource: 'namespaces', group: '' }, info.namespace));
        const nsObj = store.get('namespaces', undefined, info.namespace);
        if (nsObj?.metadata.deletionTimestamp) {
          return fail({ ...badRequest(''), code: 403, reason: 'Forbidden', message: `${res.resource} "${obj.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${info.namespace} because it is being terminated` } as Status);
        }
      } else delete obj.metadata.namespace;
      if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + nameSuffix(env.random);
      delete obj.metadata.uid;
      // etcd3 store.Create refuses a resourceVersion that parses (a copy saved by `kubectl edit` has
      // one); it is a plain error there, so the client sees an InternalError.
      const sentVersion = obj.metadata.resourceVersion;
      delete obj.metadata.resourceVersion;
      const errs = prepareCreate(res, obj, { random: env.random, state: env.state, now: env.now(), services: () => store.list('services') as Service[] });
      if (errs.length > 0) return fail(invalid(res.kind, obj.metadata.name ?? '', res, errs));
      if (sentVersion !== undefined && /^[0-9]+$/.test(sentVersion) && Number(sentVersion) !== 0) return fail(internalError('resourceVersion should not be set on objects to be created'));
      if (store.get(res.resource, ns, obj.metadata.name!)) return fail(alreadyExists(res, obj.metadata.name!));
      if (info.query.get('dryRun') === 'All') return { code: 201, body: obj as unknown as JsonObject, object: obj, warnings: d.warnings };
      const created = store.create(res.resource, obj, { manager: managerOf(req, info) });
      return { code: 201, body: created as unknown as JsonObject, object: created, warnings: d.warnings };
    }
    case 'update':
    case 'patch': {
      const old = store.get(res.resource, ns, info.name);
      if (!old) return fail(notFound(res, info.name));
      let next: KubeObject;
      let warnings: string[] = [];
      if (info.verb === 'update') {
        const d = decodeBody(req, info, res);
        if ('code' in d) return d;
        next = d.obj;
        warnings = d.warnings;
        if (next.metadata.name && next.metadata.name !== info.name) return fail(badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${info.name})`));
      } else {
        const patched = patchStoredObject(old, req, info, res);
        if ('status' in patched) return fail(patched.status);
        next = patched.obj;
        warnings = patched.warnings;
      }
      // A resourceVersion in the body (or put there by the patch) is a precondition.
      if (next.metadata.resourceVersion && next.metadata.resourceVersion !== old.metadata.resourceVersion) {
        return fail(conflict(res, info.name, 'the object has been modified; please apply your changes to the latest version and try again'));
      }
      next.metadata.name = info.name;
      if (res.namespaced) next.metadata.namespace = info.namespace;
      next.metadata.uid = old.metadata.uid;
      next.metadata.creationTimestamp = old.metadata.creationTimestamp;
      const errs = prepareUpdate(res, next, old, { random: env.random, services: () => store.list('services') as Service[] });
      if (errs.length > 0) return fail(invalid(res.kind, info.name, res, errs));
      delete next.metadata.managedFields;
      next.metadata.managedFields = old.metadata.managedFields;
      if (JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: '' } }) === JSON.stringify({ ...old, metadata: { ...old.metadata, resourceVersion: '' } })) {
        return { code: 200, body: old as unknown as JsonObject, object: old, warnings };
      }
      if (info.query.get('dryRun') === 'All') return { code: 200, body: next as unknown as JsonObject, object: next, warnings };
      const updated = store.update(res.resource, next, { manager: managerOf(req, info) });
      return { code: 200, body: updated as unknown as JsonObject, object: updated, warnings };
    }
    case 'delete':
      return deleteObject(env, req, info, res);
    default:
      return fail(methodNotAllowed());
  }
  void user;
}

/** A status-subresource patch: applied as it comes, only the result's status is kept. */
function patchStatus(old: KubeObject, req: ApiRequest): { value: JsonValue } | HandlerResult {
  const base = old as unknown as JsonObject;
  switch (req.patchType ?? 'application/strategic-merge-patch+json') {
    case 'application/merge-patch+json':
      return { value: applyMergePatch(base, req.body ?? null) };
    case 'application/json-patch+json': {
      const r = applyJsonPatch(base, req.body ?? null);
      return r.ok ? { value: r.value } : fail(badRequest(r.message));
    }
    default:
      if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) return fail(badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}'));
      return { value: applyStrategicPatch(base, req.body) };
  }
}

function deleteObject(env: HandlerEnv, req: ApiRequest, info: RequestInfo, res: ResourceInfo): HandlerResult {
  const { store } = env;
  const ns = res.namespaced ? info.namespace : undefined;
  const old = store.get(res.resource, ns, info.name);
  if (!old) return fail(notFound(res, info.name));
  const opts = (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as JsonObject;
  const q = info.query.get('gracePeriodSeconds');
  const requested = typeof opts.gracePeriodSeconds === 'number' ? opts.gracePeriodSeconds : q !== null ? Number(q) : undefined;
  if (res.resource === 'pods') {
    const pod = old as Pod;
    let grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const phase = pod.status?.phase;
    if (!pod.spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (pod.metadata.deletionTimestamp && grace >= (pod.metadata.deletionGracePeriodSeconds ?? 0) && grace > 0) return { code: 200, body: old as unknown as JsonObject, object: old };
    if (grace > 0) {
      pod.metadata.deletionTimestamp = env.later(grace);
      pod.metadata.deletionGracePeriodSeconds = grace;
      const updated = store.update('pods', pod);
      return { code: 200, body: updated as unknown as JsonObject, object: updated };
    }
    const gone = store.remove('pods', ns, info.name)!;
    return { code: 200, body: gone as unknown as JsonObject, object: gone };
  }
  if (res.resource === 'namespaces') {
    if (['default', 'kube-system', 'kube-public'].includes(info.name)) {
      return fail({ ...badRequest(''), code: 403, reason: 'Forbidden', message: `namespaces "${info.name}" is forbidden: this namespace may not be deleted` } as Status);
    }
    if (!old.metadata.deletionTimestamp) {
      old.metadata.deletionTimestamp = env.now();
      (old as KubeObject & { status?: { phase?: string } }).status = { phase: 'Terminating' };
      const updated = store.update('namespaces', old);
      return { code: 200, body: updated as unknown as JsonObject, object: updated };
    }
    return { code: 200, body: old as unknown as JsonObject, object: old };
  }
  store.remove(res.resource, ns, info.name);
  return { code: 200, body: success(res, info.name, old.metadata.uid), object: old };
}

async function handleSubresource(env: HandlerEnv, req: ApiRequest, info: RequestInfo, res: ResourceInfo): Promise<HandlerResult> {
  const { store } = env;
  const ns = res.namespaced ? info.namespace : undefined;
  const old = store.get(res.resource, ns, info.name);
  if (!old) return fail(notFound(res, info.name));
  const sub = `${res.resource}/${info.subresource}`;
  if (info.subresource === 'status') {
    if (info.verb === 'get') return { code: 200, body: old as unknown as JsonObject, object: old };
    if (info.verb !== 'update' && info.verb !== 'patch') return fail(methodNotAllowed());
    let value: JsonValue;
    if (info.verb === 'update') value = req.body ?? null;
    else {
      const p = patchStatus(old, req);
      if ('code' in p) return p;
      value = p.value;
    }
    const next = structuredClone(old) as KubeObject & { status?: JsonValue };
    next.status = (value as JsonObject | null)?.status ?? null;
    const updated = store.update(res.resource, next, { manager: managerOf(req, info), subresource: 'status' });
    return { code: 200, body: updated as unknown as JsonObject, object: updated };
  }
  if (sub === 'pods/binding' && info.verb === 'create') {
    const pod = old as Pod;
    const target = ((req.body as JsonObject | undefined)?.target as JsonObject | undefined)?.name;
    if (typeof target !== 'string') return fail(badRequest('Binding.target.name is required'));
    if (pod.spec.nodeName) return fail(conflict(res, info.name, `pod ${info.name} is already assigned to node "${pod.spec.nodeName}"`));
    pod.spec.nodeName = target;
    const now = env.now();
    pod.status = { ...(pod.status ?? {}), conditions: [{ lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' }] };
    const updated = store.update('pods', pod, { manager: managerOf(req, info) });
    return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, object: updated };
  }
  if (sub === 'pods/log' && info.verb === 'get') return podLog(env, req, info, old as Pod);
  if (sub === 'pods/exec' && (info.verb === 'create' || info.verb === 'get')) return podExec(env, req, info, old as Pod);
  if (sub === 'pods/attach' && (info.verb === 'create' || info.verb === 'get')) return podAttach(env, req, info, old as Pod);
  return fail(methodNotAllowed());
}

function containerParam(pod: Pod, info: RequestInfo, forExec: boolean): string | Status {
  const names = pod.spec.containers.map((c) => c.name);
  const c = info.query.get('container');
  if (c) {
    const all = [...names, ...(pod.spec.initContainers ?? []).map((x) => x.name)];
    if (!all.includes(c)) return badRequest(forExec ? `container ${c} is not valid for pod ${pod.metadata.name}` : `container ${c} is not valid for pod ${pod.metadata.name}`);
    return c;
  }
  if (names.length === 1) return names[0]!;
  return badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
}

async function podLog(env: HandlerEnv, req: ApiRequest, info: RequestInfo, pod: Pod): Promise<HandlerResult> {
  const c = containerParam(pod, info, false);
  if (typeof c !== 'string') return fail(c);
  if (!env.connector || !pod.spec.nodeName) return fail(badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const q = info.query;
  const bool = (k: string): boolean => q.get(k) === 'true' || q.get(k) === '1';
  const opts: LogOptions = { previous: bool('previous'), follow: bool('follow'), timestamps: bool('timestamps') };
  if (q.get('tailLines') !== null) opts.tailLines = Number(q.get('tailLines'));
  if (q.get('sinceSeconds') !== null) opts.sinceSeconds = Number(q.get('sinceSeconds'));
  const r = await env.connector.podLogs(pod, c, opts, opts.follow ? (req.stream ?? null) : null);
  if ('status' in r) return fail(r.status);
  return { code: 200, body: r.text, object: pod };
}

async function podExec(env: HandlerEnv, req: ApiRequest, info: RequestInfo, pod: Pod): Promise<HandlerResult> {
  const c = containerParam(pod, info, true);
  if (typeof c !== 'string') return fail(c);
  const command = info.query.getAll('command');
  if (command.length === 0) return fail(badRequest('you must specify at least 1 command'));
  if (!req.stream) return fail(badRequest('Upgrade request required'));
  if (!env.connector || !pod.spec.nodeName) return fail(badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const r = await env.connector.podExec(pod, c, command, req.stream);
  if ('status' in r) return fail(r.status);
  const body: JsonObject =
    r.exitCode === 0
      ? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 101 }
      : {
          kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
          message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${r.exitCode}`,
          reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(r.exitCode) }] }, code: 101,
        };
  return { code: 101, body, object: pod };
}

async function podAttach(env: HandlerEnv, req: ApiRequest, info: RequestInfo, pod: Pod): Promise<HandlerResult> {
  const c = containerParam(pod, info, true);
  if (typeof c !== 'string') return fail(c);
  if (!req.stream) return fail(badRequest('Upgrade request required'));
  if (!env.connector || !pod.spec.nodeName) return fail(badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const r = await env.connector.podAttach(pod, c, req.stream);
  if ('status' in r) return fail(r.status);
  return { code: 101, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 101 }, object: pod };
}
