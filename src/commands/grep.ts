// grep 3.4: search lines for patterns (BRE/ERE/fixed), with the options labs use and the real exit codes.

import { joinPath } from '../vfs';
import { readAll } from '../core/stream';
import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { errText, progName, vfsError } from './lib/io';
import { escapeFixed, translateRegex } from './lib/regex';
import type { CommandContext } from './types';

interface GrepOpts {
  invert: boolean;
  count: boolean;
  filesWith: boolean;
  filesWithout: boolean;
  quiet: boolean;
  silent: boolean;
  onlyMatching: boolean;
  lineNumber: boolean;
  withName: boolean;
  recursive: 'no' | 'r' | 'R';
  after: number;
  before: number;
  maxCount: number;
  color: boolean;
}

const SGR = (code: string, s: string): string => `\x1b[${code}m\x1b[K${s}\x1b[m\x1b[K`;

class Searcher {
  errors = false;
  matched = false;
  done = false;
  constructor(
    private readonly ctx: CommandContext,
    private readonly re: RegExp,
    private readonly o: GrepOpts,
    private readonly prog: string,
  ) {}

  err(msg: string): void {
    this.errors = true;
    if (!this.o.silent) this.ctx.stderr.write(`${this.prog}: ${msg}\n`);
  }

  private matches(line: string): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    this.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.re.exec(line)) !== null) {
      if (m[0] === '') {
        this.re.lastIndex++;
        if (this.re.lastIndex > line.length) break;
        // An empty match still counts as the line matching.
        if (out.length === 0) out.push(m);
        continue;
      }
      out.push(m);
    }
    return out;
  }

  private prefix(name: string, n: number, sep: string): string {
    const c = this.o.color;
    let s = '';
    if (this.o.withName) s += (c ? SGR('35', name) : name) + (c ? SGR('36', sep) : sep);
    if (this.o.lineNumber) s += (c ? SGR('32', String(n)) : String(n)) + (c ? SGR('36', sep) : sep);
    return s;
  }

  private highlight(line: string, ms: RegExpExecArray[]): string {
    if (!this.o.color || this.o.invert) return line;
    let out = '';
    let pos = 0;
    for (const m of ms) {
      if (m[0] === '') continue;
      out += line.slice(pos, m.index) + SGR('01;31', m[0]);
      pos = m.index + m[0].length;
    }
    return out + line.slice(pos);
  }

  search(name: string, text: string): void {
    const o = this.o;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const binary = text.includes('\0');
    let count = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    let anyOutput = false;
    const out = this.ctx.stdout;
    for (let i = 0; i < lines.length; i++) {
      if (count >= o.maxCount) {
        if (pendingAfter > 0 && !o.count && !o.filesWith && !o.filesWithout) {
          out.write(`${this.prefix(name, i + 1, '-')}${lines[i]}\n`);
          pendingAfter--;
          continue;
        }
        break;
      }
      const ms = this.matches(lines[i]);
      const selected = ms.length > 0 !== o.invert;
      if (!selected) {
        if (pendingAfter > 0 && !o.count && !o.filesWith && !o.filesWithout && !o.quiet && !o.onlyMatching && !binary) {
          out.write(`${this.prefix(name, i + 1, '-')}${lines[i]}\n`);
          lastPrinted = i;
          pendingAfter--;
        }
        continue;
      }
      count++;
      this.matched = true;
      if (o.quiet) {
        this.done = true;
        return;
      }
      if (o.count || o.filesWith || o.filesWithout) continue;
      if (binary) {
        out.write(`Binary file ${name} matches\n`);
        return;
      }
      if ((o.before > 0 || o.after > 0) && anyOutput && lastPrinted < i - o.before - 1) out.write(o.color ? `${SGR('36', '--')}\n` : '--\n');
      for (let j = Math.max(lastPrinted + 1, i - o.before); j < i; j++) out.write(`${this.prefix(name, j + 1, '-')}${lines[j]}\n`);
      if (o.onlyMatching) {
        if (!o.invert) for (const m of ms) if (m[0] !== '') out.write(`${this.prefix(name, i + 1, ':')}${o.color ? SGR('01;31', m[0]) : m[0]}\n`);
      } else out.write(`${this.prefix(name, i + 1, ':')}${this.highlight(lines[i], ms)}\n`);
      lastPrinted = i;
      anyOutput = true;
      pendingAfter = o.after;
    }
    if (o.count) out.write(`${o.withName ? (o.color ? SGR('35', name) + SGR('36', ':') : `${name}:`) : ''}${count}\n`);
    if (o.filesWith && count > 0) out.write(`${o.color ? SGR('35', name) : name}\n`);
    if (o.filesWithout && count === 0) out.write(`${o.color ? SGR('35', name) : name}\n`);
  }

  walk(path: string, shown: string, top: boolean): void {
    if (this.done) return;
    const fs = this.ctx.sys.fs;
    let st;
    try {
      st = top || this.o.recursive === 'R' ? fs.stat(path) : fs.lstat(path);
    } catch (e) {
      this.err(`${shown}: ${errText(e)}`);
      return;
    }
    if (st.type === 'symlink') return;
    if (st.type === 'dir') {
      if (this.o.recursive === 'no') {
        this.err(`${shown}: Is a directory`);
        return;
      }
      let names: string[];
      try {
        names = fs.readdir(path);
      } catch (e) {
        this.err(`${shown}: ${errText(e)}`);
        return;
      }
      for (const n of names) this.walk(joinPath(path, n), shown === '' ? n : shown.endsWith('/') ? `${shown}${n}` : `${shown}/${n}`, false);
      return;
    }
    if (st.type !== 'file' && !top) return;
    let text: string;
    try {
      text = fs.readFile(path);
    } catch (e) {
      this.err(`${shown}: ${vfsError(e).text}`);
      return;
    }
    this.search(shown, text);
  }
}

