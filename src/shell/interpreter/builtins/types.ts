// The builtin-command interface: builtins run inside the shell process and can change its state.
import type { Shell } from '../runtime';

export interface BuiltinCall {
  sh: Shell;
  /** argv[0] is the builtin's name as invoked (`[` or `test`, `.` or `source`). */
  argv: string[];
}

export type Builtin = (call: BuiltinCall) => Promise<number> | number;

/** `bash: cd: msg` — the shell prefix plus the builtin's name. */
export function builtinError(sh: Shell, name: string, message: string): void {
  sh.error(`${name}: ${message}`);
}

/** bash's message for a bad option, followed by the usage line; status 2. */
export function invalidOption(sh: Shell, name: string, option: string, usage: string): number {
  builtinError(sh, name, `${option}: invalid option`);
  sh.stderr().write(`${name}: usage: ${usage}\n`);
  return 2;
}

export const isInteger = (s: string): boolean => /^\s*[-+]?[0-9]+\s*$/.test(s);
