// A live control plane's own requests reach the audit log as on a kubeadm cluster: probes as
// system:anonymous, node leases every 10 s, leader-election leases every 2 s, node status reads.
import { describe, expect, it } from 'vitest';
import { TRAFFIC_TIMER } from '../../src/kube/control-plane-traffic';
import { auditedLab, CP, loggedEvents, rootFs, WORKER, type LoggedEvent } from './audit-lab';

const CATCH_ALL = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceived"]\nrules:\n- level: Metadata\n';

/** Events logged during `seconds` of quiet cluster time. */
async function quietMinute(seconds = 60): Promise<{ events: LoggedEvent[]; lab: Awaited<ReturnType<typeof auditedLab>> }> {
  const lab = await auditedLab({ policy: CATCH_ALL });
  const before = loggedEvents(lab).length;
  await lab.advance(seconds);
  return { events: loggedEvents(lab).slice(before), lab };
}

const count = (events: LoggedEvent[], pred: (e: LoggedEvent) => boolean): number => events.filter(pred).length;

describe('control-plane background traffic', () => {
  it('logs kube-probe /readyz every second and /livez every 10 s as system:anonymous, allowed by system:public-info-viewer', async () => {
    const { events } = await quietMinute();
    const readyz = events.filter((e) => e.requestURI === '/readyz');
    expect(readyz.length).toBeGreaterThanOrEqual(59);
    expect(readyz.length).toBeLessThanOrEqual(61);
    expect(count(events, (e) => e.requestURI === '/livez')).toBe(6);
    expect(readyz[0]).toMatchObject({
      verb: 'get',
      user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
      sourceIPs: ['192.168.56.10'],
      userAgent: 'kube-probe/1.26',
      responseStatus: { code: 200 },
      annotations: {
        'authorization.k8s.io/decision': 'allow',
        'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
      },
    });
    expect(readyz[0]!.objectRef).toBeUndefined();
  });

  it('renews each node lease every 10 s (PUT by system:node:<node>) and reads the Node with resourceVersion=0', async () => {
    const { events } = await quietMinute();
    for (const node of [CP, WORKER]) {
      const renewals = events.filter((e) => e.verb === 'update' && e.objectRef?.resource === 'leases' && e.objectRef.namespace === 'kube-node-lease' && e.objectRef.name === node);
      expect(renewals).toHaveLength(6);
      expect(renewals[0]).toMatchObject({
        requestURI: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}?timeout=10s`,
        user: { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] },
        userAgent: 'kubelet/v1.26.1 (linux/amd64) kubernetes/8f94681',
        objectRef: { apiGroup: 'coordination.k8s.io' },
      });
      expect(count(events, (e) => e.verb === 'get' && e.requestURI === `/api/v1/nodes/${node}?resourceVersion=0&timeout=10s`)).toBe(6);
    }
  });

  it('renews the controller-manager and scheduler leader leases every 2 s (GET then PUT, user agent …/leader-election)', async () => {
    const { events } = await quietMinute();
    for (const component of ['kube-controller-manager', 'kube-scheduler']) {
      const own = events.filter((e) => e.objectRef?.resource === 'leases' && e.objectRef.namespace === 'kube-system' && e.objectRef.name === component);
      expect(count(own, (e) => e.verb === 'get')).toBe(30);
      expect(count(own, (e) => e.verb === 'update')).toBe(30);
      expect(own.every((e) => e.userAgent === `${component}/v1.26.1 (linux/amd64) kubernetes/8f94681/leader-election` && e.user.username === `system:${component}`)).toBe(true);
      expect(own.every((e) => e.requestURI === `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${component}?timeout=5s`)).toBe(true);
      expect(own.every((e) => e.annotations?.['authorization.k8s.io/decision'] === 'allow')).toBe(true);
    }
  });

  it('patches each Node status heartbeat every 5 minutes', async () => {
    const { events } = await quietMinute(610);
    const patches = events.filter((e) => e.verb === 'patch' && e.requestURI === `/api/v1/nodes/${CP}/status?timeout=10s`);
    expect(patches.length).toBe(2);
    expect(patches[0]!.objectRef).toMatchObject({ resource: 'nodes', name: CP, subresource: 'status' });
  });

  it('is silent while the API server is down and resumes when it serves again', async () => {
    const lab = await auditedLab({ policy: CATCH_ALL });
    const root = rootFs(lab);
    const manifest = root.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml');
    root.writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', manifest.replace('  - command:\n', '  - command\n'));
    await lab.advance(25);
    expect(lab.cluster.apiServing()).toBe(false);
    await lab.advance(30);
    // No chain keeps ticking while nothing serves.
    expect(lab.world.timers.filter((t) => t.kind === TRAFFIC_TIMER)).toHaveLength(0);
    root.writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', manifest);
    for (let i = 0; i < 40 && !lab.cluster.apiServing(); i++) await lab.advance(1);
    const before = loggedEvents(lab).length;
    await lab.advance(10);
    expect(loggedEvents(lab).slice(before).some((e) => e.requestURI === '/readyz')).toBe(true);
  });

  it('stops a node’s heartbeats and probes when its kubelet is stopped', async () => {
    const lab = await auditedLab({ policy: CATCH_ALL });
    lab.world.nodes[CP]!.units['kubelet.service']!.activeState = 'inactive';
    const before = loggedEvents(lab).length;
    await lab.advance(20);
    const events = loggedEvents(lab).slice(before);
    expect(events.some((e) => e.user.username === `system:node:${CP}`)).toBe(false);
    expect(events.some((e) => e.requestURI === '/readyz')).toBe(false);
    expect(events.some((e) => e.user.username === `system:node:${WORKER}`)).toBe(true);
  });
});
