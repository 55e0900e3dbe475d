// read: one line (or -n chars, or up to -d delim) from stdin, split on IFS into the named variables.
import { currentIfs } from '../expand/param';
import { NAME_RE } from '../state';
import { builtinError, invalidOption, isInteger, type Builtin } from './types';

const USAGE = 'read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]';

/** Split for read: the last name takes the rest of the line, trimmed of IFS whitespace. */
export function splitForRead(text: string, ifs: string, count: number): string[] {
  const isWs = (c: string): boolean => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  const isDelim = (c: string): boolean => ifs.includes(c);
  let i = 0;
  while (i < text.length && isWs(text[i])) i++;
  const out: string[] = [];
  while (out.length < count - 1 && i < text.length) {
    let j = i;
    while (j < text.length && !isDelim(text[j])) j++;
    out.push(text.slice(i, j));
    // Skip one delimiter with the IFS whitespace around it.
    while (j < text.length && isWs(text[j])) j++;
    if (j < text.length && isDelim(text[j]) && !isWs(text[j])) {
      j++;
      while (j < text.length && isWs(text[j])) j++;
    }
    i = j;
  }
  let rest = text.slice(i);
  let end = rest.length;
  while (end > 0 && isWs(rest[end - 1])) end--;
  rest = rest.slice(0, end);
  if (out.length < count) out.push(rest);
  while (out.length < count) out.push('');
  return out;
}

export const read: Builtin = async ({ sh, argv }) => {
  let raw = false;
  let prompt: string | null = null;
  let delim = '\n';
  let nchars = Infinity;
  let fd = 0;
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (names.length > 0 || !a.startsWith('-') || a === '-') {
      names.push(a);
      continue;
    }
    if (a === '--') {
      names.push(...args.slice(i + 1));
      break;
    }
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      const value = (): string | undefined => {
        const rest = a.slice(k + 1);
        k = a.length;
        return rest !== '' ? rest : args[++i];
      };
      if (f === 'r') raw = true;
      else if (f === 's' || f === 'e') continue;
      else if (f === 'p') prompt = value() ?? '';
      else if (f === 'd') delim = (value() ?? '').slice(0, 1) || '\0';
      else if (f === 'n' || f === 'N') {
        const v = value() ?? '';
        if (!isInteger(v)) {
          builtinError(sh, 'read', `${v}: invalid number`);
          return 2;
        }
        nchars = Number(v);
      } else if (f === 't' || f === 'i' || f === 'a') value();
      else if (f === 'u') fd = Number(value());
      else return invalidOption(sh, 'read', `-${f}`, USAGE);
    }
  }
  for (const n of names) {
    if (!NAME_RE.test(n)) {
      builtinError(sh, 'read', `\`${n}': not a valid identifier`);
      return 1;
    }
  }
  const input = sh.fds.get(fd)?.input;
  if (!input) {
    builtinError(sh, 'read', `${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }
  if (prompt !== null && input.isTTY) sh.stderr().write(prompt);

  let text = '';
  let found = false;
  for (;;) {
    const chunk = await input.readUntil(delim, nchars - text.length, sh.signal);
    if (chunk === null) break;
    let part = chunk.text;
    found = chunk.found && part.endsWith(delim);
    if (found) part = part.slice(0, -delim.length);
    // Without -r a backslash-newline continues the line.
    if (!raw && found && delim === '\n' && /(^|[^\\])(\\\\)*\\$/.test(part)) {
      text += part.slice(0, -1);
      continue;
    }
    text += part;
    if (!chunk.found && text.length >= nchars) found = true;
    break;
  }
  if (!raw) text = text.replace(/\\(.)/gs, '$1').replace(/\\$/, '');
  const targets = names.length ? names : ['REPLY'];
  const values = names.length ? splitForRead(text, currentIfs(sh), targets.length) : [text];
  for (let i = 0; i < targets.length; i++) if (!sh.setVar(targets[i], values[i])) return 1;
  return found ? 0 : 1;
};
