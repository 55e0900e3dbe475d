// Falco 0.33.1's command line (cxxopts): the options it accepts, their parsing errors, and `--help`.

export interface FalcoOptions {
  help: boolean;
  version: boolean;
  /** -c; null: the default /etc/falco/falco.yaml (when it exists). */
  configFile: string | null;
  /** -o key=val, in order. */
  overrides: string[];
  /** -r, replacing the config's rules_file list when given. */
  rulesFiles: string[];
  /** -V/--validate. */
  validate: string[];
  /** -L */
  describeAll: boolean;
  /** -l <rule> */
  describeRule: string | null;
  /** --list[=source]: null when not asked for, '' for every source. */
  listFields: string | null;
  /** -N */
  namesOnly: boolean;
  /** -M seconds; 0 = run until stopped. */
  durationS: number;
  disableSubstrings: string[];
  disableTags: string[];
  enableTags: string[];
  /** -p */
  print: string | null;
  allEvents: boolean;
  verbose: boolean;
  unbuffered: boolean;
  daemon: boolean;
  pidfile: string;
  support: boolean;
  listPlugins: boolean;
  disableSources: string[];
  enableSources: string[];
}

interface OptionDef {
  short?: string;
  long?: string;
  /** Value placeholder; absent for flags. */
  arg?: string;
  /** cxxopts implicit value: the option takes a value only as `--opt=value`. */
  implicit?: boolean;
  dflt?: string;
  desc: string;
  apply: (o: FalcoOptions, v: string) => string | void;
}

const push = (list: keyof FalcoOptions) => (o: FalcoOptions, v: string) => {
  (o[list] as string[]).push(v);
};
const flag = (key: keyof FalcoOptions) => (o: FalcoOptions) => {
  (o[key] as boolean) = true;
};
const ignore = (): void => {};

