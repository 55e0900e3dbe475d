// Public surface of the kubectl JSONPath engine (pure): parse a template, evaluate it on JSON data,
// and the Go value formatting kubectl's printers share with it.

export type { JsonPathNode, JsonPathTemplate, ListNode, SliceParam } from './ast';
export { parseJsonPath, type ParseResult } from './parser';
export { goAtoi, unquoteExtend } from './strconv';
export {
  executeJsonPath,
  findResults,
  printResults,
  renderResultValue,
  type EvaluateOptions,
  type ExecuteResult,
  type FindResult,
} from './evaluate';
export {
  compareGoStrings,
  goFormatFloat,
  goJsonMarshal,
  goJsonString,
  goPrint,
  goQuote,
  goSyntax,
  goTypeName,
  isGoMap,
  sortedKeys,
  type GoJsonOptions,
  type GoValue,
} from './go-values';
