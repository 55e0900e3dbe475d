// diff (GNU diffutils 3.7): normal output or -u unified; -q brief; exit 0 same, 1 different, 2 trouble.

import { readAll } from '../core/stream';
import { defineCommand } from './lib/dialect';
import { errText, progName, splitLines } from './lib/io';
import { diffLines, unifiedHunks, type Edit } from './lib/lcs-diff';
import { strftime } from './lib/timefmt';
import type { CommandContext } from './types';

function range(start: number, len: number): string {
  return len === 1 ? String(start) : `${start},${start + len - 1}`;
}

function normal(edits: Edit[]): string {
  let out = '';
  for (let k = 0; k < edits.length; ) {
    if (edits[k].op === '=') {
      k++;
      continue;
    }
    const del: Edit[] = [];
    const add: Edit[] = [];
    const at = edits[k];
    while (k < edits.length && edits[k].op !== '=') (edits[k].op === '-' ? del : add).push(edits[k++]);
    if (del.length && add.length) out += `${range(del[0].a + 1, del.length)}c${range(add[0].b + 1, add.length)}\n`;
    else if (del.length) out += `${range(del[0].a + 1, del.length)}d${at.b}\n`;
    else out += `${at.a}a${range(add[0].b + 1, add.length)}\n`;
    for (const d of del) out += `< ${d.line}\n`;
    if (del.length && add.length) out += '---\n';
    for (const a of add) out += `> ${a.line}\n`;
  }
  return out;
}

export async function runDiff(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'diff');
  const args = ctx.argv.slice(1);
  const unified = args.some((a) => a === '-u' || a === '--unified' || /^-U\d+$/.test(a));
  const ctxLines = Number(args.find((a) => /^-U\d+$/.test(a))?.slice(2) ?? 3);
  const brief = args.includes('-q') || args.includes('--brief');
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  if (files.length !== 2) {
    ctx.stderr.write(files.length < 2 ? `${prog}: missing operand after '${files[0] ?? prog}'\n${prog}: Try '${prog} --help' for more information.\n` : `${prog}: extra operand '${files[2]}'\n${prog}: Try '${prog} --help' for more information.\n`);
    return 2;
  }
  const texts: string[] = [];
  const mtimes: number[] = [];
  for (const f of files) {
    try {
      if (f === '-') {
        texts.push(await readAll(ctx.stdin));
        mtimes.push(ctx.sys.now());
      } else {
        texts.push(ctx.sys.fs.readFile(f));
        mtimes.push(ctx.sys.fs.stat(f).mtime);
      }
    } catch (e) {
      ctx.stderr.write(`${prog}: ${f}: ${errText(e)}\n`);
      return 2;
    }
  }
  if (texts[0] === texts[1]) return 0;
  if (brief) {
    ctx.stdout.write(`Files ${files[0]} and ${files[1]} differ\n`);
    return 1;
  }
  const edits = diffLines(splitLines(texts[0]), splitLines(texts[1]));
  if (!unified) {
    ctx.stdout.write(normal(edits));
    return 1;
  }
  const stamp = (t: number): string => {
    const w = ctx.sys.wall(t);
    return `${strftime('%Y-%m-%d %H:%M:%S', w)}.${String(w.nsOfSecond).padStart(9, '0')} +0000`;
  };
  let out = `--- ${files[0]}\t${stamp(mtimes[0])}\n+++ ${files[1]}\t${stamp(mtimes[1])}\n`;
  for (const h of unifiedHunks(edits, ctxLines)) {
    const r = (s: number, l: number): string => (l === 1 ? String(s) : `${s},${l}`);
    out += `@@ -${r(h.aStart, h.aLen)} +${r(h.bStart, h.bLen)} @@\n`;
    for (const e of h.edits) out += `${e.op === '=' ? ' ' : e.op}${e.line}\n`;
  }
  ctx.stdout.write(out);
  return 1;
}

export const diff = defineCommand('diff', runDiff);
