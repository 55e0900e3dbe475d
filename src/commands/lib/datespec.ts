// Date strings people type: `now`, `today`, `yesterday`, `10 min ago`, `-1 hour`, `@1674580000`,
// `2023-01-26`, `2023-01-26 13:00[:05]`, `13:00` — for date -d, touch -d and journalctl --since.

import { NS_PER_MS, NS_PER_S, type SimNs } from '../../core/time';

const UNIT_S: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  week: 604800, weeks: 604800,
};

/** Parse into simulated ns (relative to the world epoch `epochMs`); null when not understood. */
export function parseDateSpec(spec: string, now: SimNs, epochMs: number): SimNs | null {
  const s = spec.trim().toLowerCase();
  const toNs = (ms: number): SimNs => (ms - epochMs) * NS_PER_MS;
  const nowMs = epochMs + now / NS_PER_MS;
  const midnight = (ms: number): number => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  };
  if (s === 'now' || s === '') return now;
  if (s === 'today') return toNs(midnight(nowMs));
  if (s === 'yesterday') return toNs(midnight(nowMs) - 86_400_000);
  if (s === 'tomorrow') return toNs(midnight(nowMs) + 86_400_000);
  let m = /^@(\d+)$/.exec(s);
  if (m) return toNs(Number(m[1]) * 1000);
  m = /^([-+]?\d+)\s*([a-z]+)(\s+ago)?$/.exec(s);
  if (m && UNIT_S[m[2]] !== undefined) {
    let n = Number(m[1]) * UNIT_S[m[2]];
    if (m[3]) n = -n;
    return now + n * NS_PER_S;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return toNs(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) return toNs(midnight(nowMs) + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000);
  return null;
}
