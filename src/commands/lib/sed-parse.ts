// sed 4.7 script parser. Grammar (GNU):
//   script  := { ws* [addr [ws* ',' ws* addr2]] ws* '!'* ws* command ws* (';' | '\n' | '}' | '#' | EOF) }
//   addr    := NUM ['~' NUM] | '$' | '/' RE '/' [I|M]* | '\' c RE c [I|M]*
//   addr2   := addr | '+' NUM | '~' NUM
//   command := '{' | '}' | '#'… | ':' label | [aic] text | [=dDgGhHlnNpPxzF] | [qQ] [NUM] | [btT] [label]
//            | [rRwW] filename | 's' c RE c REPL c flags | 'y' c SRC c DST c
// Errors are GNU's texts with the count of characters consumed (`char N`).

import { REGEX_ERRORS, translateRegex, type RegexDialect } from './regex';

export type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; source: string | null; flags: string }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number }
  | { kind: 'mult'; n: number };

export type ReplPart = { lit: string } | { group: number } | { caseOp: 'U' | 'L' | 'E' | 'u' | 'l' };

export interface SedCmd {
  a1: Addr | null;
  a2: Addr | null;
  negate: boolean;
  name: string;
  /** a/i/c text, label for : b t T, file name for r R w W. */
  text?: string;
  exitCode?: number;
  /** s: regex source (JS) or null for "the last regex"; y: maps. */
  source?: string | null;
  reFlags?: string;
  repl?: ReplPart[];
  global?: boolean;
  occurrence?: number;
  print?: number;
  wfile?: string;
  ymap?: Map<string, string>;
  /** `{`: index of the matching `}`. */
  blockEnd?: number;
  /** Range bookkeeping during execution. */
  active?: boolean;
  endLine?: number;
}

export class SedError extends Error {}

