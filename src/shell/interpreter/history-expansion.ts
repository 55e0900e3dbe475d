// bash's interactive history expansion, applied by the session to a line before it is recorded and run:
// `!!`, `!n`, `!-n`, `!prefix`, `!?text?`, word designators (`!$`, `!^`, `!*`, `!!:2`) and `^old^new`.

export type HistoryExpansion =
  | { kind: 'unchanged' }
  /** bash echoes the expanded line before running it. */
  | { kind: 'expanded'; line: string }
  /** e.g. `!foo: event not found` (printed with the shell prefix); the line is not run. */
  | { kind: 'error'; message: string };

/** Split a history line into words the way word designators count them (quotes kept). */
function historyWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += c + line[++i];
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (cur) words.push(cur);
      cur = '';
    } else if ('|&;<>()'.includes(c)) {
      if (cur) words.push(cur);
      cur = '';
      let op = c;
      while (i + 1 < line.length && '|&;<>'.includes(line[i + 1]) && (op + line[i + 1]).length <= 2) op += line[++i];
      words.push(op);
    } else cur += c;
  }
  if (cur) words.push(cur);
  return words;
}

function findEvent(spec: string, history: string[]): string | null {
  if (spec === '!') return history[history.length - 1] ?? null;
  if (/^-?\d+$/.test(spec)) {
    const n = Number(spec);
    const idx = n < 0 ? history.length + n : n - 1;
    return history[idx] ?? null;
  }
  if (spec.startsWith('?')) {
    const text = spec.replace(/^\?|\?$/g, '');
    for (let i = history.length - 1; i >= 0; i--) if (history[i].includes(text)) return history[i];
    return null;
  }
  for (let i = history.length - 1; i >= 0; i--) if (history[i].startsWith(spec)) return history[i];
  return null;
}

function selectWords(words: string[], designator: string): string | null {
  const last = words.length - 1;
  const index = (s: string): number => (s === '$' ? last : s === '^' ? 1 : Number(s));
  if (designator === '*') return words.slice(1).join(' ');
  const range = /^(\d+|\^|\$)?(?:-(\d+|\$)?)?$/.exec(designator);
  if (!range) return null;
  if (!designator.includes('-')) {
    const i = index(designator);
    return i >= 0 && i <= last ? words[i] : null;
  }
  const from = range[1] === undefined ? 0 : index(range[1]);
  const to = range[2] === undefined ? last - 1 : index(range[2]);
  if (from < 0 || to > last || from > to + 1) return null;
  return words.slice(from, to + 1).join(' ');
}

/**
 * Expand history references in `line` against `history` (oldest first, not yet containing `line`).
 * Single quotes and a backslash protect `!`; `!` before a blank, `=`, `(` or the end is literal.
 */
export function expandHistory(line: string, history: string[]): HistoryExpansion {
  if (line.startsWith('^')) {
    const m = /^\^([^^]*)\^([^^]*)\^?(.*)$/.exec(line);
    const prev = history[history.length - 1];
    if (!m || prev === undefined) return { kind: 'error', message: `${line.split(/\s/)[0]}: event not found` };
    if (!prev.includes(m[1])) return { kind: 'error', message: ':s^' + m[1] + '^' + m[2] + ': substitution failed' };
    return { kind: 'expanded', line: prev.replace(m[1], m[2]) + m[3] };
  }
  let out = '';
  let changed = false;
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && !inSingle && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c === "'" && !inDouble) inSingle = !inSingle;
    if (c === '"' && !inSingle) inDouble = !inDouble;
    const n = line[i + 1];
    if (c !== '!' || inSingle || n === undefined || ' \t\n=('.includes(n) || (inDouble && n === '"')) {
      out += c;
      continue;
    }
    let j = i + 1;
    let spec: string;
    if (n === '!') {
      spec = '!';
      j++;
    } else if (n === '$' || n === '^' || n === '*') {
      spec = '!';
    } else if (n === '?') {
      const close = line.indexOf('?', i + 2);
      j = close < 0 ? line.length : close + 1;
      spec = line.slice(i + 1, j);
    } else {
      const m = /^(-?\d+|[^\s:;&|<>()"'`$^*]+)/.exec(line.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      spec = m[1];
      j = i + 1 + spec.length;
    }
    const event = findEvent(spec, history);
    const written = line.slice(i, j);
    if (event === null) return { kind: 'error', message: `${written}: event not found` };
    let designator: string | null = null;
    if (line[j] === ':' && /[\d^$*-]/.test(line[j + 1] ?? '')) {
      const m = /^[\d^$*-]+/.exec(line.slice(j + 1))!;
      designator = m[0];
      j += 1 + designator.length;
    } else if (spec === '!' && (line[j] === '$' || line[j] === '^' || line[j] === '*') && n !== '!') {
      designator = line[j];
      j++;
    }
    let text = event;
    if (designator !== null) {
      const selected = selectWords(historyWords(event), designator);
      if (selected === null) return { kind: 'error', message: `${line.slice(i, j)}: bad word specifier` };
      text = selected;
    }
    out += text;
    changed = true;
    i = j - 1;
  }
  return changed ? { kind: 'expanded', line: out } : { kind: 'unchanged' };
}
