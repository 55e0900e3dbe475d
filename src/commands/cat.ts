// cat: concatenate files (and stdin, streamed chunk by chunk) to stdout; -n -b -s -E -A -T -v.

import { parseArgs, has } from './lib/args';
import { defineCommand, usageError } from './lib/dialect';
import { errText, progName } from './lib/io';
import { quotef } from './lib/quote';
import type { CommandContext } from './types';

interface CatOpts {
  number: boolean;
  numberNonBlank: boolean;
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonPrinting: boolean;
}

/** Line-oriented decorations keep state across inputs (numbering continues from file to file). */
class Decorator {
  private line = 1;
  private atLineStart = true;
  private blanks = 0;
  constructor(private readonly o: CatOpts) {}
  get plain(): boolean {
    const o = this.o;
    return !(o.number || o.numberNonBlank || o.squeeze || o.ends || o.tabs || o.nonPrinting);
  }
  apply(text: string): string {
    if (this.plain) return text;
    let out = '';
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      let seg = parts[i];
      if (last && seg === '') break;
      const blank = this.atLineStart && seg === '' && !last;
      if (blank) {
        this.blanks++;
        if (this.o.squeeze && this.blanks > 1) continue;
      } else if (this.atLineStart) this.blanks = 0;
      if (this.atLineStart && (this.o.numberNonBlank ? !blank : this.o.number)) out += `${String(this.line++).padStart(6)}\t`;
      if (this.o.nonPrinting) seg = showNonPrinting(seg);
      if (this.o.tabs) seg = seg.replace(/\t/g, '^I');
      out += seg;
      if (!last) {
        out += this.o.ends ? '$\n' : '\n';
        this.atLineStart = true;
      } else this.atLineStart = false;
    }
    return out;
  }
}

function showNonPrinting(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c === 9) out += ch;
    else if (c < 32) out += `^${String.fromCharCode(c + 64)}`;
    else if (c === 127) out += '^?';
    else out += ch;
  }
  return out;
}

export async function runCat(ctx: CommandContext, dialect: 'gnu' | 'busybox'): Promise<number> {
  const prog = progName(ctx, 'cat');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'AbeEnstTuv',
    long: {
      'show-all': { key: 'A', arg: 'none' },
      'number-nonblank': { key: 'b', arg: 'none' },
      'show-ends': { key: 'E', arg: 'none' },
      number: { key: 'n', arg: 'none' },
      'squeeze-blank': { key: 's', arg: 'none' },
      'show-tabs': { key: 'T', arg: 'none' },
      'show-nonprinting': { key: 'v', arg: 'none' },
    },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const a = (k: string): boolean => has(p, k);
  const deco = new Decorator({
    number: a('n'),
    numberNonBlank: a('b'),
    squeeze: a('s'),
    ends: a('E') || a('A') || a('e'),
    tabs: a('T') || a('A') || a('t'),
    nonPrinting: a('v') || a('A') || a('e') || a('t'),
  });
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      for (;;) {
        const chunk = await ctx.stdin.read();
        if (chunk === null) break;
        ctx.stdout.write(deco.apply(chunk));
      }
      continue;
    }
    try {
      ctx.stdout.write(deco.apply(ctx.sys.fs.readFile(f)));
    } catch (e) {
      const text = errText(e);
      if (dialect === 'busybox') ctx.stderr.write(text === 'Is a directory' ? `${prog}: read error: ${text}\n` : `${prog}: can't open '${f}': ${text}\n`);
      else ctx.stderr.write(`${prog}: ${quotef(f)}: ${text}\n`);
      status = 1;
    }
  }
  return status;
}

export const cat = defineCommand('cat', runCat);
