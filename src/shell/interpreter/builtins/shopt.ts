// shopt: bash's extra options. Most only need to exist so that Ubuntu's .bashrc runs quietly; -o
// reaches the `set -o` options (`shopt -oq posix`).
import { builtinError, invalidOption, type Builtin } from './types';

/** bash 5.0 shopt options and their defaults in an interactive shell. */
const DEFAULTS: Record<string, boolean> = {
  autocd: false,
  cdable_vars: false,
  cdspell: false,
  checkhash: false,
  checkjobs: false,
  checkwinsize: true,
  cmdhist: true,
  complete_fullquote: true,
  dotglob: false,
  execfail: false,
  expand_aliases: true,
  extglob: false,
  extquote: true,
  failglob: false,
  force_fignore: true,
  globasciiranges: true,
  globstar: false,
  histappend: false,
  histreedit: false,
  histverify: false,
  hostcomplete: true,
  interactive_comments: true,
  lastpipe: false,
  lithist: false,
  login_shell: false,
  nocaseglob: false,
  nocasematch: false,
  nullglob: false,
  progcomp: true,
  promptvars: true,
  shift_verbose: false,
  sourcepath: true,
  xpg_echo: false,
};

const SET_O: Record<string, string | null> = {
  allexport: 'allexport',
  errexit: 'errexit',
  noglob: 'noglob',
  noclobber: 'noclobber',
  nounset: 'nounset',
  pipefail: 'pipefail',
  xtrace: 'xtrace',
  posix: null,
  vi: null,
  emacs: null,
  history: null,
  monitor: null,
  braceexpand: null,
  hashall: null,
};

export const shopt: Builtin = ({ sh, argv }) => {
  let mode: 's' | 'u' | null = null;
  let quiet = false;
  let setO = false;
  let printMode = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (names.length === 0 && /^-[suqop]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's' || f === 'u') mode = f;
        else if (f === 'q') quiet = true;
        else if (f === 'o') setO = true;
        else printMode = true;
      }
    } else if (names.length === 0 && a.startsWith('-')) {
      return invalidOption(sh, 'shopt', a.slice(0, 2), 'shopt [-pqsu] [-o] [optname ...]');
    } else names.push(a);
  }
  const opts = sh.state.options as unknown as Record<string, boolean>;
  const extra = (sh.state.shopt ??= {});
  const get = (name: string): boolean | undefined => {
    if (setO) {
      if (!(name in SET_O)) return undefined;
      const key = SET_O[name];
      return key ? opts[key] : name === 'emacs' || name === 'history' || name === 'monitor' || name === 'braceexpand' || name === 'hashall';
    }
    if (!(name in DEFAULTS)) return undefined;
    if (name === 'login_shell') return sh.state.login;
    return extra[name] ?? DEFAULTS[name];
  };
  const list = names.length > 0 ? names : Object.keys(setO ? SET_O : DEFAULTS);
  let status = 0;
  for (const name of list) {
    const value = get(name);
    if (value === undefined) {
      builtinError(sh, 'shopt', `${name}: invalid ${setO ? 'option' : 'shell option'} name`);
      status = 1;
      continue;
    }
    if (mode !== null && names.length > 0) {
      if (setO) {
        const key = SET_O[name];
        if (key) opts[key] = mode === 's';
      } else if (name !== 'login_shell') extra[name] = mode === 's';
      continue;
    }
    if (mode !== null && value !== (mode === 's')) continue;
    if (!value) status = names.length > 0 ? 1 : status;
    if (quiet) continue;
    if (printMode) sh.stdout().write(setO ? `set ${value ? '-' : '+'}o ${name}\n` : `shopt ${value ? '-s' : '-u'} ${name}\n`);
    else sh.stdout().write(`${name.padEnd(setO ? 15 : 23)}\t${value ? 'on' : 'off'}\n`);
  }
  return status;
};
