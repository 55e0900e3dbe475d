// What `source <(kubectl completion bash)` adds to Tab: kubectl 1.26's subcommands, resource types, output
// formats and common flags, from a fixed table. Object names would need the API server and are left out,
// so completing a pod name finds nothing (as a real kubectl does when the server cannot be reached).

import type { CurrentWord } from './completion-words';
import { dequote } from './completion-words';

/** Candidates replacing line[start, cursor), or `default`: fall back to file names (`complete -o default`). */
export type KubectlCompletion = { start: number; candidates: string[] } | 'default';

const COMMANDS = [
  'alpha', 'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate',
  'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain',
  'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs', 'options', 'patch',
  'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon',
  'version', 'wait',
];

/** Subcommands of the command groups, keyed by the words that lead to them. */
const GROUPS: Record<string, string[]> = {
  create: [
    'clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace',
    'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token',
  ],
  'create secret': ['docker-registry', 'generic', 'tls'],
  'create service': ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
  config: [
    'current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users',
    'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view',
  ],
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'],
  top: ['node', 'pod'],
  auth: ['can-i', 'reconcile'],
  certificate: ['approve', 'deny'],
  completion: ['bash', 'fish', 'powershell', 'zsh'],
  plugin: ['list'],
  apply: ['edit-last-applied', 'set-last-applied', 'view-last-applied'],
  help: COMMANDS,
};

/** Resource types with their short names, as `kubectl api-resources` lists them for the lab's cluster. */
const RESOURCE_TYPES = [
  'all', 'certificatesigningrequests', 'csr', 'clusterrolebindings', 'clusterroles', 'componentstatuses', 'cs',
  'configmaps', 'cm', 'controllerrevisions', 'cronjobs', 'cj', 'csidrivers', 'csinodes', 'csistoragecapacities',
  'customresourcedefinitions', 'crd', 'crds', 'daemonsets', 'ds', 'deployments', 'deploy', 'endpoints', 'ep',
  'endpointslices', 'events', 'ev', 'horizontalpodautoscalers', 'hpa', 'ingressclasses', 'ingresses', 'ing', 'jobs',
  'leases', 'limitranges', 'limits', 'mutatingwebhookconfigurations', 'namespaces', 'ns', 'networkpolicies', 'netpol',
  'nodes', 'no', 'persistentvolumeclaims', 'pvc', 'persistentvolumes', 'pv', 'poddisruptionbudgets', 'pdb', 'pods',
  'po', 'podtemplates', 'priorityclasses', 'pc', 'replicasets', 'rs', 'replicationcontrollers', 'rc', 'resourcequotas',
  'quota', 'rolebindings', 'roles', 'runtimeclasses', 'secrets', 'serviceaccounts', 'sa', 'services', 'svc',
  'statefulsets', 'sts', 'storageclasses', 'sc', 'validatingwebhookconfigurations', 'volumeattachments',
];

/** Commands whose first argument is a resource type. */
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'explain', 'label', 'annotate', 'patch']);
/** Commands whose arguments are object names (pods): nothing to offer without asking the API server. */
const TAKES_NAMES = new Set(['logs', 'exec', 'attach', 'port-forward', 'cordon', 'uncordon', 'drain', 'taint', 'scale', 'autoscale', 'expose', 'debug']);

const OUTPUT_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json',
  'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml',
];

/** Flags that take their value as the next word. */
const VALUE_FLAGS = new Set([
  '-n', '--namespace', '-o', '--output', '-l', '--selector', '-f', '--filename', '-k', '--kustomize', '-c',
  '--container', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as',
  '--field-selector', '--sort-by', '--image', '-p', '--patch', '--patch-file', '--type', '--dry-run', '--resource-version',
]);

