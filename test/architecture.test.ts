// Enforces the layer table of docs/architecture.md by reading every import under src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** Layer of a source file (path relative to src/), ordered: a layer may import only layers up to its own. */
const LAYERS: Array<[name: string, test: (p: string) => boolean]> = [
  ['core', (p) => p.startsWith('core/')],
  ['engine', (p) => /^(vfs|shell\/syntax|falco|audit|jsonpath)\//.test(p)],
  ['world', (p) => /^(world|kube)\//.test(p)],
  ['shell', (p) => p.startsWith('shell/')],
  ['commands', (p) => p.startsWith('commands/')],
  ['grading', (p) => /^(grading|scenarios)\//.test(p)],
  ['tui', (p) => p.startsWith('tui/')],
  ['app', (p) => p.startsWith('app/') || p === 'main.ts'],
];

function layerOf(p: string): number {
  const i = LAYERS.findIndex(([, t]) => t(p));
  if (i < 0) throw new Error(`${p} belongs to no layer`);
  return i;
}

/** The top folder of a pure engine: engines may import only core and their own folder. */
function engineRoot(p: string): string {
  return p.startsWith('shell/syntax/') ? 'shell/syntax/' : `${p.split('/')[0]}/`;
}

interface Import {
  file: string;
  spec: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)) out.push({ file, spec: m[1]! });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ file, spec: m[1]! });
  return out;
}

const all = files(SRC);
const rel = (f: string): string => relative(SRC, f).split('\\').join('/');

describe('architecture', () => {
  it('every source file belongs to a layer', () => {
    for (const f of all) expect(() => layerOf(rel(f))).not.toThrow();
  });

  it('a layer imports only layers listed before it (or itself)', () => {
    const bad: string[] = [];
    for (const f of all) {
      const from = rel(f);
      for (const { spec } of importsOf(f)) {
        if (!spec.startsWith('.')) continue;
        const abs = resolve(dirname(f), spec);
        const isDir = (() => {
          try {
            return statSync(abs).isDirectory();
          } catch {
            return false;
          }
        })();
        const target = relative(SRC, isDir ? join(abs, 'index.ts') : abs).split('\\').join('/');
        const lt = layerOf(/\.tsx?$/.test(target) ? target : `${target}.ts`);
        const lf = layerOf(from);
        if (lt > lf) bad.push(`${from} → ${target}`);
        if (LAYERS[lf]![0] === 'engine' && lt === lf && !`${target}`.startsWith(engineRoot(from).replace(/\/$/, ''))) bad.push(`${from} → ${target} (engines stay apart)`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('react and ink only in the TUI and the entry point; xstate only in scenarios and the TUI', () => {
    const bad: string[] = [];
    for (const f of all) {
      const from = rel(f);
      for (const { spec } of importsOf(f)) {
        if (/^(react|ink)(\/|$)/.test(spec) && !from.startsWith('tui/') && from !== 'app/tui-app.tsx') bad.push(`${from} → ${spec}`);
        if (/^xstate(\/|$)/.test(spec) && !from.startsWith('scenarios/') && !from.startsWith('tui/') && !from.startsWith('app/tui')) bad.push(`${from} → ${spec}`);
        if (/node-pty/.test(spec) && !/^(app\/editor|tui\/editor)/.test(from)) bad.push(`${from} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('simulation code never touches the host (fs, child_process, env, clock, randomness)', () => {
    const bad: string[] = [];
    for (const f of all) {
      const from = rel(f);
      if (from.startsWith('app/') || from === 'main.ts' || from.startsWith('tui/editor')) continue;
      const text = readFileSync(f, 'utf8');
      for (const { spec } of importsOf(f)) if (/^(node:)?(fs|child_process|os|net|http)(\/|$)/.test(spec)) bad.push(`${from} imports ${spec}`);
      if (/\bDate\.now\(\)|\bMath\.random\(\)|\bprocess\.env\b/.test(text)) bad.push(`${from} reads the host clock, randomness or environment`);
    }
    expect(bad).toEqual([]);
  });
});
