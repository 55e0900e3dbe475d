// The `kubectl get pods` columns and row: printPod lives with the API server's printers (the server
// prints the Table kubectl shows); kubectl keeps the column view it decorates.

import { COLUMN_DEFINITIONS } from '../../../kube/apiserver/printers/columns';
import type { TableColumn } from './table-types';
import { tableColumnsOf } from './server-table';

export { podRow, podStatusReason } from '../../../kube/apiserver/printers/pods';

export const POD_COLUMNS: readonly TableColumn[] = tableColumnsOf(COLUMN_DEFINITIONS.Pod!);