// Descriptions as the 0.33 binary prints them (gVisor options are absent from the deb build's help).
const OPTIONS: OptionDef[] = [
  { short: 'h', long: 'help', desc: 'Print this page', apply: flag('help') },
  { short: 'c', arg: '<path>', desc: 'Configuration file. If not specified uses /etc/falco/falco.yaml.', apply: (o, v) => void (o.configFile = v) },
  { short: 'A', desc: 'Monitor all events, including not interesting ones. Please use the `-i` command line option to see the ignored events. This option is implicit when the capture is not live.', apply: flag('allEvents') },
  { short: 'b', long: 'print-base64', desc: 'Print data buffers in base64. This is useful for encoding binary data that needs to be used over media designed to consume this format.', apply: ignore },
  { long: 'cri', arg: '<path>', desc: 'Path to CRI socket for container metadata. Use the specified socket to fetch data from a CRI-compatible runtime. If not specified, uses libs default. It can be passed multiple times to specify socket to be tried until a successful one is found.', apply: ignore },
  { short: 'd', long: 'daemon', desc: 'Run as a daemon.', apply: flag('daemon') },
  { long: 'disable-cri-async', desc: 'Disable asynchronous CRI metadata fetching. This is useful to let the input event wait for the container metadata fetch to finish before moving forward. Async fetching, in some environments leads to empty fields for container metadata when the fetch is not fast enough to be completed asynchronously. This can have a performance penalty on your environment depending on the number of containers and the frequency at which they are created/started/stopped.', apply: ignore },
  { long: 'disable-source', arg: '<event_source>', desc: 'Disable a specific event source. Available event sources are: syscall or any source from a configured plugin with event sourcing capability. It can be passed multiple times. It has no offect when reading events from a trace file. Can not disable all event sources. Can not be mixed with enable-source.', apply: push('disableSources') },
  { short: 'D', arg: '<substring>', desc: 'Disable any rules with names having the substring <substring>. Can be specified multiple times. Can not be specified with -t.', apply: push('disableSubstrings') },
  { short: 'e', arg: '<events_file>', desc: 'Read the events from a trace file <events_file> in .scap format instead of tapping into live.', apply: () => 'trace files are not supported by this lab (use `cks-lab falco replay` on the host)' },
  { long: 'enable-source', arg: '<event_source>', desc: 'Enable a specific event source. If used, only event sources passed with this options get enabled. Available event sources are: syscall or any source from a configured plugin with event sourcing capability. It can be passed multiple times. It has no offect when reading events from a trace file. Can not be mixed with disable-source.', apply: push('enableSources') },
  { short: 'i', desc: 'Print all events that are ignored by default (i.e. without the -A flag) and exit.', apply: ignore },
  { short: 'k', long: 'k8s-api', arg: '<url>', desc: 'Enable Kubernetes support by connecting to the API server specified as argument. E.g. "http://admin:password@127.0.0.1:8080". The API server can also be specified via the environment variable FALCO_K8S_API.', apply: ignore },
  { short: 'K', long: 'k8s-api-cert', arg: '(<bt_file> | <cert_file>:<key_file[#password]>[:<ca_cert_file>])', desc: "Use the provided files names to authenticate user and (optionally) verify the K8S API server identity. Each entry must specify full (absolute, or relative to the current directory) path to the respective file. Private key password is optional (needed only if key is password protected). CA certificate is optional. For all files, only PEM file format is supported. Specifying CA certificate only is obsoleted - when single entry is provided for this option, it will be interpreted as the name of a file containing bearer token. Note that the format of this command-line option prohibits use of files whose names contain ':' or '#' characters in the file name.", apply: ignore },
  { long: 'k8s-node', arg: '<node_name>', desc: 'The node name will be used as a filter when requesting metadata of pods to the API server. Usually, it should be set to the current node on which Falco is running. If empty, no filter is set, which may have a performance penalty on large clusters.', apply: ignore },
  { short: 'L', desc: 'Show the name and description of all rules and exit.', apply: flag('describeAll') },
  { short: 'l', arg: '<rule>', desc: 'Show the name and description of the rule with name <rule> and exit.', apply: (o, v) => void (o.describeRule = v) },
  { long: 'list', arg: '<source>', implicit: true, desc: 'List all defined fields. If <source> is provided, only list those fields for the source <source>. Current values for <source> are "syscall" or any source from a configured plugin with event sourcing capability.', apply: (o, v) => void (o.listFields = v) },
  { long: 'list-syscall-events', desc: 'List all defined system call events.', apply: ignore },
  { long: 'list-plugins', desc: 'Print info on all loaded plugins and exit.', apply: flag('listPlugins') },
  { short: 'm', long: 'mesos-api', arg: '<url[,marathon_url]>', desc: 'Enable Mesos support by connecting to the API server specified as argument. E.g. "http://admin:password@127.0.0.1:5050". Marathon url is optional and defaults to Mesos address, port 8080. The API servers can also be specified via the environment variable FALCO_MESOS_API.', apply: ignore },
  { short: 'M', arg: '<num_seconds>', dflt: '0', desc: 'Stop collecting after <num_seconds> reached.', apply: (o, v) => (/^[+]?[0-9]+$/.test(v) ? void (o.durationS = Number(v)) : `Argument \u2018${v}\u2019 failed to parse`) },
  { long: 'markdown', desc: 'When used with --list/--list-syscall-events, print the content in Markdown format', apply: ignore },
  { short: 'N', desc: 'When used with --list, only print field names.', apply: flag('namesOnly') },
  { short: 'o', long: 'option', arg: '<opt>=<val>', desc: 'Set the value of option <opt> to <val>. Overrides values in configuration file. <opt> can be identified using its location in configuration file using dot notation. Elements which are entries of lists can be accessed via square brackets [].\n    E.g. base.id = val\n         base.subvalue.subvalue2 = val\n         base.list[1]=val', apply: push('overrides') },
  { long: 'plugin-info', arg: '<plugin_name>', desc: 'Print info for a single plugin and exit.\nThis includes all descriptivo info like name and author, along with the\nschema format for the init configuration and a list of suggested open parameters.\n<plugin_name> can be the name of the plugin or its configured library_path.', apply: ignore },
  { short: 'p', long: 'print', arg: '<output_format>', desc: "Add additional information to each falco notification's output.\nWith -pc or -pcontainer will use a container-friendly format.\nWith -pk or -pkubernetes will use a kubernetes-friendly format.\nWith -pm or -pmesos will use a mesos-friendly format.\nAdditionally, specifying -pc/-pk/-pm will change the interpretation of %container.info in rule output fields.", apply: (o, v) => void (o.print = v) },
  { short: 'P', long: 'pidfile', arg: '<pid_file>', dflt: '/var/run/falco.pid', desc: 'When run as a daemon, write pid to specified file', apply: (o, v) => void (o.pidfile = v) },
  { short: 'r', arg: '<rules_file>', desc: 'Rules file/directory (defaults to value set in configuration file, or /etc/falco_rules.yaml). Can be specified multiple times to read from multiple files/directories.', apply: push('rulesFiles') },
  { short: 's', arg: '<stats_file>', desc: "If specified, append statistics related to Falco's reading/processing of events to this file (only useful in live mode).", apply: ignore },
  { long: 'stats-interval', arg: '<msec>', dflt: '5000', desc: "When using -s <stats_file>, write statistics every <msec> ms. This uses signals, so don't recommend intervals below 200 ms. Defaults to 5000 (5 seconds).", apply: ignore },
  { short: 'S', long: 'snaplen', arg: '<len>', dflt: '0', desc: 'Capture the first <len> bytes of each I/O buffer. By default, the first 80 bytes are captured. Use this option with caution, it can generate huge trace files.', apply: ignore },
  { long: 'support', desc: 'Print support information including version, rules files used, etc. and exit.', apply: flag('support') },
  { short: 'T', arg: '<tag>', desc: 'Disable any rules with a tag=<tag>. Can be specified multiple times. Can not be specified with -t', apply: push('disableTags') },
  { short: 't', arg: '<tag>', desc: 'Only run those rules with a tag=<tag>. Can be specified multiple times. Can not be specified with -T/-D.', apply: push('enableTags') },
  { short: 'U', long: 'unbuffered', desc: 'Turn off output buffering to configured outputs. This causes every single line emitted by falco to be flushed which generates higher CPU usage but is useful when piping those outputs into another process or into a script.', apply: flag('unbuffered') },
  { short: 'u', long: 'userspace', desc: 'Parse events from userspace. To be used in conjunction with the ptrace(2) based driver (pdig)', apply: ignore },
  { short: 'V', long: 'validate', arg: '<rules_file>', desc: 'Read the contents of the specified rules(s) file and exit. Can be specified multiple times to validate multiple files.', apply: push('validate') },
  { short: 'v', desc: 'Verbose output.', apply: flag('verbose') },
  { long: 'version', desc: 'Print version number.', apply: flag('version') },
];

