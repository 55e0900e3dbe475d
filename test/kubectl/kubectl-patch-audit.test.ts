// The writes of label, annotate, patch and edit are real PATCH requests: the audit log records each at
// Request level with the patch as sent, and RBAC judges the `patch` verb.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { vi, vim } from '../../src/commands/vim';
import { auditedLab, AUDIT_LOG, CP } from '../kube/audit-lab';
import { bootedLab } from '../kube/harness';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: Request
  resources:
  - group: ""
    resources: ["pods"]
  verbs: ["patch"]
- level: None
`;

interface PatchEvent {
  verb: string;
  requestURI: string;
  userAgent: string;
  objectRef: { resource: string; namespace: string; name: string };
  requestObject: unknown;
  responseStatus: { code: number };
}

describe('audited patches', () => {
  it('logs label, annotate, patch and edit as PATCH with the body sent', async () => {
    const lab = await auditedLab({ policy: POLICY }, { programs: [...kubeCommands, vim, vi] });
    lab.kernel.hooks.openEditor = async (req) => ({ content: req.content.replace('image: nginx:1.23.3', 'image: nginx:1.23.4'), status: 0 });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    await k('run', 'nginx', '--image=nginx:1.23.3');
    expect((await k('label', 'pod', 'nginx', 'env=prod')).stdout).toBe('pod/nginx labeled\n');
    expect((await k('annotate', 'pod', 'nginx', 'owner=team-a')).stdout).toBe('pod/nginx annotated\n');
    expect((await k('patch', 'pod', 'nginx', '--type', 'json', '-p', '[{"op":"replace","path":"/metadata/labels/env","value":"dev"}]')).stdout).toBe('pod/nginx patched\n');
    expect((await k('edit', 'pod', 'nginx')).stdout).toBe('pod/nginx edited\n');
    const events = (lab.read(CP, AUDIT_LOG) ?? '')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as PatchEvent);
    expect(events.map((e) => [e.verb, e.requestURI, e.objectRef.name, e.responseStatus.code])).toEqual([
      ['patch', '/api/v1/namespaces/default/pods/nginx?fieldManager=kubectl-label', 'nginx', 200],
      ['patch', '/api/v1/namespaces/default/pods/nginx?fieldManager=kubectl-annotate', 'nginx', 200],
      ['patch', '/api/v1/namespaces/default/pods/nginx?fieldManager=kubectl-patch', 'nginx', 200],
      ['patch', '/api/v1/namespaces/default/pods/nginx?fieldManager=kubectl-edit&fieldValidation=Strict', 'nginx', 200],
    ]);
    expect(events.map((e) => e.requestObject)).toEqual([
      { metadata: { labels: { env: 'prod' } } },
      { metadata: { annotations: { owner: 'team-a' } } },
      [{ op: 'replace', path: '/metadata/labels/env', value: 'dev' }],
      { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.23.4', name: 'nginx' }] } },
    ]);
    // Keys in the order Go's json.Marshal wrote the patch: sorted.
    const editLine = (lab.read(CP, AUDIT_LOG) ?? '').split('\n').find((l) => l.includes('kubectl-edit'))!;
    expect(editLine).toContain('"requestObject":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.23.4","name":"nginx"}]}}');
    expect(events[0]!.userAgent).toBe('kubectl/v1.26.1 (linux/amd64) kubernetes/8f94681');
  });

  it('RBAC judges the patch verb', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    await k('run', 'nginx', '--image=nginx:1.23.3');
    await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read-pods' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
    });
    const forbidden = 'Error from server (Forbidden): pods "nginx" is forbidden: User "bob" cannot patch resource "pods" in API group "" in the namespace "default"\n';
    expect(await k('--as', 'bob', 'label', 'pod', 'nginx', 'a=b')).toEqual({ status: 1, stdout: '', stderr: forbidden });
    expect(await k('--as', 'bob', 'patch', 'pod', 'nginx', '-p', '{"metadata":{"labels":{"a":"b"}}}')).toEqual({ status: 1, stdout: '', stderr: forbidden });
    expect(await k('--as', 'carol', 'annotate', 'pod', 'nginx', 'a=b')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (Forbidden): pods "nginx" is forbidden: User "carol" cannot get resource "pods" in API group "" in the namespace "default"\n',
    });
  });
});
