// source/., eval, exec, command, type: builtins that run or describe other commands.
import { readAll } from '../../../core/stream';
import { RESERVED_WORDS } from '../../syntax/ast';
import { ExitSignal, ReturnSignal } from '../control';
import { notRunnable, resolveProgram, runCommand, searchDirs } from '../exec/simple';
import { runSource } from '../exec/source';
import { isErrno } from '../host';
import { strerror } from '../messages';
import { lookupBuiltin } from './registry';
import { builtinError, type Builtin } from './types';
import type { Shell } from '../runtime';

export const source: Builtin = async ({ sh, argv }) => {
  const name = argv[0];
  const file = argv[1];
  if (file === undefined) {
    builtinError(sh, name, 'filename argument required');
    sh.stderr().write(`${name}: usage: ${name} filename [arguments]\n`);
    return 2;
  }
  let path = sh.resolvePath(file);
  if (!file.includes('/')) {
    // bash searches PATH for a readable file first (sourcepath), then the cwd.
    for (const dir of searchDirs(sh)) {
      const candidate = `${dir.replace(/\/$/, '')}/${file}`;
      const st = sh.host.stat(candidate);
      if (!isErrno(st) && st.type === 'file') {
        path = candidate;
        break;
      }
    }
  }
  const input = sh.host.openForRead(path);
  if (isErrno(input)) {
    if (sh.dialect === 'ash') builtinError(sh, name, `can't open '${file}': ${strerror(input.errno)}`);
    else sh.error(`${file}: ${strerror(input.errno)}`);
    return sh.dialect === 'ash' ? 2 : 1;
  }
  const text = await readAll(input);
  const savedPositional = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  sh.sourceDepth++;
  try {
    return await runSource(sh, text);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    sh.sourceDepth--;
    if (argv.length > 2) sh.state.positional = savedPositional;
  }
};

export const evalBuiltin: Builtin = ({ sh, argv }) => runSource(sh, argv.slice(1).join(' '));

export const execBuiltin: Builtin = async ({ sh, argv }) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  if (args.length === 0) {
    sh.persistRedirects = true;
    return 0;
  }
  const resolved = resolveProgram(sh, args[0]);
  if (isErrno(resolved)) {
    if (resolved.errno === 'ENOENT' && !args[0].includes('/')) {
      builtinError(sh, 'exec', `${args[0]}: not found`);
      if (!sh.interactive) throw new ExitSignal(127);
      return 127;
    }
    const status = await notRunnable(sh, args[0], resolved.errno);
    if (!sh.interactive) throw new ExitSignal(status);
    return status;
  }
  const status = await runCommand(sh, args, {}, { skipFunctions: true });
  throw new ExitSignal(status);
};

type Kind = { kind: 'alias'; value: string } | { kind: 'keyword' } | { kind: 'function'; text: string } | { kind: 'builtin' } | { kind: 'file'; path: string };

function describe(sh: Shell, name: string, all: boolean): Kind[] {
  const out: Kind[] = [];
  if (Object.prototype.hasOwnProperty.call(sh.state.aliases, name)) out.push({ kind: 'alias', value: sh.state.aliases[name] });
  if (RESERVED_WORDS.has(name)) out.push({ kind: 'keyword' });
  const fn = sh.state.functions[name];
  if (fn) out.push({ kind: 'function', text: fn.text });
  if (lookupBuiltin(sh.dialect, name)) out.push({ kind: 'builtin' });
  if (out.length === 0 || all) {
    const r = resolveProgram(sh, name);
    if (!isErrno(r)) out.push({ kind: 'file', path: r.path });
  }
  return all ? out : out.slice(0, 1);
}

function verbose(sh: Shell, name: string, k: Kind): string {
  const ash = sh.dialect === 'ash';
  switch (k.kind) {
    case 'alias':
      return ash ? `${name} is an alias for ${k.value}` : `${name} is aliased to \`${k.value}'`;
    case 'keyword':
      return `${name} is a shell keyword`;
    case 'function':
      return ash ? `${name} is a function` : `${name} is a function\n${k.text}`;
    case 'builtin':
      return `${name} is a shell builtin`;
    case 'file':
      return `${name} is ${k.path}`;
  }
}

export const typeBuiltin: Builtin = ({ sh, argv }) => {
  let all = false;
  let terse = false;
  let pathOnly = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (names.length === 0 && /^-[atpPf]+$/.test(a)) {
      all ||= a.includes('a');
      terse ||= a.includes('t');
      pathOnly ||= a.includes('p') || a.includes('P');
    } else names.push(a);
  }
  let status = 0;
  for (const name of names) {
    const kinds = describe(sh, name, all);
    if (kinds.length === 0) {
      if (!terse && !pathOnly) {
        if (sh.dialect === 'ash') sh.stdout().write(`${name}: not found\n`);
        else builtinError(sh, 'type', `${name}: not found`);
      }
      status = 1;
      continue;
    }
    for (const k of kinds) {
      if (pathOnly) {
        if (k.kind === 'file') sh.stdout().write(`${k.path}\n`);
      } else if (terse) sh.stdout().write(`${k.kind}\n`);
      else sh.stdout().write(`${verbose(sh, name, k)}\n`);
    }
  }
  return status;
};

export const commandBuiltin: Builtin = ({ sh, argv }) => {
  let i = 1;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    if (argv[i].includes('V')) mode = 'V';
    else if (argv[i].includes('v')) mode = 'v';
  }
  const args = argv.slice(i);
  if (args.length === 0) return 0;
  if (mode === 'run') return runCommand(sh, args, {}, { skipFunctions: true });
  let status = 0;
  for (const name of args) {
    const [k] = describe(sh, name, false);
    if (!k) {
      if (mode === 'V') builtinError(sh, 'command', `${name}: not found`);
      status = 1;
      continue;
    }
    if (mode === 'V') sh.stdout().write(`${verbose(sh, name, k)}\n`);
    else if (k.kind === 'alias') sh.stdout().write(`alias ${name}='${k.value.replace(/'/g, `'\\''`)}'\n`);
    else sh.stdout().write(`${k.kind === 'file' ? k.path : name}\n`);
  }
  return status;
};
