// kubectl get: types (`pods`, `po,svc`, `pod/nginx`), names, -n/-A, selectors, and every -o printer.

import { lookupResourceArg, qualifiedKind, type ResourceInfo } from '../../kube/resources';
import type { JsonValue, KubeObject } from '../../kube/types';
import { asStatus, statusErrorText } from './errors';
import { buildTable, isServerTable, noResourcesFound, parseOutputFormat, printObjects, printServerTables, tableFromServer, TABLE_ACCEPT, type Table } from './printers';
import { itemsOf, resourcePath, type Kubectl } from './session';

export const ALL_TYPES = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets'];

export interface TypedArgs {
  /** (resource, names) in the order given. */
  groups: { r: ResourceInfo; names: string[] }[];
  error?: string;
}

/** `pods nginx web`, `po,svc`, `pod/nginx svc/web`: kubectl's resource builder argument forms. */
export function parseTypedArgs(args: string[]): TypedArgs {
  const groups: TypedArgs['groups'] = [];
  if (args.length === 0) return { groups };
  if (args.every((a) => a.includes('/'))) {
    for (const a of args) {
      const [t, n] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      const r = lookupResourceArg(t);
      if (!r) return { groups, error: `error: the server doesn't have a resource type "${t}"\n` };
      if (n === '') return { groups, error: `error: arguments in resource/name form must have a single resource and name\n` };
      const g = groups.find((x) => x.r === r);
      if (g) g.names.push(n);
      else groups.push({ r, names: [n] });
    }
    return { groups };
  }
  if (args.slice(1).some((a) => a.includes('/'))) return { groups, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n` };
  const types = args[0]!.split(',').flatMap((t) => (t.toLowerCase() === 'all' ? ALL_TYPES : [t]));
  for (const t of types) {
    const r = lookupResourceArg(t);
    if (!r) return { groups, error: `error: the server doesn't have a resource type "${t}"\n` };
    groups.push({ r, names: [...args.slice(1)] });
  }
  return { groups };
}

export async function getCommand(k: Kubectl): Promise<number> {
  const args = k.flags.args;
  if (args.length === 0 && k.list('filename').length === 0) {
    k.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    return 1;
  }
  const fmt = parseOutputFormat(k.str('output'), k.str('template'));
  if (!fmt.ok) {
    k.err(fmt.stderr);
    return 1;
  }
  const typed = parseTypedArgs(args);
  if (typed.error) {
    k.err(typed.error);
    return 1;
  }
  if (!k.connect()) return 1;
  const all = k.bool('all-namespaces');
  const ns = k.namespace();
  const query = new URLSearchParams();
  if (k.str('selector')) query.set('labelSelector', k.str('selector'));
  if (k.str('field-selector')) query.set('fieldSelector', k.str('field-selector'));
  query.set('limit', '500');
  const objects: KubeObject[] = [];
  // Human-readable output asks the server for Tables (kubectl's server-side printing); every other
  // format needs the objects themselves.
  const asTable = fmt.format.kind === 'table' && k.bool('server-print');
  const accept = asTable ? { accept: TABLE_ACCEPT } : {};
  const tables: { prefix: string; table: Table }[] = [];
  const keep = (r: ResourceInfo, body: JsonValue, items: KubeObject[]): void => {
    if (asTable) tables.push({ prefix: qualifiedKind(r), table: isServerTable(body) ? tableFromServer(body) : buildTable(r.kind, items, k.nowMs()) });
    else objects.push(...items);
  };
  let status = 0;
  let named = false;
  for (const { r, names } of typed.groups) {
    if (names.length > 0) {
      named = true;
      for (const n of names) {
        const resp = await k.send({ verb: 'get', uri: resourcePath(r, r.namespaced ? ns : null, n), ...accept });
        if (!resp) return 1;
        const st = asStatus(resp.body);
        if (st && resp.code >= 400) {
          if (k.bool('ignore-not-found') && resp.code === 404) continue;
          k.err(statusErrorText(st));
          status = 1;
          continue;
        }
        keep(r, resp.body, isServerTable(resp.body) ? [] : [resp.body as unknown as KubeObject]);
      }
      continue;
    }
    const resp = await k.send({ verb: 'list', uri: resourcePath(r, r.namespaced && !all ? ns : null, undefined, undefined, query.toString()), ...accept });
    if (!resp) return 1;
    const st = asStatus(resp.body);
    if (st && resp.code >= 400) {
      k.err(statusErrorText(st));
      status = 1;
      continue;
    }
    keep(r, resp.body, isServerTable(resp.body) ? [] : itemsOf(resp.body, r));
  }
  const tableOptions = {
    nowMs: k.nowMs(),
    wide: fmt.format.kind === 'table' && fmt.format.wide,
    withNamespace: all && typed.groups.some((g) => g.r.namespaced),
    showLabels: k.bool('show-labels'),
    labelColumns: k.list('label-columns'),
    noHeaders: k.bool('no-headers'),
    // resource.MultipleTypesRequested: `all` or several types name every row `kind/name`.
    withKind: k.bool('show-kind') || (args.length === 1 && args[0]!.toLowerCase() === 'all') || new Set(typed.groups.map((g) => g.r)).size > 1,
  };
  if (asTable) {
    if (tables.every((t) => t.table.rows.length === 0)) {
      // get.go prints it only when nothing failed.
      if (!named && status === 0) k.err(noResourcesFound(all || typed.groups.every((g) => !g.r.namespaced) ? null : ns));
      return status;
    }
    k.out(printServerTables(tables, tableOptions));
    return status;
  }
  let format = fmt.format;
  if (format.kind === 'jsonpath-file' || format.kind === 'custom-columns-file') {
    const path = format.path;
    try {
      const text = k.ctx.sys.fs.readFile(path);
      format = format.kind === 'jsonpath-file' ? { kind: 'jsonpath', template: text, asJson: false } : { kind: 'custom-columns', spec: text.trim() };
    } catch {
      k.err(`error: open ${path}: no such file or directory\n`);
      return 1;
    }
  }
  const singleItemImplied = named && typed.groups.length === 1 && typed.groups[0]!.names.length === 1;
  if (objects.length === 0 && format.kind === 'table') {
    if (!named && status === 0) {
      const clusterScoped = typed.groups.every((g) => !g.r.namespaced);
      k.err(noResourcesFound(all || clusterScoped ? null : ns));
    }
    return status;
  }
  const printed = printObjects(objects, format, {
    ...tableOptions,
    singleItemImplied,
    showManagedFields: k.bool('show-managed-fields'),
    allowMissingTemplateKeys: k.bool('allow-missing-template-keys'),
  });
  k.out(printed.stdout);
  if (!printed.ok) {
    k.err(printed.stderr);
    return 1;
  }
  return status;
}
