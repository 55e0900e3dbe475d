// The API server pipeline: authentication, authorization, defaults, validation, the pod update rule,
// error Status texts and the audit hook's stages.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random';
import { ObjectStore } from '../../src/kube/store';
import { emptyKubeState } from '../../src/kube/state';
import { bootstrapStore } from '../../src/kube/bootstrap';
import { ApiServer } from '../../src/kube/apiserver/pipeline';
import { POD_UPDATE_FORBIDDEN } from '../../src/kube/apiserver/pod-update';
import type { ApiRequest, AuditHook, AuditRequestInfo, AuditStageInfo } from '../../src/kube/apiserver/types';
import type { World } from '../../src/world/world';
import type { JsonObject } from '../../src/kube/types';
import { adminRequest } from '../helpers/kube-admin';


function setup() {
  const world = { clock: { epochMs: Date.UTC(2023, 2, 6, 10, 15, 0), now: 0 }, kube: {} } as unknown as World;
  const state = emptyKubeState();
  const random = createRandom(7);
  const store = new ObjectStore(state.store, random, () => '2023-03-06T10:15:00Z');
  bootstrapStore(store, {
    nodes: [
      { name: 'kube-control-plane', ip: '192.168.56.10', controlPlane: true },
      { name: 'kube-worker-1', ip: '192.168.56.21', controlPlane: false },
    ],
    createdAt: '2023-03-06T07:00:00Z',
    caCert: 'CA',
  });
  const api = new ApiServer({ world, state, store, random, connector: null });
  const events: string[] = [];
  const stages: (AuditRequestInfo | AuditStageInfo)[] = [];
  const hook: AuditHook = {
    onRequest: (i) => {
      events.push(`RequestReceived ${i.verb} ${i.requestURI}`);
      stages.push(i);
    },
    onResponseStarted: (i) => {
      events.push(`ResponseStarted ${i.responseStatus.code}`);
      stages.push(i);
    },
    onComplete: (i) => {
      events.push(`${i.stage} ${i.responseStatus.code}`);
      stages.push(i);
    },
  };
  api.audit = hook;
  const call = (verb: ApiRequest['verb'], uri: string, body?: unknown, extra: Partial<ApiRequest> = {}) => api.handle(adminRequest(verb, uri, body, extra));
  return { api, store, call, events, stages };
}

