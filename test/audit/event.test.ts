import { describe, expect, it } from 'vitest';
import {
  auditRequest,
  buildAuditEvents,
  commandFailedText,
  klogKeyValue,
  eventString,
  evaluatePolicy,
  forbiddenStatus,
  formatEventJson,
  loadAuditPolicy,
  newAuditID,
  rbacAllowReason,
  requestAttributesOf,
  webhookBody,
  type AuditDecision,
  type AuditRequestInfo,
} from '../../src/audit';
import { createRandom } from '../../src/core/random';

const EPOCH = Date.UTC(2023, 2, 1, 10, 15, 30); // 2023-03-01T10:15:30Z
const ms = (n: number): number => n * 1_000_000;
const ADMIN = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const KUBECTL = 'kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8';
const decision = (level: AuditDecision['level'], omitStages: AuditDecision['omitStages'] = [], omitManagedFields = false): AuditDecision => ({
  level,
  omitStages,
  omitManagedFields,
  ruleIndex: 0,
});

// `kubectl run nginx --image=nginx` on the control plane.
const createPod: AuditRequestInfo = {
  auditID: '3f5c2a9e-7b1d-4c8e-9a6f-2d4b8e1c7a90',
  verb: 'create',
  requestURI: '/api/v1/namespaces/default/pods?fieldManager=kubectl-run',
  user: ADMIN,
  sourceIPs: ['10.0.0.10'],
  userAgent: KUBECTL,
  objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
  requestObject: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'nginx', creationTimestamp: null }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  responseStatus: { code: 201 },
  authorization: { decision: 'allow', reason: '' },
  annotations: { 'pod-security.kubernetes.io/enforce-policy': 'privileged:latest' },
  times: { epochMs: EPOCH, received: 123_456_000, completed: 141_870_000 },
};

// Reference §3.4, verbatim.
const CREATE_POD_COMPLETE =
  '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"3f5c2a9e-7b1d-4c8e-9a6f-2d4b8e1c7a90","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods?fieldManager=kubectl-run","verb":"create","user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},"sourceIPs":["10.0.0.10"],"userAgent":"kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8","objectRef":{"resource":"pods","namespace":"default","name":"nginx","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"2023-03-01T10:15:30.123456Z","stageTimestamp":"2023-03-01T10:15:30.141870Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"","pod-security.kubernetes.io/enforce-policy":"privileged:latest"}}\n';

// Reference §3.5, verbatim.
const GET_SECRET_REQUEST =
  '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"a81d0c4e-55f2-4b3a-8d7e-0f6c9b2e4d13","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/secrets/db-pass","verb":"get","user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},"sourceIPs":["10.0.0.10"],"userAgent":"kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8","objectRef":{"resource":"secrets","namespace":"default","name":"db-pass","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2023-03-01T10:16:02.004211Z","stageTimestamp":"2023-03-01T10:16:02.006950Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}\n';

