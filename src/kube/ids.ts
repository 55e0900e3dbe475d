// Identifiers Kubernetes and containerd hand out: UUIDs, 64-hex container ids, name suffixes, spec hashes.

import type { Random } from '../core/random';

/** A random (version 4) UUID, as the API server gives every object. */
export function uuid4(r: Random): string {
  const h = r.hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[r.int(4)]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Letters apimachinery's rand.String uses for generated names (no vowels, no confusable digits). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` suffix, `kube-api-access-xxxxx` suffix. */
export function nameSuffix(r: Random, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[r.int(NAME_ALPHABET.length)];
  return s;
}

/** containerd container and sandbox ids: 64 lowercase hex digits. */
export function containerId(r: Random): string {
  return r.hex(64);
}

/**
 * A 128-bit hash as 32 hex digits (the kubelet uses md5 for a static pod's UID; any stable
 * 128-bit digest of the same inputs serves the same purpose: any edit gives a new UID).
 */
export function hash128(text: string): string {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

/** A sha256-looking digest derived from a name (image ids and digests in the catalogue). */
export function fakeDigest(seed: string): string {
  return hash128(seed) + hash128(`${seed}#2`);
}

/**
 * Event object names: `<object>.<hex of the wall-clock UnixNano>`, so name order is time order. `seq`
 * (a counter kept in the world) separates events recorded at the same simulated instant.
 */
export function eventName(object: string, epochMs: number, now: number, seq: number): string {
  const nano = BigInt(epochMs) * 1_000_000n + BigInt(Math.floor(now)) + BigInt(seq % 1_000_000);
  return `${object}.${nano.toString(16)}`;
}
