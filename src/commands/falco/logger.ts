// falco_logger: lifecycle and error messages to syslog and/or stderr (`Thu Jan 24 17:55:03 2023: …`).

import type { OutputStream } from '../../core/stream';
import type { WallTime } from '../../core/time';

/** Where syslog(3) messages go: the journal, as the node's /dev/log. */
export interface SyslogClient {
  /** `priority` is the syslog level 0 (emerg) … 7 (debug). */
  log(priority: number, message: string): void;
}

export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

const LEVELS: Record<string, number> = { emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** asctime(3) without its newline: the day of month is space-padded (`Thu Jan  5 09:03:07 2023`). */
export function asctime(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** strftime `%FT%T%z` in UTC: `2023-01-24T17:55:03+0000`. */
export function isoStamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+0000`;
}

export class FalcoLogger {
  /** Until the config is read, Falco logs at info to both stderr and syslog. */
  level = LOG_INFO;
  logStderr = true;
  logSyslog = true;
  iso8601 = false;

  constructor(
    private readonly stderr: OutputStream,
    private readonly syslog: SyslogClient | undefined,
    private readonly wall: () => WallTime,
  ) {}

  configure(cfg: { logLevel: string; logStderr: boolean; logSyslog: boolean; timeFormatIso8601: boolean }): void {
    this.level = LEVELS[cfg.logLevel] ?? LOG_INFO;
    this.logStderr = cfg.logStderr;
    this.logSyslog = cfg.logSyslog;
    this.iso8601 = cfg.timeFormatIso8601;
  }

  /** `msg` as Falco passes it, usually ending in a newline. */
  log(priority: number, msg: string): void {
    if (priority > this.level) return;
    if (this.logSyslog) this.syslog?.log(priority, msg);
    if (this.logStderr) {
      const d = this.wall().date;
      this.stderr.write(`${this.iso8601 ? isoStamp(d) : asctime(d)}: ${msg}`);
    }
  }
}
