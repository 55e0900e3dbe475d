// xargs (findutils 4.7): build command lines from stdin items; -n, -I, -0, -d, -r, -t, -L.

import { readAll } from '../core/stream';
import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import type { CommandContext } from './types';

/** Split xargs input: blanks and newlines separate; quotes and backslashes group. Null on a bad quote. */
function splitItems(text: string): string[] | string {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\n') return `unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) return `unmatched ${quote === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`;
  if (has) out.push(cur);
  return out;
}

export async function runXargs(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'xargs');
  const args = ctx.argv.slice(1);
  let maxArgs = Infinity;
  let replace: string | null = null;
  let delim: string | null = null;
  let noRunEmpty = false;
  let trace = false;
  let maxLines = 0;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--max-args') maxArgs = Number(args[++i]);
    else if (/^-n\d+$/.test(a)) maxArgs = Number(a.slice(2));
    else if (a === '-I') replace = args[++i] ?? '{}';
    else if (a.startsWith('-I')) replace = a.slice(2);
    else if (a === '-i' || a.startsWith('--replace')) replace = a.includes('=') ? a.split('=')[1] : '{}';
    else if (a === '-0' || a === '--null') delim = '\0';
    else if (a === '-d') delim = args[++i] === '\\n' ? '\n' : (args[i] ?? '\n');
    else if (a === '-r' || a === '--no-run-if-empty') noRunEmpty = true;
    else if (a === '-t' || a === '--verbose') trace = true;
    else if (a === '-L') maxLines = Number(args[++i]);
    else if (a === '-P' || a === '-s' || a === '-E') i++;
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr.write(`${prog}: invalid option -- '${a[1]}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n`);
      return 1;
    } else break;
  }
  if (!Number.isFinite(maxArgs) && maxArgs !== Infinity) maxArgs = Infinity;
  const cmd = args.slice(i).length > 0 ? args.slice(i) : ['echo'];
  const text = await readAll(ctx.stdin);
  let items: string[];
  if (replace !== null || maxLines > 0) items = text.split('\n').filter((l) => l.trim() !== '');
  else if (delim !== null) items = text.split(delim).filter((x, k, all) => !(k === all.length - 1 && x === ''));
  else {
    const s = splitItems(text);
    if (typeof s === 'string') {
      ctx.stderr.write(`${prog}: ${s}\n`);
      return 1;
    }
    items = s;
  }
  const groups: string[][] = [];
  if (replace !== null) for (const it of items) groups.push([it]);
  else {
    const per = maxLines > 0 ? maxLines : maxArgs;
    for (let k = 0; k < items.length; k += per === Infinity ? items.length : per) groups.push(items.slice(k, per === Infinity ? items.length : k + per));
    if (groups.length === 0 && !noRunEmpty) groups.push([]);
  }
  let status = 0;
  for (const g of groups) {
    const argv = replace !== null ? cmd.map((a) => a.split(replace!).join(g[0])) : [...cmd, ...g];
    if (trace) ctx.stderr.write(`${argv.join(' ')}\n`);
    const r = await ctx.sys.spawn(argv);
    if (r.error === 'ENOENT') {
      ctx.stderr.write(`${prog}: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    if (r.error) {
      ctx.stderr.write(`${prog}: ${argv[0]}: Permission denied\n`);
      return 126;
    }
    if (r.status === 255) {
      ctx.stderr.write(`${prog}: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (r.status > 128) return 125;
    if (r.status !== 0) status = 123;
  }
  return status;
}

export const xargs = defineCommand('xargs', runXargs);
