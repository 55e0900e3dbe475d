// Which userland a program speaks: GNU coreutils (Ubuntu nodes, Debian images) or busybox (Alpine).

import type { Command, CommandContext } from '../types';

export type Dialect = 'gnu' | 'busybox';

/** A program whose wording depends on the userland it is built for; busybox runs it as an applet. */
export interface DialectCommand extends Command {
  runAs(ctx: CommandContext, dialect: Dialect): Promise<number>;
}

export function defineCommand(name: string, impl: (ctx: CommandContext, dialect: Dialect) => Promise<number>): DialectCommand {
  return { name, run: (ctx) => impl(ctx, 'gnu'), runAs: impl };
}
