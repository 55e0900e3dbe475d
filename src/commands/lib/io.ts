// Small helpers every program uses: writing lines, turning VfsErrors into strerror text, reading inputs.

import { isVfsError, STRERROR, type Errno, type VfsError } from '../../vfs';
import { readAll } from '../../core/stream';
import type { CommandContext } from '../types';

/** The VfsError inside a caught value; anything else is a bug in the program and is rethrown. */
export function vfsError(e: unknown): VfsError {
  if (isVfsError(e)) return e;
  throw e;
}

/** glibc strerror text of a caught VfsError (rethrows other exceptions). */
export function errText(e: unknown): string {
  return vfsError(e).text;
}

export function errCode(e: unknown): Errno {
  return vfsError(e).code;
}

export function strerror(code: Errno): string {
  return STRERROR[code];
}

/** `prog: message` on stderr. */
export function warn(ctx: CommandContext, prog: string, message: string): void {
  ctx.stderr.write(`${prog}: ${message}\n`);
}

/** Program name as the tool prints it in its messages (basename of argv[0]). */
export function progName(ctx: CommandContext, fallback: string): string {
  const a = ctx.argv[0] ?? fallback;
  const base = a.slice(a.lastIndexOf('/') + 1);
  return base === '' ? fallback : base;
}

/**
 * Read one input operand the way most filters do: `-` (or no operand) is stdin, otherwise open
 * O_RDONLY. Returns the text or the VfsError.
 */
export async function readInput(ctx: CommandContext, name: string): Promise<string | VfsError> {
  if (name === '-') return readAll(ctx.stdin);
  try {
    return ctx.sys.fs.readFile(name);
  } catch (e) {
    return vfsError(e);
  }
}

/** Split text into lines, dropping the empty piece after a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** True when the caller runs as root (effective uid). */
export function isRoot(ctx: CommandContext): boolean {
  return ctx.process.euid === 0;
}
