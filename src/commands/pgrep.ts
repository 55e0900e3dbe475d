// pgrep and pkill (procps-ng 3.3.16): match process names (or full command lines with -f) against an
// extended regex; pgrep lists, pkill signals. Exit 1 when nothing matched.

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { signalNumber } from './lib/signals';
import { UserDb } from './lib/users';
import type { CommandContext, PsEntry } from './types';

function usage(prog: string): string {
  return `\nUsage:\n ${prog} [options] <pattern>\n\nFor more details see ${prog}(1).\n`;
}

export async function runPgrep(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = (ctx.argv[0] ?? 'pgrep').split('/').pop()!;
  const kill = prog === 'pkill';
  let args = ctx.argv.slice(1);
  let sig = 15;
  // pkill -9 / -KILL / -SIGKILL before the other options.
  if (kill && args[0] && /^-[A-Z0-9]/i.test(args[0]) && signalNumber(args[0].slice(1)) !== null && !/^-[lfaxnocvu]+$/.test(args[0])) {
    sig = signalNumber(args[0].slice(1))!;
    args = args.slice(1);
  }
  const p = parseArgs(args, {
    short: 'flaxnocvu:U:P:d:',
    long: { full: { key: 'f', arg: 'none' }, 'list-name': { key: 'l', arg: 'none' }, 'list-full': { key: 'a', arg: 'none' }, exact: { key: 'x', arg: 'none' }, newest: { key: 'n', arg: 'none' }, oldest: { key: 'o', arg: 'none' }, count: { key: 'c', arg: 'none' }, inverse: { key: 'v', arg: 'none' }, euid: { key: 'u', arg: 'required' }, uid: { key: 'U', arg: 'required' }, parent: { key: 'P', arg: 'required' }, signal: { key: 'signal', arg: 'required' }, delimiter: { key: 'd', arg: 'required' } },
  });
  if (!p.ok) {
    ctx.stderr.write(`${prog}: ${p.error}\n${dialect === 'gnu' ? usage(prog) : ''}`);
    return 2;
  }
  const sigOpt = lastValue(p, 'signal');
  if (sigOpt !== undefined) {
    const n = signalNumber(sigOpt);
    if (n === null) {
      ctx.stderr.write(`${prog}: Unknown signal "${sigOpt}".\n`);
      return 2;
    }
    sig = n;
  }
  if (p.operands.length > 1) {
    ctx.stderr.write(`${prog}: only one pattern can be provided\n${usage(prog)}`);
    return 2;
  }
  const userOpt = lastValue(p, 'u') ?? lastValue(p, 'U');
  if (p.operands.length === 0 && userOpt === undefined && lastValue(p, 'P') === undefined) {
    ctx.stderr.write(`${prog}: no matching criteria specified\n${usage(prog)}`);
    return 2;
  }
  let re: RegExp | null = null;
  if (p.operands[0] !== undefined) {
    try {
      re = new RegExp(has(p, 'x') ? `^(?:${p.operands[0]})$` : p.operands[0]);
    } catch {
      ctx.stderr.write(`${prog}: invalid regular expression\n`);
      return 2;
    }
  }
  const db = UserDb.load(ctx.sys.fs);
  const uids = userOpt?.split(',').map((u) => (/^\d+$/.test(u) ? Number(u) : (db.userByName(u)?.uid ?? -1)));
  if (uids?.includes(-1)) {
    ctx.stderr.write(`${prog}: invalid user name: ${userOpt}\n`);
    return 2;
  }
  const parents = lastValue(p, 'P')?.split(',').map(Number);
  const subject = (e: PsEntry): string => (has(p, 'f') ? e.argv.join(' ') : e.comm);
  let hits = ctx.sys.processes().filter((e) => {
    if (e.pid === ctx.process.pid) return false;
    const match = (re === null || re.test(subject(e))) && (!uids || uids.includes(e.uid)) && (!parents || parents.includes(e.ppid));
    return has(p, 'v') ? !match : match;
  });
  hits.sort((a, b) => a.pid - b.pid);
  if (has(p, 'n')) hits = hits.length ? [hits.reduce((a, b) => (b.startTime >= a.startTime ? b : a))] : [];
  if (has(p, 'o')) hits = hits.length ? [hits.reduce((a, b) => (b.startTime < a.startTime ? b : a))] : [];
  if (has(p, 'c')) {
    ctx.stdout.write(`${hits.length}\n`);
    return hits.length ? 0 : 1;
  }
  if (kill) {
    let any = false;
    for (const e of hits) {
      const r = ctx.sys.kill(e.pid, sig);
      if (r === 'ok') any = true;
      else if (r === 'EPERM') ctx.stderr.write(`${prog}: killing pid ${e.pid} failed: Operation not permitted\n`);
    }
    return any ? 0 : 1;
  }
  const delim = lastValue(p, 'd') ?? '\n';
  const lines = hits.map((e) => (has(p, 'a') ? `${e.pid} ${e.argv.join(' ')}` : has(p, 'l') ? `${e.pid} ${e.comm}` : String(e.pid)));
  if (lines.length) ctx.stdout.write(`${lines.join(delim)}\n`);
  return hits.length ? 0 : 1;
}

export const pgrep = defineCommand('pgrep', runPgrep);
export const pkill = defineCommand('pkill', runPgrep);
