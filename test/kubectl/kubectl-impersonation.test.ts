// kubectl --as / --as-group / --as-uid: the impersonation filter checks the `impersonate` verb for the
// authenticated user, RBAC then judges the impersonated one, and the audit hook sees both users.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import type { AuditHook, AuditRequestInfo, AuditStageInfo } from '../../src/kube/apiserver/types';
import { bootedLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';
const ADMIN = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

function kubectl(lab: KubeLab) {
  return (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
}

function captureAudit(lab: KubeLab): { received: AuditRequestInfo[]; done: AuditStageInfo[] } {
  const received: AuditRequestInfo[] = [];
  const done: AuditStageInfo[] = [];
  const hook: AuditHook = { onRequest: (i) => void received.push(i), onResponseStarted: () => {}, onComplete: (i) => void done.push(i) };
  lab.cluster.api.audit = hook;
  return { received, done };
}

/** A Role that reads pods in default, bound to User bob. */
async function letBobReadPods(lab: KubeLab): Promise<void> {
  await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  });
  await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read-pods' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
  });
}

/** A service-account token kubectl can present with --token (the default SA of default). */
async function defaultServiceAccountToken(lab: KubeLab): Promise<string> {
  await lab.api('create', '/api/v1/namespaces/default/secrets', {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'default-token', annotations: { 'kubernetes.io/service-account.name': 'default' } }, data: { token: btoa('sa-token-123') },
  });
  return 'sa-token-123';
}

describe('kubectl --as', () => {
  it('judges RBAC on the impersonated user, with the real Forbidden message', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const seen = captureAudit(lab);
    expect(await kubectl(lab)('--as', 'bob', 'get', 'pods')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"\n',
    });
    const list = seen.done.find((e) => e.verb === 'list')!;
    expect(list.user).toEqual(ADMIN);
    expect(list.impersonatedUser).toEqual({ username: 'bob', groups: ['system:authenticated'] });
    expect(list.annotations).toEqual({ 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' });
    expect(list.responseStatus).toMatchObject({ code: 403, reason: 'Forbidden', details: { kind: 'pods' } });
    // The impersonation filter runs after RequestReceived: that stage knows only the authenticated user.
    const first = seen.received.find((e) => e.verb === 'list')!;
    expect(first.user).toEqual(ADMIN);
    expect(first.impersonatedUser).toBeUndefined();
  });

  it('allows what a RoleBinding grants the impersonated user, with the RBAC reason', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    await letBobReadPods(lab);
    const seen = captureAudit(lab);
    const r = await kubectl(lab)('get', 'pods', '--as=bob');
    expect(r).toEqual({ status: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(seen.done.find((e) => e.verb === 'list')!.annotations).toEqual({
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to User "bob"',
    });
    expect((await kubectl(lab)('get', 'secrets', '--as=bob')).stderr).toBe(
      'Error from server (Forbidden): secrets is forbidden: User "bob" cannot list resource "secrets" in API group "" in the namespace "default"\n',
    );
    expect((await kubectl(lab)('get', 'nodes', '--as=bob')).stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope\n');
  });

  it('takes --as-group groups as given, adding system:authenticated', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const seen = captureAudit(lab);
    expect((await kubectl(lab)('get', 'ns', 'default', '--as=bob', '--as-group=system:masters')).stdout).toMatch(/^NAME +STATUS +AGE\ndefault +Active /);
    expect(seen.done.at(-1)!.impersonatedUser).toEqual({ username: 'bob', groups: ['system:masters', 'system:authenticated'] });
    await kubectl(lab)('get', 'ns', 'default', '--as=bob', '--as-group=dev', '--as-group=system:authenticated', '--as-uid=42');
    expect(seen.done.at(-1)!.impersonatedUser).toEqual({ username: 'bob', uid: '42', groups: ['dev', 'system:authenticated'] });
  });

  it('gives an impersonated service account its groups', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const seen = captureAudit(lab);
    expect((await kubectl(lab)('get', 'pods', '--as=system:serviceaccount:default:default')).stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
    expect(seen.done.at(-1)!.impersonatedUser).toEqual({
      username: 'system:serviceaccount:default:default',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
  });

  it('refuses a user without the impersonate permission', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const token = await defaultServiceAccountToken(lab);
    const seen = captureAudit(lab);
    expect(await kubectl(lab)('--token', token, '--as', 'bob', 'get', 'pods')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (Forbidden): users "bob" is forbidden: User "system:serviceaccount:default:default" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    });
    const denied = seen.done.at(-1)!;
    expect(denied.user?.username).toBe('system:serviceaccount:default:default');
    expect(denied.impersonatedUser).toBeUndefined();
    expect(denied.annotations).toEqual({});
    expect(denied.responseStatus).toMatchObject({ code: 403, details: { name: 'bob', kind: 'users' } });
    expect((await kubectl(lab)('--token', token, '--as', 'system:serviceaccount:kube-system:default', 'get', 'pods')).stderr).toBe(
      'Error from server (Forbidden): serviceaccounts "default" is forbidden: User "system:serviceaccount:default:default" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"\n',
    );
  });

  it('lets a user impersonate once RBAC grants the impersonate verb, but not groups it was not granted', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const token = await defaultServiceAccountToken(lab);
    await letBobReadPods(lab);
    await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'impersonate-bob' },
      rules: [{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['bob'] }],
    });
    await lab.api('create', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'impersonate-bob' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-bob' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    expect((await kubectl(lab)('--token', token, '--as', 'bob', 'get', 'pods')).stderr).toBe('No resources found in default namespace.\n');
    expect((await kubectl(lab)('--token', token, '--as', 'bob', '--as-group', 'system:masters', 'get', 'pods')).stderr).toBe(
      'Error from server (Forbidden): groups "system:masters" is forbidden: User "system:serviceaccount:default:default" cannot impersonate resource "groups" in API group "" at the cluster scope\n',
    );
  });

  it.each([
    [['--as-group=dev', 'get', 'pods']],
    [['--as-uid=42', 'get', 'pods']],
  ])('refuses %j without --as, as clientcmd validates the config', async (args) => {
    const lab = await bootedLab({ programs: kubeCommands });
    expect(await kubectl(lab)(...args)).toEqual({ status: 1, stdout: '', stderr: 'error: invalid configuration: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n' });
  });
});