const nginx = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { run: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

describe('API server pipeline', () => {
  it('creates a pod with server defaults and admission mutations', async () => {
    const { call } = setup();
    const r = await call('create', '/api/v1/namespaces/default/pods?fieldManager=kubectl-run', nginx);
    expect(r.code).toBe(201);
    const pod = r.body as JsonObject & { spec: JsonObject & { containers: JsonObject[]; volumes: JsonObject[] }; status: JsonObject; metadata: JsonObject };
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pod.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
    expect(pod.spec.volumes[0]!.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', serviceAccountName: 'default', serviceAccount: 'default', priority: 0, schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
    expect((pod.spec.tolerations as JsonObject[]).map((t) => t.key)).toEqual(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('reports AlreadyExists and NotFound with apimachinery texts', async () => {
    const { call } = setup();
    await call('create', '/api/v1/namespaces/default/pods', nginx);
    const again = await call('create', '/api/v1/namespaces/default/pods', nginx);
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', message: 'pods "nginx" already exists' });
    const missing = await call('get', '/api/v1/namespaces/default/pods/x');
    expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'pods "x" not found', code: 404 });
    const noNs = await call('create', '/api/v1/namespaces/nope/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(noNs.body).toMatchObject({ message: 'namespaces "nope" not found' });
  });

  it('rejects unknown fields under strict field validation', async () => {
    const { call } = setup();
    const bad = { ...nginx, spec: { containers: [{ name: 'nginx', imagee: 'nginx' }] } };
    const r = await call('create', '/api/v1/namespaces/default/pods?fieldValidation=Strict', bad);
    expect(r.code).toBe(400);
    expect(r.body).toMatchObject({ message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"' });
  });

  it('reports a type mismatch as encoding/json does', async () => {
    const { call } = setup();
    const bad = { ...nginx, spec: { containers: [{ name: 'nginx', image: 'nginx', securityContext: { readOnlyRootFilesystem: 'yes' } }] } };
    const r = await call('create', '/api/v1/namespaces/default/pods', bad);
    expect(r.body).toMatchObject({
      message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field SecurityContext.spec.containers.securityContext.readOnlyRootFilesystem of type bool',
    });
  });

  it.each([
    [{ containers: [{ name: 'nginx' }] }, 'Pod "p" is invalid: spec.containers[0].image: Required value'],
    [{ containers: [] }, 'Pod "p" is invalid: spec.containers: Required value'],
    [
      { containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'audit-log', mountPath: '/l' }] }] },
      'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "audit-log"',
    ],
    [
      { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }], containers: [{ name: 'a', image: 'x' }] },
      'Pod "p" is invalid: spec.volumes[1].name: Duplicate value: "v"',
    ],
    [{ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x' }] }, 'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ])('validates pod specs %#', async (spec, message) => {
    const { call } = setup();
    const r = await call('create', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
    expect(r.code).toBe(422);
    expect(r.body).toMatchObject({ reason: 'Invalid', message });
  });

  it('forbids pod updates beyond images with the 1.26 sentence and a PodSpec diff', async () => {
    const { call } = setup();
    await call('create', '/api/v1/namespaces/default/pods', nginx);
    const patch = { spec: { containers: [{ name: 'nginx', securityContext: { readOnlyRootFilesystem: true } }] } };
    const r = await call('patch', '/api/v1/namespaces/default/pods/nginx', patch, { patchType: 'application/strategic-merge-patch+json' });
    expect(r.code).toBe(422);
    const msg = (r.body as JsonObject).message as string;
    expect(msg.startsWith(`Pod "nginx" is invalid: spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{`)).toBe(true);
    expect(msg).toContain('- \t\t\tSecurityContext: nil,');
    expect(msg).toContain('+ \t\t\tSecurityContext: &core.SecurityContext{ReadOnlyRootFilesystem: &true},');
    const image = await call('patch', '/api/v1/namespaces/default/pods/nginx', { spec: { containers: [{ name: 'nginx', image: 'nginx:1.23' }] } });
    expect(image.code).toBe(200);
  });

  it('denies anonymous users with the RBAC Forbidden message', async () => {
    const { api } = setup();
    const r = await api.handle({ verb: 'list', uri: '/api/v1/namespaces/default/pods', credentials: {}, userAgent: 'curl/7.68.0', sourceIP: '192.168.56.10' });
    expect(r.code).toBe(403);
    expect(r.body).toMatchObject({ message: 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"' });
    const ready = await api.handle({ verb: 'get', uri: '/readyz', credentials: {}, userAgent: 'kube-probe/1.26', sourceIP: '192.168.56.10' });
    expect(ready).toEqual({ code: 200, body: 'ok' });
  });

  it('audits RequestReceived then ResponseComplete, filling the created name only at completion', async () => {
    const { call, events, stages } = setup();
    await call('create', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-user' }, data: { username: 'tom' } });
    expect(events).toEqual(['RequestReceived create /api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', 'ResponseComplete 201']);
    const [rr, rc] = stages as [AuditRequestInfo, AuditStageInfo];
    expect(rr.objectRef).toEqual({ resource: 'configmaps', namespace: 'default', apiVersion: 'v1' });
    expect(rc.objectRef).toEqual({ resource: 'configmaps', namespace: 'default', name: 'db-user', apiVersion: 'v1' });
    expect(rc.user).toEqual({ username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
    expect(rc.annotations).toEqual({ 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' });
    expect(rc.responseStatus).toEqual({ metadata: {}, code: 201 });
    expect(rc.requestReceivedTimestamp).toMatch(/^2023-03-06T10:15:00\.\d{6}Z$/);
  });

  it('audits a failed authentication as a single ResponseStarted with code 401', async () => {
    const { api, events } = setup();
    const r = await api.handle({ verb: 'list', uri: '/api/v1/pods', credentials: { token: 'nope' }, userAgent: 'curl', sourceIP: '10.0.0.1' });
    expect(r.code).toBe(401);
    expect(events).toEqual(['ResponseStarted 401']);
  });
});
