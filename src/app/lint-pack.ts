// What `cks-lab lint` finds in a scenario pack: loader errors plus pack-level checks (unique ids,
// manifests kubectl would refuse, untestable solutions, untranslated text), each with a position.

import { isNode, isScalar, LineCounter, parseAllDocuments, parseDocument, Scalar, type Document } from 'yaml';
import { loadScenario, type LoadError } from '../scenarios/load';
import type { Localized, Scenario } from '../scenarios/schema';

export type Severity = 'error' | 'warning';

export interface LintDiagnostic extends LoadError {
  severity: Severity;
}

/** One scenario file as read from the pack; `file` is the name shown in messages. */
export interface PackFile {
  file: string;
  text: string;
}

export interface LintedFile {
  file: string;
  /** The scenario id when the file loads. */
  id: string | null;
  diagnostics: LintDiagnostic[];
}

type Path = (string | number)[];

/** Where a path of the scenario sits in its file; falls back to the nearest enclosing node. */
class Positions {
  private readonly lc = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(private readonly text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lc, prettyErrors: false });
  }

  at(path: Path): { line: number; col: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lc.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  }

  /**
   * Position of line `index` (0-based) inside a multi-line string value. Only a literal block
   * (`|`) maps its lines one to one onto the file; other styles point at the value itself.
   */
  lineInside(path: Path, index: number): { line: number; col: number } {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || !node.range) return this.at(path);
    const indicator = this.lc.linePos(node.range[0]);
    const line = indicator.line + 1 + index;
    const source = this.text.split('\n')[line - 1] ?? '';
    const col = source.length - source.trimStart().length + 1;
    return { line, col };
  }
}

function diag(severity: Severity, path: Path, pos: { line: number; col: number }, message: string): LintDiagnostic {
  return { severity, path: formatPath(path), line: pos.line, col: pos.col, message };
}

function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** Every bilingual text of a scenario, with its path. */
function* localizedTexts(s: Scenario): Generator<[Path, Localized]> {
  yield [['title'], s.title];
  yield [['summary'], s.summary];
  yield [['briefing'], s.briefing];
  for (const [i, t] of s.tasks.entries()) {
    yield [['tasks', i, 'title'], t.title];
    yield [['tasks', i, 'text'], t.text];
    for (const [j, h] of t.hints.entries()) yield [['tasks', i, 'hints', j], h];
  }
  for (const [i, c] of s.checks.entries()) {
    yield [['checks', i, 'description'], c.description];
    yield [['checks', i, 'failMessage'], c.failMessage];
  }
  yield [['solution'], s.solution];
}

const HAN = /\p{Script=Han}/u;

/** Commands, paths and code blocks stay in English in both languages; judge only the prose. */
function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/^( {4}|\t).*$/gm, ' ');
}

function looksUntranslated(zh: string): boolean {
  const p = prose(zh);
  return !HAN.test(p) && (p.match(/[A-Za-z]{2,}/g) ?? []).length >= 3;
}

/** Programs that need a real terminal: a headless solution script cannot drive them. */
const INTERACTIVE_EDITOR = /(?:^|[;&|(]\s*|\bsudo\s+(?:-\S+\s+)*)(vim?|nano|emacs|kubectl\s+edit)(?=\s|$)/;

/** kubectl apply refuses objects without these (`error validating data: [apiVersion not set, …]`). */
function manifestProblems(scenario: Scenario, pos: Positions): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  scenario.setup.forEach((step, i) => {
    if (step.type !== 'kubectl-apply') return;
    const path: Path = ['setup', i, 'manifest'];
    const lc = new LineCounter();
    parseAllDocuments(step.manifest, { lineCounter: lc }).forEach((doc, d) => {
      if (doc.contents === null) return;
      const obj = doc.toJS() as unknown;
      const startLine = lc.linePos(doc.contents.range?.[0] ?? 0).line;
      const at = pos.lineInside(path, startLine - 1);
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        out.push(diag('error', path, at, `manifest document ${d + 1} is not a Kubernetes object (a YAML mapping with apiVersion and kind)`));
        return;
      }
      const o = obj as Record<string, unknown>;
      const meta = (o.metadata ?? {}) as Record<string, unknown>;
      const missing = [
        ...(typeof o.apiVersion === 'string' && o.apiVersion ? [] : ['apiVersion not set']),
        ...(typeof o.kind === 'string' && o.kind ? [] : ['kind not set']),
        ...(meta.name || meta.generateName || o.kind === 'List' ? [] : ['metadata.name not set']),
      ];
      if (missing.length > 0) {
        out.push(diag('error', path, at, `manifest document ${d + 1}: ${missing.join(', ')}; the setup step would fail`));
      }
    });
  });
  return out;
}

