import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditEnabled, parseApiServerCommand, validateAuditConfig } from '../../src/audit';

const dir = fileURLToPath(new URL('../../assets/kubernetes/manifests/', import.meta.url));
// any: the assertions walk whatever the manifest YAML holds.
const load = (name: string): Record<string, any> => parse(readFileSync(`${dir}${name}`, 'utf8'));

describe('shipped kubeadm 1.26 static pod manifests', () => {
  it('has a kube-apiserver command that parses and configures no auditing', () => {
    const pod = load('kube-apiserver.yaml');
    const container = pod.spec.containers[0];
    expect(container.command[0]).toBe('kube-apiserver');
    const r = parseApiServerCommand(container.command);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.audit.policyFile).toBe('');
    expect(r.audit.log.path).toBe('');
    expect(r.audit.webhook.configFile).toBe('');
    expect(auditEnabled(r.audit)).toBe(false);
    expect(validateAuditConfig(r.audit)).toEqual([]);
    expect(r.flags['advertise-address']).toBe('192.168.56.10');
    expect(r.flags['authorization-mode']).toEqual(['Node', 'RBAC']);
    expect(r.stderr).toEqual([]);
  });

  it('keeps kubeadm layout: sorted flags, probes on the advertise address, five read-only volumes', () => {
    const pod = load('kube-apiserver.yaml');
    const c = pod.spec.containers[0];
    const flags = c.command.slice(1);
    expect(flags).toEqual([...flags].sort());
    expect(c.image).toBe('registry.k8s.io/kube-apiserver:v1.26.1');
    expect(pod.metadata.annotations['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint']).toBe('192.168.56.10:6443');
    expect(c.livenessProbe.httpGet).toEqual({ host: '192.168.56.10', path: '/livez', port: 6443, scheme: 'HTTPS' });
    expect(c.readinessProbe.periodSeconds).toBe(1);
    expect(c.startupProbe.failureThreshold).toBe(24);
    expect(c.volumeMounts.map((m: { name: string }) => m.name)).toEqual([
      'ca-certs',
      'etc-ca-certificates',
      'k8s-certs',
      'usr-local-share-ca-certificates',
      'usr-share-ca-certificates',
    ]);
    expect(c.volumeMounts.every((m: { readOnly: boolean }) => m.readOnly)).toBe(true);
    expect(pod.status).toEqual({});
  });

  it.each([
    ['etcd.yaml', 'etcd', 'registry.k8s.io/etcd:3.5.6-0'],
    ['kube-controller-manager.yaml', 'kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.26.1'],
    ['kube-scheduler.yaml', 'kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.26.1'],
  ])('%s is a kube-system static pod with the right image', (file, name, image) => {
    const pod = load(file);
    expect(pod.metadata).toMatchObject({ name, namespace: 'kube-system', labels: { component: name, tier: 'control-plane' } });
    expect(pod.spec.containers[0].image).toBe(image);
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.priorityClassName).toBe('system-node-critical');
  });
});
