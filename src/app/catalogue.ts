// The scenario catalogue: every scenario file shipped under scenarios/, loaded and validated.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, formatLoadErrors } from '../scenarios/load';
import type { Scenario } from '../scenarios/schema';
import { scenariosDir } from './paths';

export interface CatalogueEntry {
  file: string;
  scenario: Scenario;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** Files that failed to load, with the loader's messages. */
  problems: string[];
}

export function loadCatalogue(dir = scenariosDir()): Catalogue {
  const entries: CatalogueEntry[] = [];
  const problems: string[] = [];
  if (!existsSync(dir)) return { entries, problems };
  const files = readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? (existsSync(join(dir, d.name, 'scenario.yaml')) ? [join(d.name, 'scenario.yaml')] : []) : d.name.endsWith('.yaml') ? [d.name] : []))
    .sort();
  for (const f of files) {
    const r = loadScenario(readFileSync(join(dir, f), 'utf8'));
    if (r.ok) entries.push({ file: f, scenario: r.scenario });
    else problems.push(formatLoadErrors(f, r.errors));
  }
  return { entries, problems };
}

export function findScenario(cat: Catalogue, id: string): Scenario | undefined {
  return cat.entries.find((e) => e.scenario.id === id)?.scenario;
}
