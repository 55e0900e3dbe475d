// base64: encode (wrapped at 76 columns, -w N) or decode (-d) stdin or a file.

import { has, lastValue, parseArgs, tryHelp } from './lib/args';
import { base64Decode, base64Encode } from './lib/base64';
import { defineCommand, type Dialect, usageError } from './lib/dialect';
import { progName, readInput } from './lib/io';
import { quotef } from './lib/quote';
import type { CommandContext } from './types';

export async function runBase64(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'base64');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'diw:',
    long: { decode: { key: 'd', arg: 'none' }, 'ignore-garbage': { key: 'i', arg: 'none' }, wrap: { key: 'w', arg: 'required' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  if (p.operands.length > 1) {
    ctx.stderr.write(`${prog}: extra operand ${quotef(p.operands[1])}\n${tryHelp(prog)}`);
    return 1;
  }
  const wrapArg = lastValue(p, 'w') ?? '76';
  if (!/^\d+$/.test(wrapArg)) {
    ctx.stderr.write(`${prog}: invalid wrap size: ${quotef(wrapArg)}\n`);
    return 1;
  }
  const f = p.operands[0] ?? '-';
  const text = await readInput(ctx, f);
  if (typeof text !== 'string') {
    ctx.stderr.write(`${prog}: ${quotef(f)}: ${text.text}\n`);
    return 1;
  }
  if (has(p, 'd')) {
    const bytes = base64Decode(text, has(p, 'i'));
    if (bytes === null) {
      ctx.stderr.write(`${prog}: invalid input\n`);
      return 1;
    }
    ctx.stdout.write(new TextDecoder().decode(bytes));
    return 0;
  }
  const enc = base64Encode(new TextEncoder().encode(text));
  const wrap = Number(wrapArg);
  if (wrap === 0) ctx.stdout.write(enc === '' ? '' : `${enc}\n`);
  else for (let i = 0; i < enc.length; i += wrap) ctx.stdout.write(`${enc.slice(i, i + wrap)}\n`);
  return 0;
}

export const base64 = defineCommand('base64', runBase64);
