// Small kubectl commands: version, config (current-context, view, get-contexts, use-context),
// cluster-info and api-resources.

import { parse, stringify } from 'yaml';
import { KUBE_VERSION } from '../../kube/apiserver/pipeline';
import { RESOURCES } from '../../kube/resources';
import { asStatus, statusErrorText } from './errors';
import { tabwrite, toKubectlYaml } from './printers';
import type { Kubectl } from './session';

/** kubectl v1.26.1's own build (`version.Info` as `%#v` prints it and as -o json/yaml serialise it). */
const CLIENT_VERSION = { ...KUBE_VERSION, buildDate: '2023-01-18T15:58:16Z' };
const KUSTOMIZE_VERSION = 'v4.5.7';
type VersionInfo = typeof KUBE_VERSION;

/** Go's `%#v` of a version.Info. */
function goVersionInfo(v: VersionInfo): string {
  const f = (name: string, value: string): string => `${name}:${JSON.stringify(value)}`;
  return `version.Info{${[f('Major', v.major), f('Minor', v.minor), f('GitVersion', v.gitVersion), f('GitCommit', v.gitCommit), f('GitTreeState', v.gitTreeState), f('BuildDate', v.buildDate), f('GoVersion', v.goVersion), f('Compiler', v.compiler), f('Platform', v.platform)].join(', ')}}`;
}

/** The text outputs, client half first: on a terminal an unreachable server's error follows it. */
function versionLines(k: Kubectl, which: 'client' | VersionInfo): string {
  const short = k.bool('short');
  if (which === 'client') return `Client Version: ${short ? CLIENT_VERSION.gitVersion : goVersionInfo(CLIENT_VERSION)}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  return `Server Version: ${short ? which.gitVersion : goVersionInfo(which)}\n`;
}

function versionDocument(output: string, server: VersionInfo | null): string {
  const all = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION, ...(server ? { serverVersion: server } : {}) };
  // version.go Println()s the marshalled text, which for YAML already ends in a newline.
  return `${output === 'json' ? JSON.stringify(all, null, 2) : toKubectlYaml(all)}\n`;
}

export async function versionCommand(k: Kubectl): Promise<number> {
  // pflag says this when the deprecated flag is parsed, before the command runs.
  if (k.changed('short')) k.err('Flag --short has been deprecated, and will be removed in the future. The --short output will become the default.\n');
  const output = k.str('output');
  if (output !== '' && output !== 'json' && output !== 'yaml') return k.err("error: --output must be 'yaml' or 'json'\n"), 1;
  const text = output === '';
  if (text && !k.bool('short')) {
    k.err('WARNING: This version information is deprecated and will be replaced with the output from kubectl version --short.  Use --output=yaml|json to get the full version.\n');
  }
  if (text) k.out(versionLines(k, 'client'));
  if (k.bool('client')) {
    if (!text) k.out(versionDocument(output, null));
    return 0;
  }
  if (!k.connect()) return 1;
  const r = await k.call('get', '/version?timeout=32s');
  const st = r ? asStatus(r.body) : null;
  const server = r && !(st && r.code >= 400) ? (r.body as unknown as VersionInfo) : null;
  if (!text) k.out(versionDocument(output, server));
  else if (server) k.out(versionLines(k, server));
  if (st && r && r.code >= 400) k.err(statusErrorText(st));
  return server ? 0 : 1;
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
