// Tab completion as bash 5.0 does it on Ubuntu: command names in command position, file names elsewhere,
// `$VAR`, `~user`; kubectl's own completion once its script is sourced, and bash-completion's (ssh,
// sudo, systemctl, journalctl) once ~/.bashrc has loaded it. Completion only reads: the shell state stays
// as it was, nothing runs, and files are reached through the ShellHost (readdir, stat, access) as the
// shell process, so its permissions and mounts apply.

import type { CompletionEnv, CompletionSources } from './completion-env';
import { kubectlCompletion } from './completion-kubectl';
import { bashCompletionLoaded, programCompletion } from './completion-programs';
import { completionWords, dequote, quoteName, scanQuoted, type Completion, type CompletionWords, type CurrentWord, type ScannedWord } from './completion-words';
import { isErrno, type ShellHost } from './interpreter/host';
import type { ShellState } from './interpreter/state';

export type { Completion } from './completion-words';

/** What a shell registers with its terminal while it shows its prompt. */
export type LineCompleter = (line: string, cursor: number) => Completion;

const RESERVED_WORDS = ['!', '[[', ']]', 'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while', '{', '}'];

/** `enable -a` of bash 5.0: completion offers every builtin bash has, whatever the lab implements. */
const BASH_BUILTINS = [
  '.', ':', '[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt',
  'continue', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export', 'false', 'fc', 'fg',
  'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd',
  'pwd', 'read', 'readarray', 'readonly', 'return', 'set', 'shift', 'shopt', 'source', 'suspend', 'test', 'times',
  'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
];

/** busybox ash's builtins; its line editor completes these, $PATH and file names. */
const ASH_BUILTINS = [
  '.', ':', '[', '[[', 'alias', 'bg', 'break', 'cd', 'chdir', 'command', 'continue', 'echo', 'eval', 'exec', 'exit',
  'export', 'false', 'fg', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'printf', 'pwd', 'read',
  'readonly', 'return', 'set', 'shift', 'source', 'test', 'times', 'trap', 'true', 'type', 'ulimit', 'umask', 'unalias',
  'unset', 'wait',
];

/** The function kubectl's completion script defines and registers with `complete -F … kubectl`. */
const KUBECTL_COMPLETION_FUNCTION = '__start_kubectl';

type FileFilter = 'all' | 'dirs' | 'exec-or-dir';

/**
 * A completer over a live shell: it reads the state at each Tab, so later aliases and `cd` count.
 * `sources` answers what bash-completion's functions would learn by running systemctl or journalctl.
 */
export function shellCompleter(state: ShellState, host: ShellHost, sources?: CompletionSources): LineCompleter {
  return (line, cursor) => completeLine(state, host, line, cursor, sources);
}

/** Complete the word that ends at `cursor`, as bash's readline would on Tab. */
export function completeLine(state: ShellState, host: ShellHost, line: string, cursor: number, sources?: CompletionSources): Completion {
  const at = Math.max(0, Math.min(cursor, line.length));
  const env: CompletionEnv = { state, host, sources, complete: (w) => completeWords(env, w) };
  return completeWords(env, completionWords(line, at));
}

/** A completion spec for the command if one is registered (kubectl's, bash-completion's), else the default. */
function completeWords(env: CompletionEnv, w: CompletionWords): Completion {
  const { state, host } = env;
  const command = w.words[0];
  if (!w.commandPosition && command !== undefined) {
    if (hasKubectlCompletion(state) && baseName(command) === 'kubectl') {
      const r = kubectlCompletion(w.words.slice(1), w.current);
      if (r !== 'default') return r;
    }
    if (bashCompletionLoaded(state)) {
      const r = programCompletion(env, w);
      if (r !== 'default') return r;
    }
  }
  return defaultCompletion(state, host, w);
}

