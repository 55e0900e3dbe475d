// awk (mawk 1.3.4 on Ubuntu and Debian, where /usr/bin/awk is mawk; busybox awk in Alpine): options,
// operands (files and var=value), BEGIN / records / END, and mawk's error messages (exit 2).

import { readAll } from '../core/stream';
import { defineCommand, type Dialect } from './lib/dialect';
import { vfsError } from './lib/io';
import { parseAwk } from './lib/awk-grammar';
import { AwkSyntaxError, type AwkProgram } from './lib/awk-parse';
import { AwkMachine, AwkRuntimeError, ExitProgram, NextRecord, type RecordSource } from './lib/awk-run';
import { runPipe } from './lib/awk-io';
import { input, num, str, toNum, toStr } from './lib/awk-value';
import type { CommandContext } from './types';

class CannotOpen extends Error {}

const usage = (me: string): string => `usage: ${me} [-F value] [-v var=value] [--] 'program text' [file ...]\nusage: ${me} [-F value] [-v var=value] [-f program-file] [--] [file ...]\n`;

/** Escape sequences in -v values, -F and command-line assignments, as in string literals. */
function unescape(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return s.replace(/\\(.)/g, (m, c: string) => map[c] ?? m);
}

/** Records from the operands in order, applying var=value operands as they are reached. */
class Operands implements RecordSource {
  private i = 0;
  private records: string[] = [];
  private at = 0;
  private name = '';
  machine!: AwkMachine;

  constructor(
    private readonly ctx: CommandContext,
    private readonly operands: string[],
  ) {}

  filename(): string {
    return this.name;
  }

  async next(): Promise<string | null> {
    for (;;) {
      if (this.at < this.records.length) return this.records[this.at++];
      const files = this.operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o));
      if (this.i >= this.operands.length) {
        if (files.length > 0 || this.name === '-') return null;
        this.name = '-';
        this.load(await readAll(this.ctx.stdin));
        continue;
      }
      const op = this.operands[this.i++];
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(op);
      if (eq) {
        this.machine.setVar(eq[1], input(unescape(eq[2])));
        continue;
      }
      let text: string;
      if (op === '-' || op === '/dev/stdin') text = await readAll(this.ctx.stdin);
      else {
        try {
          text = this.ctx.sys.fs.readFile(op);
        } catch (e) {
          throw new CannotOpen(`cannot open ${op} (${vfsError(e).text})`);
        }
      }
      this.name = op;
      this.load(text);
    }
  }

  private load(text: string): void {
    this.records = this.machine.splitRecords(text);
    this.at = 0;
    this.machine.globals.set('FILENAME', str(this.name));
    this.machine.globals.set('FNR', num(0));
  }
}

async function execute(ctx: CommandContext, prog: AwkProgram, m: AwkMachine, src: Operands): Promise<number> {
  let exited = false;
  const runItems = async (which: 'BEGIN' | 'END'): Promise<void> => {
    for (const item of prog.items) if (item.pattern === which && item.action) await m.execList(item.action);
  };
  try {
    await runItems('BEGIN');
  } catch (e) {
    if (!(e instanceof ExitProgram)) throw e;
    m.exitStatus = e.status;
    exited = true;
  }
  const main = prog.items.filter((it) => it.pattern !== 'BEGIN' && it.pattern !== 'END');
  const hasEnd = prog.items.some((it) => it.pattern === 'END');
  if (!exited && (main.length > 0 || hasEnd)) {
    for (;;) {
      const rec = await src.next();
      if (rec === null) break;
      m.bump();
      m.setRecord(rec);
      try {
        for (const [idx, item] of main.entries()) {
          if (item.pattern !== null && !(await m.matchItem(idx, item.pattern as Exclude<typeof item.pattern, 'BEGIN' | 'END' | null>, item.range))) continue;
          if (item.action) await m.execList(item.action);
          else ctx.stdout.write(`${m.currentRecord}${toStr(m.globals.get('ORS') ?? str('\n'))}`);
        }
      } catch (e) {
        if (e instanceof NextRecord) continue;
        if (!(e instanceof ExitProgram)) throw e;
        m.exitStatus = e.status;
        break;
      }
      if (ctx.signal.aborted) return 130;
    }
  }
  try {
    await runItems('END');
  } catch (e) {
    if (!(e instanceof ExitProgram)) throw e;
    m.exitStatus = e.status;
  }
  for (const p of m.io.pendingPipes()) await runPipe(ctx, p.cmd, p.text);
  return m.exitStatus;
}

export async function runAwk(ctx: CommandContext, dialect: Dialect): Promise<number> {
  // mawk names itself after argv[0]: Ubuntu users see `awk: line 1: …`.
  const me = dialect === 'busybox' ? 'awk' : ((ctx.argv[0] ?? '').split('/').pop() || 'mawk');
  const args = ctx.argv.slice(1);
  let fs: string | null = null;
  const assigns: string[] = [];
  let progText: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--version' || a === '-W' || a === '-Wversion' || a === '-Wv') {
      ctx.stdout.write('mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n');
      return 0;
    }
    const opt = a[1];
    const val = a.length > 2 ? a.slice(2) : args[++i];
    if (val === undefined || !'Fvf'.includes(opt)) {
      ctx.stderr.write(val === undefined ? `${me}: option requires an argument -- ${opt}\n${usage(me)}` : `${me}: not an option: ${a}\n`);
      return 2;
    }
    if (opt === 'F') fs = val === 't' ? '\t' : unescape(val);
    else if (opt === 'v') assigns.push(val);
    else {
      try {
        progText = (progText ?? '') + ctx.sys.fs.readFile(val);
      } catch {
        ctx.stderr.write(`${me}: couldn't open file ${val}\n`);
        return 2;
      }
    }
  }
  if (progText === null) {
    if (i >= args.length) {
      ctx.stderr.write(usage(me));
      return 2;
    }
    progText = args[i++];
  }
  let prog: AwkProgram;
  try {
    prog = parseAwk(progText);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    ctx.stderr.write(`${me}: ${e.message}\n`);
    return 2;
  }
  const operands = args.slice(i);
  const src = new Operands(ctx, operands);
  const m = new AwkMachine(ctx, prog, src);
  src.machine = m;
  const argv = m.array('ARGV');
  argv.set('0', str('awk'));
  operands.forEach((o, k) => argv.set(String(k + 1), input(o)));
  m.globals.set('ARGC', num(operands.length + 1));
  if (fs !== null) m.globals.set('FS', str(fs));
  for (const a of assigns) {
    const eq = a.indexOf('=');
    if (eq <= 0) {
      ctx.stderr.write(`${me}: improper assignment: -v ${a}\n`);
      return 2;
    }
    m.setVar(a.slice(0, eq), input(unescape(a.slice(eq + 1))));
  }
  try {
    return await execute(ctx, prog, m, src);
  } catch (e) {
    if (e instanceof CannotOpen) {
      ctx.stderr.write(`${me}: ${e.message}\n`);
      return 2;
    }
    if (!(e instanceof AwkRuntimeError)) throw e;
    const g = (k: string): string => {
      const v = m.globals.get(k);
      return v ? String(v.t === 's' || v.t === 'sn' ? v.s : v.t === 'n' ? v.n : '') : '';
    };
    ctx.stderr.write(`${me}: run time error: ${e.message}\n\tFILENAME="${g('FILENAME')}" FNR=${toNum(m.globals.get('FNR') ?? num(0))} NR=${g('NR')}\n`);
    return 2;
  }
}

export const awk = defineCommand('awk', runAwk);
