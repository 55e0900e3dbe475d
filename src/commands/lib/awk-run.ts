// The awk interpreter: records and fields, patterns and ranges, statements, built-in functions,
// output redirection (files through the process's fs, pipes through `sh -c`), getline.

import type { CommandContext } from '../types';
import { usesAsArray, type AwkProgram, type Expr, type Stmt } from './awk-parse';
import { UNINIT, compare, input, num, sprintf, str, toBool, toNum, toStr, type Val } from './awk-value';
import { callBuiltin } from './awk-builtins';
import { AwkStreams } from './awk-io';
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
  readonly io: AwkStreams;
  private readonly rangeOn = new Set<number>();
  exitStatus = 0;

  constructor(
    readonly ctx: CommandContext,
    private readonly prog: AwkProgram,
    private readonly source: RecordSource,
  ) {
    this.io = new AwkStreams(ctx);
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g' })) this.globals.set(k, str(v));
    for (const k of ['NR', 'FNR', 'NF', 'RSTART', 'RLENGTH']) this.globals.set(k, num(k === 'RLENGTH' ? -1 : 0));
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(ctx.env)) env.set(k, input(v));
    this.arrays.set('ENVIRON', env);
  }

  gv(name: string): string {
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
    this.nf = this.split(text, this.gv('FS')).length;
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
    if (!this.fields) this.fields = this.split(this.record, this.gv('FS'));
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
    this.record = f.join(this.gv('OFS'));
  }

  private setNF(n: number): void {
    const f = [...this.ensureFields()].slice(0, n);
    while (f.length < n) f.push('');
    this.fields = f;
    this.nf = n;
    this.record = f.join(this.gv('OFS'));
  }

  // ---- variables ----
  isLocalArray(name: string): boolean {
    return this.local(name)?.vars.get(name) instanceof Map;
  }

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
    for (const e of subs) parts.push(toStr(await this.eval(e), this.gv('CONVFMT')));
    return parts.join(this.gv('SUBSEP'));
  }

  async assignTo(target: Expr, v: Val): Promise<Val> {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.eval(target.e))), toStr(v, this.gv('CONVFMT')));
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
    return v;
  }

  async valueOf(target: Expr): Promise<Val> {
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
        const s = toStr(await this.eval(e.a), this.gv('CONVFMT'));
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
      const r = await this.io.readRecord(e.cmd ? 'cmd' : 'file', name, (text) => this.splitRecords(text));
      if (r === undefined) return num(-1);
      rec = r;
    } else rec = await this.source.next();
    if (rec === null) return num(0);
    // getline < file leaves NR alone; the other forms count the record.
    if (!e.from) this.bump();
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
    if (op === 'concat') return str(toStr(a, this.gv('CONVFMT')) + toStr(b, this.gv('CONVFMT')));
    if (['<', '<=', '>', '>=', '==', '!='].includes(op)) {
      const c = compare(a, b, this.gv('CONVFMT'));
      const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[op]!;
      return num(r ? 1 : 0);
    }
    return num(this.arith(op, toNum(a), toNum(b)));
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const v = await callBuiltin(this, name, args);
    return v ?? this.callUser(name, args);
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
        const ofmt = this.gv('OFMT');
        const text = s.args.length === 0 ? this.record : (await this.evalAll(s.args)).map((v) => toStr(v, ofmt)).join(this.gv('OFS'));
        return this.io.write(`${text}${this.gv('ORS')}`, s.redirect?.kind ?? null, await this.outputName(s.redirect));
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkRuntimeError('printf: no format');
        const vals = await this.evalAll(s.args);
        return this.io.write(sprintf(toStr(vals[0]), vals.slice(1)), s.redirect?.kind ?? null, await this.outputName(s.redirect));
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

  private async outputName(r: { to: Expr } | null): Promise<string> {
    return r ? toStr(await this.eval(r.to)) : '';
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

  // ---- the async parts: getline, system(), pipes ----
  splitRecords(text: string): string[] {
    const rs = this.gv('RS');
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

  get currentRecord(): string {
    return this.record;
  }
}

export { NextRecord, ExitProgram };
