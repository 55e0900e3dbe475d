// Durations as `sleep` takes them: NUMBER[smhd], fractional allowed, several summed.

import { NS_PER_S, type SimNs } from '../../core/time';

const MULT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Parse one interval; null when invalid. */
export function parseInterval(s: string): SimNs | null {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s) ?? /^(inf(?:inity)?)()$/i.exec(s);
  if (!m) return null;
  const v = /^inf/i.test(m[1]) ? Infinity : Number(m[1]);
  return v * MULT[m[2]] * NS_PER_S;
}
