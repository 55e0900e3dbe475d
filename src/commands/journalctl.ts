// journalctl (systemd 245): the node journal in short format; -u -t -n -f -e -q -r -p -o --since/--until;
// users outside adm/systemd-journal see only their own entries, after a hint.

import { journalOf, type JournalFilter } from '../world/systemd/client';
import { formatJournalShort, type JournalEntry } from '../world/journal';
import { systemdStamp } from '../core/time';
import { defineCommand } from './lib/dialect';
import { parseArgs } from './lib/args';
import { parseDateSpec } from './lib/datespec';
import { progName } from './lib/io';
import { strftime } from './lib/timefmt';
import { unitName } from './lib/systemd-format';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** journalctl accepts `-n 20` although -n's argument is optional: merge a following number in. */
function mergeLineCounts(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '-n' || args[i] === '--lines') && /^\+?\d+$/.test(args[i + 1] ?? '')) out.push(`${args[i] === '-n' ? '-n' : '--lines='}${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

export async function runJournalctl(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'journalctl');
  const p = parseArgs(mergeLineCounts(ctx.argv.slice(1)), {
    short: 'u:t:n::fexqrp:o:S:U:bkal',
    long: {
      unit: { key: 'u', arg: 'required' },
      identifier: { key: 't', arg: 'required' },
      lines: { key: 'n', arg: 'optional' },
      follow: { key: 'f', arg: 'none' },
      'pager-end': { key: 'e', arg: 'none' },
      catalog: { key: 'x', arg: 'none' },
      quiet: { key: 'q', arg: 'none' },
      reverse: { key: 'r', arg: 'none' },
      priority: { key: 'p', arg: 'required' },
      output: { key: 'o', arg: 'required' },
      since: { key: 'S', arg: 'required' },
      until: { key: 'U', arg: 'required' },
      boot: { key: 'b', arg: 'optional' },
      dmesg: { key: 'k', arg: 'none' },
      'no-pager': { key: 'no-pager', arg: 'none' },
      'no-hostname': { key: 'no-hostname', arg: 'none' },
      all: { key: 'a', arg: 'none' },
      full: { key: 'l', arg: 'none' },
      utc: { key: 'utc', arg: 'none' },
    },
  });
  if (!p.ok) {
    ctx.stderr.write(`${prog}: ${p.error}\n`);
    return 1;
  }
  const journal = ctx.process.containerId === null ? journalOf(ctx.sys) : undefined;
  if (!journal) {
    ctx.stdout.write('No journal files were found.\n-- No entries --\n');
    return 0;
  }
  const filter: JournalFilter = {};
  let lines: number | null = null;
  let follow = false;
  let quiet = false;
  let reverse = false;
  let maxPriority = 7;
  let output = 'short';
  let until: number | null = null;
  const epochMs = journal.epochMs();
  for (const o of p.opts) {
    switch (o.key) {
      case 'u':
        (filter.units ??= []).push(unitName(o.value!));
        break;
      case 't':
        (filter.identifiers ??= []).push(o.value!);
        break;
      case 'k':
        (filter.identifiers ??= []).push('kernel');
        break;
      case 'n': {
        const v = o.value === undefined || o.value === 'all' ? (o.value === 'all' ? Infinity : 10) : Number(o.value.replace(/^\+/, ''));
        if (Number.isNaN(v)) {
          ctx.stderr.write(`Failed to parse lines '${o.value}'\n`);
          return 1;
        }
        lines = v;
        break;
      }
      case 'e':
        lines ??= 1000;
        break;
      case 'f':
        follow = true;
        break;
      case 'q':
        quiet = true;
        break;
      case 'r':
        reverse = true;
        break;
      case 'p': {
        const v = /^\d$/.test(o.value!) ? Number(o.value) : PRIORITIES.indexOf(o.value!);
        if (v < 0 || v > 7) {
          ctx.stderr.write(`Unknown log level ${o.value}\n`);
          return 1;
        }
        maxPriority = v;
        break;
      }
      case 'o':
        if (!['short', 'cat', 'short-iso', 'short-precise', 'with-unit'].includes(o.value!)) {
          ctx.stderr.write(`Unknown output format '${o.value}'.\n`);
          return 1;
        }
        output = o.value!;
        break;
      case 'S':
      case 'U': {
        const t = parseDateSpec(o.value!, ctx.sys.now(), epochMs);
        if (t === null) {
          ctx.stderr.write(`Failed to parse timestamp: ${o.value}\n`);
          return 1;
        }
        if (o.key === 'S') filter.sinceNs = t;
        else until = t;
        break;
      }
    }
  }
  const root = ctx.process.euid === 0;
  const db = UserDb.load(ctx.sys.fs);
  const privileged = root || ctx.process.groups.some((g) => ['adm', 'systemd-journal'].includes(db.groupName(g)));
  if (!privileged) {
    filter.uid = ctx.process.uid;
    if (!quiet) {
      ctx.stderr.write(
        "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n",
      );
    }
  }
  const hostname = journal.hostname();
  const format = (e: JournalEntry): string => {
    if (output === 'cat') return e.message;
    const line = formatJournalShort(e, hostname, epochMs);
    if (output === 'short-iso') return `${strftime('%Y-%m-%dT%H:%M:%S+0000', ctx.sys.wall(e.time))}${line.slice(15)}`;
    return line;
  };
  const keep = (e: JournalEntry): boolean => e.priority <= maxPriority && (until === null || e.time <= until);
  let entries = journal.query(filter).filter(keep);
  if (follow && lines === null) lines = 10;
  if (lines !== null && Number.isFinite(lines)) entries = lines === 0 ? [] : entries.slice(-lines);
  if (reverse) entries = entries.reverse();
  const bounds = journal.bounds();
  if (!quiet && bounds) {
    const first = systemdStamp(ctx.sys.wall(bounds.first));
    ctx.stdout.write(follow ? `-- Logs begin at ${first}. --\n` : `-- Logs begin at ${first}, end at ${systemdStamp(ctx.sys.wall(bounds.last))}. --\n`);
  }
  if (entries.length === 0 && !follow) {
    if (!quiet) ctx.stdout.write('-- No entries --\n');
    return 0;
  }
  for (const e of entries) ctx.stdout.write(`${format(e)}\n`);
  if (!follow) return 0;
  await journal.follow(filter, (e) => {
    if (keep(e)) ctx.stdout.write(`${format(e)}\n`);
  }, ctx.signal);
  return 130;
}

export const journalctl = defineCommand('journalctl', runJournalctl);
