// klog text for the kube-apiserver and kubelet lines this layer produces: the `E0119 20:02:18.462305
// 1 run.go:74] ` header, and Go's time.Time.String() for the kubelet's retry deadlines.

import { wallTime, type SimNs } from '../../core/time';
import type { Clock } from '../../audit';

export type KlogLevel = 'I' | 'W' | 'E' | 'F';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `E0119 20:02:18.462305       1 run.go:74] ` (pid right-aligned in 7 columns, as klog pads it). */
export function klogHeader(level: KlogLevel, epochMs: number, t: SimNs, pid: number, site: string): string {
  const w = wallTime(epochMs, t);
  const d = w.date;
  const us = String(Math.floor(w.nsOfSecond / 1000)).padStart(6, '0');
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7, ' ')} ${site}] `;
}

/** One klog entry at `clock.now + afterNs`. */
export function klogLine(level: KlogLevel, clock: Clock, afterNs: SimNs, pid: number, site: string, message: string): string {
  return klogHeader(level, clock.epochMs, clock.now + afterNs, pid, site) + message;
}

/** Go's time.Time.String() in UTC: `2023-03-01 10:16:40.612233 +0000 UTC` (fraction trimmed of zeros). */
export function goTimeString(epochMs: number, t: SimNs): string {
  const w = wallTime(epochMs, t);
  const base = w.date.toISOString().slice(0, 19).replace('T', ' ');
  const frac = String(w.nsOfSecond).padStart(9, '0').replace(/0+$/, '');
  return `${base}${frac === '' ? '' : `.${frac}`} +0000 UTC`;
}
