// A booted kube lab whose API server audits with a given policy (and optionally a webhook): the manifest
// gets the audit flags, a directory mount for /etc/kubernetes/audit and the log directory.
import { auditApiServerBoot, type AuditWebhookTransport } from '../../src/kube/audit';
import { kubeLab, type KubeLab } from './harness';

export const CP = 'kube-control-plane';
export const WORKER = 'kube-worker-1';
export const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
export const AUDIT_LOG = '/var/log/kubernetes/audit/audit.log';

export interface AuditLabOptions {
  policy: string;
  /** Extra kube-apiserver flags (e.g. --audit-webhook-config-file=…). */
  flags?: string[];
  /** Files to put under /etc/kubernetes/audit/ besides policy.yaml. */
  files?: Record<string, string>;
  webhook?: AuditWebhookTransport;
  /** Leave out --audit-log-path. */
  noLog?: boolean;
}

export function rootFs(lab: KubeLab, node = CP) {
  return lab.kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
}

/** Rewrite the kubeadm manifest with audit flags and mounts; the kubelet restarts the API server. */
export function enableAudit(lab: KubeLab, o: AuditLabOptions): void {
  const root = rootFs(lab);
  if (!root.exists('/etc/kubernetes/audit')) root.mkdir('/etc/kubernetes/audit');
  root.writeFile('/etc/kubernetes/audit/policy.yaml', o.policy);
  for (const [name, text] of Object.entries(o.files ?? {})) root.writeFile(`/etc/kubernetes/audit/${name}`, text);
  const flags = ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', ...(o.noLog ? [] : [`--audit-log-path=${AUDIT_LOG}`]), ...(o.flags ?? [])];
  const text = root
    .readFile(MANIFEST)
    .replace('    - --allow-privileged=true\n', `    - --allow-privileged=true\n${flags.map((f) => `    - ${f}\n`).join('')}`)
    .replace('    volumeMounts:\n', '    volumeMounts:\n    - mountPath: /etc/kubernetes/audit\n      name: audit\n      readOnly: true\n    - mountPath: /var/log/kubernetes/audit\n      name: audit-log\n')
    .replace('  volumes:\n', '  volumes:\n  - hostPath:\n      path: /etc/kubernetes/audit\n      type: Directory\n    name: audit\n  - hostPath:\n      path: /var/log/kubernetes/audit\n      type: DirectoryOrCreate\n    name: audit-log\n');
  root.writeFile(MANIFEST, text);
}

/** A cluster whose API server serves with auditing on. */
export async function auditedLab(o: AuditLabOptions, extra: Parameters<typeof kubeLab>[0] = {}): Promise<KubeLab> {
  const lab = kubeLab({ ...extra, boot: auditApiServerBoot({ hex: (n) => '0'.repeat(n), ...(o.webhook ? { webhook: o.webhook } : {}) }) });
  for (let i = 0; i < 60 && !lab.cluster.apiServing(); i++) await lab.advance(1);
  await restartedWith(lab, () => enableAudit(lab, o));
  return lab;
}

/** Change something and wait until another kube-apiserver container serves (the kubelet re-lists every 20 s). */
export async function restartedWith(lab: KubeLab, change: () => void): Promise<void> {
  const before = lab.cluster.state.serving?.containerId ?? null;
  change();
  const serving = (): boolean => lab.cluster.apiServing() && lab.cluster.state.serving?.containerId !== before;
  for (let i = 0; i < 90 && !serving(); i++) await lab.advance(1);
  if (!serving()) throw new Error('no new API server came up');
}

export interface LoggedEvent {
  level: string;
  stage: string;
  verb: string;
  requestURI: string;
  user: { username?: string; groups?: string[] };
  userAgent?: string;
  sourceIPs?: string[];
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code: number };
  annotations?: Record<string, string>;
}

/** The audit log's events (JSON lines). */
export function loggedEvents(lab: KubeLab): LoggedEvent[] {
  return (lab.read(CP, AUDIT_LOG) ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LoggedEvent);
}

/** The serving kube-apiserver container's log (CRI lines). */
export function apiserverLog(lab: KubeLab): string {
  const serving = lab.cluster.state.serving;
  if (!serving) return '';
  const rec = lab.world.nodes[serving.node]!.containers[serving.containerId]!;
  return lab.read(serving.node, rec.logPath) ?? '';
}
