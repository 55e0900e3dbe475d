// Benchmarks (not part of npm test): start-up to the first prompt, as a ratio to `node -e 0`.
// Run with `npm run bench` (the build runs first). Prints figures; exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'cks-lab.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function timeOnce(args, input, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, fn) {
  fn(); // warm the file cache
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(fn());
  const m = median(xs);
  return { label, median: m, min: Math.min(...xs), max: Math.max(...xs) };
}

const results = [];
const nodeBase = measure('node -e 0', () => timeOnce(['-e', '0']));
results.push(nodeBase);

const resumeDir = mkdtempSync(join(tmpdir(), 'cks-bench-'));
timeOnce([bin, 'sh', '--state', resumeDir], 'exit\n');
results.push(measure('cks-lab sh, saved lab (exit)', () => timeOnce([bin, 'sh', '--state', resumeDir], 'exit\n')));
results.push(
  measure('cks-lab sh, new lab (build + boot + exit)', () => {
    const d = mkdtempSync(join(tmpdir(), 'cks-bench-'));
    try {
      return timeOnce([bin, 'sh', '--state', d], 'exit\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }),
);
rmSync(resumeDir, { recursive: true, force: true });

console.log(`start-up to first prompt (median of ${RUNS} runs, wall clock)`);
for (const r of results) {
  const ratio = r === nodeBase ? '' : `  ${(r.median / nodeBase.median).toFixed(2)}× node -e 0 (target ≤ 4×)`;
  console.log(`  ${r.label.padEnd(44)} ${r.median.toFixed(1).padStart(8)} ms  [${r.min.toFixed(1)}–${r.max.toFixed(1)}]${ratio}`);
}
