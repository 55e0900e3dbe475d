// What sudo 1.8.31 leaves in the journal: its syslog lines (plugins/sudoers/logging.c) and the
// pam_unix session lines around the command, all under the identifier `sudo` and sudo's pid.

import type { JournalClient } from '../../world/systemd/client';

/** syslog priorities sudoers uses: syslog_badpri, syslog_goodpri; pam_unix logs sessions at info. */
const LOG_ALERT = 1;
const LOG_NOTICE = 5;
const LOG_INFO = 6;

/** sudoers' default `syslog_maxlen`: longer lines go out in pieces. */
const SYSLOG_MAXLEN = 980;
const FMT_FIRST = '%8s : %s';
const FMT_CONTD = '%8s : (command continued) %s';

export interface SudoRequest {
  /** Controlling terminal (`pts/0`), null when there is none (`TTY=unknown`). */
  tty: string | null;
  cwd: string;
  /** The target user's name (USER=). */
  runAs: string;
  /** The command as sudo resolved it: full path and arguments. */
  command: string;
}

/** new_logline: `[reason ; ]TTY=… ; PWD=… ; USER=… ; COMMAND=…`. */
export function sudoLogLine(req: SudoRequest, reason?: string): string {
  const fields = `TTY=${req.tty ?? 'unknown'} ; PWD=${req.cwd} ; USER=${req.runAs} ; COMMAND=${req.command}`;
  return reason === undefined ? fields : `${reason} ; ${fields}`;
}

/**
 * do_syslog: the invoking user's name right-aligned in 8 columns, ` : `, the line; a line longer than
 * syslog_maxlen is cut at the last blank that fits and continued with `(command continued)`.
 */
export function sudoSyslogMessages(user: string, line: string): string[] {
  const out: string[] = [];
  const room = (fmt: string): number => SYSLOG_MAXLEN - (fmt.length - 5 + user.length);
  let prefix = `${user.padStart(8)} : `;
  let maxlen = room(FMT_FIRST);
  let rest = line;
  while (rest !== '') {
    if (rest.length <= maxlen) {
      out.push(prefix + rest);
      break;
    }
    const blank = rest.lastIndexOf(' ', maxlen - 1);
    const cut = blank > 0 ? blank : maxlen;
    out.push(prefix + rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ +/, '');
    prefix = `${user.padStart(8)} : (command continued) `;
    maxlen = room(FMT_CONTD);
  }
  return out;
}

/** sudo's journal lines for one invocation by `user` (the invoking user's name). */
export class SudoJournal {
  constructor(
    private readonly journal: JournalClient | undefined,
    private readonly user: string,
  ) {}

  private send(priority: number, message: string): void {
    this.journal?.append({ ident: 'sudo', priority, message });
  }

  /** log_allowed, at syslog_goodpri. */
  allowed(req: SudoRequest): void {
    for (const m of sudoSyslogMessages(this.user, sudoLogLine(req))) this.send(LOG_NOTICE, m);
  }

  /** log_denial (`user NOT in sudoers`), at syslog_badpri. */
  denied(req: SudoRequest, reason: string): void {
    for (const m of sudoSyslogMessages(this.user, sudoLogLine(req, reason))) this.send(LOG_ALERT, m);
  }

  /**
   * pam_unix 1.3.1: `by` names the user logged in on the terminal (utmp; empty without one) and the
   * uid is sudo's real uid, already root.
   */
  sessionOpened(target: string, loginName: string): void {
    this.send(LOG_INFO, `pam_unix(sudo:session): session opened for user ${target} by ${loginName}(uid=0)`);
  }

  sessionClosed(target: string): void {
    this.send(LOG_INFO, `pam_unix(sudo:session): session closed for user ${target}`);
  }
}
