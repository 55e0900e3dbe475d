// stty: terminal settings of standard input; `size`, `-a`, and the usual mode words (accepted, not
// modelled). Not a terminal: `stty: 'standard input': Inappropriate ioctl for device`.

import { defineCommand, type Dialect } from './lib/dialect';
import type { CommandContext } from './types';

export async function runStty(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const args = ctx.argv.slice(1);
  if (!ctx.stdin.isTTY) {
    ctx.stderr.write(dialect === 'gnu' ? "stty: 'standard input': Inappropriate ioctl for device\n" : 'stty: standard input: Not a tty\n');
    return 1;
  }
  const cols = ctx.stdout.columns || 80;
  const rows = Number(ctx.env.LINES) || 24;
  if (args[0] === 'size') {
    ctx.stdout.write(`${rows} ${cols}\n`);
    return 0;
  }
  if (args[0] === '-a' || args[0] === '--all') {
    ctx.stdout.write(`speed 38400 baud; rows ${rows}; columns ${cols}; line = 0;
intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>; eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R; werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;
-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts
-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff -iuclc -ixany -imaxbel iutf8
opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0
isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt echoctl echoke -flusho -extproc
`);
    return 0;
  }
  if (args.length === 0) {
    ctx.stdout.write('speed 38400 baud; line = 0;\n-brkint -imaxbel iutf8\n');
    return 0;
  }
  const known = /^-?(echo|icanon|isig|raw|cooked|sane|ixon|icrnl|onlcr|opost|iexten|echoe|echok|echoctl|echoke|ctlecho|tostop)$|^(rows|cols|columns|intr|erase|kill|eof|susp|min|time)$|^\d+$|^\^?.$/;
  for (const a of args) {
    if (!known.test(a)) {
      ctx.stderr.write(`stty: invalid argument '${a}'\nTry 'stty --help' for more information.\n`);
      return 1;
    }
  }
  return 0;
}

export const stty = defineCommand('stty', runStty);
