// sed 4.7 execution: the cycle over pattern and hold space, addresses and ranges, and every command.

import type { Addr, ReplPart, SedCmd } from './sed-parse';

export interface InputLine {
  text: string;
  /** False for a final line without a trailing newline (sed then omits it on output too). */
  nl: boolean;
}

export interface SedIo {
  out(text: string): void;
  /** `w` files and /dev/stdout, /dev/stderr. */
  writeTo(name: string, text: string): void;
  /** `r` files: contents, or null when unreadable (silently ignored). */
  readFile(name: string): string | null;
  fileName: string;
}

export class SedNoPreviousRegex extends Error {}

export class SedMachine {
  hold = '';
  lastRegex: string | null = null;
  quitCode: number | null = null;
  private missingNewline = false;

  constructor(
    private readonly cmds: SedCmd[],
    private readonly labels: Map<string, number>,
    private readonly quiet: boolean,
  ) {}

  private emit(io: SedIo, text: string, nl: boolean): void {
    if (this.missingNewline) io.out('\n');
    io.out(nl ? `${text}\n` : text);
    this.missingNewline = !nl;
  }

  private regex(source: string | null, flags: string, global: boolean): RegExp {
    const src = source ?? this.lastRegex;
    if (src === null) throw new SedNoPreviousRegex('no previous regular expression');
    this.lastRegex = src;
    return new RegExp(src, (global ? 'g' : '') + flags);
  }

  private matchOne(a: Addr, n: number, ps: string, last: boolean): boolean {
    switch (a.kind) {
      case 'line':
        return n === a.n;
      case 'last':
        return last;
      case 're':
        return this.regex(a.source, a.flags, false).test(ps);
      case 'step':
        return a.step <= 0 ? n === a.first : n >= a.first && (n - a.first) % a.step === 0;
      default:
        return false;
    }
  }

  private selects(c: SedCmd, n: number, ps: string, last: boolean): boolean {
    if (!c.a1) return true;
    if (!c.a2) return this.matchOne(c.a1, n, ps, last);
    const a2 = c.a2;
    if (c.active) {
      if (a2.kind === 'line' || a2.kind === 'plus') {
        if (n >= c.endLine!) c.active = false;
      } else if (a2.kind === 'mult') {
        if (a2.n <= 0 || n % a2.n === 0) c.active = false;
      } else if (this.matchOne(a2, n, ps, last)) c.active = false;
      return true;
    }
    if (!this.matchOne(c.a1, n, ps, last)) return false;
    if (a2.kind === 'line') {
      if (a2.n > n) {
        c.active = true;
        c.endLine = a2.n;
      }
    } else if (a2.kind === 'plus') {
      if (a2.n > 0) {
        c.active = true;
        c.endLine = n + a2.n;
      }
    } else if (a2.kind === 'mult') {
      if (a2.n > 0 && n % a2.n !== 0) c.active = true;
    } else if (!(a2.kind === 'last' && last)) c.active = true;
    return true;
  }

