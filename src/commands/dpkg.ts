// dpkg and dpkg-query (1.19.7 on focal, 1.20 in Debian images): -l/-s/-W/-L queries on the status
// database, -r/-P removing a package's record, -i refusing what it cannot unpack.

import { fnmatch } from '../core/fnmatch';
import { DPKG_STATUS, formatDpkgStanza, parseDpkgStatus, readRelease, type DpkgStanza } from './lib/debian-pkgs';
import { vfsError } from './lib/io';
import type { Command, CommandContext } from './types';

const WANT: Record<string, string> = { unknown: 'u', install: 'i', hold: 'h', deinstall: 'r', purge: 'p' };
const STATE: Record<string, string> = {
  'not-installed': 'n', installed: 'i', 'config-files': 'c', unpacked: 'U', 'half-configured': 'F', 'half-installed': 'H', 'triggers-awaited': 'W', 'triggers-pending': 't',
};

function readStatus(ctx: CommandContext): DpkgStanza[] {
  try {
    return parseDpkgStatus(ctx.sys.fs.readFile(DPKG_STATUS));
  } catch {
    return [];
  }
}

const nameOf = (s: DpkgStanza): string => s.get('Package') ?? '';
const isInstalled = (s: DpkgStanza): boolean => / installed$/.test(s.get('Status') ?? '');
const synopsis = (s: DpkgStanza): string => (s.get('Description') ?? '').split('\n')[0];

/** dpkg-query -l: the three-line legend, a header sized to the widest entries, one row per package. */
function list(ctx: CommandContext, patterns: string[]): number {
  const all = readStatus(ctx);
  const chosen: DpkgStanza[] = [];
  let status = 0;
  if (patterns.length === 0) chosen.push(...all.filter((s) => !/not-installed$/.test(s.get('Status') ?? '')));
  for (const pat of patterns) {
    const hits = all.filter((s) => fnmatch(pat, nameOf(s)));
    if (hits.length === 0) {
      ctx.stderr.write(`dpkg-query: no packages found matching ${pat}\n`);
      status = 1;
    }
    for (const h of hits) if (!chosen.includes(h)) chosen.push(h);
  }
  if (chosen.length === 0) return status;
  chosen.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
  const w = { n: 14, v: 12, a: 12, d: 33 };
  for (const s of chosen) {
    w.n = Math.max(w.n, nameOf(s).length);
    w.v = Math.max(w.v, (s.get('Version') ?? '').length);
    w.a = Math.max(w.a, (s.get('Architecture') ?? '').length);
    w.d = Math.max(w.d, synopsis(s).length);
  }
  const row = (c: string, n: string, v: string, a: string, d: string): string => `${c} ${n.padEnd(w.n)} ${v.padEnd(w.v)} ${a.padEnd(w.a)} ${d}\n`;
  let out = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
  out += row('||/', 'Name', 'Version', 'Architecture', 'Description');
  out += `+++-${'='.repeat(w.n)}-${'='.repeat(w.v)}-${'='.repeat(w.a)}-${'='.repeat(w.d)}\n`;
  for (const s of chosen) {
    const [want, flag, state] = (s.get('Status') ?? 'unknown ok not-installed').split(' ');
    const code = `${WANT[want] ?? 'u'}${STATE[state] ?? 'n'}${flag === 'reinstreq' ? 'R' : ' '}`;
    out += row(code, nameOf(s), s.get('Version') ?? '<none>', s.get('Architecture') ?? '<none>', synopsis(s) || '(no description available)');
  }
  ctx.stdout.write(out);
  return status;
}

function show(ctx: CommandContext, names: string[]): number {
  const all = readStatus(ctx);
  let status = 0;
  const blocks: string[] = [];
  for (const n of names) {
    const s = all.find((x) => nameOf(x) === n);
    if (!s || /not-installed$/.test(s.get('Status') ?? '')) {
      ctx.stderr.write(`dpkg-query: package '${n}' is not installed and no information is available\n`);
      status = 1;
      continue;
    }
    blocks.push(formatDpkgStanza(s));
  }
  ctx.stdout.write(blocks.join('\n'));
  if (status !== 0) ctx.stderr.write('Use dpkg --info (= dpkg-deb --info) to examine archive files.\n');
  return status;
}

