// Small bash builtins: builtin, let, hash, kill (job specs here; pids go to the kill program).
import { runCommand } from '../exec/simple';
import { arithValue } from '../expand/param';
import { strerror } from '../messages';
import { lookupBuiltin } from './registry';
import { SIGNALS, signalKey } from './trap';
import { builtinError, type Builtin } from './types';
import { CaptureOutput } from '../../../core/stream';
import type { Shell } from '../runtime';

export const builtinBuiltin: Builtin = async ({ sh, argv }) => {
  const name = argv[1];
  if (name === undefined) return 0;
  const b = lookupBuiltin(sh.dialect, name);
  if (!b) {
    builtinError(sh, 'builtin', `${name}: not a shell builtin`);
    return 1;
  }
  return b({ sh, argv: argv.slice(1) });
};

/** `let expr…`: status 0 when the last expression is non-zero. */
export const letBuiltin: Builtin = ({ sh, argv }) => {
  if (argv.length < 2) {
    builtinError(sh, 'let', 'expression expected');
    return 1;
  }
  let last = 0n;
  for (const expr of argv.slice(1)) last = arithValue(sh, expr);
  return last !== 0n ? 0 : 1;
};

/** The lab keeps no command hash table; `hash -r` after installing a package is harmless. */
export const hash: Builtin = ({ sh, argv }) => {
  if (argv.length === 1) sh.stdout().write('hash: hash table empty\n');
  return 0;
};

/**
 * Without the host's kill(2) the kill program sends the signals. bash does it itself and reports
 * through builtin_error, so the program's `kill: (437) - Operation not permitted` gets the shell's prefix
 * (`-bash: kill: …` in a login shell, `./x.sh: line 3: kill: …` in a script).
 */
async function killByProgram(sh: Shell, signal: number, pids: string[]): Promise<number> {
  const argv = ['kill', `-${signal}`, ...pids];
  const opts = { skipFunctions: true, skipBuiltins: true };
  if (sh.dialect !== 'bash') return runCommand(sh, argv, {}, opts);
  const captured = new CaptureOutput();
  const saved = sh.fds;
  sh.fds = new Map(saved).set(2, { output: captured });
  let status: number;
  try {
    status = await runCommand(sh, argv, {}, opts);
  } finally {
    sh.fds = saved;
  }
  for (const line of captured.text.split('\n')) {
    if (line === '') continue;
    const m = /^kill: (?!usage:)(.*)$/.exec(line);
    if (m) builtinError(sh, 'kill', m[1]!);
    else sh.stderr().write(`${line}\n`);
  }
  return status;
}

export const kill: Builtin = async ({ sh, argv }) => {
  const args = argv.slice(1);
  if (args[0] === '-l' || args[0] === '-L') {
    const names = Object.entries(SIGNALS).filter(([k]) => k !== 'EXIT');
    sh.stdout().write(names.map(([k, n]) => `${String(n).padStart(2)}) SIG${k}`).join('\t') + '\n');
    return 0;
  }
  let signal = 15;
  let i = 0;
  if (args[0] === '-s' || args[0] === '-n') {
    const key = signalKey(args[1] ?? '');
    if (key === null) {
      builtinError(sh, 'kill', `${args[1] ?? ''}: invalid signal specification`);
      return 1;
    }
    signal = SIGNALS[key];
    i = 2;
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const key = signalKey(args[0].slice(1));
    if (key === null) {
      builtinError(sh, 'kill', `${args[0].slice(1)}: invalid signal specification`);
      return 1;
    }
    signal = SIGNALS[key];
    i = 1;
  }
  if (args[i] === '--') i++;
  const targets = args.slice(i);
  if (targets.length === 0) {
    sh.stderr().write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  }
  let status = 0;
  const pids: string[] = [];
  for (const t of targets) {
    if (!t.startsWith('%')) {
      pids.push(t);
      continue;
    }
    const jobs = sh.jobs.jobs.filter((j) => j.status === null);
    const spec = t.slice(1);
    const job = spec === '' || spec === '%' || spec === '+' ? jobs[jobs.length - 1] : spec === '-' ? jobs[jobs.length - 2] : jobs.find((j) => String(j.id) === spec);
    if (!job) {
      builtinError(sh, 'kill', `${t}: no such job`);
      status = 1;
      continue;
    }
    job.controller.abort(signal);
  }
  if (pids.length === 0) return status;
  const hostKill = sh.host.kill?.bind(sh.host);
  if (!hostKill) {
    const s = await killByProgram(sh, signal, pids);
    return s !== 0 ? s : status;
  }
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      builtinError(sh, 'kill', `${p}: arguments must be process or job IDs`);
      status = 1;
      continue;
    }
    const r = hostKill(Number(p), signal);
    if (r !== true) {
      builtinError(sh, 'kill', `(${p}) - ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};
