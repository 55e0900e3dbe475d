// Renderings of an event timestamp as libsinsp prints evt.time, evt.time.iso8601, evt.datetime (UTC hosts).
import type { EventTime } from '../event';

const p2 = (n: number): string => String(n).padStart(2, '0');
const p9 = (n: number): string => String(n).padStart(9, '0');

function parts(t: EventTime): Date {
  return new Date(t.s * 1000);
}

/** `18:03:14` */
export function timeHms(t: EventTime): string {
  const d = parts(t);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `18:03:14.632368639` (evt.time). */
export function timeOfDay(t: EventTime): string {
  return `${timeHms(t)}.${p9(t.ns)}`;
}

/** `2023-01-24` */
export function dateYmd(t: EventTime): string {
  const d = parts(t);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/** `2023-01-24T18:03:14.632368639+0000` (evt.time.iso8601; nodes run on UTC). */
export function timeIso8601(t: EventTime): string {
  return `${dateYmd(t)}T${timeOfDay(t)}+0000`;
}

/** `2023-01-24 18:03:14.632368639` (evt.datetime). */
export function dateTime(t: EventTime): string {
  return `${dateYmd(t)} ${timeOfDay(t)}`;
}

/** `2023-01-24T18:03:14.632368639Z`, the `time` key of JSON alerts. */
export function timeJsonIso(t: EventTime): string {
  return `${dateYmd(t)}T${timeOfDay(t)}Z`;
}
