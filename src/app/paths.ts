// Where the package's own files live on the host (assets, scenarios), found from this module's URL.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The cks-lab package root: the nearest folder upwards with our package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if (JSON.parse(readFileSync(pj, 'utf8')).name === 'cks-lab') return (root = dir);
      } catch {
        // keep looking upwards
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cks-lab: cannot find the package root (package.json)');
    dir = up;
  }
}

export const assetsDir = (): string => join(packageRoot(), 'assets');
export const scenariosDir = (): string => join(packageRoot(), 'scenarios');

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version as string;
}
