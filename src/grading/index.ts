// Public surface of grading: scenario setup and grading over a LabRunner.
export { applyScenarioSetup, applySetupSteps, SetupError } from './setup';
export { gradeScenario } from './grade';
export { runCheck, gradeChecks, type GradeContext } from './checks';
export type { GradingHost, LabRunner } from './runner';