describe('audit events match the API server byte for byte', () => {
  it('writes the create-pod ResponseComplete event at Metadata level', () => {
    const events = buildAuditEvents(createPod, decision('Metadata'));
    expect(events.map((e) => e.stage)).toEqual(['RequestReceived', 'ResponseComplete']);
    expect(formatEventJson(events[1])).toBe(CREATE_POD_COMPLETE);
  });

  it('writes its RequestReceived twin without name, status or annotations', () => {
    const [received] = buildAuditEvents(createPod, decision('Metadata'));
    expect(formatEventJson(received)).toBe(
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"3f5c2a9e-7b1d-4c8e-9a6f-2d4b8e1c7a90","stage":"RequestReceived","requestURI":"/api/v1/namespaces/default/pods?fieldManager=kubectl-run","verb":"create","user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},"sourceIPs":["10.0.0.10"],"userAgent":"kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8","objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},"requestReceivedTimestamp":"2023-03-01T10:15:30.123456Z","stageTimestamp":"2023-03-01T10:15:30.123456Z"}\n',
    );
  });

  it('writes a get of a secret at Request level without a requestObject', () => {
    const info: AuditRequestInfo = {
      auditID: 'a81d0c4e-55f2-4b3a-8d7e-0f6c9b2e4d13',
      verb: 'get',
      requestURI: '/api/v1/namespaces/default/secrets/db-pass',
      user: ADMIN,
      sourceIPs: ['10.0.0.10'],
      userAgent: KUBECTL,
      objectRef: { resource: 'secrets', namespace: 'default', name: 'db-pass', apiVersion: 'v1' },
      responseObject: { kind: 'Secret', apiVersion: 'v1', data: { password: 'czNjcjN0' } },
      responseStatus: { code: 200 },
      authorization: { decision: 'allow', reason: '' },
      times: { epochMs: Date.UTC(2023, 2, 1, 10, 16, 2), received: 4_211_000, completed: 6_950_000 },
    };
    const events = buildAuditEvents(info, decision('Request', ['RequestReceived']));
    expect(events.map(formatEventJson)).toEqual([GET_SECRET_REQUEST]);
  });

  it('places requestObject after responseStatus at Request level', () => {
    const info: AuditRequestInfo = {
      ...createPod,
      requestURI: '/api/v1/namespaces/default/secrets?fieldManager=kubectl-create',
      objectRef: { resource: 'secrets', namespace: 'default', apiVersion: 'v1' },
      requestObject: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's1', namespace: 'default', creationTimestamp: null }, data: { k: 'dg==' }, type: 'Opaque' },
      annotations: {},
    };
    const [, complete] = buildAuditEvents(info, decision('Request'));
    expect(formatEventJson(complete)).toContain(
      '"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","namespace":"default","creationTimestamp":null},"data":{"k":"dg=="},"type":"Opaque"},"requestReceivedTimestamp"',
    );
  });

  it('records the 403 status in RBAC wording', () => {
    const info: AuditRequestInfo = {
      ...createPod,
      verb: 'get',
      requestURI: '/api/v1/namespaces/default/secrets/db-pass',
      user: { username: 'jane', groups: ['system:authenticated'] },
      objectRef: { resource: 'secrets', namespace: 'default', name: 'db-pass', apiVersion: 'v1' },
      requestObject: undefined,
      annotations: undefined,
      authorization: { decision: 'forbid', reason: '' },
    };
    info.responseStatus = forbiddenStatus(requestAttributesOf(info));
    const [, complete] = buildAuditEvents(info, decision('Metadata'));
    const line = formatEventJson(complete);
    expect(line).toContain(
      '"responseStatus":{"metadata":{},"status":"Failure","message":"secrets \\"db-pass\\" is forbidden: User \\"jane\\" cannot get resource \\"secrets\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"name":"db-pass","kind":"secrets"},"code":403}',
    );
    expect(line).toContain('"annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}');
  });
});

