// Public surface of kubectl's printers: pure functions from objects (+ the client's clock) to text.

export { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
export { KUBECTL_TABWRITER, tableCell, tabwrite, tabwriteText, type TabWriterOptions } from './tabwriter';
export type { Table, TableColumn, TableRow } from './table-types';
export { POD_COLUMNS, podRow, podStatusReason } from './pods';
// Every kind's columns and row function (and formatLabels): kinds.ts exports nothing else.
export * from './kinds';
export { buildTable, kindPrefix, noResourcesFound, printObjectsTable, printServerTables, printTable, type TableOptions } from './table';
export { isServerTable, tableColumnsOf, tableFromServer, TABLE_ACCEPT } from './server-table';
export { toKubectlYaml, toKubectlYamlDocuments, yamlKeyLess, yamlSortedKeys } from './yaml';
export { isYamlTimestamp, resolvesToString, stringStyle, type ScalarStyle } from './yaml-scalar';
export { isList, nameLine, omitManagedFields, printNames, printableObject, toKubectlJson, wrapList } from './generic';
export { jsonPathParseError, printJsonPath, type JsonPathPrintOptions, type JsonPathPrintResult } from './jsonpath-printer';
export {
  parseCustomColumnsSpec,
  printCustomColumns,
  relaxedJsonPathExpression,
  type CustomColumn,
  type CustomColumnsOutput,
  type CustomColumnsSpec,
} from './custom-columns';
export {
  GET_OUTPUT_FORMATS,
  parseOutputFormat,
  printObjects,
  type OutputFormat,
  type OutputFormatResult,
  type PrintOptions,
  type PrintOutput,
} from './output';