class Reader {
  pos = 0;
  constructor(readonly s: string) {}
  eof(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  next(): string {
    return this.s[this.pos++] ?? '';
  }
  ws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
}

export interface ParseContext {
  dialect: RegexDialect;
  /** `-e expression #N` or `file F line` — the prefix of error messages. */
  where: string;
}

function fail(r: Reader, ctx: ParseContext, msg: string): never {
  throw new SedError(`${ctx.where}, char ${Math.min(r.pos, r.s.length)}: ${msg}`);
}

/** Read up to an unescaped `delim`; `\delim` becomes delim, `\n` a newline, other escapes are kept. */
function readDelimited(r: Reader, delim: string, regexPart: boolean): string | null {
  let out = '';
  for (;;) {
    if (r.eof()) return null;
    const c = r.next();
    if (c === delim) return out;
    if (c === '\\') {
      if (r.eof()) return null;
      const d = r.next();
      // As sed 4.7's match_slash: `\<delim>` is the bare character (so `s|a\|b||` in -E is alternation).
      if (d === delim && (regexPart || d !== '&')) out += d;
      else if (d === 'n' && regexPart) out += '\\n';
      else if (d === '\n') out += regexPart ? '\\n' : '\n';
      else out += `\\${d}`;
      continue;
    }
    if (c === '\n' && regexPart) return null;
    out += c;
  }
}

function compileRe(r: Reader, ctx: ParseContext, src: string): string | null {
  if (src === '') return null;
  const t = translateRegex(src, ctx.dialect);
  if (!t.ok) fail(r, ctx, t.error);
  try {
    new RegExp(t.source);
  } catch {
    // A construct POSIX accepts but our translation cannot express: report it as regcomp would.
    fail(r, ctx, REGEX_ERRORS.preceding);
  }
  return t.source;
}

function groupCount(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

function parseNum(r: Reader): number | null {
  const m = /^\d+/.exec(r.s.slice(r.pos));
  if (!m) return null;
  r.pos += m[0].length;
  return Number(m[0]);
}

function parseAddr(r: Reader, ctx: ParseContext, second: boolean): Addr | null {
  const c = r.peek();
  if (/\d/.test(c)) {
    const n = parseNum(r)!;
    if (r.peek() === '~' && !second) {
      r.next();
      const step = parseNum(r) ?? 0;
      return { kind: 'step', first: n, step };
    }
    return { kind: 'line', n };
  }
  if (c === '$') {
    r.next();
    return { kind: 'last' };
  }
  if (second && (c === '+' || c === '~')) {
    r.next();
    const n = parseNum(r);
    if (n === null) fail(r, ctx, 'expected newer version of sed');
    return c === '+' ? { kind: 'plus', n } : { kind: 'mult', n };
  }
  if (c === '/' || c === '\\') {
    r.next();
    const delim = c === '/' ? '/' : r.next();
    const src = readDelimited(r, delim, true);
    if (src === null) fail(r, ctx, 'unterminated address regex');
    let flags = '';
    while (r.peek() === 'I' || r.peek() === 'M') flags += r.next() === 'I' ? 'i' : 'm';
    return { kind: 're', source: compileRe(r, ctx, src), flags };
  }
  return null;
}

function parseReplacement(text: string): ReplPart[] {
  const parts: ReplPart[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') parts.push({ lit });
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '&') {
      flush();
      parts.push({ group: 0 });
    } else if (c === '\\' && i + 1 < text.length) {
      const d = text[++i];
      if (/\d/.test(d)) {
        flush();
        parts.push({ group: Number(d) });
      } else if ('ULEul'.includes(d)) {
        flush();
        parts.push({ caseOp: d as 'U' | 'L' | 'E' | 'u' | 'l' });
      } else if (d === 'n') lit += '\n';
      else if (d === 't') lit += '\t';
      else lit += d;
    } else lit += c;
  }
  flush();
  return parts;
}

/** Text argument of a/i/c (GNU one-liner or classic `a\` + newline form). */
function parseText(r: Reader): string {
  r.ws();
  if (r.peek() === '\\') {
    r.next();
    if (r.peek() === '\n') r.next();
  }
  let out = '';
  while (!r.eof()) {
    const c = r.next();
    if (c === '\\') {
      const d = r.next();
      out += d;
      continue;
    }
    if (c === '\n') break;
    out += c;
  }
  return out;
}

function parseLabel(r: Reader): string {
  r.ws();
  let out = '';
  while (!r.eof() && r.peek() !== '\n' && r.peek() !== ';') out += r.next();
  return out.trim();
}

function parseFilename(r: Reader): string {
  r.ws();
  let out = '';
  while (!r.eof() && r.peek() !== '\n') out += r.next();
  return out;
}

function parseS(r: Reader, ctx: ParseContext, cmd: SedCmd): void {
  const delim = r.next();
  if (delim === '' || delim === '\n' || delim === '\\') fail(r, ctx, "unterminated `s' command");
  const re = readDelimited(r, delim, true);
  if (re === null) fail(r, ctx, "unterminated `s' command");
  const repl = readDelimited(r, delim, false);
  if (repl === null) fail(r, ctx, "unterminated `s' command");
  cmd.source = compileRe(r, ctx, re);
  cmd.repl = parseReplacement(repl);
  let flags = '';
  for (;;) {
    const c = r.peek();
    if (c === 'g') {
      r.next();
      if (cmd.global) fail(r, ctx, "multiple `g' options to `s' command");
      cmd.global = true;
    } else if (c === 'p') {
      r.next();
      if (cmd.print) fail(r, ctx, "multiple `p' options to `s' command");
      cmd.print = 1;
    } else if (c === 'i' || c === 'I') {
      r.next();
      flags += 'i';
    } else if (c === 'm' || c === 'M') {
      r.next();
      flags += 'm';
    } else if (/\d/.test(c)) {
      const n = parseNum(r)!;
      if (n === 0) fail(r, ctx, "number option to `s' command may not be zero");
      if (cmd.occurrence) fail(r, ctx, "multiple number options to `s' command");
      cmd.occurrence = n;
    } else if (c === 'w') {
      r.next();
      cmd.wfile = parseFilename(r);
      break;
    } else if (c === '' || c === ';' || c === '\n' || c === '}' || c === '#' || c === ' ' || c === '\t') break;
    else {
      r.next();
      fail(r, ctx, "unknown option to `s'");
    }
  }
  cmd.reFlags = flags;
  const maxRef = Math.max(-1, ...cmd.repl.map((p) => ('group' in p ? p.group : -1)));
  if (maxRef > 0 && cmd.source !== null && maxRef > groupCount(cmd.source)) fail(r, ctx, `invalid reference \\${maxRef} on \`s' command's RHS`);
}

function parseY(r: Reader, ctx: ParseContext, cmd: SedCmd): void {
  const delim = r.next();
  const a = readDelimited(r, delim, false);
  if (a === null) fail(r, ctx, "unterminated `y' command");
  const b = readDelimited(r, delim, false);
  if (b === null) fail(r, ctx, "unterminated `y' command");
  const unesc = (s: string): string[] => [...s.replace(/\\\\/g, '\\')];
  const from = unesc(a);
  const to = unesc(b);
  if (from.length !== to.length) fail(r, ctx, "strings for `y' command are different lengths");
  cmd.ymap = new Map(from.map((c, i) => [c, to[i]]));
}

const NO_ARG = '=dDgGhHlnNpPxzF';

/** Parse one script text into commands appended to `out` (blocks may not span -e boundaries). */
export function parseSed(script: string, ctx: ParseContext, out: SedCmd[] = []): SedCmd[] {
  const r = new Reader(script);
  const open: number[] = [];
  for (;;) {
    while (!r.eof() && /[\s;]/.test(r.peek())) r.next();
    if (r.eof()) break;
    const a1 = parseAddr(r, ctx, false);
    let a2: Addr | null = null;
    r.ws();
    if (a1 && r.peek() === ',') {
      r.next();
      r.ws();
      a2 = parseAddr(r, ctx, true);
      if (!a2) fail(r, ctx, 'unexpected `,\'');
    }
    if (a1 && a1.kind === 'line' && a1.n === 0 && !(a2 && a2.kind === 're')) fail(r, ctx, 'invalid usage of line address 0');
    r.ws();
    let negate = false;
    while (r.peek() === '!') {
      r.next();
      negate = true;
      r.ws();
    }
    if (r.eof()) fail(r, ctx, 'missing command');
    const name = r.next();
    const cmd: SedCmd = { a1, a2, negate, name };
    if (name === '{') {
      open.push(out.length);
      out.push(cmd);
      continue;
    }
    if (name === '}') {
      if (open.length === 0) fail(r, ctx, "unexpected `}'");
      if (a1) fail(r, ctx, "} doesn't want any addresses");
      out[open.pop()!].blockEnd = out.length;
      out.push(cmd);
    } else if (name === '#') {
      if (a1) fail(r, ctx, "comments don't accept any addresses");
      while (!r.eof() && r.peek() !== '\n') r.next();
      continue;
    } else if (name === ':') {
      if (a1) fail(r, ctx, ": doesn't want any addresses");
      cmd.text = parseLabel(r);
      if (cmd.text === '') fail(r, ctx, '":" lacks a label');
      out.push(cmd);
    } else if (name === 'a' || name === 'i' || name === 'c') {
      cmd.text = parseText(r);
      out.push(cmd);
      continue;
    } else if (NO_ARG.includes(name)) {
      out.push(cmd);
    } else if (name === 'q' || name === 'Q') {
      if (a2) fail(r, ctx, 'command only uses one address');
      r.ws();
      cmd.exitCode = parseNum(r) ?? 0;
      out.push(cmd);
    } else if (name === 'b' || name === 't' || name === 'T') {
      cmd.text = parseLabel(r);
      out.push(cmd);
    } else if (name === 'r' || name === 'R' || name === 'w' || name === 'W') {
      cmd.text = parseFilename(r);
      out.push(cmd);
      continue;
    } else if (name === 's') {
      parseS(r, ctx, cmd);
      out.push(cmd);
      if (cmd.wfile !== undefined) continue;
    } else if (name === 'y') {
      parseY(r, ctx, cmd);
      out.push(cmd);
    } else fail(r, ctx, `unknown command: \`${name}'`);
    r.ws();
    const c = r.peek();
    if (c === '}' || c === '#') continue;
    if (c !== '' && c !== ';' && c !== '\n') {
      r.next();
      fail(r, ctx, 'extra characters after command');
    }
  }
  if (open.length > 0) {
    r.pos = script.length;
    fail(r, ctx, "unmatched `{'");
  }
  return out;
}

/** Resolve branch labels to command indexes; an unknown label is an error. */
export function resolveLabels(cmds: SedCmd[]): Map<string, number> | string {
  const labels = new Map<string, number>();
  cmds.forEach((c, i) => {
    if (c.name === ':') labels.set(c.text!, i);
  });
  for (const c of cmds) if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.text && !labels.has(c.text)) return `can't find label for jump to \`${c.text}'`;
  return labels;
}
