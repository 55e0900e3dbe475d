// What bash-completion's functions can reach: the shell, its files, and what they would learn by
// running programs (systemctl, journalctl) — answered without running anything.

import type { Completion, CompletionWords } from './completion-words';
import type { ShellHost } from './interpreter/host';
import type { ShellState } from './interpreter/state';

/** A unit as `systemctl list-units --all` shows it. */
export interface UnitInfo {
  name: string;
  activeState: string;
  enabled: boolean;
}

/**
 * What the completion functions learn by running programs (`systemctl list-units`, `journalctl -F`) or
 * reading files whole (/etc/hosts). Answers are as the shell's user would get them.
 */
export interface CompletionSources {
  /** A file's text, or null when it cannot be read. */
  readText(path: string): string | null;
  /** systemctl list-units --all. */
  units(): UnitInfo[];
  /** journalctl -F FIELD: the values in the part of the journal the user may read. */
  journalValues(field: string): string[];
}

/** How a program completion asks for the shell's own completions. */
export interface CompletionEnv {
  state: ShellState;
  host: ShellHost;
  sources: CompletionSources | undefined;
  /** Complete `w` as the shell would (programmable completion first, then default). */
  complete(w: CompletionWords): Completion;
}

/** compgen -W words -- cur: the words that start with what is typed, sorted and unique. */
export function matching(words: Iterable<string>, typed: string): string[] {
  return [...new Set([...words].filter((w) => w.startsWith(typed)))].sort();
}

/** compgen -u: every name in the passwd database. */
export function passwdNames(env: CompletionEnv): string[] {
  const text = env.sources?.readText('/etc/passwd') ?? '';
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':')[0]!);
}
