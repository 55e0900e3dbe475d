// The kubectl program: finds the subcommand among global flags, parses its flags (flags.ts), and runs
// the verb's module; every verb reaches the cluster only through the `kube` service. Also exports the
// kube programs (kubectl, crictl) for the lead's registry.

import type { Command, CommandContext } from '../types';
import { crictlCommand } from '../crictl';
import { parseKubectlFlags } from './flags';
import { applyCommand } from './apply';
import { attachCommand } from './attach';
import { createCommand } from './create';
import { createServiceCommand, createServiceHelp, SERVICE_SUBCOMMANDS } from './create-service';
import { deleteCommand } from './delete';
import { editCommand } from './edit';
import { describeCommand } from './describe';
import { execCommand } from './exec';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import { labelCommand, annotateCommand } from './label';
import { logsCommand } from './logs';
import { patchCommand } from './patch';
import { replaceCommand } from './replace';
import { runCommand } from './run';
import { configCommand, versionCommand, clusterInfoCommand, apiResourcesCommand } from './misc';
import { Kubectl } from './session';

type Verb = (k: Kubectl) => Promise<number>;

const VERBS: Record<string, Verb> = {
  get: getCommand,
  run: runCommand,
  apply: applyCommand,
  create: createCommand,
  delete: deleteCommand,
  replace: replaceCommand,
  edit: editCommand,
  patch: patchCommand,
  label: labelCommand,
  annotate: annotateCommand,
  exec: execCommand,
  attach: attachCommand,
  expose: exposeCommand,
  logs: logsCommand,
  describe: describeCommand,
  version: versionCommand,
  'cluster-info': clusterInfoCommand,
  'api-resources': apiResourcesCommand,
};

/** Global flags that take a value as the next word (`kubectl -n kube-system get pods`). */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--token', '--user', '--cluster', '--as', '--as-group', '--client-certificate', '--client-key', '--certificate-authority', '--request-timeout', '-v', '--v', '--cache-dir']);

const SUBCOMMANDS: Record<string, string[][]> = {
  create: [
    ['configmap'], ['cm'], ['secret', 'generic'], ['namespace'], ['ns'],
    ...['service', 'svc'].flatMap((s) => [[s, 'clusterip'], [s, 'nodeport'], [s, 'loadbalancer'], [s, 'externalname'], [s]]),
  ],
  config: [['current-context'], ['view'], ['get-contexts'], ['use-context'], ['set-context']],
};

const CANONICAL: Record<string, string> = {
  'create cm': 'create configmap',
  'create ns': 'create namespace',
  'create svc': 'create service',
  ...Object.fromEntries(Object.keys(SERVICE_SUBCOMMANDS).map((t) => [`create svc ${t}`, `create service ${t}`])),
};

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Index of the first word that is neither a flag nor the value of a global flag (`-n ns`). */
function firstPositional(words: string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return -1;
    if (!w.startsWith('-') || w === '-') return i;
    if (VALUE_FLAGS.has(w)) i++;
  }
  return -1;
}

/** Split argv into the command path (`create secret generic`) and the rest (flags and positionals). */
function splitCommand(argv: string[]): { path: string[]; rest: string[] } | null {
  const rest = [...argv];
  let i = 0;
  while (i < rest.length) {
    const a = rest[i]!;
    if (a === '--') return null;
    if (!a.startsWith('-')) break;
    i += VALUE_FLAGS.has(a) ? 2 : 1;
  }
  if (i >= rest.length) return null;
  const path = [rest[i]!];
  rest.splice(i, 1);
  for (const sub of SUBCOMMANDS[path[0]!] ?? []) {
    const at = firstPositional(rest);
    if (at >= 0 && rest.slice(at, at + sub.length).join(' ') === sub.join(' ')) {
      path.push(...sub);
      rest.splice(at, sub.length);
      break;
    }
  }
  return { path, rest };
}

export const kubectlCommand: Command = {
  name: 'kubectl',
  async run(ctx: CommandContext) {
    const split = splitCommand(ctx.argv.slice(1));
    if (!split) {
      ctx.stdout.write(USAGE);
      return ctx.argv.length > 1 && !ctx.argv.includes('--help') && !ctx.argv.includes('-h') ? 1 : 0;
    }
    const key = CANONICAL[split.path.join(' ')] ?? split.path.join(' ');
    const verb = split.path[0]!;
    if (!VERBS[verb] && verb !== 'config') {
      ctx.stderr.write(`error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
      return 1;
    }
    const parsed = parseKubectlFlags(key, split.rest);
    if (!parsed.ok) {
      ctx.stderr.write(parsed.stderr);
      return 1;
    }
    const k = new Kubectl(ctx, parsed.flags);
    if (k.bool('help')) {
      ctx.stdout.write(`Usage:\n  kubectl ${key} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`);
      return 0;
    }
    if (verb === 'config') return configCommand(k, split.path.slice(1).join(' '));
    if (key === 'create service') return createServiceHelp(k);
    if (key.startsWith('create service ')) return createServiceCommand(k, key.slice('create service '.length));
    if (verb === 'create' && split.path.length > 1) return createCommand(k, key);
    return VERBS[verb]!(k);
  },
};

/** The programs this area adds to the registry. */
export const kubeCommands: Command[] = [kubectlCommand, crictlCommand];
