// rsyslog 8.2001's configuration as far as the lab's nodes use it: legacy selector lines
// (`auth,authpriv.* /var/log/auth.log`, `*.*;auth,authpriv.none -/var/log/syslog`), property filters
// (`:programname, isequal, "falco" /var/log/falco.log`), `& stop`, file actions (legacy or
// `action(type="omfile" file=…)`), includes, and the `$` directives that shape the files written.
// Anything else (other modules, RainerScript `if`, remote actions) is read past, as if absent.
//
// selector-line  = selector *(";" selector) WSP action
// selector       = facility *("," facility) "." ["!"] ["="] (priority | "*" | "none")
// filter-line    = ":" property "," WSP ["!"] op "," WSP quoted-value WSP action
// action         = ["-"] "/" path [";" template] | "~" | "stop" | ":omusrmsg:" users | "@" host | "|" pipe
// continuation   = "&" WSP action     ; another action for the previous filter

import { FACILITY_COUNT, facilityName, facilityNumber, severityName, severityNumber } from './facility';

export type RsyslogAction = { kind: 'file'; path: string } | { kind: 'stop' } | { kind: 'other' };

/** What a filter looks at (rsyslog's message properties). */
export interface SyslogMessage {
  facility: number;
  severity: number;
  hostname: string;
  /** `falco:` or `sshd[912]:` */
  tag: string;
  /** As rsyslog stores it: with the blank that followed the tag. */
  msg: string;
}

export type RsyslogFilter =
  /** One priority bit mask (bit n = severity n) per facility. */
  | { kind: 'pri'; masks: number[] }
  | { kind: 'property'; property: string; op: string; negate: boolean; value: string; regex?: RegExp };

export interface RsyslogRule {
  filter: RsyslogFilter;
  actions: RsyslogAction[];
}

export interface RsyslogConfig {
  rules: RsyslogRule[];
  /** $ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat; otherwise RSYSLOG_FileFormat. */
  traditional: boolean;
  fileOwner: string | null;
  fileGroup: string | null;
  fileCreateMode: number;
  dirCreateMode: number;
}

/** Reads a file as rsyslogd (root at start-up) would; null when it cannot. */
export interface ConfigReader {
  read(path: string): string | null;
  /** Names in a directory, for `*.conf` includes. */
  list(dir: string): string[];
}

const ALL = 0xff;

function emptyConfig(): RsyslogConfig {
  return { rules: [], traditional: false, fileOwner: null, fileGroup: null, fileCreateMode: 0o644, dirCreateMode: 0o700 };
}

/** Logical lines: comments gone, `\` continuations joined. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(pending + line);
    pending = '';
  }
  if (pending !== '') out.push(pending);
  return out.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** `/etc/rsyslog.d/*.conf` → matching paths in name order; a plain path is itself. */
function expandInclude(pattern: string, reader: ConfigReader): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = pattern.slice(0, slash) || '/';
  const base = pattern.slice(slash + 1);
  if (!base.includes('*')) return [pattern];
  const [head, tail] = [base.slice(0, base.indexOf('*')), base.slice(base.lastIndexOf('*') + 1)];
  return reader
    .list(dir)
    .filter((n) => n.startsWith(head) && n.endsWith(tail) && n.length >= head.length + tail.length)
    .sort()
    .map((n) => `${dir === '/' ? '' : dir}/${n}`);
}

/** One selector list (`*.*;auth,authpriv.none`) as per-facility masks, or null when malformed. */
export function parseSelectors(text: string): number[] | null {
  const masks = new Array<number>(FACILITY_COUNT).fill(0);
  for (const sel of text.split(';')) {
    const dot = sel.lastIndexOf('.');
    if (dot <= 0) return null;
    let pri = sel.slice(dot + 1).toLowerCase();
    const facilities = sel.slice(0, dot).toLowerCase().split(',');
    const ignore = pri.startsWith('!');
    if (ignore) pri = pri.slice(1);
    const single = pri.startsWith('=');
    if (single) pri = pri.slice(1);
    let bits: number;
    if (pri === 'none') bits = -1;
    else if (pri === '*') bits = ALL;
    else {
      const sev = severityNumber(pri);
      if (sev === undefined) return null;
      bits = single ? 1 << sev : (1 << (sev + 1)) - 1;
    }
    const targets: number[] = [];
    for (const f of facilities) {
      if (f === '*') for (let i = 0; i < FACILITY_COUNT; i++) targets.push(i);
      else {
        const n = facilityNumber(f);
        if (n === undefined && f !== 'mark') return null;
        if (n !== undefined) targets.push(n);
      }
    }
    for (const t of targets) {
      if (bits === -1) masks[t] = 0;
      else if (ignore) masks[t]! &= ~bits;
      else masks[t]! |= bits;
    }
  }
  return masks;
}

