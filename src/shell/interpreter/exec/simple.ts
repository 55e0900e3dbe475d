// Simple commands: expansion, assignments, then a function, a builtin or a program found through the
// host, with bash's not-found / permission messages and exit statuses (127, 126).
import { readAll } from '../../../core/stream';
import type { Assignment, SimpleCommand, Word } from '../../syntax/ast';
import { lookupBuiltin } from '../builtins/registry';
import { ExitSignal, ReturnSignal } from '../control';
import { expandString, expandWordFields } from '../expand/word';
import { isErrno, type Errno, type SpawnFailure } from '../host';
import { commandNotFoundMessage, strerror } from '../messages';
import type { Shell } from '../runtime';
import type { ShellFunction, ShellVar } from '../state';
import { executeCommand } from './command';
import { subshellStatus } from './list';
import { openRedirects, withRedirects } from './redirect';
import { runSource } from './source';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MAX_FUNCTION_DEPTH = 1000;

/** Quote a word for `set -x` output and listings, as bash does (only when needed). */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function trace(sh: Shell, words: string[]): void {
  const ps4 = sh.getVar('PS4') ?? '+ ';
  sh.stderr().write(`${ps4}${words.join(' ')}\n`);
}

async function assignmentValue(sh: Shell, a: Assignment): Promise<string> {
  const v = await expandString(sh, a.value, { assignment: true });
  return a.append ? (sh.getVar(a.name) ?? '') + v : v;
}

/** Builtins whose `NAME=value` arguments expand like assignments (no splitting or globbing). */
const DECLARATION_BUILTINS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);

const looksLikeAssignment = (w: Word): boolean => {
  const first = w.parts[0];
  return first !== undefined && first.type === 'Literal' && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(first.text);
};

async function expandCommandWords(sh: Shell, words: Word[]): Promise<string[]> {
  const argv: string[] = [];
  for (const w of words) {
    if (argv.length > 0 && DECLARATION_BUILTINS.has(argv[0]) && looksLikeAssignment(w)) {
      argv.push(await expandString(sh, w, { assignment: true }));
    } else argv.push(...(await expandWordFields(sh, w)));
  }
  return argv;
}

export async function executeSimple(sh: Shell, cmd: SimpleCommand): Promise<number> {
  sh.line = cmd.line;
  sh.substitutionStatus = null;
  const argv = await expandCommandWords(sh, cmd.words);
  if (argv.length === 0) return assignOnly(sh, cmd);
  const temp: Record<string, string> = {};
  for (const a of cmd.assignments) temp[a.name] = await assignmentValue(sh, a);
  if (sh.state.options.xtrace) {
    trace(sh, [...Object.entries(temp).map(([k, v]) => `${k}=${shellQuote(v)}`), ...argv.map(shellQuote)]);
  }
  return withRedirects(sh, cmd.redirects, () => runCommand(sh, argv, temp));
}

async function assignOnly(sh: Shell, cmd: SimpleCommand): Promise<number> {
  let status = 0;
  for (const a of cmd.assignments) {
    const v = await assignmentValue(sh, a);
    if (sh.state.options.xtrace) trace(sh, [`${a.name}=${shellQuote(v)}`]);
    if (!sh.setVar(a.name, v)) status = 1;
  }
  if (status === 0 && sh.substitutionStatus !== null) status = sh.substitutionStatus;
  if (cmd.redirects.length > 0) {
    const r = await openRedirects(sh, cmd.redirects, sh.fds);
    if (!r.ok) return r.status;
    for (const o of r.opened) o.close();
  }
  return status;
}

/** Run argv as a command: function, builtin, or program. `temp` holds `NAME=value` prefixes. */
export async function runCommand(
  sh: Shell,
  argv: string[],
  temp: Record<string, string> = {},
  opts: { skipFunctions?: boolean; skipBuiltins?: boolean } = {},
): Promise<number> {
  const name = argv[0];
  if (!name.includes('/') && !opts.skipBuiltins) {
    const fn = opts.skipFunctions ? undefined : sh.state.functions[name];
    if (fn) return withTempVars(sh, temp, () => callFunction(sh, name, fn, argv.slice(1)));
    const builtin = lookupBuiltin(sh.dialect, name);
    if (builtin) return withTempVars(sh, temp, async () => builtin({ sh, argv }));
  }
  return runProgram(sh, argv, temp);
}

async function withTempVars(sh: Shell, temp: Record<string, string>, fn: () => Promise<number>): Promise<number> {
  const names = Object.keys(temp);
  if (names.length === 0) return fn();
  const saved = new Map<string, ShellVar | undefined>();
  for (const n of names) {
    saved.set(n, sh.state.vars[n] ? { ...sh.state.vars[n] } : undefined);
    sh.setVar(n, temp[n], true);
  }
  try {
    return await fn();
  } finally {
    for (const [n, v] of saved) {
      if (sh.state.vars[n]?.readonly) continue;
      if (v) sh.state.vars[n] = v;
      else delete sh.state.vars[n];
    }
  }
}

