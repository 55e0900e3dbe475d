// A pflag-compatible command-line parser for the simulated kubectl, with kubectl 1.26's flag specs.
//
// pflag rules kept because learners type them: `--flag=value`, `--flag value`, `-n ns`, `-nns`,
// `-n=ns` and `-o=jsonpath=…` (only the first `=` is the separator), bool flags never take the next
// word (`--all false` leaves `false` positional), combined shorthands (`-it`), `--` ends flags,
// flags interleave with positionals, a repeated flag overwrites (or appends for string arrays),
// and `_` in a flag name is read as `-` (kubectl's WordSepNormalizeFunc). Error text is pflag's,
// wrapped as kubectl's templater does: `error: unknown flag: --bogus` + `See 'kubectl get --help' for usage.`

import { goQuote } from '../../jsonpath';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';
/** Durations are nanoseconds (the world's SimNs unit). */
export type FlagValue = boolean | string | number | string[];

export interface FlagSpec {
  /** Long name without dashes. */
  name: string;
  /** One-character shorthand. */
  short?: string;
  type: FlagType;
  /** Value when not given; the type's zero value otherwise. */
  default?: FlagValue;
  /** pflag NoOptDefVal: the value of a bare `--flag` (bool flags have "true"). */
  noOptDefault?: string;
}

export interface ParsedFlags {
  /** Every spec'd flag by long name, defaults filled in. */
  values: Record<string, FlagValue>;
  /** Long names given on the command line (pflag's Changed). */
  changed: string[];
  /** Positional arguments, including everything after `--`. */
  args: string[];
  /** Number of positionals before `--`, or -1 without one (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
}

export type FlagParseResult =
  | { ok: true; flags: ParsedFlags }
  /** `message` is pflag's error; `stderr` is what kubectl prints for it (exit code 1). */
  | { ok: false; message: string; stderr: string };

const normalize = (name: string): string => name.replaceAll('_', '-');

const zeroValue = (type: FlagType): FlagValue =>
  type === 'bool' ? false : type === 'int' || type === 'duration' ? 0 : type === 'string' ? '' : [];

/** Parse argv (without the command words) against specs; `commandPath` is e.g. `kubectl get`. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], commandPath: string): FlagParseResult {
  const byLong = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  const values: Record<string, FlagValue> = {};
  for (const spec of specs) {
    byLong.set(normalize(spec.name), spec);
    if (spec.short) byShort.set(spec.short, spec);
    values[spec.name] = cloneValue(spec.default ?? zeroValue(spec.type));
  }
  const changed: string[] = [];
  const args: string[] = [];
  let argsLenAtDash = -1;

  const fail = (message: string): FlagParseResult => ({
    ok: false,
    message,
    stderr: `error: ${message}\nSee '${commandPath} --help' for usage.\n`,
  });

  const set = (spec: FlagSpec, raw: string): string | null => {
    const first = !changed.includes(spec.name);
    const parsed = convert(spec.type, raw, first ? null : values[spec.name]);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      return `invalid argument ${goQuoteArg(raw)} for ${goQuoteArg(shown)} flag: ${parsed.error}`;
    }
    values[spec.name] = parsed as FlagValue;
    if (first) changed.push(spec.name);
    return null;
  };

  const rest = [...argv];
  while (rest.length > 0) {
    const s = rest.shift() as string;
    if (s.length < 2 || s[0] !== '-') {
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        argsLenAtDash = args.length;
        args.push(...rest);
        break;
      }
      const body = s.slice(2);
      if (body[0] === '-' || body[0] === '=') return fail(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byLong.get(normalize(name));
      if (!spec) return fail(`unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (noOptValue(spec) !== undefined) value = noOptValue(spec) as string;
      else if (rest.length > 0) value = rest.shift() as string;
      else return fail(`flag needs an argument: ${s}`);
      const error = set(spec, value);
      if (error) return fail(error);
      continue;
    }
    // Shorthand cluster: each letter is a flag until one takes the rest of the word (or the next word) as its value.
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = Array.from(shorthands)[0] as string;
      const spec = byShort.get(c);
      if (!spec) return fail(`unknown shorthand flag: '${c}' in -${shorthands}`);
      const after = shorthands.slice(c.length);
      let value: string;
      if (after.length > 1 && after[0] === '=') {
        value = after.slice(1);
        shorthands = '';
      } else if (noOptValue(spec) !== undefined) {
        value = noOptValue(spec) as string;
        shorthands = after;
      } else if (after.length > 0) {
        value = after;
        shorthands = '';
      } else if (rest.length > 0) {
        value = rest.shift() as string;
        shorthands = '';
      } else {
        return fail(`flag needs an argument: '${c}' in -${shorthands}`);
      }
      const error = set(spec, value);
      if (error) return fail(error);
    }
  }
  return { ok: true, flags: { values, changed, args, argsLenAtDash } };
}

function noOptValue(spec: FlagSpec): string | undefined {
  return spec.noOptDefault ?? (spec.type === 'bool' ? 'true' : undefined);
}

function cloneValue(v: FlagValue): FlagValue {
  return Array.isArray(v) ? [...v] : v;
}

/** Go's %q of a flag argument. */
const goQuoteArg = goQuote;

function convert(type: FlagType, raw: string, previous: FlagValue | null | undefined): FlagValue | { error: string } {
  switch (type) {
    case 'string':
      return raw;
    case 'bool':
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
      return { error: `strconv.ParseBool: parsing ${goQuoteArg(raw)}: invalid syntax` };
    case 'int':
      return parseGoInt(raw);
    case 'duration':
      return parseGoDuration(raw);
    case 'stringArray':
      return [...((previous as string[] | null) ?? []), raw];
    case 'stringSlice': {
      const items = raw === '' ? [] : splitCsv(raw);
      return [...((previous as string[] | null) ?? []), ...items];
    }
  }
}

/** strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal prefixes, underscores between digits. */
export function parseGoInt(raw: string): number | { error: string } {
  const m = /^([+-]?)(.*)$/.exec(raw) as RegExpExecArray;
  const body = m[2] as string;
  let digits: string;
  let radix: 'x' | 'b' | 'o' | '';
  if (/^0[xX]_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(body)) [digits, radix] = [body.slice(2), 'x'];
  else if (/^0[bB]_?[01]+(_[01]+)*$/.test(body)) [digits, radix] = [body.slice(2), 'b'];
  else if (/^0[oO]_?[0-7]+(_[0-7]+)*$/.test(body)) [digits, radix] = [body.slice(2), 'o'];
  else if (/^0(_?[0-7]+)*$/.test(body)) [digits, radix] = [body.slice(1) || '0', 'o'];
  else if (/^[1-9](_?[0-9])*$/.test(body)) [digits, radix] = [body, ''];
  else return { error: `strconv.ParseInt: parsing ${goQuoteArg(raw)}: invalid syntax` };
  const clean = digits.replaceAll('_', '');
  let big = BigInt(radix === '' ? clean : `0${radix}${clean}`);
  if (m[1] === '-') big = -big;
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    return { error: `strconv.ParseInt: parsing ${goQuoteArg(raw)}: value out of range` };
  }
  return Number(big);
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration, in nanoseconds: `30s`, `1m30s`, `1.5h`, `-2m`, `0`. */
export function parseGoDuration(raw: string): number | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuoteArg(raw)}` };
  let s = raw;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(s) as RegExpExecArray;
    if (num[0] === '' || num[0] === '.') return invalid;
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { error: `time: missing unit in duration ${goQuoteArg(raw)}` };
    const scale = DURATION_UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${goQuoteArg(unit)} in duration ${goQuoteArg(raw)}` };
    total += Number(num[0]) * scale;
    s = s.slice(unit.length);
  }
  return sign * Math.round(total);
}

