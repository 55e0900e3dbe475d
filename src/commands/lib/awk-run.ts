// The awk interpreter: records and fields, patterns and ranges, statements, built-in functions,
// output redirection (files through the process's fs, pipes through `sh -c`), getline.

import { stringInput } from '../../core/stream';
import type { CommandContext } from '../types';
import type { AwkProgram, Expr, Stmt } from './awk-parse';
import { UNINIT, compare, input, num, sprintf, str, toBool, toNum, toStr, type Val } from './awk-value';
import { vfsError } from './io';
import { compileRegex } from './regex';

export class AwkRuntimeError extends Error {}
class NextRecord {}
class ExitProgram {
  constructor(readonly status: number) {}
}
class BreakLoop {}
class ContinueLoop {}
class ReturnValue {
  constructor(readonly v: Val) {}
}

type AwkArray = Map<string, Val>;
interface Frame {
  vars: Map<string, Val | AwkArray>;
}

/** Where records come from: the operands in order (files, `-`, or var=value assignments). */
export interface RecordSource {
  next(): Promise<string | null>;
  filename(): string;
}

export class AwkMachine {
  readonly globals = new Map<string, Val>();
  readonly arrays = new Map<string, AwkArray>();
  private frames: Frame[] = [];
  private record = '';
  private fields: string[] | null = null;
  private nf = 0;
  private readonly reCache = new Map<string, RegExp>();
  private readonly outputs = new Map<string, { write(s: string): void; pipe?: string; buf?: string }>();
  private readonly readers = new Map<string, { lines: string[]; at: number }>();
  private readonly rangeOn = new Set<number>();
  exitStatus = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly prog: AwkProgram,
    private readonly source: RecordSource,
  ) {
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g' })) this.globals.set(k, str(v));
    for (const k of ['NR', 'FNR', 'NF', 'RSTART', 'RLENGTH']) this.globals.set(k, num(k === 'RLENGTH' ? -1 : 0));
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(ctx.env)) env.set(k, input(v));
    this.arrays.set('ENVIRON', env);
  }

  private g(name: string): string {
    return toStr(this.globals.get(name) ?? UNINIT);
  }

  regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      const r = compileRegex(src, 'extended');
      if (!r.ok) throw new AwkRuntimeError(`regular expression compile failed (${r.error})\n${src}`);
      re = r.re;
      this.reCache.set(src, re);
    }
    return re;
  }

  // ---- records and fields ----
  setRecord(text: string): void {
    this.record = text;
    this.fields = null;
    this.nf = this.split(text, this.g('FS')).length;
    this.globals.set('NF', num(this.nf));
  }

  split(text: string, fs: string): string[] {
    if (text === '') return [];
    if (fs === ' ') return text.replace(/^[ \t\n]+|[ \t\n]+$/g, '').split(/[ \t\n]+/).filter((x) => x !== '');
    if (fs === '') return [...text];
    if (fs.length === 1 && fs !== '\\') return text.split(fs);
    return text.split(this.regex(fs));
  }

  private ensureFields(): string[] {
    if (!this.fields) this.fields = this.split(this.record, this.g('FS'));
    return this.fields;
  }

  private getField(i: number): Val {
    if (i === 0) return input(this.record);
    const f = this.ensureFields();
    return i <= f.length ? input(f[i - 1]) : UNINIT;
  }

  private setField(i: number, v: string): void {
    if (i === 0) return this.setRecord(v);
    const f = [...this.ensureFields()];
    while (f.length < i) f.push('');
    f[i - 1] = v;
    this.fields = f;
    this.nf = f.length;
    this.globals.set('NF', num(this.nf));
    this.record = f.join(this.g('OFS'));
  }

  private setNF(n: number): void {
    const f = [...this.ensureFields()].slice(0, n);
    while (f.length < n) f.push('');
    this.fields = f;
    this.nf = n;
    this.record = f.join(this.g('OFS'));
  }

  // ---- variables ----
  private local(name: string): Frame | null {
    const f = this.frames[this.frames.length - 1];
    return f && f.vars.has(name) ? f : null;
  }

  getVar(name: string): Val {
    const f = this.local(name);
    if (f) {
      const v = f.vars.get(name)!;
      return v instanceof Map ? UNINIT : v;
    }
    return this.globals.get(name) ?? UNINIT;
  }

  setVar(name: string, v: Val): void {
    const f = this.local(name);
    if (f) f.vars.set(name, v);
    else {
      this.globals.set(name, v);
      if (name === 'NF') this.setNF(Math.trunc(toNum(v)));
    }
  }

  array(name: string): AwkArray {
    const f = this.local(name);
    if (f) {
      const v = f.vars.get(name);
      if (v instanceof Map) return v;
      const a: AwkArray = new Map();
      f.vars.set(name, a);
      return a;
    }
    let a = this.arrays.get(name);
    if (!a) this.arrays.set(name, (a = new Map()));
    return a;
  }

  private async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const e of subs) parts.push(toStr(await this.eval(e), this.g('CONVFMT')));
    return parts.join(this.g('SUBSEP'));
  }

  private async assignTo(target: Expr, v: Val): Promise<Val> {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.eval(target.e))), toStr(v, this.g('CONVFMT')));
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
    return v;
  }

  private async valueOf(target: Expr): Promise<Val> {
    if (target.k === 'field') return this.getField(Math.trunc(toNum(await this.eval(target.e))));
    return await this.eval(target);
  }

  // ---- expressions ----
  async eval(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num':
        return num(e.v);
      case 'str':
        return str(e.v);
      case 're':
        return num(this.regex(e.v).test(this.record) ? 1 : 0);
      case 'group':
        return await this.eval(e.e);
      case 'var':
        return this.getVar(e.name);
      case 'field': {
        const i = Math.trunc(toNum(await this.eval(e.e)));
        if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
        return this.getField(i);
      }
      case 'index': {
        const a = this.array(e.name);
        const k = await this.subscript(e.subs);
        if (!a.has(k)) a.set(k, UNINIT);
        return a.get(k)!;
      }
      case 'in':
        return num(this.array(e.name).has(await this.subscript(e.subs)) ? 1 : 0);
      case 'assign': {
        if (e.op === '=') return await this.assignTo(e.target, this.copy(await this.eval(e.e)));
        const r = toNum(await this.eval(e.e));
        const l = toNum(await this.valueOf(e.target));
        return await this.assignTo(e.target, num(this.arith(e.op.slice(0, -1), l, r)));
      }
      case 'cond':
        return toBool(await this.eval(e.c)) ? await this.eval(e.a) : await this.eval(e.b);
      case 'incdec': {
        const old = toNum(await this.valueOf(e.target));
        const now = e.op === '++' ? old + 1 : old - 1;
        await this.assignTo(e.target, num(now));
        return num(e.prefix ? now : old);
      }
      case 'un': {
        const v = await this.eval(e.e);
        return e.op === '!' ? num(toBool(v) ? 0 : 1) : num(e.op === '-' ? -toNum(v) : toNum(v));
      }
      case 'match': {
        const s = toStr(await this.eval(e.a), this.g('CONVFMT'));
        const hit = this.regex(e.re.k === 're' ? e.re.v : toStr(await this.eval(e.re))).test(s);
        return num(hit !== e.neg ? 1 : 0);
      }
      case 'bin':
        return await this.binary(e.op, e.a, e.b);
      case 'call':
        return await this.call(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  async evalAll(list: Expr[]): Promise<Val[]> {
    const out: Val[] = [];
    for (const e of list) out.push(await this.eval(e));
    return out;
  }

  /** getline, `getline var`, `getline < file`, `cmd | getline [var]`: 1 read, 0 at end, -1 on error. */
  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let rec: string | null;
    if (e.cmd || e.from) {
      const name = toStr(await this.eval((e.cmd ?? e.from)!));
      const key = `${e.cmd ? '|' : '<'}${name}`;
      if (!this.readers.has(key)) {
        if (e.cmd) this.setReader(key, await captureCommand(this.ctx, name));
        else {
          try {
            this.setReader(key, name === '-' || name === '/dev/stdin' ? '' : this.ctx.sys.fs.readFile(name));
          } catch {
            return num(-1);
          }
        }
      }
      const r = this.readers.get(key)!;
      rec = r.at < r.lines.length ? r.lines[r.at++] : null;
    } else rec = await this.source.next();
    if (rec === null) return num(0);
    const countsNR = !e.from;
    if (countsNR) this.bump();
    if (e.target) await this.assignTo(e.target, input(rec));
    else this.setRecord(rec);
    return num(1);
  }

  /** NR and FNR advance by one record. */
  bump(): void {
    this.globals.set('NR', num(toNum(this.globals.get('NR') ?? UNINIT) + 1));
    this.globals.set('FNR', num(toNum(this.globals.get('FNR') ?? UNINIT) + 1));
  }

  private copy(v: Val): Val {
    return v.t === 'u' ? str('') : v;
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new AwkRuntimeError('division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new AwkRuntimeError('division by zero in %');
        return a % b;
      default:
        return a ** b;
    }
  }

  private async binary(op: string, ea: Expr, eb: Expr): Promise<Val> {
    if (op === '&&') return num(toBool(await this.eval(ea)) && toBool(await this.eval(eb)) ? 1 : 0);
    if (op === '||') return num(toBool(await this.eval(ea)) || toBool(await this.eval(eb)) ? 1 : 0);
    const a = await this.eval(ea);
    const b = await this.eval(eb);
    if (op === 'concat') return str(toStr(a, this.g('CONVFMT')) + toStr(b, this.g('CONVFMT')));
    if (['<', '<=', '>', '>=', '==', '!='].includes(op)) {
      const c = compare(a, b, this.g('CONVFMT'));
      const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[op]!;
      return num(r ? 1 : 0);
    }
    return num(this.arith(op, toNum(a), toNum(b)));
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const s = async (i: number): Promise<string> => toStr(await this.eval(args[i] ?? { k: 'str', v: '' }), this.g('CONVFMT'));
    const n = async (i: number): Promise<number> => toNum(await this.eval(args[i] ?? { k: 'num', v: 0 }));
    const reOf = async (e: Expr): Promise<RegExp> => this.regex(e.k === 're' ? e.v : toStr(await this.eval(e)));
    switch (name) {
      case 'length': {
        const a = args[0];
        if (a && a.k === 'var' && (this.arrays.has(a.name) || this.local(a.name)?.vars.get(a.name) instanceof Map)) return num(this.array(a.name).size);
        return num([...(a ? (await s(0)) : this.record)].length);
      }
      case 'substr': {
        const chars = [...(await s(0))];
        const start = Math.round((await n(1)));
        const len = args.length > 2 ? Math.round((await n(2))) : Infinity;
        const from = Math.max(start, 1);
        const to = Math.min(start + len, chars.length + 1);
        return str(to > from ? chars.slice(from - 1, to - 1).join('') : '');
      }
      case 'index':
        return num((await s(0)).indexOf((await s(1))) + 1);
      case 'split': {
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const a = this.array(target.name);
        a.clear();
        const sep = args[2] ? (args[2].k === 're' ? args[2].v : (await s(2))) : this.g('FS');
        const parts = this.split((await s(0)), sep);
        parts.forEach((p, i) => a.set(String(i + 1), input(p)));
        return num(parts.length);
      }
      case 'sub':
      case 'gsub': {
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const re = (await reOf(args[0]));
        const repl = (await s(1));
        const text = toStr(await this.valueOf(target), this.g('CONVFMT'));
        let count = 0;
        const flags = name === 'gsub' ? 'g' : '';
        const out = text.replace(new RegExp(re.source, flags), (m) => {
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) await this.assignTo(target, str(out));
        return num(count);
      }
      case 'match': {
        const subject = await s(0);
        const m = (await reOf(args[1])).exec(subject);
        const start = m ? [...subject.slice(0, m.index)].length + 1 : 0;
        this.globals.set('RSTART', num(start));
        this.globals.set('RLENGTH', num(m ? [...m[0]].length : -1));
        return num(start);
      }
      case 'sprintf':
        return str(sprintf(await (await s(0)), await this.evalAll(args.slice(1))));
      case 'tolower':
        return str((await s(0)).toLowerCase());
      case 'toupper':
        return str((await s(0)).toUpperCase());
      case 'int':
        return num(Math.trunc((await n(0))));
      case 'sqrt':
        return num(Math.sqrt((await n(0))));
      case 'exp':
        return num(Math.exp((await n(0))));
      case 'log':
        return num(Math.log((await n(0))));
      case 'sin':
        return num(Math.sin((await n(0))));
      case 'cos':
        return num(Math.cos((await n(0))));
      case 'atan2':
        return num(Math.atan2((await n(0)), (await n(1))));
      case 'rand':
        return num(this.ctx.sys.random.next());
      case 'srand':
        return num(0);
      case 'close':
        return num(this.closeStream((await s(0))));
      case 'fflush':
        return num(0);
      case 'system': {
        const r = await this.ctx.sys.spawn(['sh', '-c', await s(0)]);
        return num(r.error ? 127 : r.status);
      }
    }
    return await this.callUser(name, args);
  }

  private async callUser(name: string, args: Expr[]): Promise<Val> {
    const fn = this.prog.functions.get(name);
    if (!fn) throw new AwkRuntimeError(`function ${name} never defined`);
    const frame: Frame = { vars: new Map() };
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i];
      const a = args[i];
      if (a && a.k === 'var' && (this.arrays.has(a.name) || this.local(a.name)?.vars.get(a.name) instanceof Map)) frame.vars.set(p, this.array(a.name));
      else if (a && a.k === 'var' && usesAsArray(fn.body, p)) frame.vars.set(p, this.array(a.name));
      else frame.vars.set(p, a ? this.copy(await this.eval(a)) : UNINIT);
    }
    this.frames.push(frame);
    try {
      await this.execList(fn.body);
      return UNINIT;
    } catch (e) {
      if (e instanceof ReturnValue) return e.v;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  // ---- statements ----
  async execList(list: Stmt[]): Promise<void> {
    for (const s of list) await this.exec(s);
  }

  async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'block':
        return await this.execList(s.body);
      case 'expr':
        await this.eval(s.e);
        return;
      case 'print': {
        const ofmt = this.g('OFMT');
        const text = s.args.length === 0 ? this.record : (await this.evalAll(s.args)).map((v) => toStr(v, ofmt)).join(this.g('OFS'));
        return await this.emit(`${text}${this.g('ORS')}`, s.redirect);
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkRuntimeError('printf: no format');
        const vals = await this.evalAll(s.args);
        return await this.emit(sprintf(toStr(vals[0]), vals.slice(1)), s.redirect);
      }
      case 'if':
        if (toBool(await this.eval(s.c))) await this.exec(s.then);
        else if (s.else) await this.exec(s.else);
        return;
      case 'while':
        while (toBool(await this.eval(s.c))) if (await this.loopBody(s.body)) break;
        return;
      case 'do':
        do if (await this.loopBody(s.body)) break;
        while (toBool(await this.eval(s.c)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.c || toBool(await this.eval(s.c))) {
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin':
        for (const k of [...this.array(s.arr).keys()]) {
          this.setVar(s.v, input(k));
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'next':
        throw new NextRecord();
      case 'exit':
        throw new ExitProgram(s.e ? Math.trunc(toNum(await this.eval(s.e))) : this.exitStatus);
      case 'return':
        throw new ReturnValue(s.e ? this.copy(await this.eval(s.e)) : UNINIT);
      case 'break':
        throw new BreakLoop();
      case 'continue':
        throw new ContinueLoop();
      case 'delete':
        if (s.subs) this.array(s.name).delete(await this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Run a loop body; true when it broke out. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
    } catch (e) {
      if (e instanceof BreakLoop) return true;
      if (e instanceof ContinueLoop) return false;
      throw e;
    }
    return false;
  }

  private async emit(text: string, r: { kind: '>' | '>>' | '|'; to: Expr } | null): Promise<void> {
    if (!r) return this.ctx.stdout.write(text);
    const name = toStr(await this.eval(r.to));
    let out = this.outputs.get(name);
    if (!out) {
      if (r.kind === '|') out = { write: (t) => (out!.buf = (out!.buf ?? '') + t), pipe: name, buf: '' };
      else if (name === '/dev/stdout' || name === '-') out = this.ctx.stdout;
      else if (name === '/dev/stderr') out = this.ctx.stderr;
      else {
        try {
          const h = this.ctx.sys.fs.open(name, r.kind === '>' ? { write: true, create: true, trunc: true } : { write: true, create: true, append: true }, 0o666);
          out = { write: (t) => h.write(t) };
        } catch (e) {
          throw new AwkRuntimeError(`cannot open "${name}" for output (${vfsError(e).text})`);
        }
      }
      this.outputs.set(name, out);
    }
    out.write(text);
  }

  /** Pending `print | "cmd"` output: the commands run when closed or at exit. */
  pendingPipes(): { cmd: string; text: string }[] {
    return [...this.outputs.values()].filter((o) => o.pipe !== undefined).map((o) => ({ cmd: o.pipe!, text: o.buf ?? '' }));
  }

  private closeStream(name: string): number {
    const had = this.outputs.delete(name) || this.readers.delete(name);
    return had ? 0 : -1;
  }

  // ---- the async parts: getline, system(), pipes ----
  readerFor(key: string): { lines: string[]; at: number } | undefined {
    return this.readers.get(key);
  }

  setReader(key: string, text: string): void {
    this.readers.set(key, { lines: this.splitRecords(text), at: 0 });
  }

  splitRecords(text: string): string[] {
    const rs = this.g('RS');
    if (rs === '') return text.split(/\n\n+/).map((r) => r.replace(/^\n+|\n+$/g, '')).filter((r) => r !== '');
    const parts = text.split(rs.length === 1 ? rs : this.regex(rs));
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }

  async matchItem(i: number, pattern: Expr, range: Expr | null): Promise<boolean> {
    if (!range) return toBool(await this.eval(pattern));
    if (this.rangeOn.has(i)) {
      if (toBool(await this.eval(range))) this.rangeOn.delete(i);
      return true;
    }
    if (!toBool(await this.eval(pattern))) return false;
    if (!toBool(await this.eval(range))) this.rangeOn.add(i);
    return true;
  }

  get sourceOfRecords(): RecordSource {
    return this.source;
  }

  get currentRecord(): string {
    return this.record;
  }
}

export { NextRecord, ExitProgram };

function usesAsArray(body: Stmt[], name: string): boolean {
  const text = JSON.stringify(body);
  return text.includes(`"k":"index","name":"${name}"`) || text.includes(`"arr":"${name}"`) || (text.includes(`"k":"delete","name":"${name}"`) || text.includes(`"k":"in","subs"`) && text.includes(`"name":"${name}"`));
}

/** Run a command through sh -c, capturing its standard output (for `cmd | getline`). */
export async function captureCommand(ctx: CommandContext, cmd: string): Promise<string> {
  let text = '';
  await ctx.sys.spawn(['sh', '-c', cmd], { stdin: stringInput(''), stdout: { write: (t: string) => (text += t), isTTY: false, columns: 80, close: () => {} } });
  return text;
}
