// A control-plane node in miniature for the audit wiring: the node's file system (plain VFS objects),
// the shipped kubeadm kube-apiserver manifest, the chapter's exercise-3 edits, and a start-up helper.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createFilesystem, fsPut, Vfs, type Filesystem, type MountTable } from '../../src/vfs';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { hostPathsOfVfs, mountApiServerContainer, startApiServer, type ApiServerStartResult, type MountedContainer } from '../../src/kube/audit';

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

export interface ControlPlane {
  fsTable: Record<string, Filesystem>;
  hostMounts: MountTable;
  host: Vfs;
  now: { value: number };
  put(path: string, data: string): void;
  /** What root on the node reads at `path`, or null. */
  read(path: string): string | null;
  start(pod: PodDoc, containerId?: string): { result: ApiServerStartResult; container: MountedContainer | null };
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
  return {
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
    start: (pod, containerId = 'c0ffee') => {
      let container: MountedContainer | null = null;
      const result = startApiServer({
        pod,
        host: hostPathsOfVfs(host),
        mountContainer: (mounts) => {
          container = mountApiServerContainer({ fsTable, hostMounts, containerId, mounts, now: () => now.value });
          return container.view;
        },
        clock: { epochMs: EPOCH_MS, now: now.value },
        nodeName: 'kube-control-plane',
      });
      return { result, container };
    },
  };
}
