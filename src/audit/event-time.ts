// The text of an event's instants: metav1.MicroTime (six fraction digits) for the timestamps and Go's
// RFC3339Nano (trailing zeros trimmed) for the legacy format, from the world's epoch and a simulated
// nanosecond offset. Formatted with lookup tables and remembered per second and per instant, since
// every audited request needs two or three of them.

import { NS_PER_S, type SimNs } from '../core/time';

// The split of the last instant asked for, as wallTime splits it (no Date per event).
let splitEpoch = Number.NaN;
let splitT = Number.NaN;
let splitNs = 0;
let splitPrefix = '';

// Events of one request (and of neighbouring requests) fall in the same second: keep its text.
let prefixSecond = Number.NaN;
let prefixText = '';

function split(epochMs: number, t: SimNs): void {
  if (t === splitT && epochMs === splitEpoch) return;
  const epochSecs = Math.floor(epochMs / 1000);
  const sum = (epochMs - epochSecs * 1000) * 1_000_000 + (t % NS_PER_S);
  const carry = Math.floor(sum / NS_PER_S);
  const secs = epochSecs + Math.trunc(t / NS_PER_S) + carry;
  if (secs !== prefixSecond) {
    prefixText = new Date(secs * 1000).toISOString().slice(0, 19);
    prefixSecond = secs;
  }
  splitNs = sum - carry * NS_PER_S;
  splitPrefix = prefixText;
  splitEpoch = epochMs;
  splitT = t;
}

/** '000'…'999', '.000'…'.999', '000Z'…'999Z', and the trimmed forms Go's RFC3339Nano ends with. */
const DIGITS3: string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const DOT_DIGITS3 = DIGITS3.map((d) => `.${d}`);
const DIGITS3_Z = DIGITS3.map((d) => `${d}Z`);
const TRIMMED_Z = DIGITS3.map((d) => `${d.replace(/0+$/, '')}Z`);
const DOT_TRIMMED_Z = DIGITS3.map((d) => `.${d.replace(/0+$/, '')}Z`);

/**
 * metav1.MicroTime: `2023-03-01T10:15:30.123456Z`, as one flat string: it is compared (a request's
 * events share their received time) and copied into every line, which a three-piece rope makes dearer.
 */
export function microTime(epochMs: number, t: SimNs): string {
  split(epochMs, t);
  const micros = Math.floor(splitNs / 1000);
  const text = splitPrefix + DOT_DIGITS3[Math.floor(micros / 1000)] + DIGITS3_Z[micros % 1000];
  text.charCodeAt(0); // flattens it in place
  return text;
}

/** RFC3339Nano: `2023-03-01T10:15:30.1234Z`, `2023-03-01T10:15:30Z` (Go trims trailing zeros). */
export function nanoTime(epochMs: number, t: SimNs): string {
  split(epochMs, t);
  const ns = splitNs;
  if (ns === 0) return `${splitPrefix}Z`;
  const ms = Math.floor(ns / 1_000_000);
  const us = Math.floor(ns / 1000) % 1000;
  const rest = ns % 1000;
  if (rest !== 0) return splitPrefix + DOT_DIGITS3[ms] + DIGITS3[us] + TRIMMED_Z[rest];
  if (us !== 0) return splitPrefix + DOT_DIGITS3[ms] + TRIMMED_Z[us];
  return splitPrefix + DOT_TRIMMED_Z[ms];
}
