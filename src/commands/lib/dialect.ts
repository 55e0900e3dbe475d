// Which userland a program speaks: GNU coreutils (Ubuntu nodes, Debian images) or busybox (Alpine).

import type { Command, CommandContext } from '../types';
import { tryHelp } from './args';

export type Dialect = 'gnu' | 'busybox';

/** A program whose wording depends on the userland it is built for; busybox runs it as an applet. */
export interface DialectCommand extends Command {
  runAs(ctx: CommandContext, dialect: Dialect): Promise<number>;
}

export function defineCommand(name: string, impl: (ctx: CommandContext, dialect: Dialect) => Promise<number>): DialectCommand {
  return { name, run: (ctx) => impl(ctx, 'gnu'), runAs: impl };
}

/** A usage error as both userlands word it: `prog: message`, then GNU's `Try 'prog --help'` line. */
export function usageError(ctx: CommandContext, dialect: Dialect, prog: string, message: string, status = 1): number {
  ctx.stderr.write(`${prog}: ${message}\n${dialect === 'gnu' ? tryHelp(prog) : ''}`);
  return status;
}