function parseAction(text: string): RsyslogAction {
  const t = text.trim();
  if (t === '~' || t === 'stop') return { kind: 'stop' };
  const file = /^-?(\/[^;\s]*)/.exec(t);
  if (file) return { kind: 'file', path: file[1]! };
  const omfile = /^action\s*\(.*\btype\s*=\s*"omfile".*\bfile\s*=\s*"([^"]+)"/.exec(t) ?? /^action\s*\(.*\bfile\s*=\s*"([^"]+)".*\btype\s*=\s*"omfile"/.exec(t);
  if (omfile) return { kind: 'file', path: omfile[1]! };
  return { kind: 'other' };
}

const PROPERTY_FILTER = /^:([a-z-]+)\s*,\s*(!?)([a-z_]+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*(.*)$/i;

function parsePropertyFilter(line: string): RsyslogRule | null {
  const m = PROPERTY_FILTER.exec(line);
  if (!m) return null;
  const op = m[3]!.toLowerCase();
  const value = m[4]!.replace(/\\(.)/g, '$1');
  const filter: RsyslogFilter = { kind: 'property', property: m[1]!.toLowerCase(), op, negate: m[2] === '!', value };
  if (op === 'regex' || op === 'ereregex') {
    try {
      filter.regex = new RegExp(value);
    } catch {
      return null;
    }
  }
  return { filter, actions: [parseAction(m[5]!)] };
}

function octal(text: string, fallback: number): number {
  return /^0?[0-7]{3,4}$/.test(text) ? parseInt(text, 8) : fallback;
}

function applyDirective(cfg: RsyslogConfig, name: string, value: string): void {
  switch (name.toLowerCase()) {
    case '$actionfiledefaulttemplate':
      cfg.traditional = value === 'RSYSLOG_TraditionalFileFormat';
      break;
    case '$fileowner':
      cfg.fileOwner = value;
      break;
    case '$filegroup':
      cfg.fileGroup = value;
      break;
    case '$filecreatemode':
      cfg.fileCreateMode = octal(value, cfg.fileCreateMode);
      break;
    case '$dircreatemode':
      cfg.dirCreateMode = octal(value, cfg.dirCreateMode);
      break;
  }
}

/** Read rsyslog.conf and what it includes; unreadable includes are skipped as rsyslogd does. */
export function loadRsyslogConfig(reader: ConfigReader, path = '/etc/rsyslog.conf'): RsyslogConfig {
  const cfg = emptyConfig();
  const seen = new Set<string>();
  const readFile = (file: string, depth: number): void => {
    if (seen.has(file) || depth > 8) return;
    seen.add(file);
    const text = reader.read(file);
    if (text === null) return;
    for (const line of logicalLines(text)) {
      const include = /^\$IncludeConfig\s+(\S+)/i.exec(line) ?? /^include\s*\(\s*file\s*=\s*"([^"]+)"/i.exec(line);
      if (include) {
        for (const f of expandInclude(include[1]!, reader)) readFile(f, depth + 1);
        continue;
      }
      if (line.startsWith('$')) {
        const [name, ...rest] = line.split(/\s+/);
        applyDirective(cfg, name!, rest.join(' '));
        continue;
      }
      if (line.startsWith('&')) {
        cfg.rules[cfg.rules.length - 1]?.actions.push(parseAction(line.slice(1)));
        continue;
      }
      if (line.startsWith(':')) {
        const rule = parsePropertyFilter(line);
        if (rule) cfg.rules.push(rule);
        continue;
      }
      const sel = /^(\S+)\s+(.+)$/.exec(line);
      if (!sel || !sel[1]!.includes('.') || /^[a-z]+\s*\(/i.test(line)) continue;
      const masks = parseSelectors(sel[1]!);
      if (masks) cfg.rules.push({ filter: { kind: 'pri', masks }, actions: [parseAction(sel[2]!)] });
    }
  };
  readFile(path, 0);
  return cfg;
}

/** rsyslog's programname: the tag up to its first `[`, `:` or `/`. */
function programName(tag: string): string {
  const m = /^[^[:/]*/.exec(tag);
  return m ? m[0] : tag;
}

function propertyValue(m: SyslogMessage, property: string): string | null {
  switch (property) {
    case 'msg':
      return m.msg;
    case 'programname':
      return programName(m.tag);
    case 'syslogtag':
      return m.tag;
    case 'hostname':
    case 'source':
    case 'fromhost':
      return m.hostname;
    case 'syslogfacility-text':
      return facilityName(m.facility);
    case 'syslogseverity-text':
      return severityName(m.severity);
    case 'syslogfacility':
      return String(m.facility);
    case 'syslogseverity':
      return String(m.severity);
    default:
      return null;
  }
}

export function filterMatches(f: RsyslogFilter, m: SyslogMessage): boolean {
  if (f.kind === 'pri') return ((f.masks[m.facility] ?? 0) & (1 << m.severity)) !== 0;
  const v = propertyValue(m, f.property);
  if (v === null) return false;
  let hit: boolean;
  switch (f.op) {
    case 'contains':
      hit = v.includes(f.value);
      break;
    case 'contains_i':
      hit = v.toLowerCase().includes(f.value.toLowerCase());
      break;
    case 'isequal':
      hit = v === f.value;
      break;
    case 'startswith':
      hit = v.startsWith(f.value);
      break;
    case 'startswith_i':
      hit = v.toLowerCase().startsWith(f.value.toLowerCase());
      break;
    case 'isempty':
      hit = v === '';
      break;
    case 'regex':
    case 'ereregex':
      hit = f.regex?.test(v) ?? false;
      break;
    default:
      hit = false;
  }
  return f.negate ? !hit : hit;
}

/** The files a message goes to, in rule order; a `stop` ends the walk. */
export function routeMessage(cfg: RsyslogConfig, m: SyslogMessage): string[] {
  const files: string[] = [];
  for (const rule of cfg.rules) {
    if (!filterMatches(rule.filter, m)) continue;
    for (const a of rule.actions) {
      if (a.kind === 'stop') return files;
      // Two actions on one file write the line twice, as rsyslogd does.
      if (a.kind === 'file') files.push(a.path);
    }
  }
  return files;
}
