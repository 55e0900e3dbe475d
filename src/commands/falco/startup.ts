// One start of the Falco application, in 0.33.1's order: config, plugins, engine, --list, -V, rules
// (-L/-l), then the lines logged before the capture opens. Results say whether to go on, exit or fail.

import type { FalcoConfig, FalcoEngine, PluginInfo, RulesText } from '../../falco';
import { createFalcoEngine, enabledPlugins, formatFieldsList, formatRulesList, loadFalcoConfig, validateRulesFiles } from '../../falco';
import type { FieldRegistry } from '../../falco';
import { isVfsError } from '../../vfs';
import type { CommandContext } from '../types';
import { nodeInfo } from '../lib/node-info';
import { KERNEL_VERSION } from '../uname';
import { LOG_INFO, type FalcoLogger } from './logger';
import type { FalcoOptions } from './options';
import { expandRulesEntries, readRulesTexts } from './rules-files';

export const FALCO_VERSION = '0.33.1';
export const DEFAULT_CONFIG = '/etc/falco/falco.yaml';
const PLUGINS_DIR = '/usr/share/falco/plugins';

/** The plugins packaged with 0.33.1, known by their library file. */
const KNOWN_PLUGINS: Record<string, { name: string; version: string; source: string | null }> = {
  'libk8saudit.so': { name: 'k8saudit', version: '0.4.0', source: 'k8s_audit' },
  'libcloudtrail.so': { name: 'cloudtrail', version: '0.6.0', source: 'aws_cloudtrail' },
  'libjson.so': { name: 'json', version: '0.6.0', source: null },
};

export interface LoadedPlugin extends PluginInfo {
  source: string | null;
  libraryPath: string;
  openParams: string;
}

/** Everything a running Falco was started from; kept (as text) so a restored world resumes with it. */
export interface LoadedFalco {
  configPath: string;
  configText: string;
  cfg: FalcoConfig;
  engine: FalcoEngine;
  rules: RulesText[];
  folders: string[];
  plugins: LoadedPlugin[];
  /** Enabled event sources, sorted. */
  sources: string[];
}

export type StartResult = { kind: 'run'; falco: LoadedFalco } | { kind: 'exit'; status: number } | { kind: 'fatal'; message: string };

const fatal = (message: string): StartResult => ({ kind: 'fatal', message });

function readText(ctx: CommandContext, path: string): string | null {
  try {
    return ctx.sys.fs.readFile(path);
  } catch (e) {
    if (isVfsError(e)) return null;
    throw e;
  }
}

/** -p: the text added to outputs, and whether it replaces %container.info. */
function printFormat(p: string | null): { outputExtra?: string; replaceContainerInfo?: boolean } {
  if (p === null || p === '') return {};
  if (p === 'c' || p === 'container') return { outputExtra: 'container=%container.name (id=%container.id)', replaceContainerInfo: true };
  if (p === 'k' || p === 'kubernetes') return { outputExtra: 'k8s.ns=%k8s.ns.name k8s.pod=%k8s.pod.name container=%container.id', replaceContainerInfo: true };
  if (p === 'm' || p === 'mesos') return { outputExtra: 'task=%mesos.task.name container=%container.id', replaceContainerInfo: true };
  return { outputExtra: p, replaceContainerInfo: false };
}

function loadPlugins(ctx: CommandContext, cfg: FalcoConfig, logger: FalcoLogger | null): LoadedPlugin[] | string {
  const out: LoadedPlugin[] = [];
  for (const p of enabledPlugins(cfg)) {
    const path = p.libraryPath.startsWith('/') ? p.libraryPath : `${PLUGINS_DIR}/${p.libraryPath}`;
    logger?.log(LOG_INFO, `Loading plugin (${p.name}) from file ${path}\n`);
    const known = KNOWN_PLUGINS[path.split('/').pop() ?? ''];
    if (readText(ctx, path) === null || !known) return `cannot load plugin ${path}: ${path}: cannot open shared object file: No such file or directory`;
    out.push({ name: known.name, version: known.version, source: known.source, libraryPath: path, openParams: p.openParams });
  }
  return out;
}

