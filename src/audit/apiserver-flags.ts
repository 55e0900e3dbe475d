// Parses a kube-apiserver container `command` the way cobra + pflag do in 1.26: `--flag=value`,
// `--flag value`, bare bools, `-v 2`, `--` and `_`→`-` normalisation, stopping at the first error with
// the binary's own text (`Error: unknown flag: --audit-log-pat`). Produces the typed audit configuration
// and the other flags as a map.

import { APISERVER_FLAGS, type FlagSpec } from './apiserver-flag-table';
import { defaultAuditConfig, type ApiServerAuditConfig } from './audit-options';
import { goQuote, goQuotedSlice } from './go-format';
import { parseGoBool, parseGoDuration, parseGoFloat, parseGoInt, parseGoUint10, type Parsed } from './go-parse';

export type FlagValue = string | number | boolean | string[];

export type ApiServerCommandResult =
  /** Flags parsed: the process goes on to validation and start-up. `stderr` holds deprecation notices. */
  | { kind: 'ok'; audit: ApiServerAuditConfig; flags: Record<string, FlagValue>; stderr: string[] }
  /** The process prints `stderr` (one line, `Error: …`) and exits 1 before logging starts. */
  | { kind: 'error'; stderr: string; exitCode: 1 }
  /** `-h`/`--help`: usage on stdout, exit 0. */
  | { kind: 'help'; exitCode: 0 }
  /** `--version`: prints `stdout` and exits 0. */
  | { kind: 'version'; stdout: string; exitCode: 0 };

export const KUBE_APISERVER_VERSION = 'v1.26.1';

class FlagError extends Error {}

/** net.ParseIP, enough of it: dotted IPv4 without leading zeros, or IPv6. */
function isIP(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const hasV4 = groups.length > 0 && groups[groups.length - 1].includes('.');
  if (hasV4 && !isIP(groups[groups.length - 1])) return false;
  const hex = hasV4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (hasV4 ? 2 : 0);
  return dbl.length === 2 ? count < 8 : count === 8;
}

/** encoding/csv's first record, as pflag's string slices read their value. */
function readCsvRecord(val: string): Parsed<string[]> {
  if (val === '') return { ok: true, value: [] };
  const line = val.split('\n')[0].replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      let j = i + 1;
      for (;;) {
        if (j >= line.length) return { ok: false, error: `parse error on line 1, column ${j + 1}: extraneous or missing " in quoted-field` };
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            field += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        field += line[j++];
      }
      if (j < line.length && line[j] !== ',') return { ok: false, error: `parse error on line 1, column ${j + 1}: extraneous or missing " in quoted-field` };
      fields.push(field);
      if (j >= line.length) return { ok: true, value: fields };
      i = j + 1;
    } else {
      const end = line.indexOf(',', i);
      const field = end < 0 ? line.slice(i) : line.slice(i, end);
      const q = field.indexOf('"');
      if (q >= 0) return { ok: false, error: `parse error on line 1, column ${i + q + 1}: bare " in non-quoted-field` };
      fields.push(field);
      if (end < 0) return { ok: true, value: fields };
      i = end + 1;
    }
  }
}

/** One pflag Value.Set: the typed value or the error text after `flag: `. */
function convert(spec: FlagSpec, value: string, previous: FlagValue | undefined): Parsed<FlagValue> {
  switch (spec.type) {
    case 'string':
    case 'text':
      return { ok: true, value };
    case 'bool':
      return parseGoBool(value);
    case 'int':
    case 'int64':
      return parseGoInt(value, 64);
    case 'int32':
      return parseGoInt(value, 32);
    case 'verbosity':
      return parseGoUint10(value, 31);
    case 'float32':
      return parseGoFloat(value, 32);
    case 'float64':
      return parseGoFloat(value, 64);
    case 'duration':
      return parseGoDuration(value);
    case 'ip':
      return isIP(value.trim()) ? { ok: true, value: value.trim() } : { ok: false, error: `failed to parse IP: ${goQuote(value)}` };
    case 'stringSlice': {
      const r = readCsvRecord(value);
      if (!r.ok) return r;
      return { ok: true, value: Array.isArray(previous) ? [...previous, ...r.value] : r.value };
    }
    case 'stringArray':
      return { ok: true, value: Array.isArray(previous) ? [...previous, value] : [value] };
  }
}

