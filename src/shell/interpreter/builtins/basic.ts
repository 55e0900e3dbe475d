// The trivial builtins: `:`, true, false, echo, pwd.
import { BASH_ECHO, decodeEscapes } from '../../syntax/escapes';
import { invalidOption, type Builtin } from './types';

export const colon: Builtin = () => 0;
export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;

/** bash's echo: -n, -e, -E (combinable, e.g. -ne); anything else is printed. */
export const echo: Builtin = ({ sh, argv }) => {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const d = decodeEscapes(text, BASH_ECHO);
    text = d.text;
    if (d.stop) newline = false;
  }
  sh.stdout().write(newline ? `${text}\n` : text);
  return 0;
};

export const pwd: Builtin = ({ sh, argv }) => {
  for (const a of argv.slice(1)) {
    if (a === '-L' || a === '-P' || a === '--') continue;
    if (a.startsWith('-')) return invalidOption(sh, 'pwd', a.slice(0, 2), 'pwd [-LP]');
  }
  sh.stdout().write(`${sh.state.cwd}\n`);
  return 0;
};
