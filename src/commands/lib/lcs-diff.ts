// Line diff by longest common subsequence (inputs are small config files), as edit hunks.

export type Edit = { op: '=' | '-' | '+'; line: string; a: number; b: number };

/** Edits turning `a` into `b`, in order; `a`/`b` are 0-based indexes into each side. */
export function diffLines(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: '=', line: a[i], a: i, b: j });
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i][j + 1] > dp[i + 1][j])) {
      out.push({ op: '+', line: b[j], a: i, b: j });
      j++;
    } else {
      out.push({ op: '-', line: a[i], a: i, b: j });
      i++;
    }
  }
  return out;
}

export interface Hunk {
  aStart: number;
  aLen: number;
  bStart: number;
  bLen: number;
  edits: Edit[];
}

/** Group edits into unified hunks with `context` lines around changes. */
export function unifiedHunks(edits: Edit[], context = 3): Hunk[] {
  const hunks: Hunk[] = [];
  const changed = edits.map((e, k) => (e.op !== '=' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return hunks;
  let start = Math.max(0, changed[0] - context);
  let end = Math.min(edits.length, changed[0] + context + 1);
  const flush = (): void => {
    const es = edits.slice(start, end);
    const first = es[0];
    const aLen = es.filter((e) => e.op !== '+').length;
    const bLen = es.filter((e) => e.op !== '-').length;
    hunks.push({ aStart: aLen === 0 ? first.a : first.a + 1, aLen, bStart: bLen === 0 ? first.b : first.b + 1, bLen, edits: es });
  };
  for (const k of changed.slice(1)) {
    if (k - context <= end) end = Math.min(edits.length, k + context + 1);
    else {
      flush();
      start = k - context;
      end = Math.min(edits.length, k + context + 1);
    }
  }
  flush();
  return hunks;
}
