// kill (/usr/bin/kill): send a signal to processes; -s NAME, -NAME, -NUM, -l [SIG], -L.

import { defineCommand, type Dialect } from './lib/dialect';
import { progName } from './lib/io';
import { signalName, signalNumber, SIGNALS } from './lib/signals';
import type { CommandContext } from './types';

function listSignals(ctx: CommandContext): void {
  let out = '';
  SIGNALS.forEach(([n, name], i) => {
    out += `${String(n).padStart(2)}) SIG${name}`.padEnd(i % 5 === 4 ? 0 : 16);
    if (i % 5 === 4 || i === SIGNALS.length - 1) out = `${out.trimEnd()}\n`;
  });
  ctx.stdout.write(out);
}

export async function runKill(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'kill');
  const args = ctx.argv.slice(1);
  let sig = 15;
  let i = 0;
  const usage = (): number => {
    ctx.stderr.write(`${prog}: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
    return 2;
  };
  if (args.length === 0) return usage();
  const a0 = args[0];
  if (a0 === '-l' || a0 === '-L' || a0 === '--list' || a0 === '--table') {
    if (args.length === 1) {
      listSignals(ctx);
      return 0;
    }
    let status = 0;
    for (const s of args.slice(1)) {
      const n = /^\d+$/.test(s) ? Number(s) : signalNumber(s);
      const text = n === null ? null : /^\d+$/.test(s) ? signalName(n > 128 ? n - 128 : n) : String(n);
      if (text === null) {
        ctx.stderr.write(`${prog}: ${s}: invalid signal specification\n`);
        status = 1;
      } else ctx.stdout.write(`${text}\n`);
    }
    return status;
  }
  if (a0 === '-s' || a0 === '-n') {
    const n = args[1] === undefined ? null : signalNumber(args[1]);
    if (args[1] === undefined) return usage();
    if (n === null) {
      ctx.stderr.write(`${prog}: ${args[1]}: invalid signal specification\n`);
      return 1;
    }
    sig = n;
    i = 2;
  } else if (a0.startsWith('-') && a0.length > 1 && a0 !== '--') {
    const n = signalNumber(a0.slice(1));
    if (n === null) {
      ctx.stderr.write(`${prog}: ${a0.slice(1)}: invalid signal specification\n`);
      return 1;
    }
    sig = n;
    i = 1;
  }
  if (args[i] === '--') i++;
  const pids = args.slice(i);
  if (pids.length === 0) return usage();
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      ctx.stderr.write(`${prog}: ${p}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const r = ctx.sys.kill(Number(p), sig);
    if (r === 'ESRCH') {
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: can't kill pid ${p}: No such process\n` : `${prog}: (${p}) - No such process\n`);
      status = 1;
    } else if (r === 'EPERM') {
      ctx.stderr.write(dialect === 'busybox' ? `${prog}: can't kill pid ${p}: Operation not permitted\n` : `${prog}: (${p}) - Operation not permitted\n`);
      status = 1;
    }
  }
  return status;
}

export const kill = defineCommand('kill', runKill);
