// The line before the cursor as bash's completion sees it: the words of the command being typed, where
// the word under the cursor starts and whether it names the command, its quoting, and how bash quotes a
// completed file name back into the line.

export type QuoteChar = '"' | "'";

/** Candidates replace line[start, cursor): one completes the word, several extend their common prefix. */
export interface Completion {
  start: number;
  candidates: string[];
}

/** The word under the cursor, split at its last unquoted `=` or `:` (readline's word breaks). */
export interface CurrentWord {
  /** Index in the line where the shell word starts. */
  wordStart: number;
  /** The shell word up to the cursor, as typed. */
  wordRaw: string;
  /** Index in the line where the text to complete starts (after a `=` or `:` inside the word). */
  start: number;
  /** The text to complete, as typed (quotes and backslashes included). */
  raw: string;
}

export interface CompletionWords {
  /** Earlier words of the simple command under the cursor, quotes removed; redirections left out. */
  words: string[];
  current: CurrentWord;
  /** The word is where a command name goes: line start, or after `;` `|` `&` `(` `$(` `` ` `` `{`. */
  commandPosition: boolean;
}

type Token = { kind: 'word'; start: number; end: number } | { kind: 'op'; op: string; start: number; end: number };

const SEPARATORS = new Set([';', ';;', '&', '&&', '|', '||', '|&', '(', ')', '$(', '<(', '>(', '`', '\n']);
const OPERATOR_CHARS = ';&|()<>`';
const OPERATORS = ['<<<', '<<-', '&>>', '&&', '||', ';;', '|&', '>>', '<<', '>&', '<&', '>|', '<>', '&>', '$(', '<(', '>('];

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n';
}

/**
 * Walks `s` from `i` and calls `unquoted` on each character outside quotes and backslash escapes,
 * stopping where it returns true. Returns that index, or past the end.
 */
function scanUnquoted(s: string, i: number, unquoted: (c: string, at: number) => boolean): number {
  let quote: QuoteChar | null = null;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (unquoted(c, i)) break;
  }
  return i;
}