export function defaultOptions(): FalcoOptions {
  return {
    help: false, version: false, configFile: null, overrides: [], rulesFiles: [], validate: [], describeAll: false, describeRule: null,
    listFields: null, namesOnly: false, durationS: 0, disableSubstrings: [], disableTags: [], enableTags: [], print: null, allEvents: false,
    verbose: false, unbuffered: false, daemon: false, pidfile: '/var/run/falco.pid', support: false, listPlugins: false, disableSources: [], enableSources: [],
  };
}

// cxxopts quotes option names with typographic single quotes.
const q = (s: string): string => `\u2018${s}\u2019`;

/** Parses argv[1..]; errors are cxxopts' messages (Falco prints `Runtime error: <msg>. Exiting.`). */
export function parseFalcoArgs(args: string[]): { ok: true; opts: FalcoOptions } | { ok: false; error: string } {
  const o = defaultOptions();
  const fail = (error: string) => ({ ok: false as const, error });
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const def = OPTIONS.find((d) => d.long === name);
      if (!def) return fail(`Option ${q(name)} does not exist`);
      let value = '';
      if (eq >= 0) value = a.slice(eq + 1);
      else if (def.arg && !def.implicit) {
        if (i + 1 >= args.length) return fail(`Option ${q(name)} is missing an argument`);
        value = args[++i]!;
      }
      const err = def.apply(o, value);
      if (err) return fail(err);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '--') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const def = OPTIONS.find((d) => d.short === c);
        if (!def) return fail(`Option ${q(c)} does not exist`);
        if (!def.arg) {
          const err = def.apply(o, '');
          if (err) return fail(err);
          continue;
        }
        let value: string;
        if (j + 1 < a.length) value = a.slice(j + 1);
        else if (i + 1 < args.length) value = args[++i]!;
        else return fail(`Option ${q(c)} is missing an argument`);
        const err = def.apply(o, value);
        if (err) return fail(err);
        break;
      }
      continue;
    }
    // Positional arguments are accepted and ignored, as cxxopts leaves them unparsed.
  }
  if (o.disableSubstrings.length + o.disableTags.length > 0 && o.enableTags.length > 0) return fail('You can not specify both disabled (-D/-T) and enabled (-t) rules');
  if (o.daemon && o.pidfile === '') return fail('If -d is provided, a pid file must also be provided');
  return { ok: true, opts: o };
}

const HELP_WIDTH = 140;
const OPTION_LONGEST = 30;
const DESC_GAP = 2;

function optionLabel(d: OptionDef): string {
  let s = d.short ? `  -${d.short}${d.long ? `, --${d.long}` : ''}` : `      --${d.long}`;
  if (d.arg) s += d.implicit ? ` [=${d.arg}(=)]` : ` ${d.arg}`;
  return s;
}

/** Word-wraps a description into the column cxxopts gives it; explicit newlines start new lines. */
function wrapDesc(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

export function falcoHelp(): string {
  const labels = OPTIONS.map(optionLabel);
  const longest = Math.min(OPTION_LONGEST, Math.max(...labels.map((l) => l.length)));
  const col = longest + DESC_GAP;
  let out = 'Falco - Cloud Native Runtime Security\nUsage:\n  falco [OPTION...]\n\n';
  OPTIONS.forEach((d, i) => {
    const label = labels[i]!;
    const desc = d.dflt !== undefined ? `${d.desc} (default: ${d.dflt})` : d.desc;
    out += label.length > longest ? `${label}\n${' '.repeat(col)}` : label.padEnd(col);
    out += `${wrapDesc(desc, col, HELP_WIDTH - col)}\n`;
  });
  return out;
}
