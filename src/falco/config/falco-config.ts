// falco.yaml as Falco 0.33.1 reads it: keys, code defaults, `-o key=value` overrides and its error messages.
import type { Document } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Priority } from '../priority';
import { parsePriority } from '../priority';
import type { AnyNode } from '../yaml-cpp';
import { getKey, isNullNode, parseYamlBool, scalarText, yamlCppError } from '../yaml-cpp';
import { excessiveNesting, resolveAliases } from '../yaml-limits';
import { lineColAt } from '../../core/span';

export interface PluginConfig {
  name: string;
  libraryPath: string;
  initConfig: string;
  openParams: string;
}

export interface FalcoConfig {
  /** `rules_file` entries as written (files or directories; the host expands and skips missing ones). */
  rulesFile: string[];
  plugins: PluginConfig[];
  /** Names of plugins to load; null when `load_plugins` is absent (then every listed plugin loads). */
  loadPlugins: string[] | null;
  watchConfigFiles: boolean;
  timeFormatIso8601: boolean;
  jsonOutput: boolean;
  jsonIncludeOutputProperty: boolean;
  jsonIncludeTagsProperty: boolean;
  logStderr: boolean;
  logSyslog: boolean;
  logLevel: string;
  priority: Priority;
  bufferedOutputs: boolean;
  /** Index into the driver's ring-buffer size table (1 = 1 MB … 10 = 512 MB); 0 is reserved. */
  syscallBufSizePreset: number;
  outputs: { rate: number; maxBurst: number };
  syslogOutput: { enabled: boolean };
  fileOutput: { enabled: boolean; keepAlive: boolean; filename: string };
  stdoutOutput: { enabled: boolean };
  programOutput: { enabled: boolean; keepAlive: boolean; program: string };
  httpOutput: { enabled: boolean; url: string; userAgent: string };
  webserver: { enabled: boolean; listenPort: number; k8sHealthzEndpoint: string; sslEnabled: boolean };
  grpc: { enabled: boolean; bindAddress: string };
  grpcOutput: { enabled: boolean };
}

export type FalcoConfigResult =
  | { ok: true; config: FalcoConfig }
  /** `stderr` is what Falco prints before exiting with status 1. */
  | { ok: false; stderr: string };

const LOG_LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

/** A yaml-cpp exception: `yaml-cpp: error at line L, column C: msg` (no position for nodes set by -o). */
class YamlCppError extends Error {}

/** A logic_error from falco_configuration::init. */
class ConfigError extends Error {}

