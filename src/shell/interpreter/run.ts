// The interpreter's entry point: run shell source against a state, a host and three streams.
import type { InputStream, OutputStream } from '../../core/stream';
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
  /** Ctrl-C (reason 2) or a kill of the shell (reason: the signal number) stops the run. */
  signal?: AbortSignal;
}

/**
 * Run `source` (one interactive line, possibly with here-document lines, or a whole script) in the
 * shell `state`, which it updates in place. Resolves to the exit status ($?). Never rejects: user
 * errors are printed as the shell would, and an internal bug prints `cks-lab: internal error: …`.
 * After `exit` (or a fatal error in a non-interactive shell) `state.exited` is true.
 */
export async function runScript(state: ShellState, source: string, host: ShellHost, io: ShellIO): Promise<number> {
  const fds: FdTable = new Map([
    [0, { input: shellInput(io.stdin) }],
    [1, { output: io.stdout }],
    [2, { output: io.stderr }],
  ]);
  const sh = new Shell(state, host, fds, io.signal ?? new AbortController().signal, jobTableFor(state));
  const finish = (status: number): number => {
    state.lastStatus = status;
    return status;
  };
  try {
    if (source.trim() === '' && state.mode === 'interactive') return state.lastStatus;
    return finish(await runSource(sh, source));
  } catch (e) {
    if (e instanceof ExitSignal) {
      state.exited = true;
      return finish(e.status);
    }
    if (e instanceof ExpansionError) {
      if (e.fatal) state.exited = true;
      return finish(e.status);
    }
    if (e instanceof InterruptSignal || e instanceof ReturnSignal) return finish(e.status);
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return finish(0);
    io.stderr.write(`cks-lab: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return finish(1);
  }
}
