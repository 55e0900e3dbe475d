// Simulated time: nanoseconds as plain numbers, relative to a wall-clock epoch kept in the World.

/** Nanoseconds since the world's epoch (World.clock.epochMs). Plain number so the World stays JSON. */
export type SimNs = number;

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

export const seconds = (s: number): SimNs => Math.round(s * NS_PER_S);

/** Wall-clock parts of a simulated instant, in UTC (the lab's nodes run on UTC). */
export interface WallTime {
  date: Date; // millisecond precision
  /** Nanoseconds within the second, 0..999999999. */
  nsOfSecond: number;
  /** Full epoch seconds. */
  epochSeconds: number;
}

export function wallTime(epochMs: number, t: SimNs): WallTime {
  const totalMsFloat = epochMs + t / NS_PER_MS;
  const epochSeconds = Math.floor(totalMsFloat / 1000);
  // Keep nanosecond precision: split the epoch into seconds and sub-second ns separately.
  const epochWholeS = Math.floor(epochMs / 1000);
  const epochRemNs = (epochMs - epochWholeS * 1000) * NS_PER_MS;
  const sumNs = epochRemNs + (t % NS_PER_S);
  const carry = Math.floor(sumNs / NS_PER_S);
  const nsOfSecond = sumNs - carry * NS_PER_S;
  const secs = epochWholeS + Math.floor(t / NS_PER_S) + carry;
  return { date: new Date(secs * 1000 + Math.floor(nsOfSecond / NS_PER_MS)), nsOfSecond, epochSeconds: secs || epochSeconds };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** `18:03:14` */
export function hms(w: WallTime): string {
  const d = w.date;
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** journald short format timestamp: `Jan 24 18:03:37` */
export function syslogStamp(w: WallTime): string {
  const d = w.date;
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(w)}`;
}

/** `Tue 2023-01-24 18:03:37 UTC` as systemctl status prints it. */
export function systemdStamp(w: WallTime): string {
  const d = w.date;
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${hms(w)} UTC`;
}

/** RFC 3339 with microseconds, as Kubernetes audit events use: `2023-01-24T18:03:37.123456Z` */
export function rfc3339Micro(w: WallTime): string {
  const iso = w.date.toISOString().slice(0, 19);
  return `${iso}.${String(Math.floor(w.nsOfSecond / 1000)).padStart(6, '0')}Z`;
}

/** RFC 3339 seconds: `2023-01-24T18:03:37Z` (object timestamps). */
export function rfc3339(w: WallTime): string {
  return `${w.date.toISOString().slice(0, 19)}Z`;
}

export { MONTHS, DAYS };
