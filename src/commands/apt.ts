// apt, apt-get and apt-cache (APT 2.0.9 on the Ubuntu nodes, 2.2.4 in Debian images): option parsing,
// the operations of an offline system, and apt's "no stable CLI" warning when piped.

import { has, parseArgs, type LongOpt } from './lib/args';
import { aptInstall, aptRemove, aptUpdate, aptUpgrade, lockDpkg, readingLines, type AptRun } from './lib/apt-ops';
import { archiveFor, installedPackages, readRelease } from './lib/debian-pkgs';
import type { Command, CommandContext } from './types';

type Front = 'apt' | 'apt-get' | 'apt-cache';

const HELP_APT = `Usage: apt [options] command

apt is a commandline package manager and provides commands for
searching and managing as well as querying information about packages.
It provides the same functionality as the specialized APT tools,
like apt-get and apt-cache, but enables options more suitable for
interactive use by default.

Most used commands:
  list - list packages based on package names
  search - search in package descriptions
  show - show package details
  install - install packages
  reinstall - reinstall packages
  remove - remove packages
  autoremove - Remove automatically all unused packages
  update - update list of available packages
  upgrade - upgrade the system by installing/upgrading packages
  full-upgrade - upgrade the system by removing/installing/upgrading packages
  edit-sources - edit the source information file
  satisfy - satisfy dependency strings

See apt(8) for more information about the available commands.`;

const HELP_APT_GET = `Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for installation, upgrade and removal of packages together
with their dependencies.

Most used commands:
  update - Retrieve new lists of packages
  upgrade - Perform an upgrade
  install - Install new packages (pkg is libc6 not libc6.deb)
  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)
  remove - Remove packages
  purge - Remove packages and config files
  autoremove - Remove automatically all unused packages
  dist-upgrade - Distribution upgrade, see apt-get(8)
  dselect-upgrade - Follow dselect selections
  build-dep - Configure build-dependencies for source packages
  satisfy - Satisfy dependency strings
  clean - Erase downloaded archive files
  autoclean - Erase old downloaded archive files
  check - Verify that there are no broken dependencies
  source - Download source archives
  download - Download the binary package into the current directory
  changelog - Download and display the changelog for the given package

See apt-get(8) for more information about the available commands.`;

const HELP_APT_CACHE = `Usage: apt-cache [options] command
       apt-cache [options] show pkg1 [pkg2 ...]

apt-cache queries and displays available information about installed
and installable packages. It works exclusively on the data acquired
into the local cache via the 'update' command of e.g. apt-get. The
displayed information may therefore be outdated if the last update was
too long ago, but in exchange apt-cache works independently of the
availability of the configured sources (e.g. offline).

Most used commands:
  showsrc - Show source records
  search - Search the package list for a regex pattern
  depends - Show raw dependency information for a package
  rdepends - Show reverse dependency information for a package
  show - Show a readable record for the package
  pkgnames - List the names of all packages in the system
  policy - Show policy settings

See apt-cache(8) for more information about the available commands.`;

const HELP_TAIL = `Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
`;

const LONG: Record<string, LongOpt> = {
  yes: { key: 'y', arg: 'none' },
  'assume-yes': { key: 'y', arg: 'none' },
  quiet: { key: 'q', arg: 'none' },
  simulate: { key: 's', arg: 'none' },
  'dry-run': { key: 's', arg: 'none' },
  'no-install-recommends': { key: 'nir', arg: 'none' },
  'install-recommends': { key: 'ir', arg: 'none' },
  'fix-broken': { key: 'f', arg: 'none' },
  'fix-missing': { key: 'm', arg: 'none' },
  'download-only': { key: 'd', arg: 'none' },
  'allow-unauthenticated': { key: 'au', arg: 'none' },
  'allow-downgrades': { key: 'ad', arg: 'none' },
  'no-upgrade': { key: 'nu', arg: 'none' },
  purge: { key: 'purge', arg: 'none' },
  reinstall: { key: 'reinstall', arg: 'none' },
  installed: { key: 'installed', arg: 'none' },
  upgradable: { key: 'upgradable', arg: 'none' },
  'target-release': { key: 't', arg: 'required' },
  option: { key: 'o', arg: 'required' },
  help: { key: 'h', arg: 'none' },
  version: { key: 'v', arg: 'none' },
};

