// A fresh cluster boots from its static pod manifests: the API server serves and mirror pods appear.
import { describe, expect, it } from 'vitest';
import { bootedLab, kubeLab } from './harness';
import type { Pod } from '../../src/kube/types';

describe('cluster boot', () => {
  it('refuses API connections until kube-apiserver has started, then serves', async () => {
    const lab = kubeLab();
    expect(lab.cluster.apiServing()).toBe(false);
    await lab.advance(5);
    expect(lab.cluster.apiServing()).toBe(false);
    for (let i = 0; i < 30 && !lab.cluster.apiServing(); i++) await lab.advance(1);
    expect(lab.cluster.apiServing()).toBe(true);
  });

  it('creates mirror pods for the control-plane static pods in kube-system', async () => {
    const lab = await bootedLab();
    const r = await lab.api('list', '/api/v1/namespaces/kube-system/pods');
    const pods = (r.body as unknown as { items: Pod[] }).items;
    expect(pods.map((p) => p.metadata.name)).toEqual([
      'etcd-kube-control-plane',
      'kube-apiserver-kube-control-plane',
      'kube-controller-manager-kube-control-plane',
      'kube-scheduler-kube-control-plane',
    ]);
    const api = pods[1]!;
    expect(api.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
    expect(api.status?.phase).toBe('Running');
    expect(api.spec.priority).toBe(2000001000);
    expect(api.status?.containerStatuses?.[0]).toMatchObject({ name: 'kube-apiserver', ready: true, started: true, image: 'registry.k8s.io/kube-apiserver:v1.26.1' });
  });
});
