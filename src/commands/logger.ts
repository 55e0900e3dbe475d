// logger (util-linux 2.34): one syslog message per argument list or stdin line, into the journal as
// `<tag>[pid]: message` (tag defaults to the login name; journald adds the sender's pid and uid).

import { readLines } from '../core/stream';
import { journalOf } from '../world/systemd/client';
import { has, lastValue, parseArgs, tryHelp } from './lib/args';
import { UserDb } from './lib/users';
import type { Command, CommandContext } from './types';

const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp'];
const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const LEVEL_ALIASES: Record<string, string> = { panic: 'emerg', error: 'err', warn: 'warning' };

function parsePriority(spec: string): number | null {
  const [fac, lvl] = spec.includes('.') ? spec.split('.', 2) : ['user', spec];
  const level = LEVEL_ALIASES[lvl] ?? lvl;
  const l = /^\d+$/.test(level) ? Number(level) : LEVELS.indexOf(level);
  if (l < 0 || l > 7) return null;
  if (!FACILITIES.includes(fac) && !/^local[0-7]$/.test(fac)) return null;
  return l;
}

async function runLogger(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 't:p:isef:n:P:uT',
    long: { tag: { key: 't', arg: 'required' }, priority: { key: 'p', arg: 'required' }, id: { key: 'i', arg: 'optional' }, stderr: { key: 's', arg: 'none' }, file: { key: 'f', arg: 'required' } },
  });
  if (!p.ok) {
    ctx.stderr.write(`logger: ${p.error}\n${tryHelp('logger')}`);
    return 1;
  }
  const pri = lastValue(p, 'p');
  const level = pri === undefined ? 5 : parsePriority(pri);
  if (level === null) {
    ctx.stderr.write(`logger: unknown priority name: ${pri}\n`);
    return 1;
  }
  const tag = lastValue(p, 't') ?? ctx.env.LOGNAME ?? ctx.env.USER ?? UserDb.load(ctx.sys.fs).userName(ctx.process.uid);
  // The pid in the message (-i) only shows in -s's echo: journalctl prints the sender's _PID either way.
  const pid = has(p, 'i') ? ctx.process.pid : null;
  const messages: string[] = [];
  const file = lastValue(p, 'f');
  if (p.operands.length > 0) messages.push(p.operands.join(' '));
  else if (file !== undefined) {
    try {
      messages.push(...ctx.sys.fs.readFile(file).split('\n').filter((l) => l !== ''));
    } catch (e) {
      ctx.stderr.write(`logger: failed to open ${file}: ${(e as { text?: string }).text ?? 'error'}\n`);
      return 1;
    }
  } else for await (const line of readLines(ctx.stdin)) if (line !== '') messages.push(line);
  const journal = journalOf(ctx.sys);
  for (const message of messages) {
    journal?.append({ ident: tag, priority: level, message });
    if (has(p, 's')) ctx.stderr.write(`${tag}${pid === null ? '' : `[${pid}]`}: ${message}\n`);
  }
  return 0;
}

export const logger: Command = { name: 'logger', run: runLogger };