describe('stages per kind of request', () => {
  const logs: AuditRequestInfo = {
    ...createPod,
    verb: 'get',
    requestURI: '/api/v1/namespaces/default/pods/web/log',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1', subresource: 'log' },
    requestObject: undefined,
    responseStatus: { code: 200 },
    times: { epochMs: EPOCH, received: ms(1), responseStarted: ms(3), completed: ms(9) },
  };

  it('gives kubectl logs a ResponseStarted event (long-running)', () => {
    const events = buildAuditEvents(logs, decision('Metadata'));
    expect(events.map((e) => [e.stage, e.stageTimestamp])).toEqual([
      ['RequestReceived', '2023-03-01T10:15:30.001000Z'],
      ['ResponseStarted', '2023-03-01T10:15:30.003000Z'],
      ['ResponseComplete', '2023-03-01T10:15:30.009000Z'],
    ]);
  });

  it('records exec as create with 101 at ResponseStarted', () => {
    const exec = { ...logs, verb: 'create', objectRef: { ...logs.objectRef, subresource: 'exec' }, responseStatus: { code: 101 }, startedCode: 101 };
    const started = buildAuditEvents(exec, decision('Metadata'))[1];
    expect([started.stage, started.responseStatus]).toEqual(['ResponseStarted', { code: 101 }]);
  });

  it('fakes "Connection closed early" when a long-running request wrote no status', () => {
    const watch = { ...logs, verb: 'watch', objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' }, responseStatus: undefined };
    const events = buildAuditEvents(watch, decision('Metadata'));
    expect(formatEventJson(events[2])).toContain('"responseStatus":{"metadata":{},"status":"Success","message":"Connection closed early","code":200}');
  });

  it('writes RequestReceived then Panic for a panic', () => {
    const events = buildAuditEvents({ ...createPod, outcome: { kind: 'panic', message: 'boom' } }, decision('Metadata'));
    expect(events.map((e) => e.stage)).toEqual(['RequestReceived', 'Panic']);
    expect(formatEventJson(events[1])).toContain(
      '"responseStatus":{"metadata":{},"status":"Failure","message":"APIServer panic\'d: boom","reason":"InternalError","code":500}',
    );
  });

  it('writes one ResponseStarted event with an empty user for a failed authentication', () => {
    const info: AuditRequestInfo = {
      ...createPod,
      user: null,
      authorization: undefined,
      annotations: undefined,
      outcome: { kind: 'authenticationFailed', attempted: ['bearer'] },
    };
    const events = buildAuditEvents(info, decision('Metadata'));
    expect(events).toHaveLength(1);
    const line = formatEventJson(events[0]);
    expect(line).toContain('"stage":"ResponseStarted"');
    expect(line).toContain('"user":{}');
    expect(line).toContain('"responseStatus":{"metadata":{},"message":"Authentication failed, attempted: bearer","code":401}');
    expect(line).not.toContain('annotations');
  });

  it('writes nothing at level None and leaves omitted stages out', () => {
    expect(buildAuditEvents(createPod, decision('None'))).toEqual([]);
    expect(buildAuditEvents(createPod, decision('Metadata', ['RequestReceived'])).map((e) => e.stage)).toEqual(['ResponseComplete']);
  });
});

describe('event content by level', () => {
  const update: AuditRequestInfo = {
    ...createPod,
    verb: 'update',
    requestURI: '/api/v1/namespaces/default/configmaps/cfg',
    objectRef: { resource: 'configmaps', namespace: 'default', name: 'cfg', apiVersion: 'v1' },
    requestObject: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', resourceVersion: '42', managedFields: [{ manager: 'kubectl' }] }, data: { a: '<b>' } },
    responseObject: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', resourceVersion: '43' }, data: { a: '<b>' } },
    responseStatus: { code: 200 },
    annotations: undefined,
  };

  it('adds responseObject only at RequestResponse', () => {
    const [, req] = buildAuditEvents(update, decision('Request'));
    const [, rr] = buildAuditEvents(update, decision('RequestResponse'));
    expect(req.responseObject).toBeUndefined();
    expect(rr.responseObject).toEqual(update.responseObject);
  });

  it('strips managedFields when omitManagedFields is set', () => {
    const [, ev] = buildAuditEvents(update, decision('Request', [], true));
    expect(ev.requestObject).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', resourceVersion: '42' }, data: { a: '<b>' } });
  });

  it('fills objectRef.resourceVersion from the body after RequestReceived', () => {
    const [received, complete] = buildAuditEvents(update, decision('Metadata'));
    expect(received.objectRef?.resourceVersion).toBeUndefined();
    expect(complete.objectRef?.resourceVersion).toBe('42');
  });

  it('escapes HTML characters as Go does', () => {
    const [, ev] = buildAuditEvents(update, decision('Request'));
    expect(formatEventJson(ev)).toContain('"data":{"a":"\\u003cb\\u003e"}');
  });

  it('truncates a user agent over 1024 characters', () => {
    const [ev] = buildAuditEvents({ ...createPod, userAgent: 'x'.repeat(1100) }, decision('Metadata'));
    expect(ev.userAgent).toBe(`${'x'.repeat(1024)}...TRUNCATED`);
  });
});

describe('other formats', () => {
  it('writes the legacy line with RFC3339Nano and quoted fields', () => {
    const [, complete] = buildAuditEvents(createPod, decision('Metadata'));
    expect(eventString(complete)).toBe(
      '2023-03-01T10:15:30.123456Z AUDIT: id="3f5c2a9e-7b1d-4c8e-9a6f-2d4b8e1c7a90" stage="ResponseComplete" ip="10.0.0.10" method="create" user="kubernetes-admin" groups="\\"system:masters\\",\\"system:authenticated\\"" as="<self>" asgroups="<lookup>" user-agent="kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8" namespace="default" uri="/api/v1/namespaces/default/pods?fieldManager=kubectl-run" response="201"',
    );
  });

  it('uses placeholders for a missing namespace and status', () => {
    const info: AuditRequestInfo = { ...createPod, verb: 'get', requestURI: '/healthz', objectRef: undefined, user: null, sourceIPs: [] };
    const [received] = buildAuditEvents(info, decision('Metadata'));
    expect(eventString(received)).toContain('ip="<unknown>" method="get" user="<none>" groups="<none>"');
    expect(eventString(received)).toContain('namespace="<none>" uri="/healthz" response="<deferred>"');
  });

  it('wraps webhook batches in an EventList without per-item kind', () => {
    const events = buildAuditEvents(createPod, decision('Metadata'));
    const body = webhookBody(events);
    expect(body.startsWith('{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{"level":"Metadata",')).toBe(true);
  });
});

describe('helpers', () => {
  it.each([
    [{ binding: { kind: 'ClusterRoleBinding', name: 'admin-all' }, role: { kind: 'ClusterRole', name: 'admin' }, subject: { kind: 'User', name: 'jane' } }, 'RBAC: allowed by ClusterRoleBinding "admin-all" of ClusterRole "admin" to User "jane"'],
    [{ binding: { kind: 'RoleBinding', name: 'read', namespace: 'dev' }, role: { kind: 'Role', name: 'reader' }, subject: { kind: 'Group', name: 'devs' } }, 'RBAC: allowed by RoleBinding "read/dev" of Role "reader" to Group "devs"'],
    [{ binding: { kind: 'RoleBinding', name: 'sa', namespace: 'dev' }, role: { kind: 'ClusterRole', name: 'view' }, subject: { kind: 'ServiceAccount', name: 'builder' } }, 'RBAC: allowed by RoleBinding "sa/dev" of ClusterRole "view" to ServiceAccount "builder/dev"'],
  ] as const)('formats the RBAC reason %#', (grant, text) => {
    expect(rbacAllowReason(grant)).toBe(text);
  });

  it('derives UUIDv4 audit IDs from the seeded random source', () => {
    const a = newAuditID(createRandom(7).hex);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newAuditID(createRandom(7).hex)).toBe(a);
  });

  it('feeds the checker from the request info (a create has an empty name)', () => {
    const r = loadAuditPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: "", resources: ["pods"], resourceNames: ["nginx"]}]\n', '/p');
    if (!r.ok) throw new Error(r.error);
    expect(evaluatePolicy(r.policy, requestAttributesOf(createPod)).level).toBe('None');
  });
});

describe('auditRequest', () => {
  it('renders the lines the log backend writes for one request', () => {
    const r = loadAuditPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceived"]\nrules:\n- level: Metadata\n', '/p');
    if (!r.ok) throw new Error(r.error);
    const out = auditRequest(r.policy, createPod);
    expect(out.decision.ruleIndex).toBe(0);
    expect(out.lines).toEqual([CREATE_POD_COMPLETE]);
  });

  it('formats the start-up failure as klog prints it', () => {
    expect(
      commandFailedText(
        'loading audit policy file: failed decoding: no kind "Policy" is registered for version "audit.k8s.io/v1beta1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30": from file /etc/kubernetes/audit/policy.yaml',
      ),
    ).toBe(
      '"command failed" err="loading audit policy file: failed decoding: no kind \\"Policy\\" is registered for version \\"audit.k8s.io/v1beta1\\" in scheme \\"k8s.io/apiserver/pkg/audit/scheme.go:30\\": from file /etc/kubernetes/audit/policy.yaml"',
    );
    expect(klogKeyValue('err', 'a\nb')).toBe('err=<\n\ta\n\tb\n >');
  });
});
