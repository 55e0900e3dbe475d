// syslog facility and severity numbers and names (RFC 3164, glibc <sys/syslog.h>), as rsyslog's
// selectors and logger's -p spell them.

export const FACILITY = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9, authpriv: 10,
  ftp: 11, ntp: 12, security: 4, console: 14, local0: 16, local1: 17, local2: 18, local3: 19, local4: 20,
  local5: 21, local6: 22, local7: 23,
} as const satisfies Record<string, number>;

/** Facility numbers 0..23; rsyslog keeps one priority mask per facility. */
export const FACILITY_COUNT = 24;

export const SEVERITY: Record<string, number> = {
  emerg: 0, panic: 0, alert: 1, crit: 2, err: 3, error: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7,
};

const FACILITY_TEXT = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock'];
const SEVERITY_TEXT = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

export function facilityName(n: number): string {
  return n >= 16 && n <= 23 ? `local${n - 16}` : (FACILITY_TEXT[n] ?? String(n));
}

export function severityName(n: number): string {
  return SEVERITY_TEXT[n] ?? String(n);
}

export function facilityNumber(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(FACILITY, name) ? FACILITY[name as keyof typeof FACILITY] : undefined;
}

export function severityNumber(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(SEVERITY, name) ? SEVERITY[name] : undefined;
}

/**
 * The facility a program's syslog(3) calls use when the caller did not say: what it passes to openlog().
 * sudo is built with --with-logfac=authpriv on Debian/Ubuntu and pam_unix logs at LOG_AUTHPRIV in its
 * process; everything else that never calls openlog gets glibc's LOG_USER.
 */
const OPENLOG_FACILITY: Record<string, number> = { sudo: FACILITY.authpriv, su: FACILITY.auth, sshd: FACILITY.auth };

export function defaultFacility(ident: string): number {
  return OPENLOG_FACILITY[ident] ?? FACILITY.user;
}
