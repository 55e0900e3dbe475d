// ps (procps-ng 3.3.16): plain, -e/-A, -f, -ef, BSD aux; busybox ps. Widths from the reference (PID 7).

import { MONTHS } from '../core/time';
import type { PsEntry } from './types';
import { defineCommand, type Dialect } from './lib/dialect';
import { progName } from './lib/io';
import { cpuTimeLong, cpuTimeShort, formatRow, type Column } from './lib/ps-format';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

/** Simulated MemTotal in KiB (a 2 GiB Vagrant box), for %MEM. */
const MEM_TOTAL_KIB = 2_013_000;

interface Selection {
  all: boolean;
  withTty: boolean;
  noTtyToo: boolean;
  pids: number[] | null;
  users: string[] | null;
  format: 'plain' | 'full' | 'user' | 'custom';
  fields: string[];
}

function parsePs(args: string[]): Selection | string {
  const s: Selection = { all: false, withTty: false, noTtyToo: false, pids: null, users: null, format: 'plain', fields: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const bsd = !a.startsWith('-');
    const letters = bsd ? a : a.slice(1);
    if (a.startsWith('--')) {
      if (a === '--forest' || a === '--no-headers' || a.startsWith('--sort') || a.startsWith('--cols') || a.startsWith('--width')) continue;
      return `error: unknown gnu long option`;
    }
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j];
      const rest = (): string => {
        const r = letters.slice(j + 1);
        j = letters.length;
        return r !== '' ? r : (args[++i] ?? '');
      };
      if (bsd) {
        if (c === 'a') s.withTty = true;
        else if (c === 'x') s.noTtyToo = true;
        else if (c === 'u') s.format = 'user';
        else if (c === 'f' || c === 'w' || c === 'e' || c === 'h') continue;
        else if (c === 'U') s.users = rest().split(',');
        else if (c === 'p') s.pids = rest().split(',').map(Number);
        else return `error: unsupported option (BSD syntax)`;
      } else {
        if (c === 'e' || c === 'A') s.all = true;
        else if (c === 'f') s.format = 'full';
        else if (c === 'F' || c === 'l') s.format = 'full';
        else if (c === 'a' || c === 'x' || c === 'w' || c === 'H') {
          if (c === 'a') s.withTty = true;
          if (c === 'x') s.noTtyToo = true;
        } else if (c === 'u' || c === 'U') s.users = rest().split(',');
        else if (c === 'p') s.pids = rest().split(',').map(Number);
        else if (c === 'o') {
          s.format = 'custom';
          s.fields.push(...rest().split(','));
        } else return `error: unsupported SysV option`;
      }
    }
  }
  if (s.withTty && s.noTtyToo) s.all = true;
  return s;
}

function startText(ctx: CommandContext, t: number): string {
  const st = ctx.sys.wall(t).date;
  const now = ctx.sys.wall().date;
  const sameDay = now.getTime() - st.getTime() < 86_400_000 && st.getUTCDate() === now.getUTCDate();
  return sameDay
    ? `${String(st.getUTCHours()).padStart(2, '0')}:${String(st.getUTCMinutes()).padStart(2, '0')}`
    : `${MONTHS[st.getUTCMonth()]}${String(st.getUTCDate()).padStart(2, '0')}`;
}

/** procps pr_stat: state letter, then `s` session leader, `l` multi-threaded, `+` foreground group. */
export function statText(p: PsEntry): string {
  return `${p.state}${p.sessionLeader ? 's' : ''}${p.threads > 1 ? 'l' : ''}${p.foreground ? '+' : ''}`;
}

function command(p: PsEntry): string {
  return p.argv.length === 0 ? `[${p.comm}]` : p.argv.join(' ');
}

function userName(db: UserDb, uid: number): string {
  const u = db.userByUid(uid);
  if (!u) return String(uid);
  // procps shows names longer than 8 as the first 7 characters and a `+`.
  return u.name.length > 8 ? `${u.name.slice(0, 7)}+` : u.name;
}

