// Build: bundle src/main.ts into dist/main.js so start-up needs no TypeScript compilation.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
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
  // The TUI stack and the native pty load lazily and stay in node_modules.
  external: ['ink', 'react', 'react/jsx-runtime', '@lydell/node-pty', 'ink-testing-library'],
  banner: { js: "import { createRequire as __cksCreateRequire } from 'node:module'; const require = __cksCreateRequire(import.meta.url);" },
});
