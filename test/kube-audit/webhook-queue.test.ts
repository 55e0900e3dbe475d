// The audit webhook backend on the world's scheduler: a kubectl request never waits for the webhook's
// retries, batch and blocking modes retry after 10, 15, 22.5 and 33.75 s (+ up to 20 %) and then drop
// the events with the plugin-error lines in the API server's log, and pending batches and retries are
// plain data that carry on in a saved and restored world.
import { describe, expect, it } from 'vitest';
import { auditApiServerBoot, type AuditWebhookTransport } from '../../src/kube/audit';
import { apiserverLog, auditedLab, CP } from '../kube/audit-lab';
import { kubeLab, type KubeLab } from '../kube/harness';

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

const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: falco',
  '  cluster:',
  '    server: http://192.168.56.21:9765/k8s-audit',
  'contexts:',
  '- name: default',
  '  context:',
  '    cluster: falco',
  'current-context: default',
  '',
].join('\n');

const REFUSED = 'Post "http://192.168.56.21:9765/k8s-audit": dial tcp 192.168.56.21:9765: connect: connection refused';
const BASE_WAITS = [10, 15, 22.5, 33.75];

/** A transport that records when it was called and how many events each POST carried, and fails. */
function failingSink(clock: () => number) {
  const attempts: Array<{ at: number; items: number }> = [];
  const transport: AuditWebhookTransport = (d) => (attempts.push({ at: clock(), items: d.items.length }), { ok: false, error: REFUSED });
  return { attempts, transport };
}

async function webhookLab(mode: 'batch' | 'blocking', transport: AuditWebhookTransport): Promise<KubeLab> {
  return auditedLab({
    policy: POLICY,
    flags: ['--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml', `--audit-webhook-mode=${mode}`, '--audit-webhook-batch-max-size=10'],
    files: { 'webhook.yaml': KUBECONFIG },
    noLog: true,
    webhook: transport,
  });
}

async function createConfigMap(lab: KubeLab, name: string): Promise<void> {
  const r = await lab.api('create', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });
  expect(r.code).toBe(201);
}

function expectBackoff(times: number[]): void {
  expect(times).toHaveLength(5);
  times.slice(1).forEach((t, i) => {
    const wait = (t - times[i]!) / 1e9;
    expect(wait).toBeGreaterThanOrEqual(BASE_WAITS[i]!);
    expect(wait).toBeLessThanOrEqual(BASE_WAITS[i]! * 1.2 + 0.001);
  });
}

/** The plugin-error entry in the API server's container log: its line, `Impacted events:`, one legacy line each. */
const PLUGIN_ERROR = (n: number): RegExp =>
  new RegExp(
    String.raw`stderr F E\d{4} [\d:.]+ +1 metrics\.go:110\] Error in audit plugin 'webhook' affecting ${n} audit events: Post "http://192\.168\.56\.21:9765/k8s-audit\?timeout=30s": dial tcp 192\.168\.56\.21:9765: connect: connection refused\n\S+ stderr F Impacted events:\n` +
      Array.from({ length: n }, () => String.raw`\S+ stderr F \S+ AUDIT: id="[0-9a-f-]+" stage="ResponseComplete" ip="192\.168\.56\.10" method="create" user="kubernetes-admin"[^\n]*\n`).join(''),
  );

describe('audit webhook retries run on the simulated clock', () => {
  it('blocking mode: the first POST happens inside the request, which then returns at once; retries follow on timers', async () => {
    let lab: KubeLab | null = null;
    const sink = failingSink(() => lab!.world.clock.now);
    lab = await webhookLab('blocking', sink.transport);
    sink.attempts.length = 0;
    const before = lab.world.clock.now;
    await createConfigMap(lab, 'waits-not');
    expect(lab.world.clock.now).toBe(before);
    expect(sink.attempts).toEqual([{ at: before, items: 1 }]);
    await lab.advance(100);
    expectBackoff(sink.attempts.map((a) => a.at));
    expect(apiserverLog(lab)).toMatch(PLUGIN_ERROR(1));
  });

  it('batch mode: the round ends, the batch is POSTed and retried, then dropped with every event listed', async () => {
    let lab: KubeLab | null = null;
    const sink = failingSink(() => lab!.world.clock.now);
    lab = await webhookLab('batch', sink.transport);
    await lab.advance(31);
    sink.attempts.length = 0;
    const before = lab.world.clock.now;
    await createConfigMap(lab, 'first');
    await createConfigMap(lab, 'second');
    expect(lab.world.clock.now).toBe(before);
    expect(sink.attempts).toEqual([]);
    await lab.advance(130);
    expect(sink.attempts.map((a) => a.items)).toEqual([2, 2, 2, 2, 2]);
    expect(sink.attempts[0]!.at - before).toBeLessThanOrEqual(30e9);
    expectBackoff(sink.attempts.map((a) => a.at));
    expect(apiserverLog(lab)).toMatch(PLUGIN_ERROR(2));
  });
});

describe('audit webhook work in a saved world', () => {
  /** The world as the next `cks-lab sh` loads it: a deep copy, and every mechanism wired anew. */
  function restored(lab: KubeLab, transport: AuditWebhookTransport): KubeLab {
    return kubeLab({ world: structuredClone(lab.world), boot: auditApiServerBoot({ hex: (n) => '0'.repeat(n), webhook: transport }) });
  }

  it('pending retries carry on after a restore, at their planned times', async () => {
    let lab: KubeLab | null = null;
    const first = failingSink(() => lab!.world.clock.now);
    lab = await webhookLab('blocking', first.transport);
    first.attempts.length = 0;
    await createConfigMap(lab, 'kept-retrying');
    await lab.advance(13);
    expect(first.attempts).toHaveLength(2);
    const planned = lab.world.timers.filter((t) => t.kind === 'kube.audit.webhook').map((t) => t.at);
    expect(planned).toHaveLength(1);
    let again: KubeLab | null = null;
    const second = failingSink(() => again!.world.clock.now);
    again = restored(lab, second.transport);
    await again.advance(90);
    expect(second.attempts).toHaveLength(3);
    expect(second.attempts[0]!.at).toBe(planned[0]);
    expectBackoff([...first.attempts, ...second.attempts].map((a) => a.at));
    expect(apiserverLog(again)).toMatch(PLUGIN_ERROR(1));
  });

  it('a buffered batch is sent when its round ends in the restored world', async () => {
    const delivered: string[] = [];
    let lab: KubeLab | null = null;
    lab = await webhookLab('batch', () => ({ ok: true }));
    await lab.advance(31);
    await createConfigMap(lab, 'buffered');
    expect(lab.world.timers.some((t) => t.kind === 'kube.audit.webhook')).toBe(true);
    const again = restored(lab, (d) => {
      for (const i of d.items as Array<{ objectRef?: { name?: string } }>) if (i.objectRef?.name) delivered.push(i.objectRef.name);
      return { ok: true };
    });
    await again.advance(31);
    expect(delivered).toContain('buffered');
    expect(again.world.nodes[CP]).toBeDefined();
  });
});
