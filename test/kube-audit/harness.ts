// A control-plane node in miniature for driving the audit wiring directly: the node's file system (plain
// VFS objects), the shipped kubeadm kube-apiserver manifest with the chapter's exercise-3 edits, and a
// start that goes the lab's own way without the scheduler: the kubelet's hostPath set-up, runc's mount
// table, then the kube-apiserver boot hook (auditApiServerBoot) on the container's view of files.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createRandom } from '../../src/core/random';
import type { SimNs } from '../../src/core/time';
import { auditApiServerBoot, type AuditBootResult } from '../../src/kube/audit';
import { containerVolumeMounts, setupVolumes } from '../../src/kube/kubelet/volumes';
import { buildMountTable } from '../../src/kube/runtime/mounts';
import type { ObjectStore } from '../../src/kube/store';
import type { Pod } from '../../src/kube/types';
import { createFilesystem, fsPut, Vfs, type Filesystem, type MountTable } from '../../src/vfs';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';

export const POLICY_PATH = '/etc/kubernetes/audit/rules/audit-policy.yaml';
export const LOG_PATH = '/var/log/kubernetes/audit/logs/apiserver.log';
export const EPOCH_MS = Date.UTC(2023, 0, 19, 20, 2, 18);

/** The end state of the chapter's exercise 3 (policy after the learner's additions). */
export { EXERCISE_POLICY };

// any: the tests edit whatever the manifest YAML holds, as a learner would.
export type PodDoc = Record<string, any>;

const MANIFEST = readFileSync(new URL('../../assets/kubernetes/manifests/kube-apiserver.yaml', import.meta.url), 'utf8');

/** The shipped kubeadm manifest as the kubelet decodes it (with the uid it gives static pods). */
export function shippedPod(): PodDoc {
  const pod = parse(MANIFEST) as PodDoc;
  pod.metadata.name = 'kube-apiserver-kube-control-plane';
  pod.metadata.uid = '3dad4a921f6ef9bf4c2fd44b96a1c22d';
  return pod;
}

/** The manifest after exercise 3: three flags, two hostPath volumes and their mounts. */
export function exercisePod(): PodDoc {
  const pod = shippedPod();
  const c = pod.spec.containers[0];
  c.command.push(`--audit-policy-file=${POLICY_PATH}`, `--audit-log-path=${LOG_PATH}`, '--audit-log-maxage=5');
  c.volumeMounts.push({ mountPath: POLICY_PATH, name: 'audit', readOnly: true }, { mountPath: '/var/log/kubernetes/audit/logs/', name: 'audit-log', readOnly: false });
  pod.spec.volumes.push(
    { name: 'audit', hostPath: { path: POLICY_PATH, type: 'File' } },
    { name: 'audit-log', hostPath: { path: '/var/log/kubernetes/audit/logs/', type: 'DirectoryOrCreate' } },
  );
  return pod;
}

/** The running container's files as its root process sees them. */
export interface StartedContainer {
  vfs: Vfs;
  table: MountTable;
}

/** How far a start got: the kubelet's volume set-up, the runtime's exec, or the kube-apiserver's boot. */
export type BootOutcome =
  | { stage: 'volumes'; error: string }
  /** The container's command is some other program (or none): the runtime's business, not the apiserver's. */
  | { stage: 'exec'; argv: string[] }
  | { stage: 'boot'; argv: string[]; result: AuditBootResult; container: StartedContainer; stderr: string[]; stdout: string[] };

export interface ControlPlane {
  fsTable: Record<string, Filesystem>;
  hostMounts: MountTable;
  host: Vfs;
  now: { value: number };
  put(path: string, data: string): void;
  /** What root on the node reads at `path`, or null. */
  read(path: string): string | null;
  /** Start the pod's first container (the kube-apiserver) and boot it with the audit hook. */
  boot(pod: PodDoc, opts?: { now?: SimNs }): BootOutcome;
}

/** The distroless kube-apiserver image: little more than the binary. */
function imageLayer(id: string): Filesystem {
  const fs = createFilesystem(id, 'overlay', 0, 0o755);
  for (const d of ['/etc', '/usr', '/usr/local', '/usr/local/bin', '/var', '/var/log', '/tmp']) fsPut(fs, d, { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  return fs;
}

export function controlPlane(): ControlPlane {
  const root = createFilesystem('cp-root', 'ext4', 0);
  const fsTable: Record<string, Filesystem> = { [root.id]: root };
  const hostMounts: MountTable = { mounts: [{ target: '/', fsId: root.id, rootIno: root.rootIno, readOnly: false, source: '/dev/sda1', fstype: 'ext4' }] };
  const now = { value: 0 };
  const host = new Vfs({ fsTable, mounts: hostMounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => now.value });
  for (const d of ['/etc', '/etc/kubernetes', '/etc/kubernetes/pki', '/etc/kubernetes/manifests', '/etc/ssl', '/etc/ssl/certs', '/var', '/var/log', '/usr', '/usr/share', '/usr/share/ca-certificates']) {
    fsPut(root, d, { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  }
  const put = (path: string, data: string): void => {
    const parts = path.split('/').filter(Boolean);
    let cur = '';
    for (const p of parts.slice(0, -1)) {
      cur += `/${p}`;
      if (!host.exists(cur)) host.mkdir(cur, 0o755);
    }
    host.writeFile(path, data, { mode: 0o644 });
  };
  put(POLICY_PATH, EXERCISE_POLICY);
  let started = 0;
  const cp: ControlPlane = {
    fsTable,
    hostMounts,
    host,
    now,
    put,
    read: (path) => {
      try {
        return host.readFile(path);
      } catch {
        return null;
      }
    },
    boot: (pod, opts = {}) => {
      const env = {
        fsTable,
        mounts: hostMounts,
        // hostPath volumes only: the store is never asked for configMaps or secrets.
        store: null as unknown as ObjectStore,
        random: createRandom(1),
        stamp: () => '',
        now: () => now.value,
      };
      const volumes = setupVolumes(env, pod as Pod);
      if (!volumes.ok) return { stage: 'volumes', error: volumes.message };
      const c = (pod as Pod).spec.containers[0]!;
      // The distroless image has no ENTRYPOINT: the command is all there is.
      const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
      if (argv[0]?.split('/').pop() !== 'kube-apiserver') return { stage: 'exec', argv };
      const layer = imageLayer(`ctr-rootfs:${++started}`);
      fsTable[layer.id] = layer;
      const table = buildMountTable(fsTable, { fsId: layer.id, readOnly: false }, containerVolumeMounts(c, volumes.volumes));
      const vfs = new Vfs({ fsTable, mounts: table, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => now.value });
      const stderr: string[] = [];
      const stdout: string[] = [];
      const result = auditApiServerBoot({ hex: (n) => '0'.repeat(n) }).boot({
        argv,
        fs: vfs,
        stderr: { write: (t) => void stderr.push(t) },
        stdout: { write: (t) => void stdout.push(t) },
        now: () => opts.now ?? now.value,
        epochMs: EPOCH_MS,
      });
      return { stage: 'boot', argv, result, container: { vfs, table }, stderr, stdout };
    },
  };
  return cp;
}
