// A stand-alone kube-apiserver container for start-up checks without the whole runtime: its own writable
// layer (what it writes outside any mount stays there) plus the pod's bind mounts onto the node's file
// system, made the way runc makes them (mount points created first, read-only applied last). Also the
// kubelet's HostPaths over the node's VFS.

import type { FsErrno } from '../../audit';
import type { SimNs } from '../../core/time';
import { createFilesystem, fsPut, isVfsError, normalize, Vfs, type Filesystem, type Mount, type MountTable } from '../../vfs';
import type { ContainerMount, HostPathKind, HostPaths } from './pod-preflight';
import { vfsContainerView, type ContainerFileView } from './vfs-log-fs';

const ROOT = { uid: 0, gid: 0, groups: [0] };

const foldErrno = (e: unknown): FsErrno => {
  if (!isVfsError(e)) throw e;
  return e.code === 'ENOENT' || e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'ENOTDIR' || e.code === 'EEXIST' || e.code === 'EISDIR' || e.code === 'ENOSPC' ? e.code : 'EACCES';
};

function mkdirs(vfs: Vfs, path: string, mode: number): void {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += `/${part}`;
    if (!vfs.exists(cur)) vfs.mkdir(cur, mode);
  }
}

/** The kubelet's (root's) view of the node's files, for hostPath checks and *OrCreate volumes. */
export function hostPathsOfVfs(vfs: Vfs): HostPaths {
  return {
    hostPathType(path: string): HostPathKind {
      try {
        const t = vfs.stat(path).type;
        return t === 'file' || t === 'dir' || t === 'socket' || t === 'chardev' ? t : 'other';
      } catch {
        return 'missing';
      }
    },
    mkdirHost(path, mode) {
      try {
        mkdirs(vfs, path, mode);
        return null;
      } catch (e) {
        return foldErrno(e);
      }
    },
    createHostFile(path, mode) {
      try {
        vfs.open(path, { create: true, read: true }, mode);
        return null;
      } catch (e) {
        return foldErrno(e);
      }
    },
  };
}

export interface ContainerMountInput {
  /** Every file system of the world (the container's layer is added to it). */
  fsTable: Record<string, Filesystem>;
  /** The node's own mount table (where host paths are resolved). */
  hostMounts: MountTable;
  containerId: string;
  mounts: readonly ContainerMount[];
  now: () => SimNs;
  /** securityContext.readOnlyRootFilesystem. */
  readOnlyRoot?: boolean;
}

export interface MountedContainer {
  vfs: Vfs;
  table: MountTable;
  view: ContainerFileView;
  /** Mounts that could not be placed (runc would refuse the container; here they are left out). */
  skipped: string[];
}

/** The distroless kube-apiserver image: little more than the binary. */
function imageLayer(id: string): Filesystem {
  const fs = createFilesystem(id, 'overlay', 0, 0o755);
  const dir = (p: string, mode = 0o755): void => void fsPut(fs, p, { type: 'dir', mode, uid: 0, gid: 0 }, 0);
  for (const d of ['/etc', '/usr', '/usr/local', '/usr/local/bin', '/var', '/var/log', '/dev', '/proc', '/sys']) dir(d);
  dir('/tmp', 0o1777);
  fsPut(fs, '/usr/local/bin/kube-apiserver', { type: 'file', mode: 0o755, uid: 0, gid: 0, program: 'kube-apiserver' }, 0);
  return fs;
}

/** Build the container's mount namespace and return root's view of it. */
export function mountApiServerContainer(input: ContainerMountInput): MountedContainer {
  const layerId = `ctr-rootfs:${input.containerId}`;
  const layer = input.fsTable[layerId] ?? imageLayer(layerId);
  input.fsTable[layerId] = layer;
  const table: MountTable = { mounts: [{ target: '/', fsId: layer.id, rootIno: layer.rootIno, readOnly: false, source: 'overlay', fstype: 'overlay' }] };
  const readOnly: boolean[] = [input.readOnlyRoot === true];
  const host = new Vfs({ fsTable: input.fsTable, mounts: input.hostMounts, creds: ROOT, cwd: '/', now: input.now });
  const skipped: string[] = [];
  for (const m of input.mounts) {
    const inside = new Vfs({ fsTable: input.fsTable, mounts: table, creds: ROOT, cwd: '/', now: input.now });
    let target = normalize(m.mountPath);
    try {
      const st = host.stat(m.hostPath);
      const parent = target.slice(0, target.lastIndexOf('/')) || '/';
      mkdirs(inside, m.file ? parent : target, 0o755);
      if (m.file && !inside.exists(target)) inside.writeFile(target, '', { mode: 0o644 });
      target = inside.realpath(target);
      const mount: Mount = { target, fsId: st.fsId, rootIno: st.ino, readOnly: false, source: m.hostPath, fstype: 'bind' };
      table.mounts.push(mount);
      readOnly.push(m.readOnly);
    } catch {
      skipped.push(m.mountPath);
    }
  }
  table.mounts.forEach((mount, i) => (mount.readOnly = readOnly[i]!));
  const vfs = new Vfs({ fsTable: input.fsTable, mounts: table, creds: ROOT, cwd: '/', now: input.now });
  return { vfs, table, view: vfsContainerView(vfs), skipped };
}
