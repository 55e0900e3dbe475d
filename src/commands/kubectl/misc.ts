// Small kubectl commands: version, config (current-context, view, get-contexts, use-context),
// cluster-info and api-resources.

import { parse, stringify } from 'yaml';
import { KUBE_VERSION } from '../../kube/apiserver/pipeline';
import { RESOURCES } from '../../kube/resources';
import { asStatus, statusErrorText } from './errors';
import { tabwrite } from './printers';
import type { Kubectl } from './session';

export async function versionCommand(k: Kubectl): Promise<number> {
  const client = 'Client Version: v1.26.1\nKustomize Version: v4.5.7\n';
  if (k.bool('client')) return k.out(client), 0;
  if (!k.connect()) return 1;
  k.out(client);
  const r = await k.call('get', '/version?timeout=32s');
  if (!r) return 1;
  const st = asStatus(r.body);
  if (st && r.code >= 400) return k.err(statusErrorText(st)), 1;
  k.out(`Server Version: ${KUBE_VERSION.gitVersion}\n`);
  return 0;
}

export async function clusterInfoCommand(k: Kubectl): Promise<number> {
  if (!k.connect()) return 1;
  const r = await k.call('list', '/api/v1/namespaces/kube-system/services?labelSelector=kubernetes.io%2Fcluster-service%3Dtrue');
  if (!r) {
    k.err("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 1;
  }
  k.out(`\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m${k.config.server}\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

export async function apiResourcesCommand(k: Kubectl): Promise<number> {
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
  for (const r of [...RESOURCES].sort((a, b) => (a.group === b.group ? a.resource.localeCompare(b.resource) : a.group.localeCompare(b.group)))) {
    rows.push([r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind]);
  }
  k.out(tabwrite(rows));
  return 0;
}

export async function configCommand(k: Kubectl, sub: string): Promise<number> {
  if (!k.connect()) return 1;
  const m = k.config.merged;
  switch (sub) {
    case 'current-context':
      if (!m['current-context']) return k.err('error: current-context is not set\n'), 1;
      k.out(`${m['current-context']}\n`);
      return 0;
    case 'get-contexts': {
      const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const c of m.contexts ?? []) rows.push([c.name === m['current-context'] ? '*' : '', c.name, c.context?.cluster ?? '', c.context?.user ?? '', c.context?.namespace ?? '']);
      k.out(tabwrite(rows));
      return 0;
    }
    case 'view': {
      const view = structuredClone({ apiVersion: 'v1', clusters: m.clusters ?? [], contexts: m.contexts ?? [], 'current-context': m['current-context'] ?? '', kind: 'Config', preferences: {}, users: m.users ?? [] }) as Record<string, unknown>;
      if (!k.bool('raw')) {
        for (const c of (view.clusters as { cluster?: Record<string, string> }[]) ?? []) if (c.cluster?.['certificate-authority-data']) c.cluster['certificate-authority-data'] = 'DATA+OMITTED';
        for (const u of (view.users as { user?: Record<string, string> }[]) ?? []) {
          for (const key of ['client-certificate-data', 'client-key-data']) if (u.user?.[key]) u.user[key] = 'DATA+OMITTED';
          if (u.user?.token) u.user.token = 'REDACTED';
        }
      }
      k.out(stringify(parse(JSON.stringify(view)), { indentSeq: false, lineWidth: 0 }));
      return 0;
    }
    default:
      k.err(`error: unknown command "${sub}" for "kubectl config"\n`);
      return 1;
  }
}