/** Config text → engine with the plugins it names; `logger` null when resuming silently. */
export function prepareEngine(
  ctx: CommandContext,
  opts: FalcoOptions,
  configPath: string,
  configText: string,
  logger: FalcoLogger | null,
): { ok: true; cfg: FalcoConfig; engine: FalcoEngine; plugins: LoadedPlugin[] } | { ok: false; stderr: string } {
  const loaded = loadFalcoConfig(configPath, configText, opts.overrides);
  if (!loaded.ok) return { ok: false, stderr: loaded.stderr };
  const cfg = loaded.config;
  if (logger) {
    logger.configure(cfg);
    logger.log(LOG_INFO, `Falco version: ${FALCO_VERSION} (x86_64)\n`);
    logger.log(LOG_INFO, `Falco initialized with configuration file: ${configPath}\n`);
  }
  const plugins = loadPlugins(ctx, cfg, logger);
  if (typeof plugins === 'string') return { ok: false, stderr: `Error: ${plugins}\n` };
  const engine = createFalcoEngine({
    minPriority: cfg.priority,
    pluginSources: plugins.flatMap((p) => (p.source ? [p.source] : [])),
    ...printFormat(opts.print),
  });
  return { ok: true, cfg, engine, plugins };
}

function applySelection(engine: FalcoEngine, opts: FalcoOptions, logger: FalcoLogger): void {
  for (const s of opts.disableSubstrings) logger.log(LOG_INFO, `Disabling rules matching substring: ${s}\n`);
  for (const t of opts.disableTags) logger.log(LOG_INFO, `Disabling rules with tag: ${t}\n`);
  for (const t of opts.enableTags) logger.log(LOG_INFO, `Enabling rules with tag: ${t}\n`);
  engine.selectRules({ disableSubstrings: opts.disableSubstrings, disableTags: opts.disableTags, onlyTags: opts.enableTags });
}

/** Runs the start-up actions up to (not including) opening the capture. */
export function startFalco(ctx: CommandContext, opts: FalcoOptions, logger: FalcoLogger): StartResult {
  const configPath = opts.configFile ?? DEFAULT_CONFIG;
  const configText = readText(ctx, configPath);
  if (configText === null) {
    if (opts.configFile !== null) return fatal(`Could not find configuration file at ${configPath}`);
    return fatal(`You must create a config file at ${DEFAULT_CONFIG} or by passing -c`);
  }
  const prep = prepareEngine(ctx, opts, configPath, configText, logger);
  if (!prep.ok) {
    ctx.stderr.write(prep.stderr);
    return { kind: 'exit', status: 1 };
  }
  const { cfg, engine, plugins } = prep;
  const sources = ['syscall', ...plugins.flatMap((p) => (p.source ? [p.source] : []))].sort();

  if (opts.listFields !== null) {
    if (opts.listFields !== '' && !sources.includes(opts.listFields)) return fatal('Value for --list must be a valid source type');
    const regs = new Map<string, FieldRegistry<unknown>>();
    for (const s of sources) {
      const r = engine.fields(s);
      if (r) regs.set(s, r);
    }
    ctx.stdout.write(formatFieldsList(regs, { source: opts.listFields, verbose: opts.verbose, namesOnly: opts.namesOnly }));
    return { kind: 'exit', status: 0 };
  }

  if (opts.validate.length > 0) {
    logger.log(LOG_INFO, 'Validating rules file(s):\n');
    for (const f of opts.validate) logger.log(LOG_INFO, `   ${f}\n`);
    const read = readRulesTexts(ctx.sys.fs, opts.validate);
    if (!read.ok) return fatal(read.error);
    const v = validateRulesFiles(engine, read.texts, { json: cfg.jsonOutput, verbose: opts.verbose, plugins });
    ctx.stdout.write(v.stdout);
    ctx.stderr.write(v.stderr);
    return v.error === null ? { kind: 'exit', status: 0 } : fatal(v.error);
  }

  const entries = opts.rulesFiles.length > 0 ? opts.rulesFiles : cfg.rulesFile;
  if (entries.length === 0) return fatal('You must specify at least one rules file/directory via -r or a rules_file entry in falco.yaml');
  const expanded = expandRulesEntries(ctx.sys.fs, entries);
  const read = readRulesTexts(ctx.sys.fs, expanded.files);
  if (!read.ok) return fatal(read.error);
  for (const r of read.texts) {
    logger.log(LOG_INFO, `Loading rules from file ${r.name}\n`);
    const res = engine.loadRulesFile(r.name, r.content);
    if (!res.successful) return fatal(res.asString(true));
    if (opts.verbose && res.hasWarnings) ctx.stderr.write(`${res.asString(true)}\n`);
  }
  const pluginError = engine.checkPluginRequirements(plugins);
  if (pluginError) return fatal(pluginError);
  applySelection(engine, opts, logger);

  if (opts.describeAll || opts.describeRule !== null) {
    ctx.stdout.write(formatRulesList(engine.rules(), opts.describeRule ?? undefined));
    return { kind: 'exit', status: 0 };
  }

  if (opts.support) {
    // print_support: one JSON object (nlohmann sorts keys) with the config and every rules file.
    const info = nodeInfo(ctx);
    const support = {
      cmdline: ctx.argv.join(' '),
      config: configText,
      engine_info: { engine_version: 15 },
      libs_version: '0.9.2',
      rules_files: read.texts.map((r) => ({ name: r.name, variants: [{ content: r.content }] })),
      system_info: { machine: 'x86_64', nodename: ctx.process.hostname, release: info.kernelRelease, sysname: 'Linux', version: KERNEL_VERSION },
      version: FALCO_VERSION,
    };
    ctx.stdout.write(`${JSON.stringify(support)}\n`);
    return { kind: 'exit', status: 0 };
  }
  return { kind: 'run', falco: { configPath, configText, cfg, engine, rules: read.texts, folders: expanded.folders, plugins, sources } };
}

