// The kubelet's volume manager: host directories and files for a pod's volumes (emptyDir, hostPath with
// its type checks, configMap/secret/projected with the ..data layout) and the container mounts onto them.

import type { Random } from '../../core/random';
import { isVfsError, STRERROR, Vfs, type Filesystem, type MountTable } from '../../vfs';
import type { ObjectStore } from '../store';
import type { ConfigMap, Container, KeyToPath, Pod, Secret, Volume } from '../types';
import type { MountSpec } from '../runtime/mounts';

export interface VolumeEnv {
  fsTable: Record<string, Filesystem>;
  mounts: MountTable;
  store: ObjectStore;
  random: Random;
  /** `2023_03_06_10_15_02.123456789` for the `..<timestamp>` directories. */
  stamp: () => string;
  now: () => number;
}

export interface HostVolume {
  hostPath: string;
  fsId: string;
  rootIno: number;
  /** configMap, secret and projected volumes are always read-only. */
  forcedReadOnly: boolean;
  file: boolean;
}

export type VolumeSetup = { ok: true; volumes: Record<string, HostVolume> } | { ok: false; volume: string; plugin: string; message: string };

export const podDir = (uid: string): string => `/var/lib/kubelet/pods/${uid}`;

function hostVfs(env: VolumeEnv): Vfs {
  return new Vfs({ fsTable: env.fsTable, mounts: env.mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: env.now, umask: 0 });
}

function mkdirp(vfs: Vfs, path: string, mode = 0o755): void {
  let cur = '';
  for (const p of path.split('/').filter(Boolean)) {
    cur += `/${p}`;
    if (!vfs.exists(cur)) vfs.mkdir(cur, mode);
  }
}

function bind(vfs: Vfs, path: string, forcedReadOnly: boolean): HostVolume {
  const st = vfs.stat(path);
  return { hostPath: path, fsId: st.fsId, rootIno: st.ino, forcedReadOnly, file: st.type !== 'dir' };
}

function b64decode(s: string): string {
  try {
    const bin = atob(s);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}

/** The atomic-writer layout: files in `..<timestamp>/`, `..data` pointing at it, one symlink per top entry. */
function writeAtomic(vfs: Vfs, dir: string, files: Record<string, string>, mode: number, stamp: string): void {
  mkdirp(vfs, dir, 0o777);
  const ts = `..${stamp}`;
  mkdirp(vfs, `${dir}/${ts}`, 0o755);
  const tops = new Set<string>();
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    if (parts.length > 1) mkdirp(vfs, `${dir}/${ts}/${parts.slice(0, -1).join('/')}`, 0o755);
    vfs.writeFile(`${dir}/${ts}/${path}`, data, { mode });
    vfs.chmod(`${dir}/${ts}/${path}`, mode);
    tops.add(parts[0]!);
  }
  if (!vfs.exists(`${dir}/..data`)) vfs.symlink(ts, `${dir}/..data`);
  for (const t of tops) if (!vfs.exists(`${dir}/${t}`)) vfs.symlink(`..data/${t}`, `${dir}/${t}`);
}

function selectKeys(data: Record<string, string>, items: KeyToPath[] | undefined): Record<string, string> | string {
  if (!items || items.length === 0) return data;
  const out: Record<string, string> = {};
  for (const it of items) {
    if (!(it.key in data)) return it.key;
    out[it.path] = data[it.key]!;
  }
  return out;
}

/** MountVolume.SetUp for every volume; the first failure stops the pod from starting. */
export function setupVolumes(env: VolumeEnv, pod: Pod): VolumeSetup {
  const vfs = hostVfs(env);
  const uid = pod.metadata.uid!;
  const ns = pod.metadata.namespace ?? 'default';
  const base = podDir(uid);
  mkdirp(vfs, `${base}/volumes`, 0o750);
  mkdirp(vfs, `${base}/plugins`, 0o750);
  const out: Record<string, HostVolume> = {};
  for (const v of pod.spec.volumes ?? []) {
    const r = setupOne(env, vfs, v, base, ns);
    if (typeof r === 'string') return { ok: false, volume: v.name, plugin: pluginOf(v), message: r };
    out[v.name] = r;
  }
  return { ok: true, volumes: out };
}

