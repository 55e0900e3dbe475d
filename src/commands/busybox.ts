// busybox: one multi-call program; the applet is basename(argv[0]) (or argv[1] when run as `busybox`),
// and each applet runs with busybox wording where it differs from GNU (reference §2.5, §4, §7.2).

import type { Command, CommandContext } from './types';
import type { DialectCommand } from './lib/dialect';

export type AppletTable = Record<string, Command>;

function isDialect(c: Command): c is DialectCommand {
  return typeof (c as Partial<DialectCommand>).runAs === 'function';
}

function banner(ctx: CommandContext): string {
  // Alpine 3.17 ships 1.35.0; the busybox:1.36 image 1.36.1.
  const alpine = ctx.sys.fs.exists('/etc/alpine-release');
  return alpine ? 'BusyBox v1.35.0 (2022-11-19 10:13:10 UTC) multi-call binary.' : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';
}

/** Build the busybox program over a table of applets (name → program). */
export function createBusybox(applets: AppletTable): Command {
  const run = async (ctx: CommandContext): Promise<number> => {
    const arg0 = ctx.argv[0] ?? 'busybox';
    let name = arg0.slice(arg0.lastIndexOf('/') + 1);
    let argv = ctx.argv;
    if (name === 'busybox') {
      const first = ctx.argv[1];
      const names = Object.keys(applets).sort();
      if (first === undefined || first === '--help') {
        ctx.stdout.write(
          `${banner(ctx)}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\n` +
            `Usage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n` +
            `\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\n` +
            `Currently defined functions:\n\t${names.join(', ')}\n`,
        );
        return 0;
      }
      if (first === '--list' || first === '--list-full') {
        for (const n of names) ctx.stdout.write(`${n}\n`);
        return 0;
      }
      name = first;
      argv = ctx.argv.slice(1);
    }
    const applet = applets[name];
    if (!applet) {
      ctx.stderr.write(`${name}: applet not found\n`);
      return 127;
    }
    const sub: CommandContext = { ...ctx, argv };
    return isDialect(applet) ? applet.runAs(sub, 'busybox') : applet.run(sub);
  };
  return { name: 'busybox', run };
}

/** Applet names that are another applet under a second name. */
export const APPLET_ALIASES: Record<string, string> = { egrep: 'grep', fgrep: 'grep', ash: 'sh', hush: 'sh' };

/** A table from programs by name, adding the aliases whose target is present. */
export function appletTable(commands: Command[], extra: AppletTable = {}): AppletTable {
  const table: AppletTable = {};
  for (const c of commands) table[c.name] = c;
  Object.assign(table, extra);
  for (const [alias, target] of Object.entries(APPLET_ALIASES)) if (table[target] && !table[alias]) table[alias] = table[target];
  return table;
}
