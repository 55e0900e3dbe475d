// `kubectl get` human-readable output: build the server-side table for a kind, decorate it as
// cli-runtime's tableprinter does (-A NAMESPACE, --show-kind, -L, --show-labels), and lay it out with
// the kubectl tabwriter. Headers are upper-cased; a table with no rows prints nothing at all.

import type { ConfigMap, Event, KubeObject, Namespace, Node, Pod, Secret, Service } from '../../../kube/types';
import {
  CONFIGMAP_COLUMNS,
  DEFAULT_COLUMNS,
  EVENT_COLUMNS,
  NAMESPACE_COLUMNS,
  NODE_COLUMNS,
  SECRET_COLUMNS,
  SERVICE_COLUMNS,
  configMapRow,
  defaultRow,
  eventRow,
  formatLabels,
  namespaceRow,
  nodeRow,
  secretRow,
  serviceRow,
} from './kinds';
import { POD_COLUMNS, podRow } from './pods';
import { tableCell, tabwrite } from './tabwriter';
import type { Table, TableColumn } from './table-types';

export interface TableOptions {
  /** The client's clock (epoch ms) that AGE columns are measured against. */
  nowMs: number;
  /** -o wide: show priority-1 columns. */
  wide?: boolean;
  noHeaders?: boolean;
  /** -A / --all-namespaces: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** --show-kind, or a get over several kinds: names as `pod/nginx`. */
  withKind?: boolean;
  showLabels?: boolean;
  /** -L keys; the header is the part after the last `/`, upper-cased. */
  labelColumns?: readonly string[];
}

interface KindPrinter {
  columns: readonly TableColumn[];
  row(obj: KubeObject, nowMs: number, wide: boolean): string[];
}

const PRINTERS: Record<string, KindPrinter> = {
  Pod: { columns: POD_COLUMNS, row: (o, now) => podRow(o as Pod, now) },
  Node: { columns: NODE_COLUMNS, row: (o, now) => nodeRow(o as Node, now) },
  Namespace: { columns: NAMESPACE_COLUMNS, row: (o, now) => namespaceRow(o as Namespace, now) },
  ConfigMap: { columns: CONFIGMAP_COLUMNS, row: (o, now) => configMapRow(o as ConfigMap, now) },
  Secret: { columns: SECRET_COLUMNS, row: (o, now) => secretRow(o as Secret, now) },
  Service: { columns: SERVICE_COLUMNS, row: (o, now, wide) => serviceRow(o as Service, now, wide) },
  Event: { columns: EVENT_COLUMNS, row: (o, now) => eventRow(o as Event, now) },
};

/** The server-side table for objects of one kind (all columns, wide ones included). */
export function buildTable(kind: string, objects: readonly KubeObject[], nowMs: number, wide = false): Table {
  const printer = PRINTERS[kind];
  return {
    columns: printer?.columns ?? DEFAULT_COLUMNS,
    rows: objects.map((obj) => ({
      cells: printer ? printer.row(obj, nowMs, wide) : defaultRow(obj),
      namespace: obj.metadata.namespace ?? '',
      labels: obj.metadata.labels ?? {},
    })),
  };
}

/** `Pod` → `pod`, `Deployment` in apps/v1 → `deployment.apps` (GroupKind.String(), lower-cased). */
export function kindPrefix(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
  return (group ? `${obj.kind}.${group}` : obj.kind).toLowerCase();
}

/** Decorate and lay out one table. `kind` is the GroupKind prefix used with withKind. */
export function printTable(table: Table, kind: string, options: TableOptions): string {
  if (table.rows.length === 0) return '';
  const wide = options.wide ?? false;
  const labelKeys = options.labelColumns ?? [];
  const visible = table.columns.map((c) => wide || c.priority === 0);
  const nameColumn = options.withKind ? table.columns.findIndex((c) => c.isName) : -1;

  const lines: string[][] = [];
  if (!options.noHeaders) {
    const header: string[] = [];
    if (options.withNamespace) header.push('NAMESPACE');
    table.columns.forEach((c, i) => visible[i] && header.push(c.name.toUpperCase()));
    for (const key of labelKeys) header.push((key.split('/').pop() as string).toUpperCase());
    if (options.showLabels) header.push('LABELS');
    lines.push(header);
  }
  for (const row of table.rows) {
    const cells: string[] = [];
    if (options.withNamespace) cells.push(row.namespace ?? '');
    row.cells.forEach((cell, i) => {
      if (i >= table.columns.length || !visible[i]) return;
      cells.push(i === nameColumn ? `${kind}/${cell}` : cell);
    });
    for (const key of labelKeys) cells.push(row.labels?.[key] ?? '');
    if (options.showLabels) cells.push(formatLabels(row.labels));
    lines.push(cells.map(tableCell));
  }
  return tabwrite(lines);
}

/**
 * The whole human-readable `kubectl get` output for objects in server order: one table per run of
 * the same kind, a blank line between tables. With more than one kind, names carry their kind.
 * Empty when there are no objects (see noResourcesFound).
 */
export function printObjectsTable(objects: readonly KubeObject[], options: TableOptions): string {
  const groups: { kind: string; prefix: string; items: KubeObject[] }[] = [];
  for (const obj of objects) {
    const last = groups[groups.length - 1];
    if (last && last.kind === obj.kind && last.prefix === kindPrefix(obj)) last.items.push(obj);
    else groups.push({ kind: obj.kind, prefix: kindPrefix(obj), items: [obj] });
  }
  const withKind = options.withKind || groups.length > 1;
  return groups
    .map((g) => printTable(buildTable(g.kind, g.items, options.nowMs, options.wide), g.prefix, { ...options, withKind }))
    .join(options.noHeaders ? '' : '\n');
}

/**
 * `kubectl get` output from the API server's Tables, one per request in order: runs of the same kind
 * share a header, kinds are separated by a blank line and, when several, named `kind/name`.
 */
export function printServerTables(tables: readonly { prefix: string; table: Table }[], options: TableOptions): string {
  const groups: { prefix: string; table: Table }[] = [];
  for (const t of tables) {
    if (t.table.rows.length === 0) continue;
    const last = groups[groups.length - 1];
    if (last && last.prefix === t.prefix) last.table = { columns: last.table.columns, rows: [...last.table.rows, ...t.table.rows] };
    else groups.push({ prefix: t.prefix, table: t.table });
  }
  const withKind = options.withKind || groups.length > 1;
  return groups.map((g) => printTable(g.table, g.prefix, { ...options, withKind })).join(options.noHeaders ? '' : '\n');
}

/** What kubectl get writes to stderr when nothing matched (exit status 0). */
export function noResourcesFound(namespace: string | null): string {
  return namespace === null ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
}
