// How the kubelet turns a pod's container into a runtime config: command/args merged with the image's
// ENTRYPOINT/CMD, environment (image, service links, env/envFrom with $(VAR) expansion), user and cwd.

import type { Filesystem } from '../../vfs';
import { Vfs } from '../../vfs';
import type { ObjectStore } from '../store';
import type { ConfigMap, Container, Pod, Secret } from '../types';
import type { PulledImage } from '../runtime/state';

/** Kubernetes' rule: command replaces ENTRYPOINT (and drops CMD); args replace CMD. */
export function containerArgv(c: Container, img: PulledImage): string[] {
  const entry = c.command && c.command.length > 0 ? c.command : (img.config.Entrypoint ?? []);
  const args = c.args && c.args.length > 0 ? c.args : c.command && c.command.length > 0 ? [] : (img.config.Cmd ?? []);
  return [...entry, ...args];
}

/** `$(VAR)` references resolve against earlier variables; `$$(VAR)` escapes. */
export function expandVars(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : name !== undefined && name in env ? env[name]! : m));
}

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

function b64(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
  } catch {
    return '';
  }
}

export function containerEnv(c: Container, pod: Pod, img: PulledImage, store: ObjectStore, podIP: string, hostIP: string): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {};
  for (const kv of img.config.Env ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  env.HOSTNAME = pod.spec.hostNetwork ? (pod.spec.nodeName ?? '') : (pod.metadata.name ?? '');
  const svc: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  };
  const user: Record<string, string> = {};
  for (const src of c.envFrom ?? []) {
    if (src.configMapRef) {
      const cm = store.get('configmaps', ns, src.configMapRef.name) as ConfigMap | undefined;
      if (!cm) {
        if (src.configMapRef.optional) continue;
        return { ok: false, message: `configmap "${src.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) user[(src.prefix ?? '') + k] = v;
    }
    if (src.secretRef) {
      const s = store.get('secrets', ns, src.secretRef.name) as Secret | undefined;
      if (!s) {
        if (src.secretRef.optional) continue;
        return { ok: false, message: `secret "${src.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) user[(src.prefix ?? '') + k] = b64(v);
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) user[e.name] = expandVars(e.value, { ...user });
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      const cm = store.get('configmaps', ns, r.name) as ConfigMap | undefined;
      if (!cm) {
        if (r.optional) continue;
        return { ok: false, message: `configmap "${r.name}" not found` };
      }
      if (cm.data?.[r.key] === undefined) {
        if (r.optional) continue;
        return { ok: false, message: `couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}` };
      }
      user[e.name] = cm.data[r.key]!;
    } else if (e.valueFrom?.secretKeyRef) {
      const r = e.valueFrom.secretKeyRef;
      const s = store.get('secrets', ns, r.name) as Secret | undefined;
      if (!s) {
        if (r.optional) continue;
        return { ok: false, message: `secret "${r.name}" not found` };
      }
      if (s.data?.[r.key] === undefined) {
        if (r.optional) continue;
        return { ok: false, message: `couldn't find key ${r.key} in Secret ${ns}/${r.name}` };
      }
      user[e.name] = b64(s.data[r.key]!);
    } else if (e.valueFrom?.fieldRef) {
      const f = e.valueFrom.fieldRef.fieldPath;
      const fields: Record<string, string> = {
        'metadata.name': pod.metadata.name ?? '',
        'metadata.namespace': ns,
        'metadata.uid': pod.metadata.uid ?? '',
        'spec.nodeName': pod.spec.nodeName ?? '',
        'spec.serviceAccountName': pod.spec.serviceAccountName ?? '',
        'status.podIP': podIP,
        'status.hostIP': hostIP,
      };
      user[e.name] = fields[f] ?? '';
    }
  }
  return { ok: true, env: { ...env, ...svc, ...user } };
}

/** The user the process runs as: securityContext, else the image USER (name looked up in its passwd). */
export function containerUser(c: Container, pod: Pod, img: PulledImage, rootfs: Filesystem, fsTable: Record<string, Filesystem>): { uid: number; gid: number } {
  const sc = c.securityContext ?? {};
  const psc = pod.spec.securityContext ?? {};
  let uid = sc.runAsUser ?? psc.runAsUser;
  let gid = sc.runAsGroup ?? psc.runAsGroup;
  if (uid === undefined) {
    const [u, g] = (img.config.User ?? '').split(':');
    if (u && /^\d+$/.test(u)) uid = Number(u);
    else if (u) {
      const line = readPasswd(rootfs, fsTable).find((l) => l.split(':')[0] === u);
      if (line) {
        uid = Number(line.split(':')[2]);
        gid ??= Number(line.split(':')[3]);
      }
    }
    if (g && /^\d+$/.test(g)) gid ??= Number(g);
  }
  return { uid: uid ?? 0, gid: gid ?? (uid !== undefined && uid !== 0 ? uid : 0) };
}

function readPasswd(rootfs: Filesystem, fsTable: Record<string, Filesystem>): string[] {
  try {
    const vfs = new Vfs({ fsTable: { ...fsTable, [rootfs.id]: rootfs }, mounts: { mounts: [{ target: '/', fsId: rootfs.id, rootIno: rootfs.rootIno, readOnly: true, source: 'overlay', fstype: 'overlay' }] }, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => 0 });
    return vfs.readFile('/etc/passwd').split('\n');
  } catch {
    return [];
  }
}
