// The API server's printers: Table columns and rows per kind, and the Table a get or list returns when
// the client asks for one. kubectl's own printers reuse the row functions.

export { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
export { podRow, podStatusReason } from './pods';
export { configMapRow, defaultRow, eventRow, formatLabels, namespaceRow, nodeRow, secretRow, serviceRow } from './kinds';
export { COLUMN_DEFINITIONS, DEFAULT_COLUMN_DEFINITIONS, type ColumnDefinition } from './columns';
export { columnsFor, tableVersionOf, toTable, type IncludeObject } from './table';
