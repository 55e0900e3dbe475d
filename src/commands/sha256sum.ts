// sha256sum: `<hex>  <name>` per input (stdin shows `-`); -c verifies a checksum list.

import { has, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { progName, readInput, splitLines } from './lib/io';
import { sha256Hex } from './lib/sha256';
import { quotef } from './lib/quote';
import type { CommandContext } from './types';

export async function runSha256sum(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'sha256sum');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'cbtw',
    long: { check: { key: 'c', arg: 'none' }, quiet: { key: 'quiet', arg: 'none' }, status: { key: 'status', arg: 'none' } },
  });
  if (!p.ok) {
    ctx.stderr.write(`${prog}: ${p.error}\n${dialect === 'gnu' ? tryHelp(prog) : ''}`);
    return 1;
  }
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  let status = 0;
  if (has(p, 'c')) {
    let failed = 0;
    for (const list of files) {
      const text = await readInput(ctx, list);
      if (typeof text !== 'string') {
        ctx.stderr.write(`${prog}: ${quotef(list)}: ${text.text}\n`);
        status = 1;
        continue;
      }
      for (const line of splitLines(text)) {
        const m = /^([0-9a-fA-F]{64}) [ *](.*)$/.exec(line);
        if (!m) continue;
        const data = await readInput(ctx, m[2]);
        if (typeof data !== 'string') {
          ctx.stderr.write(`${prog}: ${m[2]}: ${data.text}\n`);
          ctx.stdout.write(`${m[2]}: FAILED open or read\n`);
          failed++;
          continue;
        }
        const ok = sha256Hex(data) === m[1].toLowerCase();
        if (!ok) failed++;
        if (!has(p, 'status') && !(ok && has(p, 'quiet'))) ctx.stdout.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
      }
    }
    if (failed > 0) {
      if (!has(p, 'status')) ctx.stderr.write(`${prog}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
      status = 1;
    }
    return status;
  }
  for (const f of files) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: ${quotef(f)}: ${text.text}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`${sha256Hex(text)}  ${f}\n`);
  }
  return status;
}

export const sha256sum = defineCommand('sha256sum', runSha256sum);
