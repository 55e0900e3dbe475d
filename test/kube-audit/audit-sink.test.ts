// The audit hook a serving kube-apiserver installs: requests through the real API-server pipeline are
// audited by the loaded policy and written through the container's mounts to the node's files.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random';
import { bootstrapStore } from '../../src/kube/bootstrap';
import { ApiServer } from '../../src/kube/apiserver/pipeline';
import type { ApiRequest, AuditStageInfo } from '../../src/kube/apiserver/types';
import { ObjectStore } from '../../src/kube/store';
import { emptyKubeState } from '../../src/kube/state';
import type { JsonObject } from '../../src/kube/types';
import type { World } from '../../src/world/world';
import { auditSinkFor, createAuditSink, vfsAuditLogFs, type AuditSink } from '../../src/kube/audit';
import { loadAuditPolicy, type AuditPolicy } from '../../src/audit';
import { adminRequest } from '../helpers/kube-admin';
import { controlPlane, EPOCH_MS, exercisePod, LOG_PATH, type ControlPlane, type PodDoc } from './harness';


interface Lab {
  cp: ControlPlane;
  api: ApiServer;
  sink: AuditSink;
  world: World;
  stdout: string[];
  stderr: string[];
  call(verb: ApiRequest['verb'], uri: string, body?: unknown, extra?: Partial<ApiRequest>): ReturnType<ApiServer['handle']>;
  /** The audit log as the node's root sees it, one parsed event per line. */
  hostEvents(): JsonObject[];
}

/** The kube-apiserver's boot for `pod`, which must serve. */
function booted(cp: ControlPlane, pod: PodDoc) {
  const out = cp.boot(pod);
  if (out.stage !== 'boot' || !out.result.ok) throw new Error(`apiserver did not start: ${JSON.stringify(out)}`);
  return { result: out.result, container: out.container };
}

function lab(pod: PodDoc = exercisePod(), prepare: (cp: ControlPlane) => void = () => {}): Lab {
  const cp = controlPlane();
  prepare(cp);
  const { result, container } = booted(cp, pod);
  const world = { clock: { epochMs: EPOCH_MS, now: 0 }, kube: {} } as unknown as World;
  const state = emptyKubeState();
  const random = createRandom(7);
  const store = new ObjectStore(state.store, random, () => '2023-01-19T20:02:18Z');
  bootstrapStore(store, { nodes: [{ name: 'kube-control-plane', ip: '192.168.56.10', controlPlane: true }], createdAt: '2023-01-19T07:00:00Z', caCert: 'CA' });
  const api = new ApiServer({ world, state, store, random, connector: null });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const sink = auditSinkFor(result.config.audit, result.config.policy, {
    logFs: vfsAuditLogFs(container.vfs),
    stdout: (t) => stdout.push(t),
    stderr: (e) => stderr.push(e),
    clock: () => ({ ...world.clock }),
    hex: (n) => random.hex(n),
  });
  if (sink === null) throw new Error('no audit sink');
  api.audit = sink;
  return {
    cp,
    api,
    sink,
    world,
    stdout,
    stderr,
    call: (verb, uri, body, extra = {}) => api.handle(adminRequest(verb, uri, body, extra)),
    hostEvents: () => (cp.read(LOG_PATH) ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonObject),
  };
}

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-user' }, data: { username: 'tom' } };

