// awk's built-in functions (length, substr, split, sub/gsub, match, sprintf, math, system, close)
// over the machine's values, fields and streams.

import type { Expr } from './awk-parse';
import { AwkRuntimeError, type AwkMachine } from './awk-run';
import { input, num, sprintf, str, toNum, toStr, type Val } from './awk-value';

/** The value of a built-in call, or undefined when `name` is not a built-in (a user function). */
export async function callBuiltin(m: AwkMachine, name: string, args: Expr[]): Promise<Val | undefined> {
    const s = async (i: number): Promise<string> => toStr(await m.eval(args[i] ?? { k: 'str', v: '' }), m.gv('CONVFMT'));
    const n = async (i: number): Promise<number> => toNum(await m.eval(args[i] ?? { k: 'num', v: 0 }));
    const reOf = async (e: Expr): Promise<RegExp> => m.regex(e.k === 're' ? e.v : toStr(await m.eval(e)));
    switch (name) {
      case 'length': {
        const a = args[0];
        if (a && a.k === 'var' && (m.arrays.has(a.name) || m.isLocalArray(a.name))) return num(m.array(a.name).size);
        return num([...(a ? (await s(0)) : m.currentRecord)].length);
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
        const a = m.array(target.name);
        a.clear();
        const sep = args[2] ? (args[2].k === 're' ? args[2].v : (await s(2))) : m.gv('FS');
        const parts = m.split((await s(0)), sep);
        parts.forEach((p, i) => a.set(String(i + 1), input(p)));
        return num(parts.length);
      }
      case 'sub':
      case 'gsub': {
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const re = (await reOf(args[0]));
        const repl = (await s(1));
        const text = toStr(await m.valueOf(target), m.gv('CONVFMT'));
        let count = 0;
        const flags = name === 'gsub' ? 'g' : '';
        const out = text.replace(new RegExp(re.source, flags), (found) => {
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? found : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) await m.assignTo(target, str(out));
        return num(count);
      }
      case 'match': {
        const subject = await s(0);
        const hit = (await reOf(args[1])).exec(subject);
        const start = hit ? [...subject.slice(0, hit.index)].length + 1 : 0;
        m.globals.set('RSTART', num(start));
        m.globals.set('RLENGTH', num(hit ? [...hit[0]].length : -1));
        return num(start);
      }
      case 'sprintf':
        return str(sprintf(await (await s(0)), await m.evalAll(args.slice(1))));
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
        return num(m.ctx.sys.random.next());
      case 'srand':
        return num(0);
      case 'close':
        return num(await m.io.close(await s(0)));
      case 'fflush':
        return num(0);
      case 'system': {
        const r = await m.ctx.sys.spawn(['sh', '-c', await s(0)]);
        return num(r.error ? 127 : r.status);
      }
    default:
      return undefined;
  }
}
