// Lists, and-or lists, pipelines and background jobs. Pipeline stages run concurrently, each in a
// subshell, connected by Pipes; the writer end closes when its stage finishes so readers see EOF.
import { Pipe, emptyInput } from '../../../core/stream';
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
  else if (++sh.steps % YIELD_EVERY === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
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

export async function executePipeline(sh: Shell, p: Pipeline): Promise<number> {
  let status: number;
  const n = p.commands.length;
  if (n === 1) {
    status = await executeCommand(sh, p.commands[0]);
  } else {
    const pipes = Array.from({ length: n - 1 }, () => new Pipe());
    const stages = p.commands.map(async (cmd, i) => {
      const fds = new Map(sh.fds);
      if (i > 0) fds.set(0, { input: shellInput(pipes[i - 1].reader) });
      if (i < n - 1) {
        fds.set(1, { output: pipes[i].writer });
        if (p.pipeStderr[i]) fds.set(2, { output: pipes[i].writer });
      }
      const sub = sh.subshell(fds);
      try {
        return await subshellStatus(() => executeCommand(sub, cmd));
      } finally {
        if (i < n - 1) pipes[i].writer.close();
      }
    });
    const settled = await Promise.allSettled(stages);
    const statuses: number[] = [];
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      statuses.push(s.value);
    }
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
  const sub = sh.subshell(fds);
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
  const job = { id, pid, command: text, done, status: null as number | null };
  void done.then((s) => {
    job.status = s;
  });
  jobs.jobs = jobs.jobs.filter((j) => j.status === null);
  jobs.jobs.push(job);
  sh.state.lastBackgroundPid = pid;
  if (sh.interactive && sh.subshellLevel === 0) sh.stderr().write(`[${id}] ${pid}\n`);
}