export function pluginOf(v: Volume): string {
  if (v.hostPath) return 'kubernetes.io/host-path';
  if (v.emptyDir) return 'kubernetes.io/empty-dir';
  if (v.configMap) return 'kubernetes.io/configmap';
  if (v.secret) return 'kubernetes.io/secret';
  if (v.projected) return 'kubernetes.io/projected';
  return 'kubernetes.io/unknown';
}

/** Go's *PathError text for a failed call (`mkdir /etc/hostname: not a directory`). */
function goPathError(op: string, path: string, e: unknown): string {
  if (!isVfsError(e)) throw e;
  return `${op} ${path}: ${STRERROR[e.code].toLowerCase()}`;
}

/** os.MkdirAll(path, 0755): null, or the error naming the directory that could not be made. */
function mkdirAll(vfs: Vfs, path: string): string | null {
  try {
    return vfs.stat(path).type === 'dir' ? null : `mkdir ${path}: not a directory`;
  } catch {
    // Missing (or under a non-directory): make the parent, then this one.
  }
  const trimmed = path.replace(/(.)\/+$/, '$1');
  const cut = trimmed.lastIndexOf('/');
  if (cut > 0) {
    const err = mkdirAll(vfs, trimmed.slice(0, cut));
    if (err !== null) return err;
  }
  try {
    vfs.mkdir(path, 0o755);
    return null;
  } catch (e) {
    try {
      if (vfs.lstat(path).type === 'dir') return null;
    } catch {
      // still missing: report the mkdir error
    }
    return goPathError('mkdir', path, e);
  }
}

/** What stat says is at a host path, following symlinks; null when nothing usable is there. */
function hostKind(vfs: Vfs, path: string): string | null {
  try {
    return vfs.stat(path).type;
  } catch {
    return null;
  }
}

const TYPE_WORDS: Record<string, [string, string]> = {
  Directory: ['dir', 'a directory'],
  File: ['file', 'a file'],
  Socket: ['socket', 'a socket file'],
  CharDevice: ['chardev', 'a character device'],
  BlockDevice: ['blockdev', 'a block device'],
};

/**
 * hostPath's SetUp with checkType (pkg/volume/hostpath): DirectoryOrCreate makes the directory with its
 * parents, FileOrCreate an empty 0644 file but never its parent directory; the typed checks fail with
 * `hostPath type check failed: P is not …`. With no type the kubelet checks nothing and containerd makes
 * a missing source a directory.
 */
function setupHostPath(vfs: Vfs, p: string, type: string): HostVolume | string {
  const kind = hostKind(vfs, p);
  if (type === 'DirectoryOrCreate' || type === '') {
    if (kind === null) {
      const err = mkdirAll(vfs, p);
      if (err !== null) return type === '' ? `failed to mkdir ${JSON.stringify(p)}: ${err}` : err;
    } else if (type !== '' && kind !== 'dir') return `hostPath type check failed: ${p} is not a directory`;
  } else if (type === 'FileOrCreate') {
    if (kind === null) {
      try {
        vfs.writeFile(p, '', { mode: 0o644 });
      } catch (e) {
        return goPathError('open', p, e);
      }
    } else if (kind !== 'file') return `hostPath type check failed: ${p} is not a file`;
  } else {
    const [want, words] = TYPE_WORDS[type] ?? [null, ''];
    if (want === null) return `${type} is an invalid volume type`;
    if (kind !== want) return `hostPath type check failed: ${p} is not ${words}`;
  }
  try {
    return bind(vfs, p, false);
  } catch (e) {
    return goPathError('stat', p, e);
  }
}

