// A scenario session in the TUI: the session machine's actor with the lab's grader, restored from the
// state directory and written back as it changes (session.json is shared with `cks-lab list`/`check`;
// tui.json keeps what only the TUI needs: command history, time spent, whether the briefing was read).

import { createActor, fromPromise, type Actor } from 'xstate';
import { gradeScenario } from '../grading/grade';
import { sessionMachine, type GradeInput, type GradeOutput, type SessionMachine } from '../scenarios/session.machine';
import type { Scenario } from '../scenarios/schema';
import type { Lab } from './lab';
import type { Lang } from './lang';
import type { SessionFile } from './open-lab';
import { readJson, writeJson } from './persist';
import { gradingHost } from './runner';

export const TUI_STATE_FILE = 'tui.json';
const HISTORY_MAX = 500;

export interface TuiState {
  version: 1;
  /** Command lines for ↑, newest last. */
  history: string[];
  /** Time spent in the scenario (the session machine's elapsedMs). */
  elapsedMs: number;
  /** The learner has left the briefing; a resumed session goes straight to work. */
  started: boolean;
}

export function readTuiState(dir: string): TuiState {
  const raw = readJson<Partial<TuiState>>(dir, TUI_STATE_FILE);
  const history = Array.isArray(raw?.history) ? raw.history.filter((h): h is string => typeof h === 'string') : [];
  const elapsed = raw?.elapsedMs;
  return {
    version: 1,
    history: history.slice(-HISTORY_MAX),
    elapsedMs: typeof elapsed === 'number' && Number.isFinite(elapsed) && elapsed > 0 ? elapsed : 0,
    started: raw?.started === true,
  };
}

export function writeTuiState(dir: string, state: TuiState): void {
  writeJson(dir, TUI_STATE_FILE, { ...state, history: state.history.slice(-HISTORY_MAX) });
}

export type ScenarioActor = Actor<SessionMachine>;

export interface ScenarioSessionOptions {
  lab: Lab;
  scenario: Scenario;
  /** The state directory's session.json, updated in place as the learner reveals hints or passes. */
  session: SessionFile;
  tui: TuiState;
  lang: Lang;
  /** session.json's content changed: write it. */
  onSessionChange: () => void;
}

/** The machine with the real grader: checks run against the learner's lab and probe copies of it. */
export function labSessionMachine(lab: Lab, lang: Lang, setupDoneNs: number): SessionMachine {
  return sessionMachine.provide({
    actors: {
      grade: fromPromise<GradeOutput, GradeInput>(async ({ input }) => ({
        checks: await gradeScenario(input.scenario, gradingHost(lab), { lang, setupDoneNs }),
      })),
    },
  });
}

/**
 * Start the session actor where the learner left it: past the briefing if they had started, with the
 * hints and the solution they had already seen (replayed as events, so the machine's rules still apply).
 */
export function startScenarioSession(opts: ScenarioSessionOptions): ScenarioActor {
  const { scenario, session, tui } = opts;
  const actor = createActor(labSessionMachine(opts.lab, opts.lang, session.startedAtNs), {
    input: { scenario, elapsedMs: tui.elapsedMs },
  });
  actor.start();
  const hinted = Object.values(session.hintsRevealed ?? {}).some((n) => n > 0);
  if (tui.started || hinted || session.solutionRevealed) {
    actor.send({ type: 'START' });
    for (const task of scenario.tasks) {
      const n = Math.min(session.hintsRevealed?.[task.id] ?? 0, task.hints.length);
      for (let i = 0; i < n; i++) actor.send({ type: 'REQUEST_HINT', taskId: task.id });
    }
    if (session.solutionRevealed) {
      actor.send({ type: 'REQUEST_SOLUTION' });
      actor.send({ type: 'CONFIRM' });
    }
  }
  let written = JSON.stringify(session);
  actor.subscribe((snapshot) => {
    const ctx = snapshot.context;
    tui.elapsedMs = ctx.elapsedMs;
    if (!snapshot.matches('briefing')) tui.started = true;
    session.hintsRevealed = { ...ctx.hintsRevealed };
    session.solutionRevealed = session.solutionRevealed || ctx.solutionRevealed;
    session.passed = session.passed || snapshot.matches('passed');
    const now = JSON.stringify(session);
    if (now !== written) {
      written = now;
      opts.onSessionChange();
    }
  });
  return actor;
}