function usage(ctx: CommandContext, prog: string, msg: string): number {
  ctx.stderr.write(`${msg ? `${prog}: ${msg}\n` : ''}Usage: ${prog} [OPTION]... PATTERNS [FILE]...\nTry '${prog} --help' for more information.\n`);
  return 2;
}

/** busybox grep words its messages like GNU grep, so the dialect is not consulted. */
export async function runGrep(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'grep');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'EFGivnrRoclLqswxhHe:f:A:B:C:m:aIz',
    long: {
      'extended-regexp': { key: 'E', arg: 'none' },
      'fixed-strings': { key: 'F', arg: 'none' },
      'basic-regexp': { key: 'G', arg: 'none' },
      'ignore-case': { key: 'i', arg: 'none' },
      'invert-match': { key: 'v', arg: 'none' },
      'line-number': { key: 'n', arg: 'none' },
      recursive: { key: 'r', arg: 'none' },
      'dereference-recursive': { key: 'R', arg: 'none' },
      'only-matching': { key: 'o', arg: 'none' },
      count: { key: 'c', arg: 'none' },
      'files-with-matches': { key: 'l', arg: 'none' },
      'files-without-match': { key: 'L', arg: 'none' },
      quiet: { key: 'q', arg: 'none' },
      silent: { key: 'q', arg: 'none' },
      'no-messages': { key: 's', arg: 'none' },
      'word-regexp': { key: 'w', arg: 'none' },
      'line-regexp': { key: 'x', arg: 'none' },
      'no-filename': { key: 'h', arg: 'none' },
      'with-filename': { key: 'H', arg: 'none' },
      regexp: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' },
      'after-context': { key: 'A', arg: 'required' },
      'before-context': { key: 'B', arg: 'required' },
      context: { key: 'C', arg: 'required' },
      'max-count': { key: 'm', arg: 'required' },
      color: { key: 'color', arg: 'optional' },
      colour: { key: 'color', arg: 'optional' },
    },
  });
  if (!p.ok) return usage(ctx, prog, p.error);
  let mode: 'basic' | 'extended' | 'fixed' = prog === 'egrep' ? 'extended' : prog === 'fgrep' ? 'fixed' : 'basic';
  const patterns: string[] = [];
  let operands = p.operands;
  let withName: boolean | null = null;
  for (const o of p.opts) {
    if (o.key === 'E') mode = 'extended';
    else if (o.key === 'F') mode = 'fixed';
    else if (o.key === 'G') mode = 'basic';
    else if (o.key === 'e') patterns.push(...o.value!.split('\n'));
    else if (o.key === 'h') withName = false;
    else if (o.key === 'H') withName = true;
    else if (o.key === 'f') {
      try {
        const t = ctx.sys.fs.readFile(o.value!);
        patterns.push(...t.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === '')));
      } catch (e) {
        ctx.stderr.write(`${prog}: ${o.value}: ${errText(e)}\n`);
        return 2;
      }
    }
  }
  if (!has(p, 'e') && !has(p, 'f')) {
    if (operands.length === 0) return usage(ctx, prog, '');
    patterns.push(...operands[0].split('\n'));
    operands = operands.slice(1);
  }
  const num = (k: string): number | null => {
    const v = lastValue(p, k);
    return v === undefined ? null : /^\d+$/.test(v) ? Number(v) : NaN;
  };
  for (const k of ['A', 'B', 'C']) {
    if (Number.isNaN(num(k))) {
      ctx.stderr.write(`${prog}: ${lastValue(p, k)}: invalid context length argument\n`);
      return 2;
    }
  }
  const sources: string[] = [];
  for (const pat of patterns) {
    if (mode === 'fixed') {
      sources.push(escapeFixed(pat));
      continue;
    }
    const t = translateRegex(pat, mode);
    if (!t.ok) {
      ctx.stderr.write(`${prog}: ${t.error}\n`);
      return 2;
    }
    sources.push(t.source);
  }
  let source = sources.map((s) => `(?:${s})`).join('|');
  if (has(p, 'x')) source = `^(?:${source})$`;
  else if (has(p, 'w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(source, has(p, 'i') ? 'gi' : 'g');
  } catch {
    ctx.stderr.write(`${prog}: Invalid regular expression\n`);
    return 2;
  }
  const recursive = has(p, 'R') ? 'R' : has(p, 'r') ? 'r' : 'no';
  if (operands.length === 0 && recursive !== 'no') operands = ['.'];
  const colorArg = has(p, 'color') ? (lastValue(p, 'color') ?? 'auto') : 'never';
  const ctxC = num('C') ?? 0;
  const o: GrepOpts = {
    invert: has(p, 'v'),
    count: has(p, 'c'),
    filesWith: has(p, 'l'),
    filesWithout: has(p, 'L'),
    quiet: has(p, 'q'),
    silent: has(p, 's'),
    onlyMatching: has(p, 'o'),
    lineNumber: has(p, 'n'),
    withName: withName ?? (operands.length > 1 || recursive !== 'no'),
    recursive,
    after: num('A') ?? ctxC,
    before: num('B') ?? ctxC,
    maxCount: num('m') ?? Infinity,
    color: colorArg === 'always' || (colorArg === 'auto' && ctx.stdout.isTTY),
  };
  const s = new Searcher(ctx, re, o, prog);
  if (operands.length === 0) operands = ['-'];
  for (const f of operands) {
    if (s.done) break;
    if (f === '-') {
      s.search('(standard input)', await readAll(ctx.stdin));
      continue;
    }
    // `grep -r x` with no operand searches `.` and prints names without the `./` prefix.
    s.walk(f, f === '.' && p.operands.length === (has(p, 'e') || has(p, 'f') ? 0 : 1) ? '' : f, true);
  }
  if (o.quiet && s.matched) return 0;
  return s.errors ? 2 : s.matched ? 0 : 1;
}

export const grep = defineCommand('grep', runGrep);
