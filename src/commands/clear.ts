// clear: home the cursor, erase the screen and the scrollback (ncurses with E3), as `clear` on xterm does.

import { defineCommand } from './lib/dialect';

export const clear = defineCommand('clear', async (ctx) => {
  ctx.stdout.write(ctx.argv.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
  return 0;
});
