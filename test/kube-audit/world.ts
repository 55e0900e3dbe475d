// A lab whose kube-apiserver manifest a test writes as a learner would (the shipped kubeadm manifest, the
// chapter's exercise-3 additions, then the test's own edit), started by the kubelet's static-pod path,
// and what a learner then looks at: crictl, the pod log files, journalctl -u kubelet, kubectl.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { journalctl } from '../../src/commands/journalctl';
import { kubeCommands } from '../../src/commands/kubectl';
import { auditApiServerBoot } from '../../src/kube/audit';
import type { Vfs } from '../../src/vfs';
import type { ContainerRecord } from '../../src/world/world';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { kubeLab, type KubeLab } from '../kube/harness';

export const CP = 'kube-control-plane';
export const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
export const POLICY_PATH = '/etc/kubernetes/audit/rules/audit-policy.yaml';
export const LOG_DIR = '/var/log/kubernetes/audit/logs/';
export const LOG_PATH = '/var/log/kubernetes/audit/logs/apiserver.log';
export const REFUSED = 'The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?';

// any: tests edit whatever the manifest YAML holds, as a learner would.
export type PodDoc = Record<string, any>;

const SHIPPED = readFileSync(new URL('../../assets/kubernetes/manifests/kube-apiserver.yaml', import.meta.url), 'utf8');

export const shippedManifest = (): string => SHIPPED;
export const shippedPod = (): PodDoc => parse(SHIPPED) as PodDoc;

/** The manifest after exercise 3: three flags, the policy file and the log directory as hostPath volumes. */
export function exercisePod(): PodDoc {
  const pod = shippedPod();
  const c = pod.spec.containers[0];
  c.command.push(`--audit-policy-file=${POLICY_PATH}`, `--audit-log-path=${LOG_PATH}`, '--audit-log-maxage=5');
  c.volumeMounts.push({ mountPath: POLICY_PATH, name: 'audit', readOnly: true }, { mountPath: LOG_DIR, name: 'audit-log', readOnly: false });
  pod.spec.volumes.push({ name: 'audit', hostPath: { path: POLICY_PATH, type: 'File' } }, { name: 'audit-log', hostPath: { path: LOG_DIR, type: 'DirectoryOrCreate' } });
  return pod;
}

export const flagsOf = (pod: PodDoc): string[] => pod.spec.containers[0].command;

/** Replace (or with null, drop) the flag that starts with `prefix`. */
export function replaceFlag(pod: PodDoc, prefix: string, value: string | null): PodDoc {
  const cmd = flagsOf(pod);
  const i = cmd.findIndex((a: string) => a.startsWith(prefix));
  if (value === null) cmd.splice(i, 1);
  else cmd[i] = value;
  return pod;
}

/** Drop a volume and its mount. */
export function dropVolume(pod: PodDoc, name: string): PodDoc {
  pod.spec.containers[0].volumeMounts = pod.spec.containers[0].volumeMounts.filter((m: { name: string }) => m.name !== name);
  pod.spec.volumes = pod.spec.volumes.filter((v: { name: string }) => v.name !== name);
  return pod;
}

export const mountOf = (pod: PodDoc, name: string): PodDoc => pod.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === name);

export interface ManifestLab extends KubeLab {
  /** The control plane's files as root sees them. */
  root: Vfs;
  /** Run a command on the control plane (root unless `uid`); stdout and stderr together. */
  sh(argv: string[], uid?: number): Promise<string>;
  /** kube-apiserver containers on the control plane, newest first. */
  apiserverContainers(): ContainerRecord[];
  /** The newest kube-apiserver container's log file (/var/log/pods/…/N.log) without the CRI prefix. */
  latestLog(): string[];
  /** `journalctl -u kubelet` messages. */
  kubeletJournal(): string[];
  /** Wait until the API server serves (at most `seconds`). */
  untilServing(seconds?: number): Promise<boolean>;
  /** Write the manifest (a pod object is written as block YAML, as kubeadm writes it). */
  writeManifest(pod: PodDoc | string): void;
}

/**
 * A fresh lab where the node holds the exercise-3 policy, `prepare` has changed its files, and the
 * manifest is `pod` before the kubelet first reads it; then `seconds` of simulated time have passed.
 */
export async function manifestLab(pod: PodDoc | string, opts: { prepare?: (root: Vfs) => void; seconds?: number } = {}): Promise<ManifestLab> {
  const base = kubeLab({ programs: [...kubeCommands, journalctl], boot: auditApiServerBoot({ hex: (n) => '0'.repeat(n) }) });
  const root = base.kernel.vfsFor(CP, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
  const lab: ManifestLab = {
    ...base,
    root,
    async sh(argv, uid = 0) {
      const r = await base.run(CP, argv, { uid });
      return r.stdout + r.stderr;
    },
    apiserverContainers: () =>
      Object.values(base.world.nodes[CP]!.containers)
        .filter((c) => c.name === 'kube-apiserver')
        .sort((a, b) => b.createdAt - a.createdAt),
    latestLog() {
      const c = lab.apiserverContainers()[0];
      if (!c) return [];
      return (base.read(CP, c.logPath) ?? '').split('\n').filter(Boolean).map((l) => l.replace(/^\S+ /, ''));
    },
    kubeletJournal: () => base.world.nodes[CP]!.journal.filter((e) => e.unit === 'kubelet.service').map((e) => e.message),
    async untilServing(seconds = 90) {
      for (let i = 0; i < seconds && !base.cluster.apiServing(); i++) await base.advance(1);
      return base.cluster.apiServing();
    },
    writeManifest(p) {
      root.writeFile(MANIFEST, typeof p === 'string' ? p : stringify(p));
    },
  };
  for (const dir of ['/etc/kubernetes/audit', '/etc/kubernetes/audit/rules']) if (!root.exists(dir)) root.mkdir(dir, 0o755);
  root.writeFile(POLICY_PATH, EXERCISE_POLICY);
  opts.prepare?.(root);
  lab.writeManifest(pod);
  if (opts.seconds === undefined) await lab.untilServing();
  else await base.advance(opts.seconds);
  return lab;
}

/** A klog line without its header (`E0119 20:02:18.462305       1 run.go:74] `), keeping the site. */
export const klogBody = (line: string): string => line.replace(/^stderr F /, '').replace(/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /, '');

/** The audit log's JSON events as root on the node reads them. */
export function hostEvents(lab: KubeLab, path = LOG_PATH): Array<Record<string, any>> {
  return (lab.read(CP, path) ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);
}
