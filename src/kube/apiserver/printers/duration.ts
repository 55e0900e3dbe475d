// AGE columns of the server-side printers: apimachinery's duration.HumanDuration and translateTimestampSince.
//
// Every step floors, so `3h4m` is shown from 3h4m0s to 3h4m59s. The same function gives the RESTARTS
// suffix (`5 (41s ago)`) and event ages.

/** HumanDuration of an elapsed time in milliseconds. */
export function humanDuration(elapsedMs: number): string {
  const seconds = Math.trunc(elapsedMs / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(elapsedMs / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(elapsedMs / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Epoch milliseconds of an RFC 3339 timestamp, or null for a zero/absent/unparseable time. */
export function parseTimestamp(ts: string | null | undefined): number | null {
  if (!ts) return null;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? null : ms;
}

/** translateTimestampSince: `<unknown>` for a zero time, else the age at `nowMs`. */
export function translateTimestampSince(ts: string | null | undefined, nowMs: number): string {
  const ms = parseTimestamp(ts);
  return ms === null ? '<unknown>' : humanDuration(nowMs - ms);
}
