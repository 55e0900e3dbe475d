#!/usr/bin/env node
// Launcher: colour policy must be settled before Ink (chalk) is loaded, then hand over to the bundle.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
if (process.argv.includes('--no-color')) process.env.FORCE_COLOR = '0';
try {
  await import('../dist/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    process.stderr.write('cks-lab: the build is missing; run `npm install` (or `npm run build`) in the cks-lab folder\n');
    process.exit(2);
  }
  throw err;
}
