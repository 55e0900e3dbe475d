// `cks-lab` and `cks-lab start <id>`: the scenario picker, then the lab on the full screen. The host
// terminal is put back however the session ends: quit, the shell's `exit`, SIGTERM/SIGHUP or a crash.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { render, type RenderOptions } from 'ink';
import type { ReactNode } from 'react';
import App, { computeLayout } from '../tui/App';
import { t } from '../tui/i18n';
import SandboxApp, { sandboxTerminalSize } from '../tui/SandboxApp';
import ScenarioPicker, { type PickerScenario, type ScenarioStatus } from '../tui/ScenarioPicker';
import ScreenGate from '../tui/ScreenGate';
import { defaultTheme, plainTheme, type Theme } from '../tui/theme';
import { localize, type Scenario } from '../scenarios/schema';
import type { EditorRequest, EditorResult } from '../world/kernel/program';
import { findScenario, loadCatalogue, type Catalogue } from './catalogue';
import { parseCommandArgs, type CliIo } from './cli';
import { tuiEditor, type PtyModule } from './editor';
import type { Lab, LabOptions } from './lab';
import type { Lang } from './lang';
import { LabOpenError, openLab, SESSION_FILE, type OpenedLab, type SessionFile } from './open-lab';
import { readJson, stateDirFor } from './persist';
import { LabVisit, LOGIN } from './tui-lab';
import { HostScreen, type HostInput, type HostOutput } from './tui-screen';

/** `cks-lab start sandbox`: the free lab with no scenario. */
export const SANDBOX_ID = 'sandbox';

export interface TuiDeps {
  stdin: HostInput;
  stdout: HostOutput;
  /** The state directory of a scenario, or of the sandbox (undefined). */
  stateDir: (scenario: string | undefined) => string;
  /** Seed, boot time… for a lab booted fresh. */
  labOptions: LabOptions;
  /** Called on each lab before the learner logs in (tests install programs here). */
  prepareLab?: (lab: Lab) => void;
  loadPty?: () => Promise<PtyModule | null>;
  /** Signals that end the session (after a save); tests pass none. */
  signals: NodeJS.Signals[];
  /** Catch crashes to restore the terminal first; tests leave vitest's handlers alone. */
  catchCrashes: boolean;
  clockIntervalMs?: number;
  theme: Theme;
}

interface Session {
  deps: TuiDeps;
  lang: Lang;
  screen: HostScreen;
  openEditor: (req: EditorRequest) => Promise<EditorResult>;
  /** The lab on screen, saved if the process is told to stop. */
  current: LabVisit | null;
}

/** How a lab visit ended: normally, or with a login that never reached a prompt (and what it printed). */
interface VisitOutcome {
  loginFailure?: string;
}