function setupOne(env: VolumeEnv, vfs: Vfs, v: Volume, base: string, ns: string): HostVolume | string {
  if (v.hostPath) return setupHostPath(vfs, v.hostPath.path, v.hostPath.type ?? '');
  if (v.emptyDir) {
    const p = `${base}/volumes/kubernetes.io~empty-dir/${v.name}`;
    mkdirp(vfs, p, 0o777);
    vfs.chmod(p, 0o777);
    return bind(vfs, p, false);
  }
  if (v.configMap) {
    const cm = env.store.get('configmaps', ns, v.configMap.name) as ConfigMap | undefined;
    if (!cm && !v.configMap.optional) return `configmap "${v.configMap.name}" not found`;
    const files = selectKeys(cm?.data ?? {}, v.configMap.items);
    if (typeof files === 'string') return `configmap references non-existent config key: ${files}`;
    const p = `${base}/volumes/kubernetes.io~configmap/${v.name}`;
    writeAtomic(vfs, p, files, v.configMap.defaultMode ?? 0o644, env.stamp());
    return bind(vfs, p, true);
  }
  if (v.secret) {
    const s = env.store.get('secrets', ns, v.secret.secretName) as Secret | undefined;
    if (!s && !v.secret.optional) return `secret "${v.secret.secretName}" not found`;
    const decoded: Record<string, string> = {};
    for (const [k, x] of Object.entries(s?.data ?? {})) decoded[k] = b64decode(x);
    const files = selectKeys(decoded, v.secret.items);
    if (typeof files === 'string') return `references non-existent secret key: ${files}`;
    const p = `${base}/volumes/kubernetes.io~secret/${v.name}`;
    writeAtomic(vfs, p, files, v.secret.defaultMode ?? 0o644, env.stamp());
    return bind(vfs, p, true);
  }
  if (v.projected) {
    const files: Record<string, string> = {};
    for (const src of v.projected.sources ?? []) {
      if (src.serviceAccountToken) files[src.serviceAccountToken.path] = fakeToken(env.random);
      if (src.configMap) {
        const cm = env.store.get('configmaps', ns, src.configMap.name) as ConfigMap | undefined;
        for (const it of src.configMap.items ?? Object.keys(cm?.data ?? {}).map((k) => ({ key: k, path: k }))) if (cm?.data?.[it.key] !== undefined) files[it.path] = cm.data[it.key]!;
      }
      for (const it of src.downwardAPI?.items ?? []) if (it.fieldRef?.fieldPath === 'metadata.namespace') files[it.path] = ns;
    }
    const p = `${base}/volumes/kubernetes.io~projected/${v.name}`;
    writeAtomic(vfs, p, files, v.projected.defaultMode ?? 0o644, env.stamp());
    return bind(vfs, p, true);
  }
  if (v.persistentVolumeClaim) return `persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found`;
  const p = `${base}/volumes/kubernetes.io~empty-dir/${v.name}`;
  mkdirp(vfs, p, 0o777);
  return bind(vfs, p, false);
}

/** A bound service-account token's shape (header.payload.signature); it signs nothing here. */
function fakeToken(r: Random): string {
  const seg = (n: number): string => {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = 0; i < n; i++) s += abc[r.int(abc.length)];
    return s;
  };
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6I${seg(44)}.${seg(600)}.${seg(342)}`;
}

/** The container's volume mounts as runtime mount specs (readOnly from the mount or the volume type). */
export function containerVolumeMounts(c: Container, volumes: Record<string, HostVolume>): MountSpec[] {
  const out: MountSpec[] = [];
  for (const m of c.volumeMounts ?? []) {
    const v = volumes[m.name];
    if (!v) continue;
    out.push({ target: m.mountPath, fsId: v.fsId, rootIno: v.rootIno, readOnly: !!m.readOnly || v.forcedReadOnly, source: v.hostPath, fstype: 'bind', file: v.file });
  }
  return out;
}

/** Remove a pod's directory tree when the pod is gone (volumes torn down). */
export function removePodDir(env: VolumeEnv, uid: string): void {
  const vfs = hostVfs(env);
  const rm = (p: string): void => {
    let st;
    try {
      st = vfs.lstat(p);
    } catch {
      return;
    }
    if (st.type === 'dir') {
      for (const n of vfs.readdir(p)) rm(`${p}/${n}`);
      vfs.rmdir(p);
    } else vfs.unlink(p);
  };
  rm(podDir(uid));
}
