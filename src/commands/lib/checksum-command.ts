// Shared body of the coreutils checksum commands (md5sum, sha256sum): `<hex>  <name>` per input
// (stdin shows `-`), and -c/--check verifying a checksum list with --quiet/--status.

import type { CommandContext } from '../types';
import { has, parseArgs } from './args';
import { defineCommand, type Dialect, type DialectCommand, usageError } from './dialect';
import { progName, readInput, splitLines } from './io';
import { quotef } from './quote';

export interface ChecksumAlgorithm {
  /** Command name, used as the program name in messages. */
  name: string;
  /** Hex digits of one digest: a checksum line with any other length is not this algorithm's. */
  hexLength: number;
  hexOf(text: string): string;
}

export async function runChecksum(ctx: CommandContext, dialect: Dialect, algo: ChecksumAlgorithm): Promise<number> {
  const prog = progName(ctx, algo.name);
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'cbtw',
    long: { check: { key: 'c', arg: 'none' }, quiet: { key: 'quiet', arg: 'none' }, status: { key: 'status', arg: 'none' } },
  });
  if (!p.ok) return usageError(ctx, dialect, prog, p.error);
  const files = p.operands.length === 0 ? ['-'] : p.operands;
  if (has(p, 'c')) return checkLists(ctx, prog, algo, files, { quiet: has(p, 'quiet'), status: has(p, 'status') });
  let status = 0;
  for (const f of files) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: ${quotef(f)}: ${text.text}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`${algo.hexOf(text)}  ${f}\n`);
  }
  return status;
}

async function checkLists(
  ctx: CommandContext,
  prog: string,
  algo: ChecksumAlgorithm,
  lists: string[],
  opts: { quiet: boolean; status: boolean },
): Promise<number> {
  const lineRe = new RegExp(`^([0-9a-fA-F]{${algo.hexLength}}) [ *](.*)$`);
  let status = 0;
  let failed = 0;
  for (const list of lists) {
    const text = await readInput(ctx, list);
    if (typeof text !== 'string') {
      ctx.stderr.write(`${prog}: ${quotef(list)}: ${text.text}\n`);
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      const m = lineRe.exec(line);
      if (!m) continue;
      const data = await readInput(ctx, m[2]);
      if (typeof data !== 'string') {
        ctx.stderr.write(`${prog}: ${m[2]}: ${data.text}\n`);
        ctx.stdout.write(`${m[2]}: FAILED open or read\n`);
        failed++;
        continue;
      }
      const ok = algo.hexOf(data) === m[1].toLowerCase();
      if (!ok) failed++;
      if (!opts.status && !(ok && opts.quiet)) ctx.stdout.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
  }
  if (failed > 0) {
    if (!opts.status) ctx.stderr.write(`${prog}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
    status = 1;
  }
  return status;
}

export function defineChecksumCommand(algo: ChecksumAlgorithm): DialectCommand {
  return defineCommand(algo.name, (ctx, dialect) => runChecksum(ctx, dialect, algo));
}
