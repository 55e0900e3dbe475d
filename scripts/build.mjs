// Build: bundle src/main.ts into dist/main.js so start-up needs no TypeScript compilation.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The TUI stack and the native pty load lazily and stay in node_modules.
  external: ['ink', 'react', 'react/jsx-runtime', '@lydell/node-pty', 'ink-testing-library'],
  banner: { js: "import { createRequire as __cksCreateRequire } from 'node:module'; const require = __cksCreateRequire(import.meta.url);" },
});