export async function callFunction(sh: Shell, name: string, fn: ShellFunction, args: string[]): Promise<number> {
  if (sh.funcDepth >= MAX_FUNCTION_DEPTH) {
    sh.error(`${name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})`);
    return 1;
  }
  const savedPositional = sh.state.positional;
  const savedLine = sh.line;
  sh.state.positional = args;
  const scope = new Map<string, ShellVar | undefined>();
  sh.locals.push(scope);
  sh.funcDepth++;
  try {
    return await executeCommand(sh, fn.body);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    sh.funcDepth--;
    sh.locals.pop();
    for (const [n, v] of scope) {
      if (v) sh.state.vars[n] = v;
      else delete sh.state.vars[n];
    }
    sh.state.positional = savedPositional;
    sh.line = savedLine;
  }
}

export function searchDirs(sh: Shell): string[] {
  const path = sh.getVar('PATH') ?? DEFAULT_PATH;
  return path.split(':').map((d) => sh.resolvePath(d === '' ? '.' : d));
}

/** Where a command name would run from: a path, or the errno why not. */
export function resolveProgram(sh: Shell, name: string): { path: string } | { errno: Errno } {
  if (name.includes('/')) return sh.host.resolveCommand(sh.resolvePath(name), []);
  return sh.host.resolveCommand(name, searchDirs(sh));
}

async function runProgram(sh: Shell, argv: string[], temp: Record<string, string>): Promise<number> {
  const name = argv[0];
  const resolved = resolveProgram(sh, name);
  if (isErrno(resolved)) {
    const handler = sh.state.functions.command_not_found_handle;
    if (handler && resolved.errno === 'ENOENT' && !name.includes('/') && sh.dialect === 'bash' && !sh.inNotFoundHandler) {
      // bash runs the handler in a subshell with the command and its arguments.
      const sub = sh.subshell();
      sub.inNotFoundHandler = true;
      return subshellStatus(() => callFunction(sub, 'command_not_found_handle', handler, argv));
    }
    return notRunnable(sh, name, resolved.errno);
  }
  const env = sh.env({ ...temp, _: resolved.path });
  const result = await sh.host.spawn({
    path: resolved.path,
    argv,
    env,
    cwd: sh.state.cwd,
    umask: sh.state.umask,
    stdin: sh.stdin(),
    stdout: sh.stdout(),
    stderr: sh.stderr(),
    signal: sh.signal,
    ...(sh.background ? { background: true } : {}),
  });
  if (typeof result === 'number') return result;
  return execFailed(sh, argv, resolved.path, result);
}

export async function notRunnable(sh: Shell, name: string, errno: Errno): Promise<number> {
  if (errno === 'ENOENT') {
    if (!name.includes('/')) {
      if (sh.host.commandNotFound && sh.interactive && sh.dialect === 'bash') {
        const status = await sh.host.commandNotFound(name, sh.stderr());
        if (status !== null) return status;
      }
      sh.error(commandNotFoundMessage(sh.dialect, name));
      return 127;
    }
    sh.error(sh.dialect === 'ash' ? `${name}: not found` : `${name}: ${strerror(errno)}`);
    return 127;
  }
  sh.error(`${name}: ${strerror(errno)}`);
  return 126;
}

async function execFailed(sh: Shell, argv: string[], path: string, failure: SpawnFailure): Promise<number> {
  const name = argv[0];
  if (failure.interpreter !== undefined) {
    const interp = failure.interpreter.replace(/\r/g, '^M');
    sh.error(`${name}: ${interp}: bad interpreter: ${strerror(failure.errno)}`);
    return 126;
  }
  if (failure.errno === 'ENOEXEC') return runAsScript(sh, argv, path);
  sh.error(`${name}: ${strerror(failure.errno)}`);
  return failure.errno === 'ENOENT' ? 127 : 126;
}

/** A file without `#!` that the kernel refuses: the shell runs it itself in a fresh subshell. */
async function runAsScript(sh: Shell, argv: string[], path: string): Promise<number> {
  const input = sh.host.openForRead(path);
  if (isErrno(input)) {
    sh.error(`${argv[0]}: ${strerror(input.errno)}`);
    return 126;
  }
  const text = await readAll(input);
  const sub = sh.subshell();
  const vars: Record<string, ShellVar> = {};
  for (const [k, v] of Object.entries(sub.state.vars)) if (v.exported) vars[k] = v;
  sub.state = { ...sub.state, vars, functions: {}, aliases: {}, argv0: argv[0], positional: argv.slice(1), mode: 'script' };
  sub.funcDepth = 0;
  sub.loopDepth = 0;
  return subshellStatus(() => runSource(sub, text)).catch((e: unknown) => {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  });
}
