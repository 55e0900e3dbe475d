// kubectl's kubeconfig loading (clientcmd): --kubeconfig, else $KUBECONFIG's files merged, else
// ~/.kube/config; then the current context's cluster, user and namespace, with flag overrides.

import { parse } from 'yaml';
import type { Credentials } from '../../kube/apiserver/types';
import type { ProcessFs } from '../types';
import { isVfsError } from '../../vfs';

interface NamedCluster { name: string; cluster?: { server?: string; 'certificate-authority-data'?: string } }
interface NamedUser { name: string; user?: { 'client-certificate-data'?: string; 'client-certificate'?: string; token?: string; tokenFile?: string } }
interface NamedContext { name: string; context?: { cluster?: string; user?: string; namespace?: string } }
interface KubeconfigFile { clusters?: NamedCluster[]; users?: NamedUser[]; contexts?: NamedContext[]; 'current-context'?: string }

export interface ClientConfig {
  server: string;
  /** host:port as the refusal message names it (`localhost:8080`, `192.168.56.10:6443`). */
  credentials: Credentials;
  namespace: string;
  currentContext: string;
  /** Files that were loaded (for `config view`). */
  files: string[];
  /** The merged configuration as loaded. */
  merged: KubeconfigFile;
}

export interface ConfigOverrides {
  kubeconfig: string;
  context: string;
  cluster: string;
  user: string;
  server: string;
  token: string;
  clientCertificate: string;
  namespace: string;
  /** --as, --as-group, --as-uid. */
  as?: string;
  asGroups?: string[];
  asUid?: string;
}

export type ConfigResult = { ok: true; config: ClientConfig } | { ok: false; stderr: string };

function readConfigFile(fs: ProcessFs, path: string, mustExist: boolean): KubeconfigFile | { error: string } | null {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (e) {
    if (isVfsError(e) && e.code === 'ENOENT' && !mustExist) return null;
    const why = isVfsError(e) ? (e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : e.text.toLowerCase()) : 'error';
    return mustExist && isVfsError(e) && e.code === 'ENOENT'
      ? { error: `error: stat ${path}: no such file or directory` }
      : { error: `error: error loading config file "${path}": open ${path}: ${why}` };
  }
  try {
    const v = parse(text, { version: '1.1', uniqueKeys: false }) as unknown;
    if (v === null || v === undefined) return {};
    if (typeof v !== 'object' || Array.isArray(v)) return { error: `error: error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
    return v as KubeconfigFile;
  } catch (e) {
    return { error: `error: error loading config file "${path}": ${e instanceof Error ? e.message.split('\n')[0] : 'yaml error'}` };
  }
}

/** clientcmd's merge: for each named entry and for current-context, the first file that sets it wins. */
function merge(files: KubeconfigFile[]): KubeconfigFile {
  const out: KubeconfigFile = { clusters: [], users: [], contexts: [] };
  for (const f of files) {
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const item of (f[key] ?? []) as { name: string }[]) {
        const list = out[key] as { name: string }[];
        if (!list.some((x) => x.name === item.name)) list.push(item);
      }
    }
    if (out['current-context'] === undefined && f['current-context']) out['current-context'] = f['current-context'];
  }
  return out;
}

export function loadClientConfig(fs: ProcessFs, env: Record<string, string>, o: ConfigOverrides): ConfigResult {
  const files: KubeconfigFile[] = [];
  const loaded: string[] = [];
  const candidates = o.kubeconfig
    ? [[o.kubeconfig, true] as const]
    : env.KUBECONFIG
      ? env.KUBECONFIG.split(':').filter(Boolean).map((p) => [p, false] as const)
      : [[`${env.HOME ?? '/root'}/.kube/config`, false] as const];
  for (const [path, must] of candidates) {
    const r = readConfigFile(fs, path, must);
    if (r === null) continue;
    if ('error' in r) return { ok: false, stderr: `${r.error}\n` };
    files.push(r);
    loaded.push(path);
  }
  const merged = merge(files);
  const ctxName = o.context || merged['current-context'] || '';
  const ctx = merged.contexts?.find((c) => c.name === ctxName);
  if (o.context && !ctx) return { ok: false, stderr: `error: context "${o.context}" does not exist\n` };
  const clusterName = o.cluster || ctx?.context?.cluster || '';
  const userName = o.user || ctx?.context?.user || '';
  const cluster = merged.clusters?.find((c) => c.name === clusterName);
  const user = merged.users?.find((u) => u.name === userName);
  const server = o.server || cluster?.cluster?.server || 'http://localhost:8080';
  const credentials: Credentials = {};
  if (o.token) credentials.token = o.token;
  else if (o.clientCertificate) {
    try {
      credentials.clientCertificate = fs.readFile(o.clientCertificate);
    } catch {
      return { ok: false, stderr: `error: unable to read client-cert ${o.clientCertificate} for ${userName || 'cluster'} due to open ${o.clientCertificate}: no such file or directory\n` };
    }
  } else if (user?.user?.token) credentials.token = user.user.token;
  else if (user?.user?.['client-certificate-data']) credentials.clientCertificate = user.user['client-certificate-data'];
  else if (user?.user?.['client-certificate']) {
    const path = user.user['client-certificate'];
    try {
      credentials.clientCertificate = fs.readFile(path);
    } catch (e) {
      const why = isVfsError(e) && e.code === 'EACCES' ? 'permission denied' : 'no such file or directory';
      return { ok: false, stderr: `error: unable to read client-cert ${path} for ${userName} due to open ${path}: ${why}\n` };
    }
  }
  if (o.as) credentials.impersonate = { user: o.as, groups: [...(o.asGroups ?? [])], ...(o.asUid ? { uid: o.asUid } : {}) };
  else if ((o.asGroups ?? []).length > 0 || o.asUid) {
    // clientcmd's validateAuthInfo, wrapped by ConfirmUsable.
    return { ok: false, stderr: `error: invalid configuration: requesting uid, groups or user-extra for ${userName} without impersonating a user\n` };
  }
  return {
    ok: true,
    config: { server, credentials, namespace: o.namespace || ctx?.context?.namespace || 'default', currentContext: ctxName, files: loaded, merged },
  };
}
