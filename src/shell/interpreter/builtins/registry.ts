// Name → builtin, per dialect. Programs such as sleep, kill and test's /usr/bin twin are not here.
import type { ShellDialect } from '../../syntax/errors';
import { aliasBuiltin, unaliasBuiltin } from './alias';
import { colon, echo, falseBuiltin, pwd, trueBuiltin } from './basic';
import { cd } from './cd';
import { breakBuiltin, continueBuiltin, exitBuiltin, logout, returnBuiltin } from './flow';
import { historyBuiltin, jobsBuiltin, umask, wait } from './jobs';
import { builtinBuiltin, hash, kill, letBuiltin } from './more';
import { printf } from './printf';
import { read } from './read';
import { shopt } from './shopt';
import { commandBuiltin, evalBuiltin, execBuiltin, source, typeBuiltin } from './source';
import { test } from './test';
import { trap } from './trap';
import type { Builtin } from './types';
import { declare, exportBuiltin, local, readonly, set, shift, unset } from './vars';

const COMMON: Record<string, Builtin> = {
  ':': colon,
  true: trueBuiltin,
  false: falseBuiltin,
  echo,
  printf,
  pwd,
  cd,
  test,
  '[': test,
  export: exportBuiltin,
  unset,
  readonly,
  local,
  set,
  shift,
  alias: aliasBuiltin,
  unalias: unaliasBuiltin,
  exit: exitBuiltin,
  return: returnBuiltin,
  break: breakBuiltin,
  continue: continueBuiltin,
  source,
  '.': source,
  eval: evalBuiltin,
  exec: execBuiltin,
  command: commandBuiltin,
  type: typeBuiltin,
  read,
  wait,
  umask,
  history: historyBuiltin,
  jobs: jobsBuiltin,
  trap,
  hash,
  kill,
};

/** Programmable completion belongs to the TUI's line editor; the builtins accept and ignore specs. */
const ignoreCompletion: Builtin = () => 0;

const BASH_ONLY: Record<string, Builtin> = {
  logout,
  shopt,
  builtin: builtinBuiltin,
  let: letBuiltin,
  complete: ignoreCompletion,
  compopt: ignoreCompletion,
  declare,
  typeset: declare,
};

export function lookupBuiltin(dialect: ShellDialect, name: string): Builtin | undefined {
  if (Object.prototype.hasOwnProperty.call(COMMON, name)) return COMMON[name];
  if (dialect === 'bash' && Object.prototype.hasOwnProperty.call(BASH_ONLY, name)) return BASH_ONLY[name];
  return undefined;
}

export function isBuiltin(dialect: ShellDialect, name: string): boolean {
  return lookupBuiltin(dialect, name) !== undefined;
}
