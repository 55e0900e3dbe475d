// trap: remember actions for EXIT and signals. run.ts runs the EXIT action when the shell ends and a
// signal's action when that signal stops the shell (pods' `trap : TERM INT; sleep infinity & wait`).
import { builtinError, type Builtin } from './types';

export const SIGNALS: Record<string, number> = {
  EXIT: 0, HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11,
  USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21,
  TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31,
};
const PSEUDO = new Set(['EXIT', 'ERR', 'DEBUG', 'RETURN']);

/** Canonical trap key for a user's signal spec (`TERM`, `SIGTERM`, `15`, `exit`), or null. */
export function signalKey(spec: string): string | null {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return Object.keys(SIGNALS).find((k) => SIGNALS[k] === n) ?? null;
  }
  const up = spec.toUpperCase().replace(/^SIG/, '');
  return up in SIGNALS || PSEUDO.has(up) ? up : null;
}

/** The trap key for a signal number (from an abort reason). */
export function signalName(n: number): string | null {
  return Object.keys(SIGNALS).find((k) => SIGNALS[k] === n && k !== 'EXIT') ?? null;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export const trap: Builtin = ({ sh, argv }) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const traps = (sh.state.traps ??= {});
  if (args.length === 0 || args[0] === '-p') {
    const only = args.slice(1).map(signalKey);
    for (const [k, action] of Object.entries(traps)) {
      if (only.length && !only.includes(k)) continue;
      sh.stdout().write(`trap -- ${quote(action)} ${PSEUDO.has(k) ? k : `SIG${k}`}\n`);
    }
    return 0;
  }
  if (args[0] === '-l') {
    sh.stdout().write(Object.entries(SIGNALS).filter(([k]) => k !== 'EXIT').map(([k, n]) => `${String(n).padStart(2)}) SIG${k}`).join('\t') + '\n');
    return 0;
  }
  // `trap SIG…` and `trap - SIG…` reset; otherwise the first word is the action.
  const reset = args[0] === '-' || (args.length === 1 && signalKey(args[0]) !== null);
  const action = reset ? null : args[0];
  const specs = args[0] === '-' || !reset ? args.slice(1) : args;
  let status = 0;
  for (const spec of specs) {
    const key = signalKey(spec);
    if (key === null) {
      builtinError(sh, 'trap', `${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === null) delete traps[key];
    else traps[key] = action;
  }
  return status;
};