/** `file_output.enabled` → [file_output, enabled]; `rules_file[1]` → [rules_file, 1]. */
function keyPath(key: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of key.split('.')) {
    const m = /^([^[]*)((?:\[[0-9]+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[([0-9]+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** yaml_configuration::set_scalar: creates maps along the path and stores the value as text. */
function setScalar(doc: Document, key: string, value: string): void {
  const path = keyPath(key);
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as unknown as typeof doc.contents;
  let node = doc.contents as unknown as YAMLMap | YAMLSeq;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const last = i === path.length - 1;
    const cur = node.get(k, true) as AnyNode;
    if (last) {
      node.set(k, new Scalar(value));
      return;
    }
    if (isMap(cur) || isSeq(cur)) node = cur as YAMLMap | YAMLSeq;
    else {
      const fresh = typeof path[i + 1] === 'number' ? new YAMLSeq() : new YAMLMap();
      node.set(k, fresh);
      node = fresh;
    }
  }
}

export function loadFalcoConfig(path: string, text: string, overrides: string[] = []): FalcoConfigResult {
  // Falco rethrows the caught exception by value, so only "std::exception" survives to main().
  const unreadable = (line: number, col: number, message: string): FalcoConfigResult => ({
    ok: false,
    stderr: `Cannot read config file (${path}): yaml-cpp: error at line ${line}, column ${col}: ${message}\nError: std::exception\n`,
  });
  const limit = (e: { message: string; offset: number }): FalcoConfigResult => {
    const { line, col } = lineColAt(text, e.offset);
    return unreadable(line, col, e.message);
  };
  const deep = excessiveNesting(text);
  if (deep) return limit(deep);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const { message, offset } = yamlCppError(text, err.code, err.message, err.pos[0]);
    const lp = lc.linePos(offset);
    return unreadable(lp.line, lp.col, message);
  }
  const aliasing = resolveAliases(doc.contents as AnyNode);
  if (aliasing) return limit(aliasing);
  try {
    for (const opt of overrides) {
      const eq = opt.indexOf('=');
      if (eq < 0) throw new ConfigError(`Error parsing config option "${opt}". Must be of the form key=val or key.subkey=val`);
      setScalar(doc, opt.slice(0, eq), opt.slice(eq + 1));
    }
    return { ok: true, config: readConfig(doc, lc, path) };
  } catch (e) {
    if (e instanceof YamlCppError || e instanceof ConfigError) return { ok: false, stderr: `Error: ${e.message}\n` };
    throw e;
  }
}

function readConfig(doc: Document, lc: LineCounter, path: string): FalcoConfig {
  const root = doc.contents as AnyNode;
  const node = (key: string): AnyNode => {
    let n: AnyNode = root;
    for (const k of keyPath(key)) {
      if (typeof k === 'number') n = isSeq(n) ? ((n.items[k] ?? undefined) as AnyNode) : undefined;
      else n = getKey(n, k);
      if (n === undefined) return undefined;
    }
    return n;
  };
  const badConversion = (n: AnyNode): never => {
    const off = n?.range?.[0];
    if (off === undefined) throw new YamlCppError('bad conversion');
    const lp = lc.linePos(off);
    throw new YamlCppError(`yaml-cpp: error at line ${lp.line}, column ${lp.col}: bad conversion`);
  };
  const str = (key: string, dflt: string): string => {
    const n = node(key);
    if (n === undefined || isNullNode(n)) return n === undefined ? dflt : '';
    const t = scalarText(n);
    return t === null ? badConversion(n) : t;
  };
  const bool = (key: string, dflt: boolean): boolean => {
    const n = node(key);
    if (n === undefined) return dflt;
    const b = parseYamlBool(scalarText(n) ?? '');
    return b === null ? badConversion(n) : b;
  };
  const uint = (key: string, dflt: number): number => {
    const n = node(key);
    if (n === undefined) return dflt;
    const t = scalarText(n) ?? '';
    return /^\+?[0-9]+$/.test(t) ? Number(t) : badConversion(n);
  };
  const seq = (key: string): string[] | null => {
    const n = node(key);
    if (n === undefined) return null;
    if (isSeq(n)) return (n.items as AnyNode[]).map((i) => scalarText(i) ?? badConversion(i));
    if (isScalar(n) && !isNullNode(n)) return [scalarText(n) as string];
    return [];
  };

  const configError = (msg: string): never => {
    throw new ConfigError(`Error reading config file (${path}): ${msg}`);
  };

  const cfg: FalcoConfig = {
    rulesFile: seq('rules_file') ?? [],
    plugins: [],
    loadPlugins: seq('load_plugins'),
    watchConfigFiles: bool('watch_config_files', true),
    timeFormatIso8601: bool('time_format_iso_8601', false),
    jsonOutput: bool('json_output', false),
    jsonIncludeOutputProperty: bool('json_include_output_property', true),
    jsonIncludeTagsProperty: bool('json_include_tags_property', true),
    logStderr: bool('log_stderr', false),
    logSyslog: bool('log_syslog', true),
    logLevel: str('log_level', 'info'),
    priority: 7,
    bufferedOutputs: bool('buffered_outputs', false),
    syscallBufSizePreset: uint('syscall_buf_size_preset', 4),
    outputs: { rate: uint('outputs.rate', 0), maxBurst: uint('outputs.max_burst', 1000) },
    syslogOutput: { enabled: bool('syslog_output.enabled', false) },
    fileOutput: { enabled: bool('file_output.enabled', false), keepAlive: bool('file_output.keep_alive', false), filename: str('file_output.filename', '') },
    stdoutOutput: { enabled: bool('stdout_output.enabled', false) },
    programOutput: { enabled: bool('program_output.enabled', false), keepAlive: bool('program_output.keep_alive', false), program: str('program_output.program', '') },
    httpOutput: { enabled: bool('http_output.enabled', false), url: str('http_output.url', ''), userAgent: str('http_output.user_agent', 'falcosecurity/falco') },
    webserver: {
      enabled: bool('webserver.enabled', false),
      listenPort: uint('webserver.listen_port', 8765),
      k8sHealthzEndpoint: str('webserver.k8s_healthz_endpoint', '/healthz'),
      sslEnabled: bool('webserver.ssl_enabled', false),
    },
    grpc: { enabled: bool('grpc.enabled', false), bindAddress: str('grpc.bind_address', '0.0.0.0:5060') },
    grpcOutput: { enabled: bool('grpc_output.enabled', true) },
  };

  if (cfg.fileOutput.enabled && cfg.fileOutput.filename === '') configError('file output enabled but no filename in configuration block');
  if (cfg.programOutput.enabled && cfg.programOutput.program === '') configError('program output enabled but no program in configuration block');
  if (cfg.httpOutput.enabled && cfg.httpOutput.url === '') configError('http output enabled but no url in configuration block');
  const anyOutput =
    cfg.fileOutput.enabled || cfg.stdoutOutput.enabled || cfg.syslogOutput.enabled || cfg.programOutput.enabled || cfg.httpOutput.enabled || (cfg.grpc.enabled && cfg.grpcOutput.enabled);
  if (!anyOutput) configError('No outputs configured. Please configure at least one output file output enabled but no filename in configuration block');

  if (!LOG_LEVELS.includes(cfg.logLevel)) throw new ConfigError(`Unknown log level ${cfg.logLevel}`);
  const prioText = str('priority', 'debug');
  const prio = parsePriority(prioText);
  if (prio === null) throw new ConfigError(`Unknown priority "${prioText}"--must be one of emergency, alert, critical, error, warning, notice, informational, debug`);
  cfg.priority = prio;

  const plugins = node('plugins');
  if (isSeq(plugins)) {
    for (const p of plugins.items as AnyNode[]) {
      const get = (k: string): string => scalarText(getKey(p, k)) ?? '';
      if (!isMap(p)) continue;
      const name = get('name');
      if (name === '') configError('plugin name is missing');
      cfg.plugins.push({ name, libraryPath: get('library_path'), initConfig: get('init_config'), openParams: get('open_params') });
    }
  }
  return cfg;
}

/** The plugins Falco would load: all listed ones, or only those named in load_plugins. */
export function enabledPlugins(cfg: FalcoConfig): PluginConfig[] {
  if (cfg.loadPlugins === null) return cfg.plugins;
  return cfg.plugins.filter((p) => cfg.loadPlugins?.includes(p.name));
}
