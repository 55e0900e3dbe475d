// Lists, and-or lists, pipelines and background jobs. Pipeline stages run concurrently, each in a
// subshell, connected by Pipes; the writer end closes when its stage finishes so readers see EOF.
import { Pipe, emptyInput, type OutputStream } from '../../../core/stream';
import type { AndOrList, CommandList, Pipeline } from '../../syntax/ast';
import { BreakSignal, ContinueSignal, ExitSignal, ExpansionError, InterruptSignal, ReturnSignal } from '../control';
import { shellInput } from '../io';
import type { Shell } from '../runtime';
import { executeCommand } from './command';

const YIELD_EVERY = 200;

/** Between commands: stop on Ctrl-C, let the host run due work, and yield now and then. */
export async function checkpoint(sh: Shell): Promise<void> {
  if (sh.signal.aborted) throw new InterruptSignal(abortStatus(sh.signal));
  if (sh.host.checkpoint) await sh.host.checkpoint();
  else if (++sh.steps % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  if (sh.signal.aborted) throw new InterruptSignal(abortStatus(sh.signal));
}

/** 128 + the signal number carried as the abort reason (SIGINT when none). */
export function abortStatus(signal: AbortSignal): number {
  const r: unknown = signal.reason;
  return 128 + (typeof r === 'number' && r > 0 && r < 64 ? r : 2);
}

/**
 * Run something as a subshell: `exit` and fatal errors end only the subshell, and break/continue/return
 * cannot leave it.
 */
export async function subshellStatus(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof ReturnSignal || e instanceof ExpansionError) return e.status;
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
    throw e;
  }
}

export async function executeList(sh: Shell, list: CommandList): Promise<number> {
  let status = 0;
  for (const item of list.items) {
    await checkpoint(sh);
    if (item.background) {
      startBackground(sh, item.command);
      status = 0;
    } else {
      status = await executeAndOr(sh, item.command);
    }
    sh.state.lastStatus = status;
  }
  return status;
}

export async function executeAndOr(sh: Shell, ao: AndOrList): Promise<number> {
  const last = ao.rest.length;
  let status = await guarded(sh, ao.first, last > 0);
  let ranLast = last === 0;
  let negatedLast = ao.first.negated;
  for (let i = 0; i < last; i++) {
    const link = ao.rest[i];
    sh.state.lastStatus = status;
    if ((link.op === '&&') !== (status === 0)) continue;
    status = await guarded(sh, link.pipeline, i < last - 1);
    ranLast = i === last - 1;
    negatedLast = link.pipeline.negated;
  }
  sh.state.lastStatus = status;
  if (status !== 0 && ranLast && !negatedLast && sh.state.options.errexit && sh.errexitGuard === 0) {
    throw new ExitSignal(status);
  }
  return status;
}

async function guarded(sh: Shell, p: Pipeline, guard: boolean): Promise<number> {
  if (!guard && !p.negated) return executePipeline(sh, p);
  sh.errexitGuard++;
  try {
    return await executePipeline(sh, p);
  } finally {
    sh.errexitGuard--;
  }
}

const SIGPIPE = 13;

/**
 * The writing end of a pipe as one stage sees it. Once the reading stage has finished, the next write
 * kills the writer with SIGPIPE (its stage's abort signal), as on Linux; the data is dropped.
 */
class StageOutput implements OutputStream {
  readerDone = false;
  readonly isTTY = false;
  readonly columns = 80;

  constructor(
    private readonly inner: OutputStream,
    private readonly stage: AbortController,
  ) {}

  write(text: string): void {
    if (this.readerDone) {
      if (!this.stage.signal.aborted) this.stage.abort(SIGPIPE);
      return;
    }
    this.inner.write(text);
  }

  close(): void {
    this.inner.close();
  }
}

/** An abort controller that also fires when `parent` does. Returns it with a disposer for the link. */
function childController(parent: AbortSignal): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

export async function executePipeline(sh: Shell, p: Pipeline): Promise<number> {
  let status: number;
  const n = p.commands.length;
  if (n === 1) {
    status = await executeCommand(sh, p.commands[0]);
    sh.pipeStatus = [status];
  } else {
    const stages = p.commands.map(() => childController(sh.signal));
    const outputs = p.commands.slice(0, -1).map((_, i) => {
      const pipe = new Pipe();
      return { pipe, out: new StageOutput(pipe.writer, stages[i].controller) };
    });
    const runs = p.commands.map(async (cmd, i) => {
      const fds = new Map(sh.fds);
      if (i > 0) fds.set(0, { input: shellInput(outputs[i - 1].pipe.reader) });
      if (i < n - 1) {
        fds.set(1, { output: outputs[i].out });
        if (p.pipeStderr[i]) fds.set(2, { output: outputs[i].out });
      }
      const sub = sh.subshell(fds, stages[i].controller.signal);
      try {
        return await subshellStatus(() => executeCommand(sub, cmd));
      } catch (e) {
        // A stage killed by SIGPIPE ends with 128+13; only a Ctrl-C of the whole pipeline goes on up.
        if (e instanceof InterruptSignal && !sh.signal.aborted) return e.status;
        throw e;
      } finally {
        if (i < n - 1) outputs[i].out.close();
        if (i > 0) outputs[i - 1].out.readerDone = true;
        stages[i].dispose();
      }
    });
    const settled = await Promise.allSettled(runs);
    const statuses: number[] = [];
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      statuses.push(s.value);
    }
    sh.pipeStatus = statuses;
    status = statuses[n - 1];
    if (sh.state.options.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
  }
  if (p.negated) status = status === 0 ? 1 : 0;
  return status;
}

function startBackground(sh: Shell, ao: AndOrList): void {
  const fds = new Map(sh.fds);
  // Without job control, background jobs read from /dev/null.
  if (!sh.interactive) fds.set(0, { input: shellInput(emptyInput) });
  // A background job has its own signal: Ctrl-C (SIGINT) of a later foreground command does not reach
  // it, but the shell being killed (a numeric signal) does.
  const controller = new AbortController();
  const onAbort = (): void => {
    const r: unknown = sh.signal.reason;
    if (typeof r === 'number' && r !== 2) controller.abort(r);
  };
  sh.signal.addEventListener('abort', onAbort, { once: true });
  const sub = sh.subshell(fds, controller.signal);
  sub.background = true;
  const jobs = sh.jobs;
  const pid = jobs.nextPid++;
  const used = new Set(jobs.jobs.filter((j) => j.status === null).map((j) => j.id));
  let id = 1;
  while (used.has(id)) id++;
  const text = sh.source.slice(ao.span.start, ao.span.end);
  const done = subshellStatus(() => executeAndOr(sub, ao)).catch((e: unknown) => {
    if (e instanceof InterruptSignal) return e.status;
    sub.error(`internal error: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  });
  const job = { id, pid, command: text, done, status: null as number | null, controller };
  void done.then((s) => {
    job.status = s;
    sh.signal.removeEventListener('abort', onAbort);
  });
  jobs.jobs = jobs.jobs.filter((j) => j.status === null);
  jobs.jobs.push(job);
  sh.state.lastBackgroundPid = pid;
  if (sh.interactive && sh.subshellLevel === 0) sh.stderr().write(`[${id}] ${pid}\n`);
}
