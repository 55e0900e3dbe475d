// How a journal entry reaches rsyslog and how rsyslog writes it to a file: the syslog tag journald
// forwards (or the sender wrote), control-character escaping, and the two file templates.

import { MONTHS, type WallTime } from '../../core/time';
import type { JournalEntry } from '../journal';
import { FACILITY } from './facility';
import type { SyslogMessage } from './rsyslog-config';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 3164 timestamp, day padded with a blank: `Jan  4 09:02:00` (RSYSLOG_TraditionalFileFormat). */
export function rfc3164Stamp(w: WallTime): string {
  const d = w.date;
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `2023-01-24T17:56:39.123456+00:00` (RSYSLOG_FileFormat's date-rfc3339 on a UTC node). */
export function rfc3339Stamp(w: WallTime): string {
  return `${w.date.toISOString().slice(0, 19)}.${String(Math.floor(w.nsOfSecond / 1000)).padStart(6, '0')}+00:00`;
}

/**
 * The tag rsyslog records. A syslog(3) message is forwarded by journald as the sender wrote it:
 * `falco:` (no openlog, so no LOG_PID), `sshd[912]:` (LOG_PID). Lines journald itself received (a
 * service's stdout, systemd's own messages) are forwarded as `identifier[pid]:`.
 */
export function syslogTag(e: JournalEntry): string {
  const withPid = e.transport === 'syslog' ? e.syslogPid === true : e.pid !== null;
  return withPid && e.pid !== null ? `${e.ident}[${e.pid}]:` : `${e.ident}:`;
}

const CONTROL = /[\x00-\x1f\x7f]/;
const CONTROLS = /[\x00-\x1f\x7f]/g;

/** $EscapeControlCharactersOnReceive (on by default): a control character becomes `#` and 3 octal digits. */
export function escapeControl(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => `#${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/** The message properties rsyslog's filters see for one journal entry. */
export function syslogMessageOf(e: JournalEntry, hostname: string): SyslogMessage {
  return {
    facility: e.facility ?? FACILITY.user,
    severity: Math.max(0, Math.min(7, e.priority)),
    hostname,
    tag: syslogTag(e),
    // rsyslog keeps the blank after the tag as the first character of MSG.
    msg: ` ${escapeControl(e.message.replace(/\n$/, ''))}`,
  };
}

/**
 * `%TIMESTAMP% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n`. MSG starts with a
 * blank already, so sudo's ` vagrant : …` shows as `sudo:  vagrant : …` (two blanks), as on a real node.
 */
export function formatFileLine(m: SyslogMessage, stamp: string): string {
  const msg = m.msg.startsWith(' ') ? m.msg : ` ${m.msg}`;
  return `${stamp} ${m.hostname} ${m.tag}${msg}\n`;
}