/** encoding/csv for one record, as pflag's StringSlice reads `-L a,b` or `--from-file="a,b",c`. */
function splitCsv(raw: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (quoted) {
      if (ch === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

// ------------------------------------------------------------------ kubectl 1.26 flag specs

const b = (name: string, short?: string, def = false): FlagSpec => ({ name, short, type: 'bool', default: def });
const s = (name: string, short?: string, def = ''): FlagSpec => ({ name, short, type: 'string', default: def });
const i = (name: string, short: string | undefined, def: number): FlagSpec => ({ name, short, type: 'int', default: def });
const d = (name: string, def: number): FlagSpec => ({ name, type: 'duration', default: def });
const arr = (name: string, short?: string): FlagSpec => ({ name, short, type: 'stringArray', default: [] });
const csv = (name: string, short?: string): FlagSpec => ({ name, short, type: 'stringSlice', default: [] });
const MINUTE = 60e9;

/** Persistent flags every kubectl command accepts (`kubectl options`), plus cobra's -h/--help. */
export const KUBECTL_GLOBAL_FLAGS: readonly FlagSpec[] = [
  b('help', 'h'),
  s('as'), arr('as-group'), s('as-uid'), s('cache-dir', undefined, '~/.kube/cache'),
  s('certificate-authority'), s('client-certificate'), s('client-key'), s('cluster'), s('context'),
  b('disable-compression'), b('insecure-skip-tls-verify'), s('kubeconfig'), b('match-server-version'),
  s('namespace', 'n'), s('password'), s('profile', undefined, 'none'), s('profile-output', undefined, 'profile.pprof'),
  s('request-timeout', undefined, '0'), s('server', 's'), s('tls-server-name'), s('token'), s('user'), s('username'),
  b('warnings-as-errors'), i('v', 'v', 0), s('vmodule'), b('add-dir-header'), b('alsologtostderr'),
  s('log-backtrace-at', undefined, ':0'), s('log-dir'), s('log-file'), i('log-file-max-size', undefined, 1800),
  d('log-flush-frequency', 5e9), b('logtostderr', undefined, true), b('one-output'), b('skip-headers'),
  b('skip-log-headers'), i('stderrthreshold', undefined, 2),
];

/** `-o`, `--template` and friends, shared by every command that prints objects. */
const PRINT_FLAGS = [s('output', 'o'), s('template'), b('allow-missing-template-keys', undefined, true), b('show-managed-fields')];
const DRY_RUN: FlagSpec = { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' };
const VALIDATE: FlagSpec = { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' };
const CASCADE: FlagSpec = { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' };
const FILES = [csv('filename', 'f'), s('kustomize', 'k'), b('recursive', 'R')];
const fieldManager = (manager: string): FlagSpec => s('field-manager', undefined, manager);
const CREATE_COMMON = [...PRINT_FLAGS, DRY_RUN, VALIDATE, b('save-config')];

const COMMAND_FLAGS: Record<string, readonly FlagSpec[]> = {
  get: [
    ...PRINT_FLAGS, ...FILES, b('all-namespaces', 'A'), i('chunk-size', undefined, 500), s('field-selector'),
    b('ignore-not-found'), csv('label-columns', 'L'), b('no-headers'), b('output-watch-events'), s('raw'),
    s('selector', 'l'), b('server-print', undefined, true), b('show-kind'), b('show-labels'), s('sort-by'),
    s('subresource'), b('watch', 'w'), b('watch-only'),
  ],
  describe: [...FILES, b('all-namespaces', 'A'), i('chunk-size', undefined, 500), s('selector', 'l'), b('show-events', undefined, true)],
  create: [...CREATE_COMMON, ...FILES, b('edit'), fieldManager('kubectl-create'), s('raw'), s('selector', 'l'), b('windows-line-endings')],
  'create configmap': [
    ...CREATE_COMMON, fieldManager('kubectl-create'), b('append-hash'), csv('from-env-file'), csv('from-file'), arr('from-literal'),
  ],
  'create secret generic': [
    ...CREATE_COMMON, fieldManager('kubectl-create'), b('append-hash'), csv('from-env-file'), csv('from-file'),
    arr('from-literal'), s('type'),
  ],
  'create namespace': [...CREATE_COMMON, fieldManager('kubectl-create')],
  'create service': [],
  'create service clusterip': [...CREATE_COMMON, fieldManager('kubectl-create'), csv('tcp'), s('clusterip')],
  'create service nodeport': [...CREATE_COMMON, fieldManager('kubectl-create'), csv('tcp'), i('node-port', undefined, 0)],
  'create service loadbalancer': [...CREATE_COMMON, fieldManager('kubectl-create'), csv('tcp')],
  'create service externalname': [...CREATE_COMMON, fieldManager('kubectl-create'), csv('tcp'), s('external-name')],
  run: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, CASCADE, arr('annotations'), b('attach'), b('command'), arr('env'), b('expose'),
    fieldManager('kubectl-run'), b('force'), i('grace-period', undefined, -1), s('image'), s('image-pull-policy'),
    s('labels', 'l'), b('leave-stdin-open'), s('override-type', undefined, 'merge'), s('overrides'),
    d('pod-running-timeout', MINUTE), s('port'), b('privileged'), b('quiet', 'q'), s('restart', undefined, 'Always'),
    b('rm'), b('save-config'), b('stdin', 'i'), d('timeout', 0), b('tty', 't'), b('wait'),
  ],
  apply: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, VALIDATE, CASCADE, b('all'), fieldManager('kubectl-client-side-apply'), b('force'),
    b('force-conflicts'), i('grace-period', undefined, -1), b('overwrite', undefined, true), b('prune'), arr('prune-whitelist'),
    s('selector', 'l'), b('server-side'), d('timeout', 0), b('wait'),
  ],
  delete: [
    ...FILES, CASCADE, DRY_RUN, b('all'), b('all-namespaces', 'A'), s('field-selector'), b('force'),
    i('grace-period', undefined, -1), b('ignore-not-found'), b('now'), s('output', 'o'), s('raw'), s('selector', 'l'),
    d('timeout', 0), b('wait', undefined, true),
  ],
  edit: [
    ...PRINT_FLAGS, ...FILES, VALIDATE, fieldManager('kubectl-edit'), b('output-patch'), b('record'), b('save-config'), s('subresource'),
    b('windows-line-endings'),
  ],
  replace: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, VALIDATE, CASCADE, fieldManager('kubectl-replace'), b('force'),
    i('grace-period', undefined, -1), s('raw'), b('save-config'), s('subresource'), d('timeout', 0), b('wait'),
  ],
  expose: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, VALIDATE, fieldManager('kubectl-expose'), s('cluster-ip'), s('container-port'), s('external-ip'),
    s('generator', undefined, 'service/v2'), s('labels', 'l'), s('load-balancer-ip'), s('name'), s('overrides'), s('port'), s('protocol'),
    b('record'), b('save-config'), s('selector'), s('session-affinity'), s('target-port'), s('type'),
  ],
  exec: [s('container', 'c'), csv('filename', 'f'), d('pod-running-timeout', MINUTE), b('quiet', 'q'), b('stdin', 'i'), b('tty', 't')],
  attach: [s('container', 'c'), d('pod-running-timeout', MINUTE), b('quiet', 'q'), b('stdin', 'i'), b('tty', 't')],
  logs: [
    b('all-containers'), s('container', 'c'), b('follow', 'f'), b('ignore-errors'), b('insecure-skip-tls-verify-backend'),
    i('limit-bytes', undefined, 0), i('max-log-requests', undefined, 5), d('pod-running-timeout', 20e9), b('prefix'),
    b('previous', 'p'), s('selector', 'l'), d('since', 0), s('since-time'), i('tail', undefined, -1), b('timestamps'),
  ],
  patch: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, fieldManager('kubectl-patch'), b('local'), s('patch', 'p'), s('patch-file'), b('record'),
    s('type', undefined, 'strategic'),
  ],
  label: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, b('all'), b('record'), b('all-namespaces', 'A'), fieldManager('kubectl-label'), s('field-selector'),
    b('list'), b('local'), b('overwrite'), s('resource-version'), s('selector', 'l'),
  ],
  annotate: [
    ...PRINT_FLAGS, ...FILES, DRY_RUN, b('all'), b('record'), b('all-namespaces', 'A'), fieldManager('kubectl-annotate'),
    s('field-selector'), b('list'), b('local'), b('overwrite'), s('resource-version'), s('selector', 'l'),
  ],
  'auth can-i': [b('all-namespaces', 'A'), b('list'), b('no-headers'), b('quiet', 'q'), s('subresource')],
  wait: [
    ...PRINT_FLAGS, ...FILES, b('all'), b('all-namespaces', 'A'), s('field-selector'), s('for'), b('local'),
    s('selector', 'l'), d('timeout', 30e9),
  ],
  'config view': [...PRINT_FLAGS.filter((f) => f.name !== 'output'), s('output', 'o', 'yaml'), b('flatten'), b('minify'), b('raw')],
  'config current-context': [],
  'config get-contexts': [b('no-headers'), s('output', 'o')],
  'config use-context': [],
  'config set-context': [b('current'), s('cluster'), s('namespace'), s('user')],
  version: [b('client'), s('output', 'o'), b('short')],
  'cluster-info': [],
  'api-resources': [s('api-group'), b('cached'), b('namespaced', undefined, true), b('no-headers'), s('output', 'o'), s('sort-by'), csv('verbs')],
  explain: [s('api-version'), b('recursive')],
};

/** Global flags plus the command's own (a command's flag shadows a global one of the same name). */
export function kubectlFlagSpecs(command: string): FlagSpec[] | null {
  const own = COMMAND_FLAGS[command];
  if (!own) return null;
  const names = new Set(own.map((f) => f.name));
  return [...own, ...KUBECTL_GLOBAL_FLAGS.filter((f) => !names.has(f.name))];
}

/** The subcommands with a flag spec (`get`, `create configmap`, `auth can-i`, …). */
export function kubectlCommandsWithFlags(): string[] {
  return Object.keys(COMMAND_FLAGS);
}

/** Parse a kubectl subcommand's arguments: `parseKubectlFlags('get', ['pods', '-n', 'kube-system'])`. */
export function parseKubectlFlags(command: string, argv: readonly string[]): FlagParseResult {
  const specs = kubectlFlagSpecs(command) ?? [...KUBECTL_GLOBAL_FLAGS];
  return parseFlags(argv, specs, `kubectl ${command}`);
}
