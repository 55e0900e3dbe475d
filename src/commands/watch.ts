// watch (procps-ng 3.3.16): run a command through `sh -c` every -n seconds, full screen with the
// `Every 2.0s: cmd   host: date` title, until Ctrl-C; -g exits when the output changes.

import { has, lastValue, parseArgs } from './lib/args';
import { strftime } from './lib/timefmt';
import type { Command, CommandContext } from './types';

const USAGE = '\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -d, --differences[=<permanent>]\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -n, --interval <secs>  seconds to wait between updates\n  -t, --no-title         turn off header\n';

async function runWatch(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'bdegn:tx',
    stopAtOperand: true,
    long: { beep: { key: 'b', arg: 'none' }, differences: { key: 'd', arg: 'optional' }, errexit: { key: 'e', arg: 'none' }, chgexit: { key: 'g', arg: 'none' }, interval: { key: 'n', arg: 'required' }, 'no-title': { key: 't', arg: 'none' }, exec: { key: 'x', arg: 'none' } },
  });
  if (!p.ok) {
    ctx.stderr.write(`watch: ${p.error}\n${USAGE}`);
    return 1;
  }
  if (p.operands.length === 0) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const nText = lastValue(p, 'n') ?? '2';
  const interval = Math.max(0.1, Number(nText));
  if (!Number.isFinite(Number(nText))) {
    ctx.stderr.write(`watch: failed to parse argument: '${nText}'\n`);
    return 1;
  }
  const command = p.operands.join(' ');
  const argv = has(p, 'x') ? p.operands : ['sh', '-c', command];
  const width = ctx.stdout.columns || 80;
  let previous: string | null = null;
  while (!ctx.signal.aborted) {
    let text = '';
    const sink = { write: (t: string) => (text += t), isTTY: false, columns: width, close: () => {} };
    const r = await ctx.sys.spawn(argv, { stdout: sink, stderr: sink });
    let screen = '\x1b[H\x1b[2J';
    if (!has(p, 't')) {
      const left = `Every ${interval.toFixed(1)}s: ${command}`;
      const right = `${ctx.process.hostname}: ${strftime('%a %b %e %H:%M:%S %Y', ctx.sys.wall())}`;
      screen += `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}\n\n`;
    }
    ctx.stdout.write(screen + text);
    if (has(p, 'e') && r.status !== 0) {
      ctx.stderr.write(`\ncommand exit with a non-zero status, press a key to exit\n`);
      return 8;
    }
    if (has(p, 'g') && previous !== null && previous !== text) return 0;
    previous = text;
    if (!(await ctx.sys.sleep(interval * 1e9))) break;
  }
  return 0;
}

export const watch: Command = { name: 'watch', run: runWatch };
