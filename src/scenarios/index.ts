// The scenarios layer's public surface: the file format, its loader, the session machine and progress views.
export * from './schema';
export { formatLoadErrors, loadScenario, MAX_SCENARIO_BYTES } from './load';
export type { LoadError, LoadResult } from './load';
export { sessionMachine } from './session.machine';
export type { GradeInput, GradeOutput, SessionContext, SessionEvent, SessionInput, SessionMachine } from './session.machine';
export { allChecksPassed, currentTaskId, failedChecks, isTaskDone, taskProgress } from './progress';
export type { CheckResult, ProgressSource, TaskProgress, TaskStatus } from './progress';
