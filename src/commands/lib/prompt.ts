// Interactive confirmation (rm -i, cp -i, mv -i): question on stderr, answer is one line of stdin.

import type { CommandContext } from '../types';

export async function askYes(ctx: CommandContext, question: string): Promise<boolean> {
  const line = await readLine(ctx, question);
  return line !== null && /^[yY]/.test(line.trim());
}

/** Ask on stderr and read one line of stdin (null at end of input). */
export async function readLine(ctx: CommandContext, question: string): Promise<string | null> {
  ctx.stderr.write(question);
  const chunk = await ctx.stdin.read();
  return chunk === null ? null : chunk.split('\n')[0];
}

/** How rm's prompts describe a file type. */
export function fileTypeWord(type: string, size: number): string {
  switch (type) {
    case 'file':
      return size === 0 ? 'regular empty file' : 'regular file';
    case 'dir':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'chardev':
      return 'character special file';
    case 'fifo':
      return 'fifo';
    case 'socket':
      return 'socket';
    default:
      return 'file';
  }
}
