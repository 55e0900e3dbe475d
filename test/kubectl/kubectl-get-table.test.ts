// Server-side printing: kubectl get's human output asks for a meta.k8s.io/v1 Table and prints it; the
// API server builds it with the v1.26 printers' columns, and the Table is what the response (and so
// a RequestResponse audit event) carries. Other output formats get the objects themselves.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { TABLE_ACCEPT } from '../../src/commands/kubectl/printers';
import type { AuditHook, AuditStageInfo } from '../../src/kube/apiserver/types';
import { tableVersionOf } from '../../src/kube/apiserver/printers';
import type { JsonObject } from '../../src/kube/types';
import { adminRequest } from '../helpers/kube-admin';
import { bootedLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';

/** `kubectl get ns default -v 9` against a real API server: the column definitions of its Table. */
const NAMESPACE_COLUMNS = JSON.parse(
  '[{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0},{"name":"Status","type":"string","format":"","description":"The status of the namespace","priority":0},{"name":"Age","type":"string","format":"","description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\\n\\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata","priority":0}]',
) as JsonObject[];

function kubectl(lab: KubeLab) {
  return (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
}

function captureAudit(lab: KubeLab): AuditStageInfo[] {
  const done: AuditStageInfo[] = [];
  const hook: AuditHook = { onRequest: () => {}, onResponseStarted: () => {}, onComplete: (i) => void done.push(i) };
  lab.cluster.api.audit = hook;
  return done;
}

const kubectlRequests = (seen: AuditStageInfo[]): AuditStageInfo[] => seen.filter((e) => e.userAgent.startsWith('kubectl/'));
const columnsOf = (t: unknown): [string, number][] => ((t as JsonObject).columnDefinitions as JsonObject[]).map((c) => [c.name as string, c.priority as number]);

describe('kubectl get and server-side Tables', () => {
  it('lists pods as a meta.k8s.io/v1 Table with printPod columns and PartialObjectMetadata rows', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('run', 'nginx', '--image=alpine:3.17.1', '--', 'sleep', '3600');
    await lab.advance(8);
    const seen = captureAudit(lab);
    const out = await k('get', 'pods');
    expect(out.stdout).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE\nnginx   1\/1     Running   0          \d+s\n$/);
    const list = kubectlRequests(seen).find((e) => e.verb === 'list')!;
    expect(list.requestURI).toBe('/api/v1/namespaces/default/pods?limit=500');
    const table = list.responseObject as JsonObject;
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(Object.keys(table)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows']);
    expect(columnsOf(table)).toEqual([['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]]);
    const restarts = (table.columnDefinitions as JsonObject[])[3]!;
    expect(restarts).toEqual({ name: 'Restarts', type: 'string', format: '', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.', priority: 0 });
    const row = (table.rows as JsonObject[])[0]!;
    expect((row.cells as unknown[]).slice(0, 4)).toEqual(['nginx', '1/1', 'Running', '0']);
    expect(row.cells as unknown[]).toHaveLength(9);
    expect(row.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } } });
    expect(Object.keys((row.object as JsonObject).metadata as JsonObject).slice(0, 3)).toEqual(['name', 'namespace', 'uid']);
    expect((table.metadata as JsonObject).resourceVersion).toMatch(/^\d+$/);
  });

  it('asks for the plain object with -o yaml, json, name and jsonpath', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'configmap', 'app', '--from-literal=a=b');
    const seen = captureAudit(lab);
    for (const o of ['yaml', 'json', 'name', 'jsonpath={.data}']) await k('get', 'cm', 'app', '-o', o);
    const gets = kubectlRequests(seen).filter((e) => e.verb === 'get');
    expect(gets).toHaveLength(4);
    for (const g of gets) expect(g.responseObject).toMatchObject({ kind: 'ConfigMap', data: { a: 'b' } });
  });

  it('answers a get of one object with a one-row Table at the object resourceVersion', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'configmap', 'app', '--from-literal=a=b', '--from-literal=c=d');
    const seen = captureAudit(lab);
    expect((await k('get', 'configmap', 'app')).stdout).toMatch(/^NAME   DATA   AGE\napp    2      \d+s\n$/);
    const get = kubectlRequests(seen).find((e) => e.verb === 'get')!;
    const table = get.responseObject as JsonObject;
    const rv = (await k('get', 'cm', 'app', '-o', 'jsonpath={.metadata.resourceVersion}')).stdout;
    expect(table.metadata).toEqual({ resourceVersion: rv });
    expect(columnsOf(table)).toEqual([['Name', 0], ['Data', 0], ['Age', 0]]);
    expect(((table.rows as JsonObject[])[0]!.cells as unknown[]).slice(0, 2)).toEqual(['app', 2]);
  });

  it.each([
    ['namespaces', [['Name', 0], ['Status', 0], ['Age', 0]]],
    ['nodes', [['Name', 0], ['Status', 0], ['Roles', 0], ['Age', 0], ['Version', 0], ['Internal-IP', 1], ['External-IP', 1], ['OS-Image', 1], ['Kernel-Version', 1], ['Container-Runtime', 1]]],
    ['secrets', [['Name', 0], ['Type', 0], ['Data', 0], ['Age', 0]]],
    ['configmaps', [['Name', 0], ['Data', 0], ['Age', 0]]],
    ['services', [['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1]]],
    ['roles', [['Name', 0], ['Created At', 0]]],
  ])('prints %s with the server printer columns', async (resource, columns) => {
    const lab = await bootedLab({ programs: kubeCommands });
    const seen = captureAudit(lab);
    await kubectl(lab)('get', resource, '-A');
    const list = kubectlRequests(seen).find((e) => e.verb === 'list')!;
    expect(columnsOf(list.responseObject)).toEqual(columns);
  });

  it('sends the namespace columns a real API server sends', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.cluster.net.call(adminRequest('get', '/api/v1/namespaces/default', undefined, { accept: TABLE_ACCEPT }));
    const table = r!.body as JsonObject;
    expect(table.columnDefinitions).toEqual(NAMESPACE_COLUMNS);
    expect((table.rows as JsonObject[])[0]!.cells).toEqual(['default', 'Active', expect.stringMatching(/^\d+[smhd]/)]);
  });

  it('honours includeObject and the v1beta1 Table', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const call = async (uri: string, accept: string) => (await lab.cluster.net.call(adminRequest('get', uri, undefined, { accept })))!.body as JsonObject;
    const none = await call('/api/v1/namespaces?includeObject=None', TABLE_ACCEPT);
    expect((none.rows as JsonObject[]).every((r) => !('object' in r))).toBe(true);
    const full = await call('/api/v1/namespaces/default?includeObject=Object', TABLE_ACCEPT);
    expect((full.rows as JsonObject[])[0]!.object).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', spec: { finalizers: ['kubernetes'] } });
    const beta = await call('/api/v1/namespaces', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(beta).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1' });
    expect((beta.rows as JsonObject[])[0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1beta1' });
    expect(await call('/api/v1/namespaces/default', 'application/json')).toMatchObject({ kind: 'Namespace' });
    expect(await call('/api/v1/namespaces/nope', TABLE_ACCEPT)).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('marks a finished pod row Completed, as printPod does', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('run', 'once', '--image=busybox:1.36', '--restart=Never', '--', 'true');
    await lab.advance(15);
    const seen = captureAudit(lab);
    expect((await k('get', 'pod', 'once')).stdout).toMatch(/^once +0\/1 +Completed +0 +\d+s$/m);
    const row = ((kubectlRequests(seen).find((e) => e.verb === 'get')!.responseObject as JsonObject).rows as JsonObject[])[0]!;
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  it('prints the same table with --server-print=false, from the objects', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'clusterip', 'web', '--tcp=80:80');
    const seen = captureAudit(lab);
    const server = await k('get', 'svc', '-o', 'wide');
    const client = await k('get', 'svc', '-o', 'wide', '--server-print=false');
    expect(client).toEqual(server);
    expect(kubectlRequests(seen).map((e) => (e.responseObject as JsonObject).kind)).toEqual(['Table', 'ServiceList']);
  });

  it.each([
    [TABLE_ACCEPT, 'v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'v1beta1'],
    ['application/json', null],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', null],
    ['application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io', 'v1'],
    ['', null],
    [undefined, null],
  ])('reads the Accept header %j', (accept, version) => {
    expect(tableVersionOf(accept)).toBe(version);
  });
});

describe('kubectl get over several types', () => {
  it('names rows kind/name whenever several types were asked for, even if only one has rows', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    expect((await k('get', 'pods,svc')).stdout).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nservice\/kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +\S+\n$/);
    expect((await k('get', 'all')).stdout).toMatch(/^NAME +TYPE .*\nservice\/kubernetes +ClusterIP /);
    expect((await k('get', 'svc')).stdout).toMatch(/^NAME +TYPE .*\nkubernetes +ClusterIP /);
  });
});