export async function startTui(args: string[], io: CliIo, lang: Lang, overrides: Partial<TuiDeps> = {}): Promise<number> {
  const deps: TuiDeps = {
    stdin: process.stdin,
    stdout: process.stdout,
    stateDir: (id) => stateDirFor(undefined, id),
    labOptions: {},
    signals: ['SIGTERM', 'SIGHUP'],
    catchCrashes: true,
    theme: process.env.FORCE_COLOR === '0' ? plainTheme : defaultTheme,
    ...overrides,
  };
  const { positionals } = parseCommandArgs(args, {}, 1);
  const catalogue = loadCatalogue();
  const wanted = positionals[0];
  let scenario: Scenario | null | undefined;
  if (wanted !== undefined) {
    scenario = wanted === SANDBOX_ID ? null : findScenario(catalogue, wanted);
    if (scenario === undefined) {
      io.stderr(`cks-lab start: unknown scenario '${wanted}' (see 'cks-lab list')\n`);
      return 2;
    }
  }
  if (!deps.stdin.isTTY || !deps.stdout.isTTY) {
    io.stderr("cks-lab: the lab needs a terminal; for scripts use 'cks-lab sh' and 'cks-lab check'\n");
    return 2;
  }
  const screen = new HostScreen(deps.stdin, deps.stdout);
  const session: Session = { deps, lang, screen, openEditor: tuiEditor(screen, { loadPty: deps.loadPty }), current: null };

  // `start <id>` opens the lab before taking the screen, so a broken state directory reads like any error.
  let opened: OpenedLab | undefined;
  if (scenario !== undefined) {
    try {
      opened = await openFor(session, scenario);
    } catch (e) {
      if (!(e instanceof LabOpenError)) throw e;
      io.stderr(`cks-lab start: ${e.message}\n`);
      return 2;
    }
  }

  const stop = (signal: NodeJS.Signals) => {
    saveQuietly(session);
    try {
      screen.leave();
    } catch {
      // SIGHUP: the terminal may be gone already.
    }
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  };
  const crash = (err: unknown) => {
    saveQuietly(session, { world: false });
    screen.leave();
    io.stderr(`cks-lab: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  };
  for (const s of deps.signals) process.on(s, stop);
  if (deps.catchCrashes) {
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
  }
  let outcome: VisitOutcome = {};
  screen.enter();
  try {
    outcome = opened ? await visit(session, scenario ?? null, opened) : await pickerLoop(session, catalogue);
  } finally {
    for (const s of deps.signals) process.off(s, stop);
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
    screen.leave();
  }
  if (outcome.loginFailure !== undefined) {
    io.stderr(`${outcome.loginFailure}cks-lab: could not log in to ${LOGIN.node} as ${LOGIN.user}\n`);
    return 1;
  }
  return 0;
}

function saveQuietly(session: Session, opts: { world?: boolean } = {}): void {
  try {
    session.current?.save(opts);
  } catch {
    // Leaving the terminal usable matters more than this last save; the one after the last command stands.
  }
}

function openFor(session: Session, scenario: Scenario | null): Promise<OpenedLab> {
  const { deps } = session;
  return openLab(deps.stateDir(scenario?.id), {
    ...deps.labOptions,
    ...(scenario ? { scenario: scenario.id } : {}),
    hooks: { ...deps.labOptions.hooks, openEditor: session.openEditor },
  });
}

function inkOptions(screen: HostScreen): RenderOptions {
  return {
    // Ink types its streams as the process's; ours are stand-ins with the same surface.
    stdin: screen.inkInput as unknown as NodeJS.ReadStream,
    stdout: screen.inkOutput as unknown as NodeJS.WriteStream,
    stderr: screen.inkOutput as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  };
}

/** Render until the view unmounts itself, or `until` settles first. */
async function show(screen: HostScreen, view: ReactNode, until?: Promise<unknown>): Promise<void> {
  screen.clearBeforeNextFrame();
  const ink = render(<ScreenGate source={screen}>{view}</ScreenGate>, inkOptions(screen));
  const exited = ink.waitUntilExit().catch(() => {});
  if (until) await Promise.race([exited, until.catch(() => {})]);
  ink.unmount();
  await exited;
}

/** The lab until the learner's login shell ends (Ctrl-D at the prompt, or `exit`). */
async function visit(session: Session, scenario: Scenario | null, opened: OpenedLab): Promise<VisitOutcome> {
  const { deps, screen, lang } = session;
  deps.prepareLab?.(opened.lab);
  const paneWidth = () =>
    scenario ? computeLayout(screen.columns, screen.rows).terminal.width : sandboxTerminalSize(screen.columns, screen.rows).width;
  const lab = new LabVisit({ opened, dir: deps.stateDir(scenario?.id), lang, columns: paneWidth(), clockIntervalMs: deps.clockIntervalMs });
  session.current = lab;
  const offResize = screen.onResize(() => lab.terminal.setColumns(paneWidth()));
  const quit = () => lab.quit();
  const view = lab.actor ? (
    <App actor={lab.actor} session={lab.terminal} lang={lang} theme={deps.theme} history={lab.tui.history} onQuit={quit} />
  ) : (
    <SandboxApp session={lab.terminal} lang={lang} theme={deps.theme} history={lab.tui.history} onQuit={quit} />
  );
  try {
    await show(screen, view, lab.start());
  } finally {
    offResize();
    session.current = null;
    await lab.finish();
  }
  return lab.terminal.reachedPrompt ? {} : { loginFailure: lab.terminal.tail() };
}

function statusIn(dir: string): ScenarioStatus {
  const file = readJson<SessionFile>(dir, SESSION_FILE);
  return file?.passed ? 'passed' : file ? 'started' : 'new';
}

/** The picker; resolves with the chosen scenario id (null: the sandbox), or undefined to quit. */
async function pick(session: Session, catalogue: Catalogue, initialId: string | null | undefined, message?: string): Promise<{ id: string | null } | undefined> {
  const { deps, screen, lang } = session;
  const scenarios: PickerScenario[] = catalogue.entries.map(({ scenario }) => ({
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    difficulty: scenario.difficulty,
    estimatedMinutes: scenario.estimatedMinutes,
    status: statusIn(deps.stateDir(scenario.id)),
  }));
  const sandboxStatus = existsSync(join(deps.stateDir(undefined), 'world.json')) ? 'started' : 'new';
  let chosen: { id: string | null } | undefined;
  let close = () => {};
  const closed = new Promise<void>((resolve) => (close = resolve));
  const view = (
    <ScenarioPicker
      scenarios={scenarios}
      sandboxStatus={sandboxStatus}
      lang={lang}
      theme={deps.theme}
      initialId={initialId}
      message={message}
      onChoose={(id) => {
        chosen = { id };
        close();
      }}
      onQuit={close}
    />
  );
  await show(screen, view, closed);
  return chosen;
}

/** `cks-lab`: pick, visit, come back to the picker with the progress updated; q leaves. */
async function pickerLoop(session: Session, catalogue: Catalogue): Promise<VisitOutcome> {
  const { screen, lang } = session;
  let message = catalogue.problems.length > 0 ? t(lang, 'pickerProblems', { n: catalogue.problems.length }) : undefined;
  let last: string | null | undefined;
  for (;;) {
    const choice = await pick(session, catalogue, last, message);
    if (!choice) return {};
    last = choice.id;
    message = undefined;
    const scenario = choice.id === null ? null : (findScenario(catalogue, choice.id) ?? null);
    screen.clear();
    const title = scenario ? localize(scenario.title, lang) : t(lang, 'sandboxTitle');
    screen.write(`${t(lang, 'opening', { title })}\n`);
    let opened: OpenedLab;
    try {
      opened = await openFor(session, scenario);
    } catch (e) {
      if (!(e instanceof LabOpenError)) throw e;
      message = e.message;
      continue;
    }
    const outcome = await visit(session, scenario, opened);
    if (outcome.loginFailure !== undefined) {
      const said = outcome.loginFailure.trim().split('\n').pop() ?? '';
      message = `could not log in to ${LOGIN.node}${said ? `: ${said}` : ''}`;
    }
  }
}
