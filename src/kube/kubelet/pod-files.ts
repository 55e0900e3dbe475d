// Files the kubelet and containerd prepare for a pod's containers: /etc/hosts, the sandbox's hostname
// and resolv.conf, the termination-log file, and the bind mounts that put them in each container.

import type { Random } from '../../core/random';
import type { Vfs } from '../../vfs';
import type { Container } from '../types';
import type { MountSpec } from '../runtime/mounts';
import type { PodWorker } from './state';
import { podDir } from './volumes';

export function writePodFiles(vfs: Vfs, w: PodWorker, nodeName: string, hostNetwork: boolean): void {
  const sbDir = `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${w.sandboxId}`;
  for (const dir of [sbDir, `${podDir(w.uid)}/containers`]) {
    let cur = '';
    for (const p of dir.split('/').filter(Boolean)) {
      cur += `/${p}`;
      if (!vfs.exists(cur)) vfs.mkdir(cur, 0o755);
    }
  }
  const nodeHosts = (() => {
    try {
      return vfs.readFile('/etc/hosts');
    } catch {
      return '127.0.0.1 localhost\n';
    }
  })();
  const hosts = hostNetwork
    ? `# Kubernetes-managed hosts file (host network).\n${nodeHosts}`
    : `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${w.podIP}\t${w.name}\n`;
  vfs.writeFile(`${podDir(w.uid)}/etc-hosts`, hosts, { mode: 0o644 });
  vfs.writeFile(`${sbDir}/hostname`, `${hostNetwork ? nodeName : w.name}\n`, { mode: 0o644 });
  const clusterDns = `search ${w.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;
  let resolv = clusterDns;
  if (hostNetwork || w.pod.spec.dnsPolicy === 'Default') {
    try {
      resolv = vfs.readFile('/run/systemd/resolve/resolv.conf');
    } catch {
      resolv = 'nameserver 10.0.2.3\n';
    }
  }
  vfs.writeFile(`${sbDir}/resolv.conf`, resolv, { mode: 0o644 });
}

export function podFileMounts(vfs: Vfs, w: PodWorker, c: Container, random: Random): MountSpec[] {
  const sbDir = `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${w.sandboxId}`;
  const out: MountSpec[] = [];
  const add = (target: string, path: string, readOnly = false): void => {
    try {
      const st = vfs.stat(path);
      out.push({ target, fsId: st.fsId, rootIno: st.ino, readOnly, source: '/dev/sda1', fstype: 'ext4', file: true });
    } catch {
      /* the file vanished: runc would fail; leave the mount out */
    }
  };
  add('/etc/hosts', `${podDir(w.uid)}/etc-hosts`);
  const term = `${podDir(w.uid)}/containers/${c.name}`;
  if (!vfs.exists(term)) vfs.mkdir(term, 0o755);
  const termFile = `${term}/${random.hex(8)}`;
  vfs.writeFile(termFile, '', { mode: 0o666 });
  add(c.terminationMessagePath ?? '/dev/termination-log', termFile);
  add('/etc/hostname', `${sbDir}/hostname`);
  add('/etc/resolv.conf', `${sbDir}/resolv.conf`);
  return out;
}
