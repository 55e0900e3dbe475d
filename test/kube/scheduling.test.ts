// Scheduling and namespaces: the control-plane taint, nodeName bypassing the scheduler, and the
// namespace controller's defaults and clean-up.
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../src/kube/types';
import { bootedLab } from './harness';

const pod = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name, image: 'alpine:3.17.1', command: ['sh', '-c', 'while true; do sleep 5; done'] }], ...spec },
});

describe('scheduling', () => {
  it('leaves a pod pending when only the tainted control plane matches its nodeSelector', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', pod('cp', { nodeSelector: { 'kubernetes.io/hostname': 'kube-control-plane' } }));
    await lab.advance(3);
    const p = (await lab.api('get', '/api/v1/namespaces/default/pods/cp')).body as unknown as Pod;
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    const ev = ((await lab.api('list', '/api/v1/namespaces/default/events')).body as unknown as { items: Event[] }).items;
    expect(ev.map((e) => e.message)).toContain(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('runs a pod with spec.nodeName on that node without the scheduler', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', pod('pinned', { nodeName: 'kube-control-plane' }));
    await lab.advance(8);
    const p = (await lab.api('get', '/api/v1/namespaces/default/pods/pinned')).body as unknown as Pod;
    expect(p.status?.phase).toBe('Running');
    expect(Object.values(lab.world.nodes['kube-control-plane']!.containers).some((c) => c.name === 'pinned' && c.state === 'running')).toBe(true);
  });
});

describe('namespaces', () => {
  it('get a default service account and kube-root-ca.crt, and go away with their pods when deleted', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'h92' } });
    await lab.advance(1);
    expect((await lab.api('get', '/api/v1/namespaces/h92/serviceaccounts/default')).code).toBe(200);
    expect((await lab.api('get', '/api/v1/namespaces/h92/configmaps/kube-root-ca.crt')).code).toBe(200);
    await lab.api('create', '/api/v1/namespaces/h92/pods', pod('loop'));
    await lab.advance(8);
    await lab.api('delete', '/api/v1/namespaces/h92');
    expect(((await lab.api('get', '/api/v1/namespaces/h92')).body as unknown as { status: { phase: string } }).status.phase).toBe('Terminating');
    await lab.advance(45);
    expect((await lab.api('get', '/api/v1/namespaces/h92')).code).toBe(404);
    expect(Object.values(lab.world.nodes['kube-worker-1']!.containers).some((c) => c.podNamespace === 'h92')).toBe(false);
  });
});