async function runFront(ctx: CommandContext, front: Front): Promise<number> {
  const release = readRelease(ctx.sys.fs);
  const banner = `apt ${release.aptVersion} (amd64)`;
  const p = parseArgs(ctx.argv.slice(1), { short: 'yqsfmdhvVo:t:c:', long: LONG });
  if (front === 'apt' && !ctx.stdout.isTTY) ctx.stderr.write('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  if (!p.ok) {
    const short = /-- '(.)'/.exec(p.error);
    const long = /'--([^'=]*)/.exec(p.error);
    if (short && p.error.startsWith('option requires')) ctx.stderr.write(`E: Option -${short[1]} requires an argument.\n`);
    else if (short) ctx.stderr.write(`E: Command line option '${short[1]}' [from -${short[1]}] is not understood in combination with the other options.\n`);
    else ctx.stderr.write(`E: Command line option --${long?.[1] ?? ''} is not understood in combination with the other options\n`);
    return 100;
  }
  if (has(p, 'v')) {
    ctx.stdout.write(`${banner}\n`);
    return 0;
  }
  const [op, ...names] = p.operands;
  if (has(p, 'h') || op === undefined) {
    ctx.stdout.write(`${banner}\n${front === 'apt' ? HELP_APT : front === 'apt-get' ? HELP_APT_GET : HELP_APT_CACHE}\n${HELP_TAIL}`);
    return op === undefined && !has(p, 'h') ? 1 : 0;
  }
  const r: AptRun = { ctx, release, front: front === 'apt', yes: has(p, 'y') };
  if (front === 'apt-cache') return cacheOp(r, op, names);
  switch (op) {
    case 'update':
      return aptUpdate(r);
    case 'install':
    case 'reinstall':
      return aptInstall(r, names);
    case 'remove':
    case 'purge':
    case 'autoremove':
      return aptRemove(r, names, op === 'purge' || has(p, 'purge'));
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      return aptUpgrade(r);
    case 'clean':
    case 'autoclean':
      return lockDpkg(r) ? 0 : 100;
    case 'list':
      if (front === 'apt') return aptList(r, has(p, 'installed'));
      break;
    case 'show':
    case 'policy':
    case 'search':
      if (front === 'apt') return cacheOp(r, op, names);
      break;
  }
  ctx.stderr.write(`E: Invalid operation ${op}\n`);
  return 100;
}

function aptList(r: AptRun, installedOnly: boolean): number {
  r.ctx.stdout.write(r.ctx.stdout.isTTY ? 'Listing... Done\n' : 'Listing...\n');
  const rel = r.release.id === 'ubuntu' ? `${r.release.codename},now` : 'now';
  const lines = installedPackages(r.ctx.sys.fs).map((p) => `${p.get('Package')}/${rel} ${p.get('Version')} ${p.get('Architecture')} [installed${r.release.id === 'ubuntu' ? '' : ',local'}]`);
  if (!installedOnly) for (const a of archiveFor(r.release)) lines.push(`${a.name}/${r.release.codename} ${a.version} amd64`);
  for (const l of lines.sort()) r.ctx.stdout.write(`${l}\n`);
  return 0;
}

function cacheOp(r: AptRun, op: string, names: string[]): number {
  const installed = installedPackages(r.ctx.sys.fs);
  if (op === 'policy') {
    for (const n of names) {
      const p = installed.find((s) => s.get('Package') === n);
      if (!p) {
        r.ctx.stdout.write(`N: Unable to locate package ${n}\n`);
        continue;
      }
      const v = p.get('Version');
      r.ctx.stdout.write(`${n}:\n  Installed: ${v}\n  Candidate: ${v}\n  Version table:\n *** ${v} 100\n        100 /var/lib/dpkg/status\n`);
    }
    return 0;
  }
  if (op === 'show') {
    let found = false;
    for (const n of names) {
      const p = installed.find((s) => s.get('Package') === n);
      if (!p) {
        r.ctx.stderr.write(`N: Unable to locate package ${n}\n`);
        continue;
      }
      found = true;
      r.ctx.stdout.write(`${p.fields.filter(([k]) => k !== 'Status').map(([k, v]) => `${k}: ${v}\n`).join('')}\n`);
    }
    if (!found) {
      r.ctx.stderr.write('E: No packages found\n');
      return 100;
    }
    return 0;
  }
  if (op === 'search') {
    if (r.front) readingLines(r, false);
    const re = new RegExp(names.join('|') || '.', 'i');
    for (const p of installed) if (re.test(p.get('Package') ?? '') || re.test(p.get('Description') ?? '')) r.ctx.stdout.write(`${p.get('Package')} - ${(p.get('Description') ?? '').split('\n')[0]}\n`);
    return 0;
  }
  r.ctx.stderr.write(`E: Invalid operation ${op}\n`);
  return 100;
}

export const apt: Command = { name: 'apt', run: (ctx) => runFront(ctx, 'apt') };
export const aptGet: Command = { name: 'apt-get', run: (ctx) => runFront(ctx, 'apt-get') };
export const aptCache: Command = { name: 'apt-cache', run: (ctx) => runFront(ctx, 'apt-cache') };
