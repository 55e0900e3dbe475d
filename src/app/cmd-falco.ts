// `cks-lab falco validate|list-rules|list-fields|parse|replay`: the lab's Falco engine on host files,
// printing what falco 0.33.1 prints for the same input (see docs/falco-replay.md for replay's input).

import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import type { EventTime, FalcoConfig, FalcoEngine, FieldRegistry, PluginInfo, RulesText } from '../falco';
import {
  createFalcoEngine,
  enabledPlugins,
  formatAlertLine,
  formatFieldsList,
  formatParseTree,
  formatRulesList,
  loadFalcoConfig,
  parseCondition,
  readReplayLine,
  validateRulesFiles,
} from '../falco';
import { caretExcerpt } from '../core/span';
import { parseCommandArgs, UsageError, type CliIo } from './cli';

const HELP = `Usage: cks-lab falco <command> [options]

The lab's Falco 0.33.1 engine on files of this computer.

Commands:
  validate [--json] [-v] [--config <falco.yaml>] <rules.yaml>...
                     load the files in order, like falco -V: "<file>: Ok" or the errors;
                     --json prints {"falco_load_results":[...]}; exit 1 when a file is invalid
  list-rules [--config <falco.yaml>] <rules.yaml>...
                     the rules and their descriptions, like falco -L
  list-fields [<source>] [-N] [-v]
                     the fields of the syscall and k8s_audit sources, like falco --list
  parse '<condition>'
                     the syntax tree of a condition (not, and, or grouping), or the syntax
                     error with a caret; exit 1 on an error
  replay [--config <falco.yaml>] --rules <rules.yaml>... <events.jsonl>
                     match recorded events (one JSON object a line; '-' reads stdin) and print
                     the alerts as Falco writes them to stdout (docs/falco-replay.md)

Without --config, the packaged plugins (k8saudit, json) count as loaded, so k8s_audit
rules load; with --config, its plugins and load_plugins decide, as on a node.
`;

/** The plugins falco 0.33.1 ships, by library file. */
const PACKAGED: Record<string, { name: string; version: string; source: string | null }> = {
  'libk8saudit.so': { name: 'k8saudit', version: '0.4.0', source: 'k8s_audit' },
  'libcloudtrail.so': { name: 'cloudtrail', version: '0.6.0', source: 'aws_cloudtrail' },
  'libjson.so': { name: 'json', version: '0.6.0', source: null },
};
const DEFAULT_PLUGINS = [PACKAGED['libk8saudit.so']!, PACKAGED['libjson.so']!];

/** Code defaults plus stdout: what a minimal falco.yaml gives. */
const DEFAULT_CONFIG_TEXT = 'stdout_output:\n  enabled: true\n';

class CliFailure extends Error {
  constructor(
    readonly text: string,
    readonly status = 1,
  ) {
    super(text);
  }
}

function readHostFile(path: string, what = 'file'): string {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (what === 'rules') throw new CliFailure(`Error: Could not open file ${path} for reading\n`);
    throw new CliFailure(`cks-lab falco: cannot read ${path}: ${code === 'ENOENT' ? 'No such file or directory' : (code ?? (e as Error).message)}\n`);
  }
}

interface Setup {
  cfg: FalcoConfig;
  engine: FalcoEngine;
  plugins: PluginInfo[];
}

function setup(configPath: string | undefined, overrides: string[] = []): Setup {
  const text = configPath === undefined ? DEFAULT_CONFIG_TEXT : readHostFile(configPath);
  const loaded = loadFalcoConfig(configPath ?? '/etc/falco/falco.yaml', text, overrides);
  if (!loaded.ok) throw new CliFailure(loaded.stderr);
  const cfg = loaded.config;
  const plugins =
    configPath === undefined
      ? DEFAULT_PLUGINS
      : enabledPlugins(cfg).map((p) => {
          const known = PACKAGED[p.libraryPath.split('/').pop() ?? ''];
          if (!known) throw new CliFailure(`Error: cannot load plugin ${p.libraryPath}: not one of the plugins packaged with Falco 0.33.1\n`);
          return known;
        });
  const engine = createFalcoEngine({ minPriority: cfg.priority, pluginSources: plugins.flatMap((p) => (p.source ? [p.source] : [])) });
  return { cfg, engine, plugins: plugins.map((p) => ({ name: p.name, version: p.version })) };
}

function readRules(files: string[]): RulesText[] {
  return files.map((name) => ({ name, content: readHostFile(name, 'rules') }));
}

/** Loads rules like Falco's start-up: the first invalid file ends it with the verbose report. */
function loadRules(s: Setup, files: string[]): void {
  for (const r of readRules(files)) {
    const res = s.engine.loadRulesFile(r.name, r.content);
    if (!res.successful) throw new CliFailure(`Error: ${res.asString(true)}\n`);
  }
  const err = s.engine.checkPluginRequirements(s.plugins);
  if (err) throw new CliFailure(`Error: ${err}\n`);
}