  private substitute(c: SedCmd, ps: string): string | null {
    const re = this.regex(c.source ?? null, c.reFlags ?? '', true);
    const want = c.occurrence ?? 1;
    let out = '';
    let pos = 0;
    let count = 0;
    let replaced = false;
    let prevEnd = -1;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ps)) !== null) {
      if (m[0] === '' && m.index === prevEnd) {
        // GNU does not allow an empty match right after the previous match.
        re.lastIndex++;
        if (re.lastIndex > ps.length) break;
        continue;
      }
      count++;
      if (count === want || (c.global && count > want)) {
        out += ps.slice(pos, m.index) + expand(c.repl!, m);
        pos = m.index + m[0].length;
        replaced = true;
        if (!c.global) break;
      }
      prevEnd = m.index + m[0].length;
      if (m[0] === '') re.lastIndex++;
      if (re.lastIndex > ps.length) break;
    }
    return replaced ? out + ps.slice(pos) : null;
  }

  /** Run the script over one stream of lines. */
  run(lines: InputLine[], io: SedIo): void {
    for (const c of this.cmds) c.active = c.a1?.kind === 'line' && c.a1.n === 0;
    let idx = 0;
    let ps = '';
    let nl = true;
    let reuse = false;
    let lineNo = 0;
    const appendQueue: string[] = [];
    const flushAppends = (): void => {
      for (const a of appendQueue) {
        if (this.missingNewline) io.out('\n');
        this.missingNewline = false;
        io.out(a);
      }
      appendQueue.length = 0;
    };
    while (this.quitCode === null) {
      if (!reuse) {
        if (idx >= lines.length) break;
        ps = lines[idx].text;
        nl = lines[idx].nl;
        idx++;
        lineNo++;
      }
      reuse = false;
      let tFlag = false;
      let autoprint = !this.quiet;
      let stop = false;
      let pc = 0;
      const isLast = (): boolean => idx >= lines.length;
      cycle: while (pc < this.cmds.length) {
        const c = this.cmds[pc];
        if (c.name === '}' || c.name === ':') {
          pc++;
          continue;
        }
        if (this.selects(c, lineNo, ps, isLast()) === c.negate) {
          pc = c.name === '{' ? c.blockEnd! + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{':
            break;
          case '=':
            this.emit(io, String(lineNo), true);
            break;
          case 'a':
            appendQueue.push(`${c.text}\n`);
            break;
          case 'i':
            this.emit(io, c.text!, true);
            break;
          case 'c':
            if (!c.a2 || !c.active) this.emit(io, c.text!, true);
            autoprint = false;
            break cycle;
          case 'd':
            autoprint = false;
            break cycle;
          case 'D': {
            const i = ps.indexOf('\n');
            autoprint = false;
            if (i >= 0) {
              ps = ps.slice(i + 1);
              reuse = true;
            }
            break cycle;
          }
          case 'p':
            this.emit(io, ps, true);
            break;
          case 'P':
            this.emit(io, ps.split('\n')[0], true);
            break;
          case 'l':
            this.emit(io, escapeForL(ps), true);
            break;
          case 'n':
          case 'N':
            if (isLast()) {
              stop = true;
              break cycle;
            }
            if (c.name === 'n') {
              if (!this.quiet) this.emit(io, ps, nl);
              flushAppends();
              ps = lines[idx].text;
            } else {
              flushAppends();
              ps += `\n${lines[idx].text}`;
            }
            nl = lines[idx].nl;
            idx++;
            lineNo++;
            break;
          case 'g':
            ps = this.hold;
            break;
          case 'G':
            ps += `\n${this.hold}`;
            break;
          case 'h':
            this.hold = ps;
            break;
          case 'H':
            this.hold += `\n${ps}`;
            break;
          case 'x':
            [ps, this.hold] = [this.hold, ps];
            break;
          case 'z':
            ps = '';
            break;
          case 'F':
            this.emit(io, io.fileName, true);
            break;
          case 'q':
            this.quitCode = c.exitCode ?? 0;
            break cycle;
          case 'Q':
            this.quitCode = c.exitCode ?? 0;
            autoprint = false;
            appendQueue.length = 0;
            break cycle;
          case 'b':
          case 't':
          case 'T': {
            const jump = c.name === 'b' || (c.name === 't' ? tFlag : !tFlag);
            if (c.name !== 'b') tFlag = false;
            if (jump) {
              if (!c.text) break cycle;
              pc = this.labels.get(c.text)!;
            }
            break;
          }
          case 'r': {
            const t = io.readFile(c.text!);
            if (t !== null && t !== '') appendQueue.push(t.endsWith('\n') ? t : `${t}\n`);
            break;
          }
          case 'w':
            io.writeTo(c.text!, `${ps}\n`);
            break;
          case 'W':
            io.writeTo(c.text!, `${ps.split('\n')[0]}\n`);
            break;
          case 's': {
            const r = this.substitute(c, ps);
            if (r !== null) {
              ps = r;
              tFlag = true;
              if (c.print) this.emit(io, ps, true);
              if (c.wfile !== undefined) io.writeTo(c.wfile, `${ps}\n`);
            }
            break;
          }
          case 'y':
            ps = [...ps].map((ch) => c.ymap!.get(ch) ?? ch).join('');
            break;
        }
      }
      if (autoprint) this.emit(io, ps, nl);
      flushAppends();
      if (stop) break;
    }
  }
}

function expand(parts: ReplPart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'U' | 'L' | null = null;
  let once: 'u' | 'l' | null = null;
  const add = (s: string): void => {
    for (const ch of s) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (once) {
        c = once === 'u' ? c.toUpperCase() : c.toLowerCase();
        once = null;
      }
      out += c;
    }
  };
  for (const p of parts) {
    if ('lit' in p) add(p.lit);
    else if ('group' in p) add(m[p.group] ?? '');
    else if (p.caseOp === 'E') mode = null;
    else if (p.caseOp === 'U' || p.caseOp === 'L') mode = p.caseOp;
    else once = p.caseOp;
  }
  return out;
}

/** The `l` command: escapes, octal for other non-printables, `$` at the end, wrapped at 70. */
function escapeForL(s: string): string {
  const map: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let line = '';
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const piece = map[ch] ?? (code < 32 || code === 127 ? `\\${code.toString(8).padStart(3, '0')}` : ch);
    if (line.length + piece.length > 69) {
      out += `${line}\\\n`;
      line = '';
    }
    line += piece;
  }
  return `${out}${line}$`;
}
