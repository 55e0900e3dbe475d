// cksum (POSIX CRC-32 with the length folded in): `crc size name` per input.

import { defineCommand, type Dialect } from './lib/dialect';
import { readInput } from './lib/io';
import type { CommandContext } from './types';

const TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i << 24;
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
  return c >>> 0;
});

export function posixCrc(bytes: Uint8Array): number {
  let crc = 0;
  const step = (b: number): void => {
    crc = ((crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  };
  for (const b of bytes) step(b);
  for (let n = bytes.length; n > 0; n = Math.floor(n / 256)) step(n & 0xff);
  return ~crc >>> 0;
}

export async function runCksum(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  let status = 0;
  for (const f of files.length === 0 ? ['-'] : files) {
    const text = await readInput(ctx, f);
    if (typeof text !== 'string') {
      ctx.stderr.write(`cksum: ${f}: ${text.text}\n`);
      status = 1;
      continue;
    }
    const bytes = new TextEncoder().encode(text);
    ctx.stdout.write(`${posixCrc(bytes)} ${bytes.length}${f === '-' && files.length === 0 ? '' : ` ${f}`}\n`);
  }
  return status;
}

export const cksum = defineCommand('cksum', runCksum);
