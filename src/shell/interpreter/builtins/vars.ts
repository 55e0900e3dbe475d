// Variable builtins: export, unset, readonly, local, declare/typeset, set, shift.
import type { Shell } from '../runtime';
import { NAME_RE, type ShellOptions } from '../state';
import { builtinError, invalidOption, isInteger, type Builtin } from './types';

/** `declare -x NAME="value"` quoting: double quotes with `"`, `$`, `` ` `` and `\` escaped. */
function dq(value: string): string {
  return `"${value.replace(/(["$`\\])/g, '\\$1')}"`;
}

/** bash `set` listing quoting: bare when safe, else single quotes (or $'…' with control chars). */
export function listQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(value) && value !== '') return value;
  if (/[\x00-\x1f\x7f]/.test(value)) {
    const esc = value.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
    return `$'${esc}'`;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const sortedNames = (sh: Shell): string[] => Object.keys(sh.state.vars).sort();

/** Split `NAME=value` / `NAME+=value`; null name when the word is not a valid assignment or name. */
function parseAssignment(arg: string): { name: string; value: string | null; append: boolean } {
  const m = /^([^=+]*)(\+?)=([\s\S]*)$/.exec(arg);
  if (m) return { name: m[1], value: m[3], append: m[2] === '+' };
  return { name: arg, value: null, append: false };
}

function notIdentifier(sh: Shell, name: string, arg: string): number {
  builtinError(sh, name, `\`${arg}': not a valid identifier`);
  return 1;
}

function assignEach(sh: Shell, name: string, args: string[], apply: (n: string, value: string | null, append: boolean) => boolean): number {
  let status = 0;
  for (const arg of args) {
    const a = parseAssignment(arg);
    if (!NAME_RE.test(a.name)) {
      status = notIdentifier(sh, name, arg);
      continue;
    }
    if (!apply(a.name, a.value, a.append)) status = 1;
  }
  return status;
}

function withValue(sh: Shell, n: string, value: string | null, append: boolean): string | null {
  if (value === null) return null;
  return append ? (sh.getVar(n) ?? '') + value : value;
}

export const exportBuiltin: Builtin = ({ sh, argv }) => {
  let args = argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const opt = args.shift()!;
    if (opt === '--') break;
    if (opt === '-n') unexport = true;
    else if (opt === '-p' || opt === '-f') continue;
    else return invalidOption(sh, 'export', opt.slice(0, 2), 'export [-fn] [name[=value] ...] or export -p');
  }
  if (args.length === 0) {
    for (const n of sortedNames(sh)) {
      const v = sh.state.vars[n];
      if (!v.exported) continue;
      sh.stdout().write(sh.dialect === 'ash' ? `export ${n}=${listQuote(v.value)}\n` : `declare -x ${n}=${dq(v.value)}\n`);
    }
    return 0;
  }
  return assignEach(sh, 'export', args, (n, value, append) => {
    const v = withValue(sh, n, value, append);
    if (unexport) {
      const cur = sh.state.vars[n];
      if (cur) delete cur.exported;
      return v === null || sh.setVar(n, v);
    }
    if (v !== null) return sh.setVar(n, v, true);
    const cur = sh.state.vars[n];
    if (cur) cur.exported = true;
    return true;
  });
};

export const readonly: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1).filter((a) => a !== '-p' && a !== '--');
  if (args.length === 0) {
    for (const n of sortedNames(sh)) {
      const v = sh.state.vars[n];
      if (v.readonly) sh.stdout().write(sh.dialect === 'ash' ? `readonly ${n}=${listQuote(v.value)}\n` : `declare -r ${n}=${dq(v.value)}\n`);
    }
    return 0;
  }
  return assignEach(sh, 'readonly', args, (n, value, append) => {
    const v = withValue(sh, n, value, append);
    if (v !== null && !sh.setVar(n, v)) return false;
    const cur = sh.state.vars[n] ?? (sh.state.vars[n] = { value: '' });
    cur.readonly = true;
    return true;
  });
};

export const unset: Builtin = ({ sh, argv }) => {
  let args = argv.slice(1);
  let mode: 'v' | 'f' | 'any' = 'any';
  while (args[0]?.startsWith('-')) {
    const opt = args.shift()!;
    if (opt === '--') break;
    if (opt === '-f') mode = 'f';
    else if (opt === '-v') mode = 'v';
    else return invalidOption(sh, 'unset', opt.slice(0, 2), 'unset [-f] [-v] [-n] [name ...]');
  }
  let status = 0;
  for (const n of args) {
    if (mode !== 'f' && !NAME_RE.test(n)) {
      status = notIdentifier(sh, 'unset', n);
      continue;
    }
    if (mode === 'f' || (mode === 'any' && sh.state.vars[n] === undefined && sh.state.functions[n])) {
      delete sh.state.functions[n];
      continue;
    }
    if (!sh.unsetVar(n)) {
      builtinError(sh, 'unset', `${n}: cannot unset: readonly variable`);
      status = 1;
    }
  }
  return status;
};

