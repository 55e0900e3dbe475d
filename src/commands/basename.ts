// basename: strip directories (and an optional suffix) from names; -a many names, -s SUFFIX.

import { defineCommand } from './lib/dialect';
import { tryHelp } from './lib/args';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

export function baseOf(name: string, suffix = ''): string {
  let s = name.replace(/\/+$/, '');
  if (s === '') return name.startsWith('/') ? '/' : '';
  s = s.slice(s.lastIndexOf('/') + 1);
  if (suffix !== '' && s !== suffix && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  return s;
}

export async function runBasename(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let multiple = false;
  let suffix = '';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-a' || a === '--multiple') multiple = true;
    else if (a === '-s') {
      suffix = args[++i] ?? '';
      multiple = true;
    } else if (a.startsWith('--suffix=')) {
      suffix = a.slice(9);
      multiple = true;
    } else if (a === '--') {
      names.push(...args.slice(i + 1));
      break;
    } else names.push(a);
  }
  if (names.length === 0) {
    ctx.stderr.write(`basename: missing operand\n${tryHelp('basename')}`);
    return 1;
  }
  if (!multiple) {
    if (names.length > 2) {
      ctx.stderr.write(`basename: extra operand ${quoteLocale(names[2], ctx.env)}\n${tryHelp('basename')}`);
      return 1;
    }
    ctx.stdout.write(`${baseOf(names[0], names[1] ?? '')}\n`);
    return 0;
  }
  for (const n of names) ctx.stdout.write(`${baseOf(n, suffix)}\n`);
  return 0;
}

export const basename = defineCommand('basename', runBasename);