const GLOBAL_FLAGS = ['--as', '--cluster', '--context', '--help', '--kubeconfig', '--namespace', '--server', '--token', '--user', '-h', '-n', '-s', '-v'];
const COMMAND_FLAGS: Record<string, string[]> = {
  get: ['--all-namespaces', '--field-selector', '--filename', '--no-headers', '--output', '--selector', '--show-labels', '--sort-by', '--watch', '-A', '-f', '-l', '-o', '-w'],
  describe: ['--all-namespaces', '--filename', '--selector', '-A', '-f', '-l'],
  delete: ['--all', '--filename', '--force', '--grace-period', '--now', '--selector', '-f', '-l'],
  logs: ['--all-containers', '--container', '--follow', '--previous', '--since', '--tail', '--timestamps', '-c', '-f', '-p'],
  exec: ['--container', '--stdin', '--tty', '-c', '-i', '-t'],
  run: ['--command', '--dry-run', '--env', '--image', '--labels', '--output', '--port', '--restart', '--rm', '-i', '-o', '-t'],
  apply: ['--dry-run', '--filename', '--output', '--recursive', '-R', '-f', '-o'],
  create: ['--dry-run', '--filename', '--output', '-f', '-o'],
  edit: ['--filename', '--output', '--output-patch', '-f', '-o'],
  patch: ['--dry-run', '--filename', '--output', '--patch', '--patch-file', '--type', '-f', '-o', '-p'],
  label: ['--all', '--dry-run', '--list', '--output', '--overwrite', '--resource-version', '--selector', '-l', '-o'],
  annotate: ['--all', '--dry-run', '--list', '--output', '--overwrite', '--resource-version', '--selector', '-l', '-o'],
  replace: ['--filename', '--force', '-f'],
};

function matching(words: readonly string[], prefix: string): string[] {
  return [...new Set(words.filter((w) => w.startsWith(prefix)))].sort();
}

function valueOf(flag: string, text: string, start: number): KubectlCompletion {
  if (flag === '-o' || flag === '--output') return { start, candidates: matching(OUTPUT_FORMATS, text) };
  if (flag === '--type') return { start, candidates: matching(['json', 'merge', 'strategic'], text) };
  if (flag === '-f' || flag === '--filename' || flag === '-k' || flag === '--kustomize' || flag === '--kubeconfig' || flag === '--patch-file') return 'default';
  return { start, candidates: [] };
}

/** Resource types for `get`'s argument, after any `pods,` already typed. */
function resourceTypes(text: string, start: number): KubectlCompletion {
  if (text.includes('/')) return { start, candidates: [] };
  const comma = text.lastIndexOf(',');
  const before = text.slice(0, comma + 1);
  return { start, candidates: matching(RESOURCE_TYPES, text.slice(comma + 1)).map((t) => before + t) };
}

/**
 * Complete kubectl's word under the cursor. `args`: the words after `kubectl` before the cursor (quotes
 * removed). The whole shell word is replaced, `--output=` included, as cobra's completion does.
 */
export function kubectlCompletion(args: readonly string[], current: CurrentWord): KubectlCompletion {
  const text = dequote(current.wordRaw);
  const start = current.wordStart;
  const positional: string[] = [];
  let pendingFlag: string | null = null;
  for (const a of args) {
    if (pendingFlag !== null) {
      pendingFlag = null;
      continue;
    }
    if (a === '--') return 'default';
    if (a.startsWith('-') && a !== '-') {
      if (VALUE_FLAGS.has(a)) pendingFlag = a;
      continue;
    }
    positional.push(a);
  }
  if (pendingFlag !== null) return valueOf(pendingFlag, text, start);
  const eq = text.indexOf('=');
  if (text.startsWith('--') && eq > 0) {
    const r = valueOf(text.slice(0, eq), text.slice(eq + 1), start);
    return r === 'default' ? r : { start, candidates: r.candidates.map((v) => text.slice(0, eq + 1) + v) };
  }
  const command = positional[0];
  if (text.startsWith('-')) {
    return { start, candidates: matching([...GLOBAL_FLAGS, ...(command ? (COMMAND_FLAGS[command] ?? []) : [])], text) };
  }
  if (command === undefined) return { start, candidates: matching(COMMANDS, text) };
  const group = GROUPS[positional.join(' ')];
  if (group) return { start, candidates: matching(group, text) };
  if (TAKES_TYPE.has(command)) return positional.length === 1 ? resourceTypes(text, start) : { start, candidates: [] };
  if (command === 'rollout' && positional.length === 2) return { start, candidates: matching(['daemonset', 'deployment', 'statefulset'], text) };
  if (TAKES_NAMES.has(command) || (command === 'top' && positional.length === 2)) return { start, candidates: [] };
  return 'default';
}
