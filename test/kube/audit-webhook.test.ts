// The audit webhook backend of a serving kube-apiserver: kubeconfig current-context → cluster.server,
// batch rounds (--audit-webhook-batch-max-wait) and blocking mode, retries with back-off, the plugin
// error line, and Falco's k8saudit endpoint on the worker as the receiver.
import { describe, expect, it } from 'vitest';
import type { AuditWebhookDelivery } from '../../src/kube/audit';
import { listenAuditWebhook, deliverAuditWebhook } from '../../src/world/falco/k8saudit-webhook';
import { apiserverLog, auditedLab, CP, enableAudit, WORKER } from './audit-lab';
import { kubeLab } from './harness';
import { auditApiServerBoot } from '../../src/kube/audit';

/** Only what people do: the control plane's own traffic is excluded, as real policies do. */
const POLICY = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'omitStages: ["RequestReceived"]',
  'rules:',
  '- level: None',
  '  users: ["system:kube-controller-manager", "system:kube-scheduler", "system:anonymous"]',
  '- level: None',
  '  userGroups: ["system:nodes"]',
  '- level: Metadata',
  '',
].join('\n');

const kubeconfig = (current: string): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: elsewhere',
    '  cluster:',
    '    server: http://192.168.56.99:8080/nowhere',
    '- name: falco',
    '  cluster:',
    '    server: http://192.168.56.21:9765/k8s-audit',
    'contexts:',
    '- name: first',
    '  context:',
    '    cluster: elsewhere',
    '- name: to-falco',
    '  context:',
    '    cluster: falco',
    `current-context: ${current}`,
    '',
  ].join('\n');

const WEBHOOK_FLAG = '--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml';

interface Received {
  at: number;
  items: Array<{ kind?: string; verb?: string; stage?: string; objectRef?: { name?: string } }>;
}

async function createConfigMap(lab: Awaited<ReturnType<typeof auditedLab>>, name: string): Promise<void> {
  const r = await lab.api('create', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });
  expect(r.code).toBe(201);
}

