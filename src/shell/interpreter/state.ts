// The shell's own state as plain serialisable data: variables, functions, aliases, cwd, options, history.
// A session keeps one of these per shell and saves it with the world.
import type { CompoundCommand } from '../syntax/ast';
import type { ShellDialect } from '../syntax/errors';

export interface ShellVar {
  value: string;
  exported?: boolean;
  readonly?: boolean;
}

export interface ShellFunction {
  body: CompoundCommand;
  /** The definition as written. */
  text: string;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  noclobber: boolean;
  pipefail: boolean;
  allexport: boolean;
}

/**
 * interactive: a prompt shell (messages `bash: …`); script: `bash x.sh` (messages `x.sh: line N: …`);
 * command: `bash -c '…'` (messages `bash: …`).
 */
export type ShellMode = 'interactive' | 'script' | 'command';

export interface ShellState {
  dialect: ShellDialect;
  mode: ShellMode;
  /** Login shell: `exit` prints `logout`, and `logout` is allowed. */
  login: boolean;
  /** $0, and the prefix of every message (`-bash`, `bash`, `sh`, `./x.sh`). */
  argv0: string;
  vars: Record<string, ShellVar>;
  functions: Record<string, ShellFunction>;
  aliases: Record<string, string>;
  cwd: string;
  positional: string[];
  lastStatus: number;
  pid: number;
  umask: number;
  options: ShellOptions;
  /** Lines entered, oldest first; the session appends each line before running it, as bash does. */
  history: string[];
  /** Set once `exit`/`logout` ran (or `set -e` tripped): the front end closes this shell. */
  exited: boolean;
  lastBackgroundPid: number | null;
  /** `shopt -s/-u` settings that differ from bash's defaults. */
  shopt?: Record<string, boolean>;
  /** `trap` actions by signal name (`EXIT`, `TERM`, `INT` …). */
  traps?: Record<string, string>;
}

export interface ShellStateInit {
  dialect?: ShellDialect;
  mode?: ShellMode;
  login?: boolean;
  argv0?: string;
  /** The environment the shell starts with; every entry is exported. */
  env?: Record<string, string>;
  /** Extra unexported variables (e.g. PS1 from a bashrc). */
  vars?: Record<string, string>;
  cwd?: string;
  positional?: string[];
  aliases?: Record<string, string>;
  pid?: number;
  umask?: number;
  history?: string[];
}

export function createShellState(init: ShellStateInit = {}): ShellState {
  const dialect = init.dialect ?? 'bash';
  const cwd = init.cwd ?? init.env?.PWD ?? '/';
  const vars: Record<string, ShellVar> = {
    IFS: { value: ' \t\n' },
    PS2: { value: '> ' },
    PS4: { value: '+ ' },
    OPTIND: { value: '1' },
  };
  if (dialect === 'bash') vars.PS1 = { value: '\\s-\\v\\$ ' };
  else vars.PS1 = { value: '\\w \\$ ' };
  for (const [k, v] of Object.entries(init.vars ?? {})) vars[k] = { value: v };
  for (const [k, v] of Object.entries(init.env ?? {})) vars[k] = { value: v, exported: true };
  vars.PWD = { value: cwd, exported: true };
  return {
    dialect,
    mode: init.mode ?? 'interactive',
    login: init.login ?? false,
    argv0: init.argv0 ?? (dialect === 'bash' ? 'bash' : 'sh'),
    vars,
    functions: {},
    aliases: { ...(init.aliases ?? {}) },
    cwd,
    positional: [...(init.positional ?? [])],
    lastStatus: 0,
    pid: init.pid ?? 1,
    umask: init.umask ?? 0o022,
    options: { errexit: false, nounset: false, xtrace: false, noglob: false, noclobber: false, pipefail: false, allexport: false },
    history: [...(init.history ?? [])],
    exited: false,
    lastBackgroundPid: null,
  };
}

/** A deep copy for a subshell (pipeline stage, `( … )`, command substitution). */
export function cloneShellState(s: ShellState): ShellState {
  const vars: Record<string, ShellVar> = {};
  for (const [k, v] of Object.entries(s.vars)) vars[k] = { ...v };
  return {
    ...s,
    vars,
    // Function bodies are never mutated, so sharing them is safe.
    functions: { ...s.functions },
    aliases: { ...s.aliases },
    positional: [...s.positional],
    options: { ...s.options },
    ...(s.shopt ? { shopt: { ...s.shopt } } : {}),
    ...(s.traps ? { traps: { ...s.traps } } : {}),
    // The subshell sees the history but its changes do not matter.
    history: s.history,
  };
}

/**
 * Record a line in the history (what a session does before running it), honouring HISTCONTROL
 * (`ignorespace`, `ignoredups`, `ignoreboth`, `erasedups`) as Ubuntu's .bashrc sets it.
 */
export function addHistory(state: ShellState, line: string): void {
  const trimmed = line.replace(/\n+$/, '');
  if (trimmed.trim() === '') return;
  const control = (state.vars.HISTCONTROL?.value ?? '').split(':');
  const both = control.includes('ignoreboth');
  if ((both || control.includes('ignorespace')) && /^[ \t]/.test(trimmed)) return;
  if ((both || control.includes('ignoredups')) && state.history[state.history.length - 1] === trimmed) return;
  if (control.includes('erasedups')) state.history = state.history.filter((h) => h !== trimmed);
  state.history.push(trimmed);
}

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