const normalize = (name: string): string => name.replace(/_/g, '-');

interface ParseState {
  flags: Record<string, FlagValue>;
  stderr: string[];
  positional: string[];
  help: boolean;
  version: string | null;
}

function setFlag(st: ParseState, name: string, spec: FlagSpec, value: string): void {
  const r = convert(spec, value, st.flags[name]);
  if (!r.ok) {
    const shown = spec.shorthand ? `-${spec.shorthand}, --${name}` : `--${name}`;
    throw new FlagError(`invalid argument ${goQuote(value)} for ${goQuote(shown)} flag: ${r.error}`);
  }
  st.flags[name] = r.value;
  if (spec.deprecated) st.stderr.push(`Flag --${name} has been deprecated, ${spec.deprecated}`);
}

const VERSION_SPEC: FlagSpec = { type: 'text' };

function parseLong(st: ParseState, s: string, rest: string[]): string[] {
  const body = s.slice(2);
  if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
  const eq = body.indexOf('=');
  const rawName = eq < 0 ? body : body.slice(0, eq);
  const name = normalize(rawName);
  const isVersion = name === 'version';
  const spec = isVersion ? VERSION_SPEC : Object.hasOwn(APISERVER_FLAGS, name) ? APISERVER_FLAGS[name] : undefined;
  if (spec === undefined) {
    if (name === 'help') {
      st.help = true;
      return rest;
    }
    throw new FlagError(`unknown flag: --${rawName}`);
  }
  let value: string;
  if (eq >= 0) value = body.slice(eq + 1);
  else if (spec.type === 'bool' || isVersion) value = 'true';
  else if (rest.length > 0) {
    value = rest[0];
    rest = rest.slice(1);
  } else throw new FlagError(`flag needs an argument: ${s}`);
  if (isVersion) {
    if (!['true', 'false', 'raw'].includes(value)) {
      const b = parseGoBool(value);
      if (!b.ok) throw new FlagError(`invalid argument ${goQuote(value)} for "--version" flag: ${b.error}`);
      value = b.value ? 'true' : 'false';
    }
    st.version = value === 'false' ? null : value;
    return rest;
  }
  setFlag(st, name, spec, value);
  return rest;
}

function parseShort(st: ParseState, s: string, rest: string[]): string[] {
  let shorthands = s.slice(1);
  while (shorthands.length > 0) {
    const c = shorthands[0];
    const entry = Object.entries(APISERVER_FLAGS).find(([, spec]) => spec.shorthand === c);
    if (entry === undefined) {
      if (c === 'h') {
        st.help = true;
        return rest;
      }
      throw new FlagError(`unknown shorthand flag: ${goQuote(c).replace(/^"|"$/g, "'")} in -${shorthands}`);
    }
    const [name, spec] = entry;
    let value: string;
    let next = shorthands.slice(1);
    if (shorthands.length > 2 && shorthands[1] === '=') {
      value = shorthands.slice(2);
      next = '';
    } else if (spec.type === 'bool') value = 'true';
    else if (shorthands.length > 1) {
      value = shorthands.slice(1);
      next = '';
    } else if (rest.length > 0) {
      value = rest[0];
      rest = rest.slice(1);
    } else throw new FlagError(`flag needs an argument: '${c}' in -${shorthands}`);
    setFlag(st, name, spec, value);
    shorthands = next;
  }
  return rest;
}

