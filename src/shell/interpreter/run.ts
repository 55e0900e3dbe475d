// The interpreter's entry point: run shell source against a state, a host and three streams.
import type { InputStream, OutputStream } from '../../core/stream';
import { signalName } from './builtins/trap';
import { BreakSignal, ContinueSignal, ExitSignal, ExpansionError, InterruptSignal, ReturnSignal } from './control';
import { runSource } from './exec/source';
import type { ShellHost } from './host';
import { shellInput, type FdTable } from './io';
import { jobTableFor, Shell } from './runtime';
import type { ShellState } from './state';

export interface ShellIO {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Ctrl-C (reason 2) or a kill of the shell (reason: the signal number, e.g. 15) stops the run. */
  signal?: AbortSignal;
}

export interface RunOptions {
  /** Run like `source`: `return` at top level ends the text (rc files such as ~/.bashrc). */
  sourced?: boolean;
}

function shellFor(state: ShellState, host: ShellHost, io: ShellIO, signal: AbortSignal): Shell {
  const fds: FdTable = new Map([
    [0, { input: shellInput(io.stdin) }],
    [1, { output: io.stdout }],
    [2, { output: io.stderr }],
  ]);
  return new Shell(state, host, fds, signal, jobTableFor(state));
}

/** Status of a run that ended by a thrown control signal; marks the state exited where the shell ends. */
function statusOfThrow(state: ShellState, e: unknown): number | null {
  if (e instanceof ExitSignal) {
    state.exited = true;
    return e.status;
  }
  if (e instanceof ExpansionError) {
    if (e.fatal) state.exited = true;
    return e.status;
  }
  if (e instanceof ReturnSignal) return e.status;
  if (e instanceof InterruptSignal) return e.status;
  if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
  return null;
}

/** Run a trap's action with $? = status; returns the status the shell ends with. */
async function runTrap(state: ShellState, host: ShellHost, io: ShellIO, key: string | null, status: number): Promise<number> {
  const action = key ? state.traps?.[key] : undefined;
  if (!key || action === undefined || action === '') return status;
  if (key === 'EXIT') delete state.traps![key];
  state.lastStatus = status;
  const sh = shellFor(state, host, io, new AbortController().signal);
  try {
    await runSource(sh, action);
  } catch (e) {
    if (e instanceof ExitSignal) {
      state.exited = true;
      return e.status;
    }
    if (statusOfThrow(state, e) === null) throw e;
  }
  return status;
}

/**
 * Run `source` (one interactive line, possibly with here-document lines, or a whole script) in the
 * shell `state`, which it updates in place. Resolves to the exit status ($?). Never rejects: user
 * errors are printed as the shell would, and an internal bug prints `cks-lab: internal error: …`.
 * After `exit` (or a fatal error in a non-interactive shell) `state.exited` is true. A non-interactive
 * shell runs its EXIT trap at the end; a signal that stops the run runs that signal's trap first.
 */
export async function runScript(state: ShellState, source: string, host: ShellHost, io: ShellIO, opts: RunOptions = {}): Promise<number> {
  const sh = shellFor(state, host, io, io.signal ?? new AbortController().signal);
  if (opts.sourced) sh.sourceDepth = 1;
  let status: number;
  let signal: number | null = null;
  try {
    try {
      status = await runSource(sh, source, { emptyKeepsStatus: state.mode === 'interactive' });
    } catch (e) {
      const s = statusOfThrow(state, e);
      if (s === null) throw e;
      if (e instanceof InterruptSignal) signal = s - 128;
      status = s;
    }
    if (signal !== null) status = await runTrap(state, host, io, signalName(signal), status);
    if ((state.mode !== 'interactive' && !opts.sourced) || state.exited) status = await runTrap(state, host, io, 'EXIT', status);
  } catch (e) {
    io.stderr.write(`cks-lab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    status = 1;
  }
  state.lastStatus = status;
  return status;
}