/** What an id should be called on disk: `<id>.yaml`, or `<id>/scenario.yaml`. */
function expectedStem(file: string): string {
  const parts = file.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? file;
  if (base === 'scenario.yaml' && parts.length >= 2) return parts[parts.length - 2]!;
  return base.replace(/\.yaml$/, '');
}

function scenarioWarnings(file: string, s: Scenario, pos: Positions): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const stem = expectedStem(file);
  if (stem !== s.id) {
    out.push(diag('warning', ['id'], pos.at(['id']), `scenario id "${s.id}" does not match the file name; name it ${s.id}.yaml (or ${s.id}/scenario.yaml)`));
  }
  s.tasks.forEach((t, i) => {
    if (t.hints.length < 2) {
      const where: Path = t.hints.length === 0 ? ['tasks', i] : ['tasks', i, 'hints'];
      out.push(diag('warning', where, pos.at(where), `task "${t.id}" has ${t.hints.length === 0 ? 'no hints' : 'only one hint'}; give 2-3, mildest first`));
    }
  });
  const script = s.solution.script;
  if (script === undefined) {
    out.push(diag('warning', ['solution'], pos.at(['solution']), 'the solution has no script, so the pack cannot be self-tested with `cks-lab sh --scenario`'));
  } else {
    script.split('\n').forEach((line, i) => {
      const m = INTERACTIVE_EDITOR.exec(line);
      if (m) {
        out.push(diag('warning', ['solution', 'script'], pos.lineInside(['solution', 'script'], i), `the script runs \`${m[1]}\`, which needs a terminal; edit files with a heredoc, tee or sed -i instead`));
      }
    });
  }
  for (const [path, text] of localizedTexts(s)) {
    if (looksUntranslated(text.zh)) {
      out.push(diag('warning', [...path, 'zh'], pos.at([...path, 'zh']), 'the Chinese text has no Chinese in it; translate it (commands and names may stay in English)'));
    }
  }
  return out;
}

/** Lint one file on its own. */
export function lintScenarioFile(f: PackFile): { linted: LintedFile; scenario: Scenario | null } {
  const r = loadScenario(f.text);
  if (!r.ok) {
    return { linted: { file: f.file, id: null, diagnostics: r.errors.map((e) => ({ ...e, severity: 'error' as const })) }, scenario: null };
  }
  const pos = new Positions(f.text);
  const diagnostics = [...manifestProblems(r.scenario, pos), ...scenarioWarnings(f.file, r.scenario, pos)];
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return { linted: { file: f.file, id: r.scenario.id, diagnostics }, scenario: r.scenario };
}

/** Lint every file of a pack, then what only the whole pack shows: scenario ids used twice. */
export function lintPack(files: readonly PackFile[]): LintedFile[] {
  const out: LintedFile[] = [];
  const firstFileOf = new Map<string, string>();
  for (const f of files) {
    const { linted } = lintScenarioFile(f);
    if (linted.id !== null) {
      const first = firstFileOf.get(linted.id);
      if (first === undefined) firstFileOf.set(linted.id, f.file);
      else {
        const pos = new Positions(f.text).at(['id']);
        linted.diagnostics.push(diag('error', ['id'], pos, `duplicate scenario id "${linted.id}": ${first} already defines it`));
        linted.diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
      }
    }
    out.push(linted);
  }
  return out;
}

export function countBySeverity(files: readonly LintedFile[], severity: Severity): number {
  return files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === severity).length, 0);
}