/** Fills the typed audit configuration from the parsed flags. */
function auditConfigFrom(flags: Record<string, FlagValue>): ApiServerAuditConfig {
  const c = defaultAuditConfig();
  const str = (k: string, d: string): string => (typeof flags[k] === 'string' ? (flags[k] as string) : d);
  const num = (k: string, d: number): number => (typeof flags[k] === 'number' ? (flags[k] as number) : d);
  const bool = (k: string, d: boolean): boolean => (typeof flags[k] === 'boolean' ? (flags[k] as boolean) : d);
  c.policyFile = str('audit-policy-file', c.policyFile);
  c.log.path = str('audit-log-path', c.log.path);
  c.log.maxAge = num('audit-log-maxage', c.log.maxAge);
  c.log.maxBackup = num('audit-log-maxbackup', c.log.maxBackup);
  c.log.maxSize = num('audit-log-maxsize', c.log.maxSize);
  c.log.compress = bool('audit-log-compress', c.log.compress);
  c.log.format = str('audit-log-format', c.log.format);
  c.webhook.configFile = str('audit-webhook-config-file', c.webhook.configFile);
  // Both spellings write the same variable; the later flag on the command line wins.
  c.webhook.initialBackoff = num('audit-webhook-initial-backoff', c.webhook.initialBackoff);
  for (const [plugin, o] of [['log', c.log], ['webhook', c.webhook]] as const) {
    o.version = str(`audit-${plugin}-version`, o.version);
    o.batch.mode = str(`audit-${plugin}-mode`, o.batch.mode);
    o.batch.bufferSize = num(`audit-${plugin}-batch-buffer-size`, o.batch.bufferSize);
    o.batch.maxBatchSize = num(`audit-${plugin}-batch-max-size`, o.batch.maxBatchSize);
    o.batch.maxBatchWait = num(`audit-${plugin}-batch-max-wait`, o.batch.maxBatchWait);
    o.batch.throttleEnable = bool(`audit-${plugin}-batch-throttle-enable`, o.batch.throttleEnable);
    o.batch.throttleQPS = num(`audit-${plugin}-batch-throttle-qps`, o.batch.throttleQPS);
    o.batch.throttleBurst = num(`audit-${plugin}-batch-throttle-burst`, o.batch.throttleBurst);
    o.truncate.enabled = bool(`audit-${plugin}-truncate-enabled`, o.truncate.enabled);
    o.truncate.maxBatchSize = num(`audit-${plugin}-truncate-max-batch-size`, o.truncate.maxBatchSize);
    o.truncate.maxEventSize = num(`audit-${plugin}-truncate-max-event-size`, o.truncate.maxEventSize);
  }
  return c;
}

/**
 * A kube-apiserver `command` array (element 0 is the program) as the binary reads it. Never throws.
 */
export function parseApiServerCommand(command: readonly string[]): ApiServerCommandResult {
  const st: ParseState = { flags: {}, stderr: [], positional: [], help: false, version: null };
  let args = command.slice(1).map(String);
  try {
    while (args.length > 0) {
      const s = args[0];
      args = args.slice(1);
      if (s.length === 0 || s[0] !== '-' || s.length === 1) {
        st.positional.push(s);
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          st.positional.push(...args);
          break;
        }
        args = parseLong(st, s, args);
      } else args = parseShort(st, s, args);
      if (st.help) return { kind: 'help', exitCode: 0 };
      // The deprecated spelling of the webhook backoff writes the same option.
      const backoff = st.flags['audit-webhook-batch-initial-backoff'];
      if (backoff !== undefined) {
        st.flags['audit-webhook-initial-backoff'] = backoff;
        delete st.flags['audit-webhook-batch-initial-backoff'];
      }
    }
  } catch (e) {
    if (e instanceof FlagError) return { kind: 'error', stderr: `Error: ${e.message}`, exitCode: 1 };
    throw e;
  }
  if (st.positional.some((a) => a.length > 0)) {
    return { kind: 'error', stderr: `Error: "kube-apiserver" does not take any arguments, got ${goQuotedSlice(st.positional)}`, exitCode: 1 };
  }
  if (st.version !== null) return { kind: 'version', stdout: `Kubernetes ${KUBE_APISERVER_VERSION}`, exitCode: 0 };
  return { kind: 'ok', audit: auditConfigFrom(st.flags), flags: st.flags, stderr: st.stderr };
}
