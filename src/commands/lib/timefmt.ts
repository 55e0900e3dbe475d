// Time formatting that programs print: strftime (date), ls dates, systemd's relative timestamps.

import { DAYS, MONTHS, NS_PER_S, type SimNs, type WallTime } from '../../core/time';

const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const s2 = (n: number): string => String(n).padStart(2, ' ');

/** strftime(3) in UTC for the conversions `date +FORMAT` users reach for. */
export function strftime(fmt: string, w: WallTime): string {
  const d = w.date;
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - startOfYear) / 86_400_000) + 1;
  const conv = (c: string): string | null => {
    switch (c) {
      case 'a': return DAYS[d.getUTCDay()];
      case 'A': return FULL_DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'B': return FULL_MONTHS[d.getUTCMonth()];
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', w);
      case 'C': return p2(Math.floor(d.getUTCFullYear() / 100));
      case 'd': return p2(d.getUTCDate());
      case 'D': return strftime('%m/%d/%y', w);
      case 'e': return s2(d.getUTCDate());
      case 'F': return strftime('%Y-%m-%d', w);
      case 'H': return p2(h);
      case 'I': return p2(h12);
      case 'j': return String(yday).padStart(3, '0');
      case 'k': return s2(h);
      case 'l': return s2(h12);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'M': return p2(d.getUTCMinutes());
      case 'n': return '\n';
      case 'N': return String(w.nsOfSecond).padStart(9, '0');
      case 'p': return h < 12 ? 'AM' : 'PM';
      case 'P': return h < 12 ? 'am' : 'pm';
      case 'r': return strftime('%I:%M:%S %p', w);
      case 'R': return strftime('%H:%M', w);
      case 's': return String(w.epochSeconds);
      case 'S': return p2(d.getUTCSeconds());
      case 't': return '\t';
      case 'T': return strftime('%H:%M:%S', w);
      case 'u': return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
      case 'w': return String(d.getUTCDay());
      case 'x': return strftime('%m/%d/%y', w);
      case 'X': return strftime('%H:%M:%S', w);
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'Y': return String(d.getUTCFullYear());
      case 'z': return '+0000';
      case 'Z': return 'UTC';
      case '%': return '%';
      default: return null;
    }
  };
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%' || i + 1 >= fmt.length) {
      out += fmt[i];
      continue;
    }
    const v = conv(fmt[i + 1]);
    out += v === null ? `%${fmt[i + 1]}` : v;
    i++;
  }
  return out;
}

/** Half a Gregorian year in ns: ls's boundary between "recent" and "old" dates. */
const SIX_MONTHS_NS = (31_556_952 / 2) * NS_PER_S;

/** ls -l date column: `Jan 24 18:03` when recent, `Jan 24  2022` otherwise. */
export function lsDate(mtime: WallTime, now: WallTime, mtimeNs: SimNs, nowNs: SimNs): string {
  const recent = mtimeNs <= nowNs && nowNs - mtimeNs < SIX_MONTHS_NS;
  return recent ? strftime('%b %e %H:%M', mtime) : strftime('%b %e  %Y', mtime);
}

const SEC = 1;
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;
const MONTH = 2_629_800;
const YEAR = 31_557_600;

/** systemd 245 format_timestamp_relative: `5min ago`, `1h 5min ago`, `1 day 2h ago`, `now`. */
export function relativeTime(deltaNs: number): string {
  const future = deltaNs < 0;
  const suffix = future ? 'left' : 'ago';
  const usec = Math.floor(Math.abs(deltaNs) / 1000);
  const d = usec / 1e6;
  const f = Math.floor;
  if (d >= YEAR) return `${f(d / YEAR)} years ${f((d % YEAR) / MONTH)} months ${suffix}`;
  if (d >= MONTH) return `${f(d / MONTH)} months ${f((d % MONTH) / DAY)} days ${suffix}`;
  if (d >= WEEK) return `${f(d / WEEK)} weeks ${f((d % WEEK) / DAY)} days ${suffix}`;
  if (d >= 2 * DAY) return `${f(d / DAY)} days ${suffix}`;
  if (d >= 25 * HOUR) return `1 day ${f((d - DAY) / HOUR)}h ${suffix}`;
  if (d >= 6 * HOUR) return `${f(d / HOUR)}h ${suffix}`;
  if (d >= HOUR) return `${f(d / HOUR)}h ${f((d % HOUR) / MIN)}min ${suffix}`;
  if (d >= 5 * MIN) return `${f(d / MIN)}min ${suffix}`;
  if (d >= MIN) return `${f(d / MIN)}min ${f((d % MIN) / SEC)}s ${suffix}`;
  if (d >= SEC) return `${f(d)}s ${suffix}`;
  if (usec >= 1000) return `${f(usec / 1000)}ms ${suffix}`;
  if (usec > 0) return `${usec}us ${suffix}`;
  return 'now';
}

/** `date` with no format: C/C.UTF-8 `Thu Nov 26 13:36:19 UTC 2026`; en_US.UTF-8 on glibc 2.31 12-hour form. */
export function dateDefault(w: WallTime, env: Record<string, string>): string {
  const loc = env.LC_ALL || env.LC_TIME || env.LANG || '';
  if (/^en_US/i.test(loc)) return strftime('%a %d %b %Y %r %Z', w);
  return strftime('%a %b %e %H:%M:%S %Z %Y', w);
}
