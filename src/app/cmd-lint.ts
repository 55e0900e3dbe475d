// `cks-lab lint <pack-dir>`: validate a scenario pack without running any of it; exit 0 when clean,
// 1 when a file has problems, 2 on usage errors.

import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { formatLoadErrors, MAX_SCENARIO_BYTES } from '../scenarios/load';
import { parseCommandArgs, UsageError, type CliIo } from './cli';
import type { Lang } from './lang';
import { countBySeverity, lintPack, type LintDiagnostic, type LintedFile, type PackFile } from './lint-pack';

/** A pack is a folder of `<id>.yaml` files and `<id>/scenario.yaml` folders, like scenarios/. */
export interface PackListing {
  /** Scenario files, relative to the folder that was searched, sorted. */
  files: string[];
  /** Files cks-lab would not load although they look meant as scenarios (`.yml`). */
  ignored: string[];
  /** The folder searched: the pack dir, or its `scenarios/` subfolder when it has one. */
  root: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function listPack(dir: string): PackListing {
  // A repository that ships a pack keeps it in scenarios/, as cks-lab itself does.
  const nested = join(dir, 'scenarios');
  const root = statOrNull(nested)?.isDirectory() ? nested : dir;
  const files: string[] = [];
  const ignored: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && !!statOrNull(join(root, name))?.isDirectory());
    if (isDir) {
      if (statOrNull(join(root, name, 'scenario.yaml'))?.isFile()) files.push(join(name, 'scenario.yaml'));
      else if (statOrNull(join(root, name, 'scenario.yml'))?.isFile()) ignored.push(join(name, 'scenario.yml'));
    } else if (name.endsWith('.yaml')) files.push(name);
    else if (name.endsWith('.yml')) ignored.push(name);
  }
  return { files: files.sort(), ignored: ignored.sort(), root };
}

/** Read a file as a scenario text, refusing sizes no scenario has before reading them in. */
function readPackFile(path: string, shown: string): PackFile | LintedFile {
  const st = statOrNull(path);
  if (!st) return { file: shown, id: null, diagnostics: [fileError('cannot read the file')] };
  // UTF-8 Chinese takes 3 bytes a character; the loader applies the exact limit to the text.
  if (st.size > MAX_SCENARIO_BYTES * 3) return { file: shown, id: null, diagnostics: [fileError(`file is too large (over ${MAX_SCENARIO_BYTES} bytes)`)] };
  try {
    return { file: shown, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { file: shown, id: null, diagnostics: [fileError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)] };
  }
}

function fileError(message: string): LintDiagnostic {
  return { severity: 'error', path: '', line: 1, col: 1, message };
}

function isLinted(x: PackFile | LintedFile): x is LintedFile {
  return 'diagnostics' in x;
}

function formatWarning(file: string, d: LintDiagnostic): string {
  return `${file}:${d.line}:${d.col}: warning: ${d.path ? `${d.path}: ` : ''}${d.message}`;
}

function summary(lang: Lang, scenarios: number, errors: number, warnings: number): string {
  if (lang === 'zh') {
    return errors === 0 && warnings === 0
      ? `已检查 ${scenarios} 个场景文件：没有发现问题`
      : `已检查 ${scenarios} 个场景文件：${errors} 个错误，${warnings} 个警告`;
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return errors === 0 && warnings === 0
    ? `${plural(scenarios, 'scenario file')} checked: no problems`
    : `${plural(scenarios, 'scenario file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export async function runLintCommand(args: string[], io: CliIo, lang: Lang): Promise<number> {
  let target: string;
  let json = false;
  let strict = false;
  try {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, strict: { type: 'boolean' } }, 1);
    if (positionals[0] === undefined) throw new UsageError('missing pack directory');
    target = positionals[0];
    json = !!values.json;
    strict = !!values.strict;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cks-lab lint: ${e.message}\nRun 'cks-lab --help' for usage.\n`);
    return 2;
  }

  const st = statOrNull(target);
  if (!st) {
    io.stderr(`cks-lab lint: ${target}: No such file or directory\n`);
    return 2;
  }

  // A single file is linted on its own; a folder as a pack.
  let names: string[];
  let ignored: string[] = [];
  let base: string;
  if (st.isDirectory()) {
    let listing: PackListing;
    try {
      listing = listPack(target);
    } catch (e) {
      io.stderr(`cks-lab lint: ${target}: cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return 2;
    }
    names = listing.files.map((f) => join(listing.root, f));
    ignored = listing.ignored.map((f) => join(listing.root, f));
    base = listing.root;
  } else {
    names = [target];
    base = target;
  }

  const read = names.map((n) => readPackFile(n, n));
  const linted = lintPack(read.filter((x): x is PackFile => !isLinted(x)));
  const byName = new Map(linted.map((l) => [l.file, l]));
  const results: LintedFile[] = read.map((x) => (isLinted(x) ? x : byName.get(x.file)!));
  for (const f of ignored) {
    results.push({ file: f, id: null, diagnostics: [{ severity: 'warning', path: '', line: 0, col: 0, message: 'ignored: cks-lab loads scenario files only when they end in .yaml' }] });
  }
  if (names.length === 0) {
    // About the folder, not a place in a file: line and column 0.
    results.push({ file: base, id: null, diagnostics: [{ ...fileError('no scenario files found (expected <id>.yaml files or <id>/scenario.yaml folders)'), line: 0, col: 0 }] });
  }

  const errors = countBySeverity(results, 'error');
  const warnings = countBySeverity(results, 'warning');
  const ok = errors === 0 && (!strict || warnings === 0);

  if (json) {
    const report = {
      ok,
      scenarios: names.length,
      errors,
      warnings,
      files: results.map((r) => ({
        file: r.file,
        id: r.id,
        ok: !r.diagnostics.some((d) => d.severity === 'error'),
        diagnostics: r.diagnostics.map((d) => ({ severity: d.severity, path: d.path, line: d.line, col: d.col, message: d.message })),
      })),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return ok ? 0 : 1;
  }

  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.line === 0) io.stdout(`${r.file}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}\n`);
      else io.stdout(`${d.severity === 'error' ? formatLoadErrors(r.file, [d]) : formatWarning(r.file, d)}\n`);
    }
  }
  io.stdout(`${summary(lang, names.length, errors, warnings)}\n`);
  return ok ? 0 : 1;
}