function hasKubectlCompletion(state: ShellState): boolean {
  return state.dialect === 'bash' && Object.prototype.hasOwnProperty.call(state.functions, KUBECTL_COMPLETION_FUNCTION);
}

/** bash_default_completion: variables, then user names, then commands in command position, then files. */
function defaultCompletion(state: ShellState, host: ShellHost, w: CompletionWords): Completion {
  const { current } = w;
  const text = current.raw;
  if (text.startsWith('$') && !text.startsWith('$(')) {
    const vars = variableNames(state, host, text);
    if (vars.length > 0) return { start: current.start, candidates: vars };
  }
  if (text.startsWith('~') && !text.includes('/')) {
    const users = userNames(host, dequote(text.slice(1)));
    if (users.length > 0) return { start: current.start, candidates: users };
  }
  if (w.commandPosition) {
    const name = dequote(text);
    if (!name.includes('/')) {
      const commands = commandNames(state, host, name);
      if (commands.length > 0) return { start: current.start, candidates: commands };
      return fileNames(state, host, current, 'dirs');
    }
    return fileNames(state, host, current, 'exec-or-dir');
  }
  return fileNames(state, host, current, 'all');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** An absolute path without `.` and `..` steps (bash hands opendir the joined path; the result is the same). */
function absolute(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function isDir(host: ShellHost, path: string): boolean {
  const st = host.stat(path);
  return !isErrno(st) && st.type === 'dir';
}

function entries(host: ShellHost, dir: string): string[] {
  const list = host.readDir(dir);
  return isErrno(list) ? [] : list;
}

/** `$HO` → `$HOME`, `${HO` → `${HOME}`; a single name whose value is a directory gets its `/` (bash does). */
function variableNames(state: ShellState, host: ShellHost, text: string): string[] {
  const braced = text.startsWith('${');
  const prefix = text.slice(braced ? 2 : 1);
  if (!/^[A-Za-z0-9_]*$/.test(prefix)) return [];
  const names = Object.keys(state.vars).filter((n) => n.startsWith(prefix)).sort();
  const shown = names.map((n) => (braced ? `\${${n}}` : `$${n}`));
  if (names.length === 1) {
    const value = state.vars[names[0]!]!.value;
    if (value !== '' && isDir(host, absolute(state.cwd, value))) return [`${shown[0]}/`];
  }
  return shown;
}

/**
 * `~vag` → `~vagrant/`. bash reads the passwd database (getpwent); the host only answers for a name, so the
 * names asked about are root and the directories under /home.
 */
function userNames(host: ShellHost, prefix: string): string[] {
  const names = new Set(['root', ...entries(host, '/home')]);
  const out: string[] = [];
  for (const user of [...names].sort()) {
    if (!user.startsWith(prefix)) continue;
    const home = host.homeDir(user);
    if (home === null) continue;
    out.push(isDir(host, home) ? `~${user}/` : `~${user}`);
  }
  return out;
}

/** Aliases, reserved words, functions, builtins and executables on $PATH whose names start with `prefix`. */
function commandNames(state: ShellState, host: ShellHost, prefix: string): string[] {
  const bash = state.dialect === 'bash';
  const names = new Set<string>();
  const add = (list: Iterable<string>): void => {
    for (const n of list) if (n.startsWith(prefix)) names.add(n);
  };
  add(Object.keys(state.aliases));
  if (bash) add(RESERVED_WORDS);
  add(Object.keys(state.functions));
  add(bash ? BASH_BUILTINS : ASH_BUILTINS);
  const dirs = new Set((state.vars.PATH?.value ?? '').split(':').map((d) => absolute(state.cwd, d === '' ? '.' : d)));
  for (const dir of dirs) {
    for (const entry of entries(host, dir)) {
      if (names.has(entry) || !entry.startsWith(prefix)) continue;
      const path = join(dir, entry);
      const st = host.stat(path);
      if (!isErrno(st) && st.type !== 'dir' && host.access(path, 'x')) names.add(entry);
    }
  }
  // A directory named exactly as typed: `./dir/prog` is one Tab away.
  if (prefix !== '' && isDir(host, absolute(state.cwd, prefix))) names.add(`${prefix}/`);
  return [...names].sort();
}

/** The typed text with `~`, `~user`, `$NAME` and quotes resolved, mapped back to where each part was typed. */
function scanPath(state: ShellState, host: ShellHost, raw: string): ScannedWord {
  const lookup = (name: string): string | null => state.vars[name]?.value ?? null;
  const slash = raw.indexOf('/');
  if (!raw.startsWith('~') || slash < 0) return scanQuoted(raw, lookup);
  const user = raw.slice(1, slash);
  const home = user === '' ? (state.vars.HOME?.value ?? null) : /^[A-Za-z0-9._-]+$/.test(user) ? host.homeDir(user) : null;
  if (home === null) return scanQuoted(raw, lookup);
  const rest = scanQuoted(raw.slice(slash), lookup);
  return {
    text: home + rest.text,
    rawEnd: [...Array.from(home, () => slash), ...rest.rawEnd.map((e) => e + slash)],
    quoteAt: [...Array.from({ length: slash }, () => null), ...rest.quoteAt],
  };
}

/**
 * File names in the directory the word names. The candidates replace only the part after the last `/`, so
 * the directory stays as typed and a listing shows bare names, as bash's does. Directories end in `/`; a
 * file closes an open quote (the editor then adds the space).
 */
function fileNames(state: ShellState, host: ShellHost, current: CurrentWord, filter: FileFilter): Completion {
  const scanned = scanPath(state, host, current.raw);
  const cut = scanned.text.lastIndexOf('/');
  const dir = absolute(state.cwd, cut < 0 ? '.' : scanned.text.slice(0, cut + 1));
  const name = scanned.text.slice(cut + 1);
  let from = cut < 0 ? 0 : scanned.rawEnd[cut]!;
  // A quote opened right there stays: `"my f` completes inside the quotes, as `"my file.txt"`.
  const opened = current.raw[from];
  if ((opened === '"' || opened === "'") && scanned.quoteAt[from] === null && scanned.quoteAt[from + 1] === opened) from++;
  const quote = scanned.quoteAt[from] ?? null;
  const start = current.start + from;
  // bash matches hidden files without a leading dot (match-hidden-files), and offers . and .. for a dot.
  const names = entries(host, dir);
  if (name.startsWith('.')) names.push('.', '..');
  const matches: { entry: string; dir: boolean }[] = [];
  for (const entry of new Set(names)) {
    if (!entry.startsWith(name)) continue;
    const path = entry === '.' || entry === '..' ? absolute(dir, entry) : join(dir, entry);
    const st = host.stat(path);
    const directory = !isErrno(st) && st.type === 'dir';
    if (filter === 'dirs' && !directory) continue;
    if (filter === 'exec-or-dir' && !directory && (isErrno(st) || !host.access(path, 'x'))) continue;
    matches.push({ entry, dir: directory });
  }
  matches.sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
  const shown = (m: { entry: string; dir: boolean }): string => {
    const q = quoteName(m.entry, quote, from === 0);
    return m.dir ? `${q}/` : `${q}${quote ?? ''}`;
  };
  const only = matches.length === 1 ? matches[0]! : null;
  if (only?.dir && only.entry !== name) {
    const l = host.lstat(join(dir, only.entry));
    if (!isErrno(l) && l.type === 'symlink') {
      // readline adds nothing after a symlink to a directory completed from a shorter name
      // (mark-symlinked-directories is off); the next Tab adds the `/`. Two candidates whose common
      // prefix is the bare name make the editor do exactly that.
      const bare = quoteName(only.entry, quote, from === 0);
      return { start, candidates: [bare, `${bare}/`] };
    }
  }
  return { start, candidates: matches.map(shown) };
}
