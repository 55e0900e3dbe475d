// Build: bundle src/main.ts into dist/ so start-up needs no TypeScript compilation.
// Files are written under temporary names and renamed into place (entry last), so a build never leaves
// a half-written dist/ for a cks-lab that is starting at the same moment.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const outdir = 'dist';
const result = await build({
  entryPoints: ['src/main.ts'],
  outdir,
  // The TUI (Ink, React) is a separate chunk loaded only when the TUI starts; headless runs stay light.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Smaller source compiles faster at every start; the linked source map keeps stack traces readable.
  minify: true,
  keepNames: true,
  write: false,
  // The TUI stack and the native pty load lazily and stay in node_modules.
  external: ['ink', 'react', 'react/jsx-runtime', '@lydell/node-pty', 'ink-testing-library'],
  banner: { js: "import { createRequire as __cksCreateRequire } from 'node:module'; const require = __cksCreateRequire(import.meta.url);" },
});

const written = new Set();
const files = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith('main.js')) - Number(b.path.endsWith('main.js')));
for (const f of files) {
  mkdirSync(dirname(f.path), { recursive: true });
  const tmp = `${f.path}.${process.pid}.tmp`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
  written.add(relative(outdir, f.path));
}
// Chunks of earlier builds are no longer referenced by main.js.
const chunks = join(outdir, 'chunks');
for (const name of readdirSync(chunks)) {
  const rel = join('chunks', name);
  if (!written.has(rel) && !name.endsWith('.tmp')) rmSync(join(chunks, name), { force: true });
}
