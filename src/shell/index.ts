// Public surface of the simulated shell: parse (for PS2 decisions and validation), run, and the host
// interface the kernel implements.
export type * from './syntax/ast';
export {
  parseShell,
  needsMoreInput,
  ScriptParser,
  type ParseOptions,
  type ParseOutcome,
  type CompleteParse,
  type ParseStep,
} from './syntax/parse';
export {
  describeSyntaxError,
  describeHereDocWarning,
  isEofError,
  type ShellDialect,
  type ShellSyntaxError,
  type HereDocWarning,
  type MessageLine,
} from './syntax/errors';
export { runScript, type ShellIO, type RunOptions } from './interpreter/run';
export { shellInput, ShellInput } from './interpreter/io';
export {
  createShellState,
  cloneShellState,
  addHistory,
  type ShellState,
  type ShellStateInit,
  type ShellVar,
  type ShellFunction,
  type ShellOptions,
  type ShellMode,
} from './interpreter/state';
export {
  isErrno,
  O_RDONLY,
  O_WRONLY,
  O_RDWR,
  O_CREAT,
  O_EXCL,
  O_TRUNC,
  O_APPEND,
  type ShellHost,
  type SpawnRequest,
  type SpawnFailure,
  type FileStat,
  type FileType,
  type Errno,
  type ErrnoResult,
} from './interpreter/host';
export { matchPattern } from './interpreter/expand/pattern';
export { renderPrompt } from './interpreter/prompt';
export { parseExpandableText } from './syntax/parse';
export { expandHistory, type HistoryExpansion } from './interpreter/history-expansion';
