// `falco -V FILE…`: load the files in order into one engine and report each, as text or as JSON.
import type { FalcoEngine, PluginInfo } from '../engine';
import { loadResultsJson } from '../rules/load-result';
import type { LoadResult } from '../rules/load-result';

export interface RulesText {
  /** The path as given on the command line (Falco prints it unchanged). */
  name: string;
  content: string;
}

export interface ValidateOptions {
  /** json_output: one `{"falco_load_results":[…]}` line instead of the text summary. */
  json: boolean;
  /** -v: warnings of files that are otherwise Ok go to stderr. */
  verbose: boolean;
  /** Plugins Falco loaded; their versions satisfy (or not) `required_plugin_versions`. */
  plugins: PluginInfo[];
}

export interface ValidateOutcome {
  stdout: string;
  /** Warnings printed with -v. */
  stderr: string;
  /** null when every file loaded; otherwise the text Falco reports as `Error: <text>`. */
  error: string | null;
  results: LoadResult[];
}

export function validateRulesFiles(engine: FalcoEngine, files: RulesText[], opts: ValidateOptions): ValidateOutcome {
  let summary = '';
  let stderr = '';
  let successful = true;
  const results: LoadResult[] = [];
  for (const f of files) {
    const res = engine.loadRulesFile(f.name, f.content);
    results.push(res);
    successful &&= res.successful;
    if (opts.json) continue;
    if (summary !== '') summary += '\n';
    // Only errors belong in the summary; a file with warnings alone reads "Ok" there.
    if (!res.successful || !res.hasWarnings) summary += res.asString(true);
    else {
      summary += `${f.name}: Ok`;
      if (opts.verbose) stderr += `${res.asString(true)}\n`;
    }
  }
  const stdout = opts.json ? `${loadResultsJson(results)}\n` : `${summary}\n`;
  if (!successful) return { stdout, stderr, error: summary, results };
  const pluginError = engine.checkPluginRequirements(opts.plugins);
  return { stdout, stderr, error: pluginError, results };
}
