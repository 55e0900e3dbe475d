// Human-readable sizes as coreutils prints them with -h (ls, df, du): powers of 1024, rounded up.

const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

/** `1136` → `1.2K`, `133165` → `131K`, `4096` → `4.0K`, `900` → `900`. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  let v = bytes;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < UNITS.length - 1);
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `10${UNITS[u]}`;
    return `${r.toFixed(1)}${UNITS[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  if (r >= 1024 && u < UNITS.length - 1) return `1.0${UNITS[u + 1]}`;
  return `${r}${UNITS[u]}`;
}