function validate(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' }, config: { type: 'string' } }, Infinity);
  if (positionals.length === 0) throw new UsageError('validate needs at least one rules file');
  const s = setup(values.config);
  const out = validateRulesFiles(s.engine, readRules(positionals), { json: !!values.json || s.cfg.jsonOutput, verbose: !!values.verbose, plugins: s.plugins });
  io.stdout(out.stdout);
  if (out.stderr) io.stderr(out.stderr);
  if (out.error === null) return 0;
  io.stderr(`Error: ${out.error}\n`);
  return 1;
}

function listRules(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { config: { type: 'string' } }, Infinity);
  if (positionals.length === 0) throw new UsageError('list-rules needs at least one rules file');
  const s = setup(values.config);
  loadRules(s, positionals);
  io.stdout(formatRulesList(s.engine.rules()));
  return 0;
}

function listFields(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { names: { type: 'boolean', short: 'N' }, verbose: { type: 'boolean', short: 'v' } }, 1);
  const s = setup(undefined);
  const source = positionals[0] ?? '';
  const regs = new Map<string, FieldRegistry<unknown>>();
  for (const src of ['syscall', 'k8s_audit']) {
    const r = s.engine.fields(src);
    if (r) regs.set(src, r);
  }
  if (source !== '' && !regs.has(source)) throw new CliFailure('Error: Value for --list must be a valid source type\n');
  io.stdout(formatFieldsList(regs, { source, verbose: !!values.verbose, namesOnly: !!values.names }));
  return 0;
}

function parse(args: string[], io: CliIo): number {
  const { positionals } = parseCommandArgs(args, {}, 1);
  const cond = positionals[0];
  if (cond === undefined) throw new UsageError("parse needs a condition, e.g. 'evt.type = execve and proc.name = bash'");
  // Falco's rule compiler allows nesting up to 1000 levels.
  const r = parseCondition(cond, { maxDepth: 1000 });
  if (r.ok) {
    io.stdout(formatParseTree(r.expr));
    return 0;
  }
  io.stdout(`${caretExcerpt(cond, r.pos.idx)}\n`);
  io.stderr(`Error: ${r.message} (line ${r.pos.line}, column ${r.pos.col})\n`);
  return 1;
}

async function replay(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { config: { type: 'string' }, rules: { type: 'string', short: 'r', multiple: true }, option: { type: 'string', short: 'o', multiple: true } },
    Infinity,
  );
  const eventsPath = positionals.at(-1);
  const rules = [...(values.rules ?? []), ...positionals.slice(0, -1)];
  if (eventsPath === undefined) throw new UsageError('replay needs an events file (one JSON object a line), or - for stdin');
  if (rules.length === 0) throw new UsageError('replay needs --rules <rules.yaml>');
  const s = setup(values.config, values.option ?? []);
  loadRules(s, rules);
  const text = readHostFile(eventsPath);
  const hostname = process.env.FALCO_HOSTNAME ?? osHostname();
  const lineOpts = {
    timeFormatIso8601: s.cfg.timeFormatIso8601,
    json: s.cfg.jsonOutput,
    jsonIncludeOutputProperty: s.cfg.jsonIncludeOutputProperty,
    jsonIncludeTagsProperty: s.cfg.jsonIncludeTagsProperty,
    hostname,
  };
  let status = 0;
  let prev: EventTime | null = null;
  const warned = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const r = readReplayLine(line, i + 1, prev);
    if (!r.ok) {
      io.stderr(`cks-lab falco replay: ${eventsPath}:${i + 1}: ${r.error}\n`);
      status = 1;
      continue;
    }
    for (const w of r.warnings) {
      if (warned.has(w)) continue;
      warned.add(w);
      io.stderr(`cks-lab falco replay: ${eventsPath}:${i + 1}: ${w}\n`);
    }
    prev = r.value.time;
    const alert = r.value.source === 'syscall' ? s.engine.process(r.value.event) : s.engine.processSourceEvent('k8s_audit', r.value.event, r.value.time);
    if (alert) io.stdout(`${formatAlertLine(alert, lineOpts)}\n`);
  }
  return status;
}

export async function runFalcoCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'validate':
        return validate(rest, io);
      case 'list-rules':
        return listRules(rest, io);
      case 'list-fields':
        return listFields(rest, io);
      case 'parse':
        return parse(rest, io);
      case 'replay':
        return await replay(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${sub}'`);
    }
  } catch (e) {
    if (e instanceof CliFailure) {
      io.stderr(e.text);
      return e.status;
    }
    if (e instanceof UsageError) {
      io.stderr(`cks-lab falco: ${e.message}\nRun 'cks-lab falco --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}
