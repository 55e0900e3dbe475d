// Opening the lab behind a state directory: resume the saved world, or boot a new one (with setup).

import { bootLab, resumeLab, type Lab, type LabOptions } from './lab';
import { loadWorld, readJson, saveWorld, writeJson } from './persist';
import { loadWorldAssets } from './assets';
import type { Scenario } from '../scenarios/schema';
import { labRunner } from './runner';

export interface SessionFile {
  scenario: string | null;
  /** Simulated time when setup finished: the session's start. */
  startedAtNs: number;
  hintsRevealed: Record<string, number>;
  solutionRevealed: boolean;
  passed: boolean;
}

export const SESSION_FILE = 'session.json';

export class LabOpenError extends Error {}

export interface OpenedLab {
  lab: Lab;
  session: SessionFile;
  scenario: Scenario | null;
  fresh: boolean;
}

export async function openLab(dir: string, opts: { scenario?: string; seed?: number } & LabOptions): Promise<OpenedLab> {
  let scenario: Scenario | null = null;
  const saved = loadWorld(dir);
  if (saved.kind === 'error') throw new LabOpenError(saved.message);
  const session = readJson<SessionFile>(dir, SESSION_FILE);
  const wanted = opts.scenario ?? session?.scenario ?? null;
  if (wanted) {
    // The scenario machinery (and its schema library) loads only when a scenario is involved, so a
    // sandbox starts without compiling it.
    const { loadCatalogue, findScenario } = await import('./catalogue');
    const cat = loadCatalogue();
    scenario = findScenario(cat, wanted) ?? null;
    if (!scenario) throw new LabOpenError(`unknown scenario '${wanted}' (see 'cks-lab list')`);
  }
  if (saved.kind === 'ok') {
    if (session && opts.scenario && session.scenario !== opts.scenario) {
      throw new LabOpenError(`the state in ${dir} belongs to ${session.scenario ? `scenario '${session.scenario}'` : 'the sandbox'}; use another --state directory`);
    }
    const lab = await resumeLab(saved.world, null, opts);
    return { lab, scenario, fresh: false, session: session ?? newSession(wanted, lab) };
  }
  const lab = await bootLab(loadWorldAssets(), opts);
  if (scenario) {
    const { applyScenarioSetup, SetupError } = await import('../grading/setup');
    try {
      await applyScenarioSetup(labRunner(lab), scenario);
    } catch (e) {
      if (e instanceof SetupError) throw new LabOpenError(`scenario '${scenario.id}' could not be set up: ${e.message}`);
      throw e;
    }
  }
  return { lab, scenario, fresh: true, session: newSession(wanted, lab) };
}

function newSession(scenario: string | null, lab: Lab): SessionFile {
  return { scenario, startedAtNs: lab.world.clock.now, hintsRevealed: {}, solutionRevealed: false, passed: false };
}

export function saveLab(dir: string, opened: OpenedLab): void {
  saveWorld(dir, opened.lab.snapshot());
  writeJson(dir, SESSION_FILE, opened.session);
}
