// Interactive questions: confirmation (rm -i, cp -i, mv -i) and passwords (su, sudo), asked on stderr,
// answered by one line of stdin.

import { terminalBehind } from '../../shell/terminal';
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

/**
 * getpass(3): the prompt on stderr, then one line read with the terminal's echo off, so the password
 * typed is not shown; the echo setting is put back however the read ends (null at end of input).
 */
export async function readPassword(ctx: CommandContext, question: string): Promise<string | null> {
  const tty = terminalBehind(ctx.stdin);
  const wasOn = tty?.echo ?? true;
  tty?.setEcho?.(false);
  try {
    return await readLine(ctx, question);
  } finally {
    if (wasOn) tty?.setEcho?.(true);
  }
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
