// lesspipe (Debian's less preprocessor): without arguments, the LESSOPEN/LESSCLOSE exports .bashrc
// evals; with a plain-text file, nothing (less shows the file as it is).

import type { Command, CommandContext } from './types';

async function runLesspipe(ctx: CommandContext): Promise<number> {
  if (ctx.argv.length > 1) return 0;
  const csh = /csh$/.test(ctx.env.SHELL ?? '');
  ctx.stdout.write(csh ? 'setenv LESSOPEN "| /usr/bin/lesspipe %s";\nsetenv LESSCLOSE "/usr/bin/lesspipe %s %s";\n' : 'export LESSOPEN="| /usr/bin/lesspipe %s";\nexport LESSCLOSE="/usr/bin/lesspipe %s %s";\n');
  return 0;
}

export const lesspipe: Command = { name: 'lesspipe', run: runLesspipe };