describe('audit sink over the API-server pipeline (exercise 3 policy)', () => {
  it('kubectl create configmap writes one Metadata ResponseComplete line to the host file', async () => {
    const l = lab();
    const r = await l.call('create', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', configMap);
    expect(r.code).toBe(201);
    const text = l.cp.read(LOG_PATH)!;
    expect(text.endsWith('\n')).toBe(true);
    const events = l.hostEvents();
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(Object.keys(ev)).toEqual([
      'kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'sourceIPs', 'userAgent',
      'objectRef', 'responseStatus', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations',
    ]);
    expect(ev).toMatchObject({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      stage: 'ResponseComplete',
      verb: 'create',
      requestURI: '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create',
      user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      sourceIPs: ['192.168.56.10'],
      objectRef: { resource: 'configmaps', namespace: 'default', name: 'db-user', apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 201 },
      annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
    });
    expect(ev.auditID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev.requestReceivedTimestamp).toMatch(/^2023-01-19T20:02:18\.\d{6}Z$/);
    expect(l.sink.pendingRequests()).toBe(0);
  });

  it('levels follow the rules: pods RequestResponse, services Request, secrets Metadata, others none', async () => {
    const l = lab();
    await l.call('create', '/api/v1/namespaces/default/pods?fieldManager=kubectl-run', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    await l.call('create', '/api/v1/namespaces/default/services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }], selector: { run: 'nginx' } },
    });
    await l.call('create', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1' }, data: { k: 'dg==' } });
    await l.call('list', '/api/v1/namespaces');
    const events = l.hostEvents();
    expect(events.map((e) => [(e.objectRef as JsonObject).resource, e.level, e.stage])).toEqual([
      ['pods', 'RequestResponse', 'ResponseComplete'],
      ['services', 'Request', 'ResponseComplete'],
      ['secrets', 'Metadata', 'ResponseComplete'],
    ]);
    expect(events[0]).toHaveProperty('requestObject');
    expect(events[0]).toHaveProperty('responseObject');
    expect(events[1]).toHaveProperty('requestObject');
    expect(events[1]).not.toHaveProperty('responseObject');
    expect(events[2]).not.toHaveProperty('requestObject');
  });

  it('a request the policy does not mention leaves the file untouched', async () => {
    const l = lab();
    await l.call('get', '/api/v1/namespaces/kube-system');
    expect(l.cp.read(LOG_PATH)).toBe('');
  });
});

describe('audit sink backends', () => {
  const catchAll = (cp: ControlPlane): void => cp.put('/etc/kubernetes/audit/rules/audit-policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');

  it('without omitStages both stages are written, sharing one audit ID', async () => {
    const l = lab(exercisePod(), catchAll);
    await l.call('create', '/api/v1/namespaces/default/configmaps', configMap);
    const events = l.hostEvents();
    expect(events.map((e) => e.stage)).toEqual(['RequestReceived', 'ResponseComplete']);
    expect(events[0]!.auditID).toBe(events[1]!.auditID);
    expect(events[0]).not.toHaveProperty('annotations');
    expect(events[0]!.stageTimestamp).toBe(events[0]!.requestReceivedTimestamp);
    expect(events[0]!.objectRef).toEqual({ resource: 'configmaps', namespace: 'default', apiVersion: 'v1' });
  });

  it('--audit-log-format=legacy writes AUDIT: lines', async () => {
    const pod = exercisePod();
    pod.spec.containers[0].command.push('--audit-log-format=legacy');
    const l = lab(pod);
    await l.call('create', '/api/v1/namespaces/default/configmaps', configMap);
    const text = l.cp.read(LOG_PATH)!;
    expect(text).toMatch(
      /^2023-01-19T20:02:18(\.\d+)?Z AUDIT: id="[0-9a-f-]{36}" stage="ResponseComplete" ip="192\.168\.56\.10" method="create" user="kubernetes-admin" groups="\\"system:masters\\",\\"system:authenticated\\"" as="<self>" asgroups="<lookup>" user-agent="kubectl\/v1\.26\.1 \(linux\/amd64\) kubernetes\/8f94681" namespace="default" uri="\/api\/v1\/namespaces\/default\/configmaps" response="201"\n$/,
    );
  });

  it('--audit-log-path=- sends events to the process stdout, not to a file', async () => {
    const pod = exercisePod();
    const cmd: string[] = pod.spec.containers[0].command;
    cmd[cmd.findIndex((a) => a.startsWith('--audit-log-path='))] = '--audit-log-path=-';
    const l = lab(pod);
    await l.call('create', '/api/v1/namespaces/default/configmaps', configMap);
    expect(l.stdout).toHaveLength(1);
    expect(JSON.parse(l.stdout[0]!)).toMatchObject({ level: 'Metadata', stage: 'ResponseComplete' });
    expect(l.cp.read(LOG_PATH)).toBeNull();
  });

  it('rotates a full log file to a timestamped backup (lumberjack)', async () => {
    const pod = exercisePod();
    pod.spec.containers[0].command.push('--audit-log-maxsize=1');
    const l = lab(pod, (cp) => cp.put(LOG_PATH, 'x'.repeat(1024 * 1024 - 10)));
    await l.call('create', '/api/v1/namespaces/default/configmaps', configMap);
    const names = l.cp.host.readdir('/var/log/kubernetes/audit/logs');
    expect(names).toEqual(['apiserver-2023-01-19T20-02-18.000.log', 'apiserver.log']);
    expect(l.hostEvents()).toHaveLength(1);
  });
});

describe('audit sink edge cases (driven directly)', () => {
  const policy = (text: string): AuditPolicy => {
    const r = loadAuditPolicy(text, 'p.yaml');
    if (!r.ok) throw new Error(r.error);
    return r.policy;
  };
  const stage = (over: Partial<AuditStageInfo>): AuditStageInfo => ({
    auditID: 'a81d0c4e-55f2-4b3a-8d7e-0f6c9b2e4d13',
    requestURI: '/api/v1/namespaces/default/secrets/db-pass',
    verb: 'get',
    user: { username: 'jane', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.10'],
    userAgent: 'kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8',
    objectRef: { resource: 'secrets', namespace: 'default', name: 'db-pass', apiVersion: 'v1' },
    nonResource: false,
    path: '/api/v1/namespaces/default/secrets/db-pass',
    longRunning: false,
    requestReceivedTimestamp: '2023-03-01T10:16:02.004211Z',
    stage: 'ResponseComplete',
    stageTimestamp: '2023-03-01T10:16:02.006950Z',
    responseStatus: { metadata: {}, code: 200 },
    annotations: {},
    ...over,
  });

  function directSink(policyText: string, mode = 'blocking', readOnly = false) {
    const cp = controlPlane();
    const lines: string[] = [];
    const errors: string[] = [];
    const pod = exercisePod();
    pod.spec.containers[0].command.push(`--audit-log-mode=${mode}`);
    const { result, container } = booted(cp, pod);
    if (readOnly) for (const m of container.table.mounts) m.readOnly = true;
    const sink = createAuditSink({
      config: result.config.audit,
      policy: policy(policyText),
      logFs: vfsAuditLogFs(container.vfs),
      stdout: (t) => lines.push(t),
      stderr: (e) => errors.push(e),
      clock: () => ({ epochMs: Date.UTC(2023, 2, 1, 10, 16, 2), now: 7_000_000 }),
    });
    return { cp, sink, errors };
  }

  it('a 403 is recorded with its forbid decision and Failure status', () => {
    const { cp, sink } = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n');
    const { stage: _s, stageTimestamp: _t, responseStatus: _r, annotations: _a, ...received } = stage({});
    sink.onRequest(received);
    const status = {
      metadata: {}, status: 'Failure', code: 403, reason: 'Forbidden', details: { name: 'db-pass', kind: 'secrets' },
      message: 'secrets "db-pass" is forbidden: User "jane" cannot get resource "secrets" in API group "" in the namespace "default"',
    };
    sink.onComplete(stage({ responseStatus: status, annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' } }));
    const lines = cp.read(LOG_PATH)!.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"a81d0c4e-55f2-4b3a-8d7e-0f6c9b2e4d13","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/secrets/db-pass","verb":"get","user":{"username":"jane","groups":["system:authenticated"]},"sourceIPs":["10.0.0.10"],"userAgent":"kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8","objectRef":{"resource":"secrets","namespace":"default","name":"db-pass","apiVersion":"v1"},"responseStatus":{"metadata":{},"status":"Failure","message":"secrets \\"db-pass\\" is forbidden: User \\"jane\\" cannot get resource \\"secrets\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"name":"db-pass","kind":"secrets"},"code":403},"requestReceivedTimestamp":"2023-03-01T10:16:02.004211Z","stageTimestamp":"2023-03-01T10:16:02.006950Z","annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}}',
    );
  });

  it('a failed authentication is one ResponseStarted event with an empty user and the 401 message', () => {
    const { cp, sink } = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    sink.onResponseStarted(stage({ user: null, stage: 'ResponseStarted', responseStatus: { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 } }));
    const ev = JSON.parse(cp.read(LOG_PATH)!) as JsonObject;
    expect(ev).toMatchObject({ stage: 'ResponseStarted', user: {}, responseStatus: { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 } });
    expect(ev).not.toHaveProperty('annotations');
    expect(sink.pendingRequests()).toBe(0);
  });

  it('a users rule never matches a failed authentication', () => {
    const { cp, sink } = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: ["jane"]\n');
    sink.onResponseStarted(stage({ user: null, stage: 'ResponseStarted', responseStatus: { metadata: {}, message: 'Authentication failed, attempted: x509', code: 401 } }));
    expect(cp.read(LOG_PATH)).toBe('');
  });

  it('a panic ends with a Panic stage and InternalError status', () => {
    const { cp, sink } = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n');
    sink.onComplete(stage({ stage: 'Panic', responseStatus: { metadata: {}, status: 'Failure', code: 500, message: "APIServer panic'd: boom", reason: 'InternalError' } }));
    const ev = JSON.parse(cp.read(LOG_PATH)!) as JsonObject;
    expect(ev).toMatchObject({ stage: 'Panic', responseStatus: { metadata: {}, status: 'Failure', message: "APIServer panic'd: boom", reason: 'InternalError', code: 500 } });
  });

  it('a long-running request gets ResponseStarted between the other stages', () => {
    const { cp, sink } = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    const over = { verb: 'get', longRunning: true, requestURI: '/api/v1/namespaces/default/pods/web/log', objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1', subresource: 'log' } };
    const { stage: _s, stageTimestamp: _t, responseStatus: _r, annotations: _a, ...received } = stage(over);
    sink.onRequest(received);
    sink.onResponseStarted(stage({ ...over, stage: 'ResponseStarted' }));
    sink.onComplete(stage(over));
    const stages = cp.read(LOG_PATH)!.trim().split('\n').map((l) => (JSON.parse(l) as JsonObject).stage);
    expect(stages).toEqual(['RequestReceived', 'ResponseStarted', 'ResponseComplete']);
  });

  it('a write that fails logs the plugin error; blocking-strict fails the request', () => {
    const strict = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n', 'blocking-strict', true);
    const { stage: _s, stageTimestamp: _t, responseStatus: _r, annotations: _a, ...received } = stage({});
    expect(strict.sink.onRequest(received)).toBe(false);
    expect(strict.errors[0]).toMatch(
      /^E0301 10:16:02\.007000       1 metrics\.go:110\] Error in audit plugin 'log' affecting 1 audit events: write \/var\/log\/kubernetes\/audit\/logs\/apiserver\.log: read-only file system\nImpacted events:\n2023-03-01T10:16:02\.004211Z AUDIT: id="a81d0c4e-55f2-4b3a-8d7e-0f6c9b2e4d13" stage="RequestReceived" /,
    );
    const blocking = directSink('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n', 'blocking', true);
    expect(blocking.sink.onRequest(received)).toBe(true);
    expect(blocking.errors).toHaveLength(1);
  });
});

describe('auditSinkFor', () => {
  it('gives no hook when no policy is loaded', () => {
    const cp = controlPlane();
    const pod = exercisePod();
    pod.spec.containers[0].command = pod.spec.containers[0].command.filter((a: string) => !a.startsWith('--audit-policy-file='));
    const { result, container } = booted(cp, pod);
    expect(auditSinkFor(result.config.audit, result.config.policy, { logFs: vfsAuditLogFs(container.vfs), stdout: () => {}, stderr: () => {}, clock: () => ({ epochMs: 0, now: 0 }) })).toBeNull();
  });
});
