// tr: translate (-c complement), delete (-d) or squeeze (-s) characters; ranges, [:classes:], escapes.

import { readAll } from '../core/stream';
import { tryHelp } from './lib/args';
import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

const CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  space: '\t\n\v\f\r ',
  blank: '\t ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
  cntrl: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\x7f',
};

function unescape(c: string): string {
  return { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' }[c] ?? c;
}

/** Expand a tr SET to its characters; a string is an error message. */
export function expandSet(set: string): string[] | string {
  const out: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:(\w+):\]/.exec(set.slice(i));
    if (cls) {
      if (!CLASSES[cls[1]]) return `invalid character class ${quoteLocale(cls[1], {})}`;
      out.push(...CLASSES[cls[1]]);
      i += cls[0].length - 1;
      continue;
    }
    let c = set[i];
    if (c === '\\' && i + 1 < set.length) {
      const oct = /^[0-7]{1,3}/.exec(set.slice(i + 1));
      if (oct) {
        c = String.fromCharCode(parseInt(oct[0], 8));
        i += oct[0].length;
      } else c = unescape(set[++i]);
    }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      let hi = set[i + 2];
      let skip = 2;
      if (hi === '\\' && i + 3 < set.length) {
        hi = unescape(set[i + 3]);
        skip = 3;
      }
      if (hi < c) return `range-endpoints of '${c}-${hi}' are in reverse collating sequence order`;
      for (let k = c.charCodeAt(0); k <= hi.charCodeAt(0); k++) out.push(String.fromCharCode(k));
      i += skip;
      continue;
    }
    out.push(c);
  }
  return out;
}

export async function runTr(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'tr');
  let del = false;
  let squeeze = false;
  let complement = false;
  const sets: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[cdsCt]+$/.test(a) && sets.length === 0) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
      complement ||= /[cC]/.test(a);
    } else sets.push(a);
  }
  const usage = (msg: string): number => {
    ctx.stderr.write(`${prog}: ${msg}\n${tryHelp(prog)}`);
    return 1;
  };
  if (sets.length === 0) return usage('missing operand');
  if (!del && !squeeze && sets.length < 2) return usage(`missing operand after ${quoteLocale(sets[0], ctx.env)}\nTwo strings must be given when translating.`);
  if (del && !squeeze && sets.length > 1) return usage(`extra operand ${quoteLocale(sets[1], ctx.env)}\nOnly one string may be given when deleting without squeezing repeats.`);
  const s1 = expandSet(sets[0]);
  const s2 = sets[1] !== undefined ? expandSet(sets[1]) : [];
  if (typeof s1 === 'string') return usage(s1);
  if (typeof s2 === 'string') return usage(s2);
  const in1 = (c: string): boolean => s1.includes(c) !== complement;
  // With two sets the squeezing applies to SET2 (after translation or deletion), else to SET1.
  const inSqueeze = (c: string): boolean => (sets.length > 1 ? s2.includes(c) : in1(c));
  const text = await readAll(ctx.stdin);
  let out = '';
  let last = '';
  for (const ch of text) {
    let c = ch;
    if (del) {
      if (in1(c)) continue;
    } else if (sets.length > 1 && in1(c)) {
      const idx = complement ? s2.length - 1 : s1.lastIndexOf(c);
      c = s2[Math.min(idx, s2.length - 1)] ?? c;
    }
    if (squeeze && c === last && inSqueeze(c)) continue;
    out += c;
    last = c;
  }
  ctx.stdout.write(out);
  return 0;
}

export const tr = defineCommand('tr', runTr);
