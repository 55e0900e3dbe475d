// Time and text formats of Go programs in the cluster: RFC 3339 (nano), klog headers, Go %q quoting.

import { wallTime, type SimNs } from '../core/time';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** metav1.Time: `2023-03-06T10:15:02Z`. */
export function kubeTime(epochMs: number, t: SimNs): string {
  return `${wallTime(epochMs, t).date.toISOString().slice(0, 19)}Z`;
}

/** Go's time.RFC3339Nano (trailing fraction zeros trimmed): CRI log lines, crictl inspect. */
export function rfc3339Nano(epochMs: number, t: SimNs): string {
  const w = wallTime(epochMs, t);
  const base = w.date.toISOString().slice(0, 19);
  const frac = String(w.nsOfSecond).padStart(9, '0').replace(/0+$/, '');
  return frac === '' ? `${base}Z` : `${base}.${frac}Z`;
}

/** RFC 3339 with exactly nine fraction digits (crictl inspect's createdAt). */
export function rfc3339Nano9(epochMs: number, t: SimNs): string {
  const w = wallTime(epochMs, t);
  return `${w.date.toISOString().slice(0, 19)}.${String(w.nsOfSecond).padStart(9, '0')}Z`;
}

/** Parse an RFC 3339 timestamp to simulated ns (null for null/invalid). */
export function parseKubeTime(epochMs: number, s: string | null | undefined): SimNs | null {
  if (!s) return null;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  return (ms - epochMs) * 1_000_000;
}

/** klog header: `E0225 14:16:02.967711   26952 file.go:187] `. */
export function klogHeader(level: 'I' | 'W' | 'E' | 'F', epochMs: number, t: SimNs, pid: number, site: string): string {
  const w = wallTime(epochMs, t);
  const d = w.date;
  const us = String(Math.floor(w.nsOfSecond / 1000)).padStart(6, '0');
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7, ' ')} ${site}] `;
}

/** Go's strconv.Quote for the printable text we produce (klog structured values). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\r':
        out += '\\r';
        break;
      default:
        out += ch;
    }
  }
  return out + '"';
}

/** Go's time.Duration.String() for a whole or fractional number of seconds (`3.822113054s`, `1m0s`). */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (seconds < 1e-6) return `${Math.round(seconds * 1e9)}ns`;
  if (seconds < 1e-3) return `${trimFloat(seconds * 1e6)}µs`;
  if (seconds < 1) return `${trimFloat(seconds * 1e3)}ms`;
  if (seconds < 60) return `${trimFloat(seconds)}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds - h * 3600 - m * 60;
  return `${h > 0 ? `${h}h` : ''}${m}m${trimFloat(s)}s`;
}

function trimFloat(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, '');
}
