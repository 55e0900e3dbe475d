// Numeric arguments with coreutils size suffixes (head -n 1K, tail -c 2M), and sign conventions.

const SUFFIX: Record<string, number> = {
  '': 1, b: 512, kB: 1000, K: 1024, KiB: 1024, MB: 1e6, M: 1024 ** 2, MiB: 1024 ** 2, GB: 1e9, G: 1024 ** 3, GiB: 1024 ** 3,
};

/** `10`, `-5`, `+3`, `2K` → {value, sign}; null if invalid. */
export function parseCount(s: string): { value: number; sign: '' | '+' | '-' } | null {
  const m = /^([-+]?)(\d+)([A-Za-z]*)$/.exec(s);
  if (!m || SUFFIX[m[3]] === undefined) return null;
  return { value: Number(m[2]) * SUFFIX[m[3]], sign: m[1] as '' | '+' | '-' };
}