/** End of the word starting at i: quotes and backslashes keep blanks and operators inside it. */
function wordEnd(s: string, i: number): number {
  const end = scanUnquoted(s, i, (c, at) => isBlank(c) || OPERATOR_CHARS.includes(c) || (c === '$' && s[at + 1] === '('));
  return Math.min(end, s.length);
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\n') {
      // A pasted block: each line starts a command.
      tokens.push({ kind: 'op', op: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (OPERATOR_CHARS.includes(c) || (c === '$' && s[i + 1] === '(')) {
      const op = OPERATORS.find((o) => s.startsWith(o, i)) ?? c;
      const prev = tokens[tokens.length - 1];
      // `2>file`: the digits are the redirection's file descriptor, not a word.
      if ((c === '<' || c === '>') && prev?.kind === 'word' && prev.end === i && /^\d+$/.test(s.slice(prev.start, prev.end))) tokens.pop();
      tokens.push({ kind: 'op', op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const end = Math.max(wordEnd(s, i), i + 1);
    tokens.push({ kind: 'word', start: i, end });
    i = end;
  }
  return tokens;
}

/** Index just after the last unquoted `=` or `:` of a word, or 0. */
function lastWordBreak(raw: string): number {
  let at = 0;
  scanUnquoted(raw, 0, (c, i) => {
    if (c === '=' || c === ':') at = i + 1;
    return false;
  });
  return at;
}

/** Split the line before the cursor into the words bash's completion looks at. */
export function completionWords(line: string, cursor: number): CompletionWords {
  const s = line.slice(0, cursor);
  const tokens = tokenize(s);
  const last = tokens[tokens.length - 1];
  const typing = last?.kind === 'word' && last.end === s.length;
  const before = typing ? tokens.slice(0, -1) : tokens;
  const wordStart = typing ? last.start : s.length;
  const wordRaw = s.slice(wordStart);
  const brk = lastWordBreak(wordRaw);
  let segment = 0;
  for (let i = 0; i < before.length; i++) {
    const t = before[i]!;
    if ((t.kind === 'op' && SEPARATORS.has(t.op)) || (t.kind === 'word' && s.slice(t.start, t.end) === '{')) segment = i + 1;
  }
  const words: string[] = [];
  for (let i = segment; i < before.length; i++) {
    const t = before[i]!;
    if (t.kind === 'op') {
      // A redirection's target is not an argument.
      if (before[i + 1]?.kind === 'word') i++;
      continue;
    }
    words.push(dequote(s.slice(t.start, t.end)));
  }
  const afterSeparator = segment === before.length;
  return {
    words,
    current: { wordStart, wordRaw, start: wordStart + brk, raw: wordRaw.slice(brk) },
    commandPosition: afterSeparator && brk === 0,
  };
}

/** A word with its quotes and backslashes removed (no expansions), as bash hands COMP_WORDS to a function. */
export function dequote(raw: string): string {
  return scanQuoted(raw, () => null).text;
}

/** A typed word with quotes removed, and for each of its characters where it was typed. */
export interface ScannedWord {
  text: string;
  /** For each character of text, the raw index just after the source it came from. */
  rawEnd: number[];
  /** The quote open before raw index i (length raw.length + 1). */
  quoteAt: (QuoteChar | null)[];
}

/**
 * Remove quotes, expanding `$NAME` and `${NAME}` outside single quotes through `lookup` (null leaves the
 * text as typed) — how bash finds the directory of `$HOME/Doc` without changing what was typed.
 */
export function scanQuoted(raw: string, lookup: (name: string) => string | null): ScannedWord {
  let text = '';
  const rawEnd: number[] = [];
  const quoteAt: (QuoteChar | null)[] = [];
  let quote: QuoteChar | null = null;
  const put = (chars: string, end: number): void => {
    for (const ch of chars) {
      text += ch;
      rawEnd.push(end);
    }
  };
  for (let i = 0; i < raw.length; ) {
    quoteAt[i] = quote;
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else put(c, i + 1);
      i++;
    } else if (c === '\\' && i + 1 === raw.length) {
      // A backslash just typed escapes whatever comes next: nothing yet.
      i++;
    } else if (c === '\\' && (quote === null || '$`"\\\n'.includes(raw[i + 1]!))) {
      quoteAt[i + 1] = quote;
      put(raw[i + 1]!, i + 2);
      i += 2;
    } else if (quote === null && (c === '"' || c === "'")) {
      quote = c;
      i++;
    } else if (quote === '"' && c === '"') {
      quote = null;
      i++;
    } else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
      const value = m ? lookup(m[1] ?? m[2]!) : null;
      if (m && value !== null) {
        for (let k = i + 1; k < i + m[0].length; k++) quoteAt[k] = quote;
        put(value, i + m[0].length);
        i += m[0].length;
      } else {
        put(c, i + 1);
        i++;
      }
    } else {
      put(c, i + 1);
      i++;
    }
  }
  quoteAt[raw.length] = quote;
  return { text, rawEnd, quoteAt };
}

/** Characters bash's sh_backslash_quote escapes in a completed file name. */
const BACKSLASHED = new Set([...' \t\n\'"\\|&;()<>!{}*[?]^$`,']);

/**
 * A completed name as bash writes it into the line in the given quoting context: backslashes outside
 * quotes, `\"`-style inside double quotes, `'\''` inside single quotes. `atWordStart`: `~` and `#` are
 * special only there.
 */
export function quoteName(name: string, quote: QuoteChar | null, atWordStart: boolean): string {
  if (quote === "'") return name.replace(/'/g, `'\\''`);
  if (quote === '"') return name.replace(/["$`\\]/g, (c) => `\\${c}`);
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (BACKSLASHED.has(c) || ((c === '~' || c === '#') && i === 0 && atWordStart)) out += '\\';
    out += c;
  }
  return out;
}
