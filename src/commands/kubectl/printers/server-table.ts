// The meta.k8s.io Table the API server returns for `kubectl get`, read as cli-runtime's table printer
// reads it: columns from columnDefinitions (`format: name` marks the NAME column), cells printed as
// Go's %v prints them, namespace and labels from each row's PartialObjectMetadata.

import type { ColumnDefinition } from '../../../kube/apiserver/printers/columns';
import type { JsonObject, JsonValue } from '../../../kube/types';
import type { Table, TableColumn } from './table-types';

export function tableColumnsOf(defs: readonly Pick<ColumnDefinition, 'name' | 'priority' | 'format'>[]): TableColumn[] {
  return defs.map((d) => ({ name: d.name, priority: d.priority === 0 ? 0 : 1, ...(d.format === 'name' ? { isName: true } : {}) }));
}

/** The Accept header kubectl get sends for human-readable output. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export function isServerTable(body: JsonValue): body is JsonObject {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && body.kind === 'Table' && Array.isArray(body.columnDefinitions);
}

function cellText(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** kubectl's Table view of a server Table (column definitions it cannot read are skipped). */
export function tableFromServer(body: JsonObject): Table {
  const defs = ((body.columnDefinitions as JsonObject[] | undefined) ?? []).map((d) => ({
    name: typeof d.name === 'string' ? d.name : '',
    priority: typeof d.priority === 'number' ? d.priority : 0,
    format: typeof d.format === 'string' ? d.format : '',
  }));
  const rows = ((body.rows as JsonObject[] | undefined) ?? []).map((r) => {
    const meta = (((r.object as JsonObject | undefined)?.metadata as JsonObject | undefined) ?? {}) as { namespace?: string; labels?: Record<string, string> };
    return {
      cells: ((r.cells as JsonValue[] | undefined) ?? []).map(cellText),
      namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
      labels: meta.labels ?? {},
    };
  });
  return { columns: tableColumnsOf(defs), rows };
}
