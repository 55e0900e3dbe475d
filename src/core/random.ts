// Seeded pseudo-random numbers whose whole state is one serialisable integer (mulberry32).

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** `len` lowercase hex digits. */
  hex(len: number): string;
  /** The current state, to store in the World. */
  state(): number;
}

export function createRandom(seedOrState: number): Random {
  let s = seedOrState >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    hex: (len) => {
      let out = '';
      for (let i = 0; i < len; i++) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    state: () => s,
  };
}
