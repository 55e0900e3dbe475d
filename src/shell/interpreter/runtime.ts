// A running shell: its serialisable state plus what only exists while it runs (fds, host, jobs,
// function-local scopes, loop depth, current line). Subshells are copies.
import { nullOutput, type OutputStream } from '../../core/stream';
import { emptyInput } from '../../core/stream';
import type { ShellDialect } from '../syntax/errors';
import type { ShellHost } from './host';
import { shellInput, type FdTable, type ShellInput } from './io';
import { cloneShellState, type ShellState, type ShellVar } from './state';

export interface Job {
  id: number;
  pid: number;
  command: string;
  done: Promise<number>;
  status: number | null;
  /** Aborting it (reason: a signal number) kills the job, as `kill %1` does. */
  controller: AbortController;
}

/** Background jobs of one shell; kept per ShellState object across runScript calls. */
export interface JobTable {
  jobs: Job[];
  nextPid: number;
}

const jobTables = new WeakMap<ShellState, JobTable>();

export function jobTableFor(state: ShellState): JobTable {
  let t = jobTables.get(state);
  if (!t) {
    t = { jobs: [], nextPid: state.pid + 1 };
    jobTables.set(state, t);
  }
  return t;
}

export class Shell {
  /** Saved values to restore when a function returns, innermost last (bash's dynamic scoping of `local`). */
  locals: Map<string, ShellVar | undefined>[] = [];
  loopDepth = 0;
  funcDepth = 0;
  sourceDepth = 0;
  /** >0 while running an `if`/`while` condition or a non-final `&&`/`||` part: `set -e` does not apply. */
  errexitGuard = 0;
  /** Line of the command being run, for `line N:` messages and $LINENO. */
  line = 0;
  subshellLevel = 0;
  /** Text of the script being run, for echoing the offending line of a syntax error. */
  source = '';
  /** Commands run since the last yield to the event loop. */
  steps = 0;
  /** Status of the last command substitution, which a command made only of assignments returns. */
  substitutionStatus: number | null = null;
  /** Statuses of the last pipeline's commands ($PIPESTATUS). */
  pipeStatus: number[] = [0];
  /** Inside bash's command_not_found_handle: an unknown command there does not call it again. */
  inNotFoundHandler = false;
  /** Runs as a background job (`cmd &`): its programs do not belong to the terminal's foreground. */
  background = false;
  /** Set by `exec` without a command: keep the current redirections after the command. */
  persistRedirects = false;
  readonly startedAt: number;

  constructor(
    public state: ShellState,
    readonly host: ShellHost,
    public fds: FdTable,
    readonly signal: AbortSignal,
    readonly jobs: JobTable,
  ) {
    this.startedAt = host.now();
  }

  get dialect(): ShellDialect {
    return this.state.dialect;
  }

  get interactive(): boolean {
    return this.state.mode === 'interactive';
  }

  stdout(): OutputStream {
    return this.fds.get(1)?.output ?? nullOutput;
  }

  stderr(): OutputStream {
    return this.fds.get(2)?.output ?? nullOutput;
  }

  stdin(): ShellInput {
    return this.fds.get(0)?.input ?? shellInput(emptyInput);
  }

  /** `bash: `, `-bash: `, `sh: `, or `./x.sh: line 3: ` in scripts. */
  prefix(line = this.line): string {
    const { mode, argv0 } = this.state;
    // bash 5.0 numbers lines only in scripts; busybox ash in every non-interactive shell.
    const numbered = mode === 'script' || (mode === 'command' && this.dialect === 'ash');
    return numbered ? `${argv0}: line ${line}: ` : `${argv0}: `;
  }

  error(message: string): void {
    this.stderr().write(`${this.prefix()}${message}\n`);
  }

  // ---- variables ----

  getVar(name: string): string | undefined {
    return this.state.vars[name]?.value;
  }

  isReadonly(name: string): boolean {
    return this.state.vars[name]?.readonly === true;
  }

  readonlyError(name: string): void {
    this.error(this.dialect === 'ash' ? `${name}: is read only` : `${name}: readonly variable`);
  }

  /** Assign; prints the error and returns false for a readonly variable. */
  setVar(name: string, value: string, exported?: boolean): boolean {
    const cur = this.state.vars[name];
    if (cur?.readonly) {
      this.readonlyError(name);
      return false;
    }
    const exp = exported ?? (cur?.exported || this.state.options.allexport || undefined);
    this.state.vars[name] = { ...cur, value, ...(exp ? { exported: true } : {}) };
    return true;
  }

  unsetVar(name: string): boolean {
    if (this.state.vars[name]?.readonly) return false;
    delete this.state.vars[name];
    return true;
  }

  /** Exported variables as a program's environment. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.state.vars)) if (v.exported) out[k] = v.value;
    return { ...out, ...extra };
  }

  /** Declare `name` local in the innermost function scope, remembering its outer value. */
  makeLocal(name: string): void {
    const scope = this.locals[this.locals.length - 1];
    if (!scope || scope.has(name)) return;
    const cur = this.state.vars[name];
    scope.set(name, cur ? { ...cur } : undefined);
  }

  /** A copy for a subshell: same host, copied state and fds; its own abort signal if given. */
  subshell(fds: FdTable = this.fds, signal: AbortSignal = this.signal): Shell {
    const sub = new Shell(cloneShellState(this.state), this.host, new Map(fds), signal, this.jobs);
    sub.loopDepth = this.loopDepth;
    sub.funcDepth = this.funcDepth;
    sub.line = this.line;
    sub.source = this.source;
    sub.subshellLevel = this.subshellLevel + 1;
    sub.errexitGuard = this.errexitGuard;
    sub.steps = this.steps;
    sub.inNotFoundHandler = this.inNotFoundHandler;
    sub.background = this.background;
    return sub;
  }

  /** Resolve a path typed by the user against the cwd. */
  resolvePath(path: string): string {
    return resolvePath(this.state.cwd, path);
  }
}

/** Join and normalise lexically (`..` removes the previous component, as bash's logical cd does). */
export function resolvePath(cwd: string, path: string): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