function showFormat(ctx: CommandContext, patterns: string[], format: string): number {
  const all = readStatus(ctx).filter(isInstalled);
  let status = 0;
  const pats = patterns.length === 0 ? ['*'] : patterns;
  for (const pat of pats) {
    const hits = all.filter((s) => fnmatch(pat, nameOf(s)));
    if (hits.length === 0) {
      ctx.stderr.write(`dpkg-query: no packages found matching ${pat}\n`);
      status = 1;
    }
    for (const s of hits) {
      const text = format.replace(/\$\{([A-Za-z-]+)(?:;-?\d+)?\}/g, (_, f: string) => (f === 'binary:Package' ? nameOf(s) : (s.get(f) ?? ''))).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
      ctx.stdout.write(text);
    }
  }
  return status;
}

function listFiles(ctx: CommandContext, names: string[]): number {
  const all = readStatus(ctx);
  let status = 0;
  for (const n of names) {
    if (!all.some((s) => nameOf(s) === n && isInstalled(s))) {
      ctx.stderr.write(`dpkg-query: package '${n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
      status = 1;
      continue;
    }
    try {
      ctx.stdout.write(ctx.sys.fs.readFile(`/var/lib/dpkg/info/${n}.list`));
    } catch {
      // No file list recorded for this package in the image: dpkg prints nothing.
    }
  }
  return status;
}

type Action = { kind: 'list' | 'status' | 'show' | 'listfiles' | 'install' | 'remove' | 'purge' | 'version' | 'help'; format?: string };

function parseAction(args: string[]): { action: Action | null; operands: string[]; error?: string } {
  let action: Action | null = null;
  let format = '${Package}\t${Version}\n';
  const operands: string[] = [];
  const set = (a: Action): void => {
    action = a;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const map: Record<string, Action['kind']> = {
      '-l': 'list', '--list': 'list', '-s': 'status', '--status': 'status', '-W': 'show', '--show': 'show', '-L': 'listfiles', '--listfiles': 'listfiles',
      '-i': 'install', '--install': 'install', '-r': 'remove', '--remove': 'remove', '-P': 'purge', '--purge': 'purge', '--version': 'version', '--help': 'help', '-?': 'help',
    };
    if (a in map) set({ kind: map[a] });
    else if (a === '-f' || a === '--showformat') format = args[++i] ?? '';
    else if (a.startsWith('--showformat=')) format = a.slice(13);
    else if (a.startsWith('-') && a.length > 1) return { action: null, operands, error: `unknown option ${a}` };
    else operands.push(a);
  }
  const act = action as Action | null;
  return { action: act ? { ...act, format } : null, operands };
}

function query(ctx: CommandContext, prog: string, action: Action, operands: string[]): number {
  switch (action.kind) {
    case 'list':
      return list(ctx, operands);
    case 'status':
      if (operands.length === 0) return ctx.stderr.write(`${prog}: error: --status needs at least one package name argument\n\nUse --help for help about querying packages.\n`), 2;
      return show(ctx, operands);
    case 'show':
      return showFormat(ctx, operands, action.format ?? '');
    default:
      if (operands.length === 0) return ctx.stderr.write(`${prog}: error: --listfiles needs at least one package name argument\n\nUse --help for help about querying packages.\n`), 2;
      return listFiles(ctx, operands);
  }
}

function removePackages(ctx: CommandContext, names: string[], purge: boolean): number {
  const fs = ctx.sys.fs;
  try {
    fs.open('/var/lib/dpkg/lock', { read: true, write: true, create: true }, 0o640).close();
  } catch (e) {
    const v = vfsError(e);
    if (v.code === 'EACCES' || v.code === 'EPERM') ctx.stderr.write('dpkg: error: requested operation requires superuser privilege\n');
    else ctx.stderr.write(`dpkg: error: unable to access the dpkg database directory /var/lib/dpkg: ${v.text}\n`);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFile(DPKG_STATUS);
  } catch {
    text = '';
  }
  const all = parseDpkgStatus(text);
  const removing = all.filter((s) => names.includes(nameOf(s)) && isInstalled(s));
  for (const n of names) if (!removing.some((s) => nameOf(s) === n)) ctx.stderr.write(`dpkg: warning: ignoring request to remove ${n} which isn't installed\n`);
  if (removing.length === 0) return 0;
  ctx.stdout.write(`(Reading database ... ${40000 + all.length * 311} files and directories currently installed.)\n`);
  for (const s of removing) {
    ctx.stdout.write(`Removing ${nameOf(s)} (${s.get('Version')}) ...\n`);
    if (purge) ctx.stdout.write(`Purging configuration files for ${nameOf(s)} (${s.get('Version')}) ...\n`);
  }
  const kept = all.filter((s) => !removing.includes(s)).map(formatDpkgStanza).join('\n');
  try {
    // dpkg writes status-new and renames it over status, keeping the old one as status-old.
    fs.writeFile(`${DPKG_STATUS}-new`, kept);
    fs.rename(`${DPKG_STATUS}-new`, DPKG_STATUS);
  } catch (e) {
    const v = vfsError(e);
    ctx.stderr.write(`dpkg: error: unable to create updated status file '${DPKG_STATUS}-new': ${v.text}\n`);
    return 2;
  }
  return 0;
}

function installArchives(ctx: CommandContext, files: string[]): number {
  if (ctx.process.euid !== 0) return ctx.stderr.write('dpkg: error: requested operation requires superuser privilege\n'), 2;
  if (files.length === 0) return ctx.stderr.write('dpkg: error: --install needs at least one package archive file argument\n\nType dpkg --help for help about installing and deinstalling packages [*];\n'), 2;
  for (const f of files) {
    if (!ctx.sys.fs.exists(f)) {
      ctx.stderr.write(`dpkg: error: cannot access archive '${f}': No such file or directory\n`);
      return 2;
    }
  }
  for (const f of files) ctx.stderr.write(`dpkg-deb: error: '${f}' is not a Debian format archive\ndpkg: error processing archive ${f} (--install):\n dpkg-deb --control subprocess returned error exit status 2\n`);
  ctx.stderr.write(`Errors were encountered while processing:\n${files.map((f) => ` ${f}\n`).join('')}`);
  return 1;
}

const NEED_ACTION = `dpkg: error: need an action option

Type dpkg --help for help about installing and deinstalling packages [*];
Use 'apt' or 'aptitude' for user-friendly package management;
Type dpkg -Dhelp for a list of dpkg debug flag values;
Type dpkg --force-help for a list of forcing options;
Type dpkg-deb --help for help about manipulating *.deb files;

Options marked [*] produce a lot of output - pipe it through 'less' or 'more' !
`;

async function runDpkg(ctx: CommandContext): Promise<number> {
  const { action, operands, error } = parseAction(ctx.argv.slice(1));
  if (error) return ctx.stderr.write(`dpkg: error: ${error}\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\n`), 2;
  if (!action) return ctx.stderr.write(NEED_ACTION), 2;
  switch (action.kind) {
    case 'version': {
      const v = readRelease(ctx.sys.fs).id === 'debian' ? '1.20.12' : '1.19.7';
      ctx.stdout.write(`Debian 'dpkg' package management program version ${v} (amd64).\nThis is free software; see the GNU General Public License version 2 or\nlater for copying conditions. There is NO warranty.\n`);
      return 0;
    }
    case 'help':
      ctx.stdout.write("Usage: dpkg [<option> ...] <command>\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\n");
      return 0;
    case 'install':
      return installArchives(ctx, operands);
    case 'remove':
    case 'purge':
      if (ctx.process.euid !== 0) return ctx.stderr.write('dpkg: error: requested operation requires superuser privilege\n'), 2;
      return removePackages(ctx, operands, action.kind === 'purge');
    default: {
      // dpkg hands queries to dpkg-query (execvp), as the real one does.
      const flag = { list: '--list', status: '--status', show: '--show', listfiles: '--listfiles' }[action.kind];
      const r = await ctx.sys.spawn(['dpkg-query', flag, ...(action.kind === 'show' ? [`--showformat=${action.format}`] : []), '--', ...operands]);
      return r.error ? query(ctx, 'dpkg', action, operands) : r.status;
    }
  }
}

async function runDpkgQuery(ctx: CommandContext): Promise<number> {
  const { action, operands, error } = parseAction(ctx.argv.slice(1));
  if (error) return ctx.stderr.write(`dpkg-query: error: ${error}\n\nUse --help for help about querying packages.\n`), 2;
  if (!action || !['list', 'status', 'show', 'listfiles'].includes(action.kind)) {
    ctx.stderr.write('dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n');
    return 2;
  }
  return query(ctx, 'dpkg-query', action, operands);
}

export const dpkg: Command = { name: 'dpkg', run: runDpkg };
export const dpkgQuery: Command = { name: 'dpkg-query', run: runDpkgQuery };