describe('audit webhook backend', () => {
  it("batch mode (the default) POSTs an EventList to Falco's k8saudit endpoint when the 30 s round ends", async () => {
    const received: Received[] = [];
    let kernelRef: Parameters<typeof deliverAuditWebhook>[0] | null = null;
    const lab = await auditedLab(
      { policy: POLICY, flags: [WEBHOOK_FLAG], files: { 'webhook.yaml': kubeconfig('to-falco') }, noLog: true, webhook: (d) => deliverAuditWebhook(kernelRef!, d.fromNode, d.kubeconfig, d.items) },
      {},
    );
    kernelRef = lab.kernel;
    listenAuditWebhook(lab.kernel, WORKER, 9765, '/k8s-audit', (items) => received.push({ at: lab.world.clock.now, items: items as Received['items'] }));
    await lab.advance(31);
    received.length = 0;
    const sentAt = lab.world.clock.now;
    await createConfigMap(lab, 'db-user');
    await lab.advance(1);
    expect(received).toHaveLength(0);
    await lab.advance(30);
    expect(received).toHaveLength(1);
    expect(received[0]!.at - sentAt).toBeLessThanOrEqual(30e9);
    const ev = received[0]!.items.find((i) => i.objectRef?.name === 'db-user');
    expect(ev).toMatchObject({ verb: 'create', stage: 'ResponseComplete' });
    // EventList items carry no kind/apiVersion of their own.
    expect(ev!.kind).toBeUndefined();
  });

  it('blocking mode sends each event at once, one per POST; current-context picks the cluster', async () => {
    const posts: AuditWebhookDelivery[] = [];
    const lab = await auditedLab({
      policy: POLICY,
      flags: [WEBHOOK_FLAG, '--audit-webhook-mode=blocking'],
      files: { 'webhook.yaml': kubeconfig('to-falco') },
      webhook: (d) => (posts.push(d), { ok: true }),
    });
    posts.length = 0;
    await createConfigMap(lab, 'now');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ fromNode: CP, server: 'http://192.168.56.21:9765/k8s-audit' });
    expect(posts[0]!.body).toMatch(/^\{"kind":"EventList","apiVersion":"audit\.k8s\.io\/v1","metadata":\{\},"items":\[\{"level":"Metadata",/);
    expect(posts[0]!.items).toHaveLength(1);
  });

  it('retries a failing POST after 10, 15, 22.5 and 33.75 s (+ up to 20 %), then logs the plugin error', async () => {
    const attempts: number[] = [];
    const lab = await auditedLab({
      policy: POLICY,
      flags: [WEBHOOK_FLAG, '--audit-webhook-mode=blocking'],
      files: { 'webhook.yaml': kubeconfig('to-falco') },
      webhook: () => (attempts.push(lab.world.clock.now), { ok: false, error: 'Post "http://192.168.56.21:9765/k8s-audit": dial tcp 192.168.56.21:9765: connect: connection refused' }),
    });
    attempts.length = 0;
    await createConfigMap(lab, 'lost');
    await lab.advance(120);
    expect(attempts).toHaveLength(5);
    const waits = attempts.slice(1).map((t, i) => (t - attempts[i]!) / 1e9);
    [10, 15, 22.5, 33.75].forEach((base, i) => {
      expect(waits[i]!).toBeGreaterThanOrEqual(base);
      expect(waits[i]!).toBeLessThanOrEqual(base * 1.2 + 1);
    });
    const log = apiserverLog(lab);
    expect(log).toMatch(
      /stderr F E\d{4} [\d:.]+ +1 metrics\.go:110\] Error in audit plugin 'webhook' affecting 1 audit events: Post "http:\/\/192\.168\.56\.21:9765\/k8s-audit\?timeout=30s": dial tcp 192\.168\.56\.21:9765: connect: connection refused\n\S+ stderr F Impacted events:\n\S+ stderr F \S+ AUDIT: id="[0-9a-f-]+" stage="ResponseComplete" ip="192\.168\.56\.10" method="create" user="kubernetes-admin"/,
    );
  });

  it('--audit-webhook-initial-backoff scales the waits', async () => {
    const attempts: number[] = [];
    const lab = await auditedLab({
      policy: POLICY,
      flags: [WEBHOOK_FLAG, '--audit-webhook-mode=blocking', '--audit-webhook-initial-backoff=1s'],
      files: { 'webhook.yaml': kubeconfig('to-falco') },
      webhook: () => (attempts.push(lab.world.clock.now), { ok: false, error: 'Post "x": EOF' }),
    });
    attempts.length = 0;
    await createConfigMap(lab, 'quick');
    await lab.advance(12);
    expect(attempts).toHaveLength(5);
    expect((attempts[4]! - attempts[0]!) / 1e9).toBeLessThanOrEqual((1 + 1.5 + 2.25 + 3.375) * 1.2 + 4);
  });

  it.each([
    ['a kubeconfig whose current-context does not exist', kubeconfig('missing'), 'initializing audit webhook: invalid configuration: [context was not found for specified context: missing, cluster has no server defined]'],
    ['an empty kubeconfig', '', 'initializing audit webhook: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable'],
  ])('%s stops the API server with the run.go "command failed" line', async (_name, text, error) => {
    const lab = kubeLab({ boot: auditApiServerBoot({ webhook: () => ({ ok: true }) }) });
    for (let i = 0; i < 60 && !lab.cluster.apiServing(); i++) await lab.advance(1);
    enableAudit(lab, { policy: POLICY, flags: [WEBHOOK_FLAG], files: { 'webhook.yaml': text } });
    await lab.advance(40);
    expect(lab.cluster.apiServing()).toBe(false);
    const latest = Object.values(lab.world.nodes[CP]!.containers)
      .filter((c) => c.name === 'kube-apiserver')
      .sort((a, b) => b.createdAt - a.createdAt)[0]!;
    expect(lab.read(CP, latest.logPath)).toContain(`run.go:74] "command failed" err=${JSON.stringify(error)}`);
  });
});
