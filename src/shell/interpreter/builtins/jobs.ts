// wait, jobs, umask, history.
import { InterruptSignal } from '../control';
import { abortStatus } from '../exec/list';
import type { Shell } from '../runtime';
import { builtinError, isInteger, type Builtin } from './types';

/** Wait for a job, but give up (like bash on a signal) when the shell itself is interrupted. */
async function waitFor(sh: Shell, done: Promise<number>): Promise<number> {
  if (sh.signal.aborted) throw new InterruptSignal(abortStatus(sh.signal));
  let onAbort: () => void = () => {};
  const interrupted = new Promise<'interrupted'>((resolve) => {
    onAbort = () => resolve('interrupted');
    sh.signal.addEventListener('abort', onAbort, { once: true });
  });
  const r = await Promise.race([done, interrupted]);
  sh.signal.removeEventListener('abort', onAbort);
  if (r === 'interrupted') throw new InterruptSignal(abortStatus(sh.signal));
  return r;
}

export const wait: Builtin = async ({ sh, argv }) => {
  const args = argv.slice(1);
  const jobs = sh.jobs.jobs;
  if (args.length === 0) {
    for (const j of jobs) await waitFor(sh, j.done);
    sh.jobs.jobs = [];
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const job = a.startsWith('%') ? jobs.find((j) => String(j.id) === a.slice(1)) : jobs.find((j) => String(j.pid) === a);
    if (!job) {
      if (a.startsWith('%')) builtinError(sh, 'wait', `${a}: no such job`);
      else if (!isInteger(a)) builtinError(sh, 'wait', `\`${a}': not a pid or valid job spec`);
      else builtinError(sh, 'wait', `pid ${a} is not a child of this shell`);
      status = 127;
      continue;
    }
    status = await waitFor(sh, job.done);
  }
  return status;
};

export const jobsBuiltin: Builtin = ({ sh }) => {
  const jobs = sh.jobs.jobs;
  jobs.forEach((j, i) => {
    const mark = i === jobs.length - 1 ? '+' : i === jobs.length - 2 ? '-' : ' ';
    const state = j.status === null ? 'Running' : j.status === 0 ? 'Done' : `Exit ${j.status}`;
    sh.stdout().write(`[${j.id}]${mark}  ${state.padEnd(24)}${j.command}${j.status === null ? ' &' : ''}\n`);
  });
  sh.jobs.jobs = jobs.filter((j) => j.status === null);
  return 0;
};

const PERMS = ['', 'x', 'w', 'wx', 'r', 'rx', 'rw', 'rwx'];

export const umask: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  if (symbolic) args.shift();
  if (args.length === 0) {
    const m = sh.state.umask;
    if (symbolic) {
      const p = (shift: number): string => PERMS[7 & ~(m >> shift)];
      sh.stdout().write(`u=${p(6)},g=${p(3)},o=${p(0)}\n`);
    } else sh.stdout().write(`${m.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  const arg = args[0];
  if (/^[0-7]+$/.test(arg)) {
    const v = parseInt(arg, 8);
    if (v > 0o777) {
      builtinError(sh, 'umask', `${arg}: octal number out of range`);
      return 1;
    }
    sh.state.umask = v;
    return 0;
  }
  const m = /^u=([rwx]*),g=([rwx]*),o=([rwx]*)$/.exec(arg);
  if (m) {
    const bits = (s: string): number => (s.includes('r') ? 4 : 0) | (s.includes('w') ? 2 : 0) | (s.includes('x') ? 1 : 0);
    sh.state.umask = 0o777 & ~((bits(m[1]) << 6) | (bits(m[2]) << 3) | bits(m[3]));
    return 0;
  }
  builtinError(sh, 'umask', /^[0-9]+$/.test(arg) ? `${arg}: octal number out of range` : `\`${arg[0]}': invalid symbolic mode operator`);
  return 1;
};

export const historyBuiltin: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1);
  const history = sh.state.history;
  if (args[0] === '-c') {
    history.length = 0;
    return 0;
  }
  let from = 0;
  if (args[0] !== undefined) {
    if (!isInteger(args[0])) {
      builtinError(sh, 'history', `${args[0]}: numeric argument required`);
      return 1;
    }
    from = Math.max(0, history.length - Number(args[0]));
  }
  let out = '';
  for (let i = from; i < history.length; i++) out += `${String(i + 1).padStart(5)}  ${history[i]}\n`;
  sh.stdout().write(out);
  return 0;
};
