// One visit to a lab in the TUI: the learner's login on the control plane, the clock following wall time,
// the scenario session, and saving — after every command line, on quit, and on SIGTERM.

import { SESSION_FILE, saveLab, type OpenedLab } from './open-lab';
import { writeJson } from './persist';
import { LabTerminal } from './terminal-session';
import { followWallClock, type WallClock } from './tui-clock';
import { readTuiState, startScenarioSession, writeTuiState, type ScenarioActor, type TuiState } from './tui-session';
import type { Lang } from './lang';

/** Where the learner logs in, as the exam environment's jump host. */
export const LOGIN = { node: 'kube-control-plane', user: 'vagrant' } as const;

/** Coalesce the saves of a pasted block of commands into one, once the shell is idle. */
const SAVE_DELAY_MS = 150;

export interface LabVisitOptions {
  opened: OpenedLab;
  /** The state directory the lab is saved to. */
  dir: string;
  lang: Lang;
  /** Columns of the terminal pane (programs lay out to it). */
  columns: number;
  /** Clock catch-up interval (ms); tests shorten it. */
  clockIntervalMs?: number;
}

export class LabVisit {
  readonly terminal: LabTerminal;
  readonly actor: ScenarioActor | null;
  readonly tui: TuiState;
  private clock: WallClock | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private loginStatus: Promise<number> | null = null;
  private disposed = false;

  constructor(private readonly opts: LabVisitOptions) {
    const { opened, dir } = opts;
    this.tui = readTuiState(dir);
    this.terminal = new LabTerminal({
      columns: opts.columns,
      history: this.tui.history,
      onCommandDone: () => this.saveSoon(),
    });
    this.actor = opened.scenario
      ? startScenarioSession({
          lab: opened.lab,
          scenario: opened.scenario,
          session: opened.session,
          tui: this.tui,
          lang: opts.lang,
          onSessionChange: () => writeJson(dir, SESSION_FILE, opened.session),
        })
      : null;
  }

  /** Log the learner in and let time run. Resolves with the login shell's status when it exits. */
  start(): Promise<number> {
    if (this.loginStatus) return this.loginStatus;
    const { lab } = this.opts.opened;
    lab.kernel.clockMode = 'realtime';
    this.clock = followWallClock(lab.scheduler, {
      intervalMs: this.opts.clockIntervalMs,
      onTick: () => this.terminal.pump(),
    });
    this.loginStatus = lab.login(this.terminal.terminal, LOGIN);
    return this.loginStatus;
  }

  /** Ctrl-D at an empty prompt: the shell gets end of file and logs out (from `ssh`, back to the jump host). */
  quit(): void {
    this.terminal.logout();
  }

  /**
   * Write everything. The world only while the shell waits at its prompt: a snapshot in the middle of a
   * command could hold half of it, and the save after the previous command is on disk anyway.
   */
  save(opts: { world?: boolean } = {}): void {
    const { opened, dir } = this.opts;
    if (this.actor) this.tui.elapsedMs = this.actor.getSnapshot().context.elapsedMs;
    this.tui.history = [...this.terminal.history()];
    if ((opts.world ?? true) && !this.terminal.busy()) saveLab(dir, opened);
    else writeJson(dir, SESSION_FILE, opened.session);
    writeTuiState(dir, this.tui);
  }

  /** Stop time, end the terminal, save for good. Idempotent. */
  async finish(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.clock?.stop();
    this.terminal.close();
    // A shell still running sees end of file and writes its history; let it finish before the save.
    if (this.loginStatus) await within(this.loginStatus, 500);
    this.actor?.stop();
    const { opened, dir } = this.opts;
    if (this.actor) this.tui.elapsedMs = this.actor.getSnapshot().context.elapsedMs;
    this.tui.history = [...this.terminal.history()];
    saveLab(dir, opened);
    writeTuiState(dir, this.tui);
  }

  private saveSoon(): void {
    if (this.saveTimer || this.disposed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (!this.disposed && !this.terminal.busy()) this.save();
    }, SAVE_DELAY_MS);
  }
}

/** Wait for `p`, but no longer than `ms`. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
