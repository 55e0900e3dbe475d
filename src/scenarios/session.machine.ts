// A learner's session in one scenario: briefing → working ⇄ checking → passed, with hints and a gated solution.
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import { allChecksPassed, currentTaskId, type CheckResult } from './progress';
import type { Scenario } from './schema';

export interface GradeInput {
  scenario: Scenario;
}

export interface GradeOutput {
  checks: CheckResult[];
}

export interface SessionInput {
  scenario: Scenario;
  /** Time already spent (a resumed session). */
  elapsedMs?: number;
}

export interface SessionContext {
  scenario: Scenario;
  /** Accumulated from TICK events; the machine owns no timers so tests and replays stay deterministic. */
  elapsedMs: number;
  /** Per task id: how many of its hints have been revealed. */
  hintsRevealed: Record<string, number>;
  /** Hints revealed in total (a penalty input for scoring). */
  hintCount: number;
  /** How many times the learner asked for a check. */
  checkAttempts: number;
  /** The attempt number of the latest finished grading (results or error); 0 before any. Lets a
   *  view notice a finished grading even when it never rendered the `checking` state. */
  gradedAttempt: number;
  /** The latest grading; kept when going back to work so failures stay visible. */
  lastResults: CheckResult[] | null;
  /** The grader broke (a bug, not a learner mistake); shown instead of results. */
  gradeError: string | null;
  solutionRevealed: boolean;
  /** Set once, at the first full pass. */
  passedAtMs: number | null;
  /** Whether the first full pass came after the solution was shown (it then counts less). */
  passedWithSolution: boolean;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'TICK'; ms: number }
  | { type: 'REQUEST_HINT'; taskId?: string }
  | { type: 'CHECK' }
  | { type: 'REQUEST_SOLUTION' }
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' };

/** The default grader refuses loudly: the composition root must provide the real one. */
const missingGrader = fromPromise<GradeOutput, GradeInput>(async () => {
  throw new Error('no grader provided: use sessionMachine.provide({ actors: { grade } })');
});

function hintTarget(context: SessionContext, taskId: string | undefined): string | null {
  return taskId ?? currentTaskId(context);
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    grade: missingGrader,
  },
  guards: {
    'hasHintLeft?': ({ context, event }) => {
      assertEvent(event, 'REQUEST_HINT');
      const id = hintTarget(context, event.taskId);
      const task = context.scenario.tasks.find((t) => t.id === id);
      return task !== undefined && (context.hintsRevealed[task.id] ?? 0) < task.hints.length;
    },
    'solutionHidden?': ({ context }) => !context.solutionRevealed,
    'allPassed?': ({ context }, params: { checks: CheckResult[] }) =>
      allChecksPassed(context.scenario, params.checks),
  },
  actions: {
    addTime: assign({
      elapsedMs: ({ context, event }) => {
        assertEvent(event, 'TICK');
        return Number.isFinite(event.ms) && event.ms > 0 ? context.elapsedMs + event.ms : context.elapsedMs;
      },
    }),
    revealHint: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_HINT');
      const id = hintTarget(context, event.taskId)!;
      return {
        hintsRevealed: { ...context.hintsRevealed, [id]: (context.hintsRevealed[id] ?? 0) + 1 },
        hintCount: context.hintCount + 1,
      };
    }),
    countAttempt: assign({ checkAttempts: ({ context }) => context.checkAttempts + 1, gradeError: null }),
    recordResults: assign(({ context }, params: { checks: CheckResult[] }) => ({
      lastResults: params.checks,
      gradedAttempt: context.checkAttempts,
    })),
    recordPass: assign(({ context }) =>
      context.passedAtMs === null
        ? { passedAtMs: context.elapsedMs, passedWithSolution: context.solutionRevealed }
        : {},
    ),
    recordGradeError: assign(({ context }, params: { error: unknown }) => ({
      gradeError: params.error instanceof Error ? params.error.message : String(params.error),
      gradedAttempt: context.checkAttempts,
    })),
    revealSolution: assign({ solutionRevealed: true }),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    scenario: input.scenario,
    elapsedMs: input.elapsedMs ?? 0,
    hintsRevealed: {},
    hintCount: 0,
    checkAttempts: 0,
    gradedAttempt: 0,
    lastResults: null,
    gradeError: null,
    solutionRevealed: false,
    passedAtMs: null,
    passedWithSolution: false,
  }),
  initial: 'briefing',
  on: {
    TICK: { actions: 'addTime' },
  },
  states: {
    briefing: {
      on: { START: 'working' },
    },
    working: {
      on: {
        CHECK: { target: 'checking', actions: 'countAttempt' },
        REQUEST_HINT: { guard: 'hasHintLeft?', actions: 'revealHint' },
        REQUEST_SOLUTION: { guard: 'solutionHidden?', target: 'confirmingSolution' },
      },
    },
    confirmingSolution: {
      on: {
        CONFIRM: { target: 'working', actions: 'revealSolution' },
        CANCEL: 'working',
      },
    },
    checking: {
      invoke: {
        src: 'grade',
        input: ({ context }) => ({ scenario: context.scenario }),
        onDone: [
          {
            guard: { type: 'allPassed?', params: ({ event }) => ({ checks: event.output.checks }) },
            target: 'passed',
            actions: [
              { type: 'recordResults', params: ({ event }) => ({ checks: event.output.checks }) },
              'recordPass',
            ],
          },
          {
            target: 'working',
            actions: { type: 'recordResults', params: ({ event }) => ({ checks: event.output.checks }) },
          },
        ],
        onError: {
          target: 'working',
          actions: { type: 'recordGradeError', params: ({ event }) => ({ error: event.error }) },
        },
      },
    },
    passed: {
      on: {
        // The clock stops at the pass; time spent exploring afterwards is not the learner's score.
        TICK: {},
        CHECK: { target: 'checking', actions: 'countAttempt' },
        REQUEST_HINT: { guard: 'hasHintLeft?', actions: 'revealHint' },
        // After solving, the solution is a reward: no confirmation needed.
        REQUEST_SOLUTION: { guard: 'solutionHidden?', actions: 'revealSolution' },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
