// Saving and loading a lab's state directory: the World as JSON, written atomically.

import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { WORLD_VERSION, type World } from '../world/world';

export function defaultStateRoot(): string {
  const xdg = process.env.XDG_STATE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.local', 'state'), 'cks-lab');
}

/** `--state DIR` wins; otherwise one folder per scenario (or `sandbox`) under the XDG state root. */
export function stateDirFor(state: string | undefined, scenario: string | undefined): string {
  return state ?? join(defaultStateRoot(), scenario ?? 'sandbox');
}

const WORLD_FILE = 'world.json';

export type LoadResult = { kind: 'none' } | { kind: 'ok'; world: World } | { kind: 'error'; message: string };

export function loadWorld(dir: string): LoadResult {
  const file = join(dir, WORLD_FILE);
  if (!existsSync(file)) return { kind: 'none' };
  try {
    const world = JSON.parse(readFileSync(file, 'utf8')) as World;
    if (typeof world !== 'object' || world === null || world.version !== WORLD_VERSION || typeof world.nodes !== 'object') {
      return { kind: 'error', message: `${file}: not a cks-lab ${WORLD_VERSION} state file` };
    }
    return { kind: 'ok', world };
  } catch (e) {
    return { kind: 'error', message: `${file}: ${(e as Error).message}` };
  }
}

/** Write to a temporary file and rename it over the old one, so a crash never leaves half a state. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function saveWorld(dir: string, world: World): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, WORLD_FILE), JSON.stringify(world));
}

export function readJson<T>(dir: string, name: string): T | null {
  const file = join(dir, name);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export function writeJson(dir: string, name: string, value: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, name), JSON.stringify(value, null, 2));
}