/** Re-creates the engine from the texts a running Falco had loaded (a restored world), logging nothing. */
export function restoreFalco(ctx: CommandContext, opts: FalcoOptions, saved: { configPath: string; configText: string; rules: RulesText[]; folders: string[] }): LoadedFalco | null {
  const prep = prepareEngine(ctx, opts, saved.configPath, saved.configText, null);
  if (!prep.ok) return null;
  const real = prep.engine;
  // These texts loaded without errors before the world was saved, so compiling them again cannot
  // fail; it waits for the first use so that resuming a lab stays quick.
  let compiled = false;
  const engine = (): FalcoEngine => {
    if (!compiled) {
      compiled = true;
      for (const r of saved.rules) real.loadRulesFile(r.name, r.content);
      real.selectRules({ disableSubstrings: opts.disableSubstrings, disableTags: opts.disableTags, onlyTags: opts.enableTags });
    }
    return real;
  };
  const lazy: FalcoEngine = {
    loadRulesFile: (name, content) => engine().loadRulesFile(name, content),
    process: (evt) => engine().process(evt),
    processSourceEvent: (source, evt, time) => engine().processSourceEvent(source, evt, time),
    rules: () => engine().rules(),
    selectRules: (sel) => engine().selectRules(sel),
    checkPluginRequirements: (loaded) => engine().checkPluginRequirements(loaded),
    fields: (source) => engine().fields(source),
  };
  const sources = ['syscall', ...prep.plugins.flatMap((p) => (p.source ? [p.source] : []))].sort();
  return { ...saved, cfg: prep.cfg, engine: lazy, plugins: prep.plugins, sources };
}

const BUFFER_SIZES = [0, 1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 24, 1 << 25, 1 << 26, 1 << 27, 1 << 28, 1 << 29];

/** The lines between loading rules and opening the capture: buffer size, gRPC, health webserver. */
export function logServices(ctx: CommandContext, cfg: FalcoConfig, logger: FalcoLogger): string | null {
  const preset = cfg.syscallBufSizePreset;
  if (preset < 1 || preset > 10) return "The 'syscall_buf_size_preset' value must be between '1' and '10'\n";
  const size = BUFFER_SIZES[preset]!;
  logger.log(LOG_INFO, `The chosen syscall buffer dimension is: ${size} bytes (${size / (1024 * 1024)} MBs)\n`);
  if (cfg.grpc.enabled) logger.log(LOG_INFO, `Starting gRPC server at ${cfg.grpc.bindAddress}\n`);
  if (cfg.webserver.enabled) {
    const threads = nodeInfo(ctx).cpus;
    logger.log(LOG_INFO, `Starting health webserver with threadiness ${threads}, listening on port ${cfg.webserver.listenPort}\n`);
  }
  return null;
}
