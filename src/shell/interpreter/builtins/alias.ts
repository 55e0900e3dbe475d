// alias and unalias. Aliases take effect from the next line parsed (bash expands them at parse time).
import { builtinError, invalidOption, type Builtin } from './types';

const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

export const aliasBuiltin: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1).filter((a) => a !== '-p' && a !== '--');
  const bad = args.find((a) => a.startsWith('-'));
  if (bad) return invalidOption(sh, 'alias', bad.slice(0, 2), 'alias [-p] [name[=value] ... ]');
  const aliases = sh.state.aliases;
  const show = (name: string): string => (sh.dialect === 'ash' ? `${name}=${quote(aliases[name])}\n` : `alias ${name}=${quote(aliases[name])}\n`);
  if (args.length === 0) {
    for (const name of Object.keys(aliases).sort()) sh.stdout().write(show(name));
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      const name = a.slice(0, eq);
      if (/[\s/$`'"\\=]/.test(name)) {
        builtinError(sh, 'alias', `\`${name}': invalid alias name`);
        status = 1;
        continue;
      }
      aliases[name] = a.slice(eq + 1);
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(aliases, a)) sh.stdout().write(show(a));
    else {
      builtinError(sh, 'alias', `${a}: not found`);
      status = 1;
    }
  }
  return status;
};

export const unaliasBuiltin: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1);
  if (args[0] === '-a') {
    for (const k of Object.keys(sh.state.aliases)) delete sh.state.aliases[k];
    return 0;
  }
  if (args.length === 0) {
    sh.stderr().write('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  let status = 0;
  for (const a of args) {
    if (Object.prototype.hasOwnProperty.call(sh.state.aliases, a)) delete sh.state.aliases[a];
    else {
      builtinError(sh, 'unalias', `${a}: not found`);
      status = 1;
    }
  }
  return status;
};