export async function runPs(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'ps');
  const procs = ctx.sys.processes().sort((a, b) => a.pid - b.pid);
  const db = UserDb.load(ctx.sys.fs);
  if (dialect === 'busybox') {
    ctx.stdout.write('PID   USER     TIME  COMMAND\n');
    for (const p of procs) ctx.stdout.write(`${String(p.pid).padStart(5)} ${userName(db, p.uid).padEnd(8).slice(0, 8)} ${cpuTimeShort(p.cpuTimeNs).padStart(5)} ${command(p)}\n`);
    return 0;
  }
  const sel = parsePs(ctx.argv.slice(1));
  if (typeof sel === 'string') {
    ctx.stderr.write(`${sel}\n\nUsage:\n ${prog} [options]\n\n Try '${prog} --help <simple|list|output|threads|misc|all>'\n  or '${prog} --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
    return 1;
  }
  const myTty = ctx.process.tty;
  const chosen = procs.filter((p) => {
    if (sel.pids) return sel.pids.includes(p.pid);
    if (sel.users) return sel.users.includes(db.userName(p.uid)) || sel.users.includes(String(p.uid));
    if (sel.all) return true;
    if (sel.withTty) return p.tty !== null;
    if (sel.noTtyToo) return p.uid === ctx.process.euid;
    return p.uid === ctx.process.euid && p.tty === myTty;
  });
  const width = ctx.stdout.isTTY ? ctx.stdout.columns : Infinity;
  const emit = (line: string): void => ctx.stdout.write(`${line.length > width ? line.slice(0, width) : line}\n`);
  const tty = (p: PsEntry): string => p.tty ?? '?';
  const L = (text: string, w: number): Column => ({ text, width: w, align: 'left' });
  const R = (text: string, w: number): Column => ({ text, width: w, align: 'right' });
  if (sel.format === 'user') {
    emit(formatRow([L('USER', 8), R('PID', 7), R('%CPU', 4), R('%MEM', 4), R('VSZ', 6), R('RSS', 5), L('TTY', 8), L('STAT', 4), L('START', 5), R('TIME', 6), L('COMMAND', 0)]));
    for (const p of chosen) {
      // procps computes tenths of a percent in integers, so the value is truncated, not rounded.
      const permille = Math.floor((p.rss * 1000) / MEM_TOTAL_KIB);
      const mem = `${Math.floor(permille / 10)}.${permille % 10}`;
      emit(
        formatRow([
          L(userName(db, p.uid), 8), R(String(p.pid), 7), R('0.0', 4), R(mem, 4), R(String(p.vsz), 6), R(String(p.rss), 5),
          L(tty(p), 8), L(statText(p), 4), L(startText(ctx, p.startTime), 5), R(cpuTimeShort(p.cpuTimeNs), 6), L(command(p), 0),
        ]),
      );
    }
    return 0;
  }
  if (sel.format === 'full') {
    emit(formatRow([L('UID', 8), R('PID', 7), R('PPID', 7), R('C', 2), L('STIME', 5), L('TTY', 8), R('TIME', 8), L('CMD', 0)]));
    for (const p of chosen) {
      emit(
        formatRow([
          L(userName(db, p.uid), 8), R(String(p.pid), 7), R(String(p.ppid), 7), R('0', 2), L(startText(ctx, p.startTime), 5),
          L(tty(p), 8), R(cpuTimeLong(p.cpuTimeNs), 8), L(command(p), 0),
        ]),
      );
    }
    return 0;
  }
  if (sel.format === 'custom') {
    const spec: Record<string, { head: string; w: number; align: 'left' | 'right'; get: (p: PsEntry) => string }> = {
      pid: { head: 'PID', w: 7, align: 'right', get: (p) => String(p.pid) },
      ppid: { head: 'PPID', w: 7, align: 'right', get: (p) => String(p.ppid) },
      user: { head: 'USER', w: 8, align: 'left', get: (p) => userName(db, p.uid) },
      uid: { head: 'UID', w: 5, align: 'right', get: (p) => String(p.uid) },
      comm: { head: 'COMMAND', w: 15, align: 'left', get: (p) => p.comm },
      args: { head: 'COMMAND', w: 0, align: 'left', get: command },
      cmd: { head: 'CMD', w: 0, align: 'left', get: command },
      stat: { head: 'STAT', w: 4, align: 'left', get: statText },
      s: { head: 'S', w: 1, align: 'left', get: (p) => p.state },
      sid: { head: 'SID', w: 7, align: 'right', get: (p) => String(p.sid) },
      sess: { head: 'SESS', w: 7, align: 'right', get: (p) => String(p.sid) },
      nlwp: { head: 'NLWP', w: 4, align: 'right', get: (p) => String(p.threads) },
      tty: { head: 'TT', w: 8, align: 'left', get: tty },
      etime: { head: 'ELAPSED', w: 11, align: 'right', get: (p) => cpuTimeLong(ctx.sys.now() - p.startTime).replace(/^00:/, '') },
    };
    const fields = sel.fields.map((f) => f.split('=')[0]);
    for (const f of fields) {
      if (!spec[f]) {
        ctx.stderr.write(`error: unknown user-defined format specifier "${f}"\n`);
        return 1;
      }
    }
    emit(formatRow(fields.map((f) => ({ text: spec[f].head, width: spec[f].w, align: spec[f].align }))));
    for (const p of chosen) emit(formatRow(fields.map((f) => ({ text: spec[f].get(p), width: spec[f].w, align: spec[f].align }))));
    return 0;
  }
  emit(formatRow([R('PID', 7), L('TTY', 8), R('TIME', 8), L('CMD', 0)]));
  for (const p of chosen) emit(formatRow([R(String(p.pid), 7), L(tty(p), 8), R(cpuTimeLong(p.cpuTimeNs), 8), L(p.comm, 0)]));
  return 0;
}

export const ps = defineCommand('ps', runPs);
