// The headless shell (`cks-lab sh`): feeds stdin lines to a login shell on a simulated terminal.

import { Terminal } from '../shell/terminal';
import { ONE_SECOND } from '../world/scheduler';
import type { Lab } from './lab';

export interface HeadlessOptions {
  /** Print the prompt and the typed line before each command's output, like a terminal transcript. */
  echo: boolean;
  write: (text: string) => void;
  node?: string;
  user?: string;
}

/**
 * Drives the terminal: a line is typed whenever a program waits for one; each command line costs one
 * simulated second. A foreground job that neither finishes nor reads the terminal within a second of
 * simulated time (`journalctl -f`, `tail -f`) gets Ctrl-C, as a learner watching it would press.
 */
/** Control sequences a terminal interprets rather than shows (colours, titles, cursor moves). */
const CONTROL_SEQUENCES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78c]/g;

export function stripControlSequences(text: string): string {
  return text.replace(CONTROL_SEQUENCES, '');
}

export async function runHeadless(lab: Lab, lines: string[], opts: HeadlessOptions): Promise<number> {
  // A transcript shows what the screen shows: text, not the escape codes that colour it.
  const write = (text: string): void => opts.write(stripControlSequences(text));
  const term = new Terminal(write, 'pts/0', 80, (prompt) => {
    if (opts.echo) write(prompt);
  });
  let finished = false;
  let status = 0;
  // A transcript is plain text: the session's terminal type is `dumb`, so prompts and ls carry no colour.
  const login = lab.login(term, { node: opts.node ?? 'kube-control-plane', user: opts.user ?? 'vagrant', termType: 'dumb' }).then((s) => {
    finished = true;
    status = s;
  });
  const scheduler = lab.scheduler;
  let next = 0;
  let typedSinceIdle = false;
  while (!finished) {
    await scheduler.quiesce();
    if (finished) break;
    if (term.reading) {
      if (typedSinceIdle) {
        // The command line has finished: one quantum of simulated time passes before the next.
        typedSinceIdle = false;
        await scheduler.advanceBy(ONE_SECOND);
        continue;
      }
      if (next < lines.length) {
        const line = lines[next++]!;
        // With echo off (a password prompt) a terminal shows nothing of the line, not even its newline.
        if (opts.echo && term.echo) write(`${line}\n`);
        term.feed(line);
        typedSinceIdle = true;
      } else {
        term.close();
      }
      continue;
    }
    // A job runs without reading the terminal: let a second pass, then interrupt it if it still runs.
    await scheduler.advanceBy(ONE_SECOND);
    await scheduler.quiesce();
    if (!finished && !term.reading) {
      if (opts.echo) write('^C');
      if (!term.interrupt()) {
        // Nothing in the foreground to interrupt: close the input so every reader ends.
        term.close();
      }
      await scheduler.quiesce();
    }
  }
  await login;
  return status;
}
