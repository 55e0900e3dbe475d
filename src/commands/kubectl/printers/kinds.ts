// `kubectl get` columns for the other kinds the lab stores, from the API server's column definitions
// (the rows come from its printers: printNode, printNamespace, printConfigMap, printSecret,
// printService, printEvent, and the default `NAME  CREATED AT` table for kinds without a printer).

import { COLUMN_DEFINITIONS, DEFAULT_COLUMN_DEFINITIONS } from '../../../kube/apiserver/printers/columns';
import type { TableColumn } from './table-types';
import { tableColumnsOf } from './server-table';

export { configMapRow, defaultRow, eventRow, formatLabels, namespaceRow, nodeRow, secretRow, serviceRow } from '../../../kube/apiserver/printers/kinds';

export const NODE_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Node!);
export const NAMESPACE_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Namespace!);
export const CONFIGMAP_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.ConfigMap!);
export const SECRET_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Secret!);
export const SERVICE_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Service!);
export const EVENT_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Event!);
export const DEFAULT_COLUMNS: readonly TableColumn[] = tableColumnsOf(DEFAULT_COLUMN_DEFINITIONS);