export const local: Builtin = ({ sh, argv }) => {
  if (sh.funcDepth === 0) {
    builtinError(sh, 'local', 'can only be used in a function');
    return 1;
  }
  return assignEach(sh, 'local', argv.slice(1).filter((a) => !a.startsWith('-')), (n, value, append) => {
    const v = withValue(sh, n, value, append);
    sh.makeLocal(n);
    if (v === null) {
      if (!sh.isReadonly(n)) delete sh.state.vars[n];
      return true;
    }
    return sh.setVar(n, v);
  });
};

export const declare: Builtin = ({ sh, argv }) => {
  const flags = new Set<string>();
  const args: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a) && args.length === 0) for (const f of a.slice(1)) flags.add(a[0] === '+' ? `+${f}` : f);
    else args.push(a);
  }
  if (flags.has('f') || flags.has('F')) {
    for (const name of args.length ? args : Object.keys(sh.state.functions).sort()) {
      const fn = sh.state.functions[name];
      if (!fn) return 1;
      sh.stdout().write(flags.has('F') ? `declare -f ${name}\n` : `${fn.text}\n`);
    }
    return 0;
  }
  if (args.length === 0 || flags.has('p')) {
    const names = args.length ? args : sortedNames(sh);
    let status = 0;
    for (const n of names) {
      const v = sh.state.vars[n];
      if (!v) {
        builtinError(sh, 'declare', `${n}: not found`);
        status = 1;
        continue;
      }
      const attrs = `${v.exported ? 'x' : ''}${v.readonly ? 'r' : ''}` || '-';
      sh.stdout().write(`declare -${attrs === '-' ? '-' : attrs} ${n}=${dq(v.value)}\n`);
    }
    return status;
  }
  return assignEach(sh, 'declare', args, (n, value, append) => {
    if (sh.funcDepth > 0 && !flags.has('g')) sh.makeLocal(n);
    const v = withValue(sh, n, value, append);
    if (v !== null && !sh.setVar(n, v)) return false;
    const cur = sh.state.vars[n] ?? (v === null && !flags.has('x') && !flags.has('r') ? undefined : (sh.state.vars[n] = { value: '' }));
    if (!cur) return true;
    if (flags.has('x')) cur.exported = true;
    if (flags.has('+x')) delete cur.exported;
    if (flags.has('r')) cur.readonly = true;
    return true;
  });
};

const LONG_OPTIONS: Record<string, keyof ShellOptions | null> = {
  allexport: 'allexport',
  errexit: 'errexit',
  noglob: 'noglob',
  noclobber: 'noclobber',
  nounset: 'nounset',
  pipefail: 'pipefail',
  xtrace: 'xtrace',
  braceexpand: null,
  emacs: null,
  errtrace: null,
  functrace: null,
  hashall: null,
  histexpand: null,
  history: null,
  ignoreeof: null,
  'interactive-comments': null,
  keyword: null,
  monitor: null,
  noexec: null,
  notify: null,
  onecmd: null,
  physical: null,
  posix: null,
  privileged: null,
  verbose: null,
  vi: null,
};

const LETTERS: Record<string, keyof ShellOptions> = { a: 'allexport', e: 'errexit', f: 'noglob', C: 'noclobber', u: 'nounset', x: 'xtrace' };
const IGNORED_LETTERS = 'bhkmnpvBHPT';
const SET_USAGE = 'set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]';

export const set: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1);
  const o = sh.state.options;
  if (args.length === 0) {
    for (const n of sortedNames(sh)) sh.stdout().write(`${n}=${listQuote(sh.state.vars[n].value)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sh.state.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (const f of a.slice(1)) {
      if (f === 'o') {
        const name = args[++i];
        if (name === undefined) {
          for (const [k, key] of Object.entries(LONG_OPTIONS)) {
            const v = key ? o[key] : k === 'braceexpand' || k === 'emacs' || k === 'hashall' || k === 'interactive-comments';
            sh.stdout().write(on ? `${k.padEnd(15)}\t${v ? 'on' : 'off'}\n` : `set ${v ? '-' : '+'}o ${k}\n`);
          }
          continue;
        }
        if (!(name in LONG_OPTIONS)) {
          builtinError(sh, 'set', `${name}: invalid option name`);
          return 1;
        }
        const key = LONG_OPTIONS[name];
        if (key) o[key] = on;
      } else if (f in LETTERS) o[LETTERS[f]] = on;
      else if (!IGNORED_LETTERS.includes(f)) return invalidOption(sh, 'set', `${a[0]}${f}`, SET_USAGE);
    }
  }
  if (i < args.length) sh.state.positional = args.slice(i);
  return 0;
};

export const shift: Builtin = ({ sh, argv }) => {
  const arg = argv[1] ?? '1';
  if (!isInteger(arg)) {
    builtinError(sh, 'shift', `${arg}: numeric argument required`);
    return 1;
  }
  const n = Number(arg);
  if (n < 0) {
    builtinError(sh, 'shift', `${arg}: shift count out of range`);
    return 1;
  }
  if (n > sh.state.positional.length) return 1;
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};
