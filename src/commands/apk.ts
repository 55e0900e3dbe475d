// apk (apk-tools 2.12 in Alpine 3.17) on an offline container: the database lock, index fetches that
// fail the way libfetch reports a DNS failure, and the solver's "unable to select packages".

import type { CommandContext } from './types';
import type { Command } from './types';
import { vfsError } from './lib/io';

const INSTALLED = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';

const HELP = `apk-tools 2.12.10, compiled for x86_64.

usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]

Package installation and removal:
  add        Add packages to WORLD and commit changes
  del        Remove packages from WORLD and commit changes

System maintenance:
  fix        Fix, reinstall or upgrade packages without modifying WORLD
  update     Update repository indexes
  upgrade    Install upgrades available from repositories
  cache      Manage the local package cache

Querying package information:
  info       Give detailed information about packages or repositories
  list       List packages matching a pattern or other criteria
  dot        Render dependencies as graphviz graphs
  policy     Show repository policy for packages
  search     Search for packages by name or description

Repository maintenance:
  index      Create repository index file from packages
  fetch      Download packages from global repositories to a local directory
  manifest   Show checksums of package contents
  verify     Verify package integrity and signature

Miscellaneous:
  audit      Audit system for changes
  stats      Show statistics about repositories and installations
  version    Compare package versions or perform tests on version strings

This apk has coffee making abilities.
`;

interface ApkPackage {
  name: string;
  version: string;
  description: string;
  size: number;
}

function readQuiet(ctx: CommandContext, path: string): string {
  try {
    return ctx.sys.fs.readFile(path);
  } catch {
    return '';
  }
}

function installed(ctx: CommandContext): ApkPackage[] {
  const out: ApkPackage[] = [];
  for (const block of readQuiet(ctx, INSTALLED).split(/\n\n+/)) {
    const f: Record<string, string> = {};
    for (const line of block.split('\n')) if (line[1] === ':') f[line[0]] = line.slice(2);
    if (f.P) out.push({ name: f.P, version: f.V ?? '', description: f.T ?? '', size: Number(f.I ?? 0) });
  }
  return out;
}

function repositories(ctx: CommandContext): string[] {
  return readQuiet(ctx, '/etc/apk/repositories')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** `OK: 7 MiB in 14 packages` (installed size rounded up to MiB; the image's db carries no sizes). */
function okLine(pkgs: ApkPackage[]): string {
  const bytes = pkgs.reduce((a, p) => a + p.size, 0);
  const mib = bytes > 0 ? Math.ceil(bytes / 1048576) : 7;
  return `OK: ${mib} MiB in ${pkgs.length} packages\n`;
}

/** apk_db_open with APK_OPENF_WRITE: the lock file first (root only, writable /lib). */
function lockDb(ctx: CommandContext): boolean {
  try {
    ctx.sys.fs.open('/lib/apk/db/lock', { read: true, write: true, create: true }, 0o600).close();
    return true;
  } catch (e) {
    const text = vfsError(e).text;
    ctx.stderr.write(`ERROR: Unable to lock database: ${text}\nERROR: Failed to open apk database: ${text}\n`);
    return false;
  }
}

/** Each repository's index is fetched (no cache is configured in the image) and fails to resolve. */
function loadIndexes(ctx: CommandContext): number {
  const repos = repositories(ctx);
  for (const r of repos) {
    ctx.stdout.write(`fetch ${r}/x86_64/APKINDEX.tar.gz\n`);
    ctx.stderr.write(`WARNING: Ignoring ${r}: temporary error (try again later)\n`);
  }
  return repos.length;
}

function add(ctx: CommandContext, names: string[]): number {
  if (names.length === 0) {
    ctx.stderr.write('ERROR: No packages specified\n');
    return 1;
  }
  if (!lockDb(ctx)) return 99;
  loadIndexes(ctx);
  const pkgs = installed(ctx);
  const missing = names.filter((n) => !pkgs.some((p) => p.name === n.replace(/[<>=~].*$/, '')));
  if (missing.length > 0) {
    ctx.stderr.write(`ERROR: unable to select packages:\n${missing.map((m) => `  ${m} (no such package):\n    required by: world[${m}]\n`).join('')}`);
    return missing.length;
  }
  const world = readQuiet(ctx, WORLD).split('\n').filter(Boolean);
  const added = names.filter((n) => !world.includes(n));
  if (added.length > 0) {
    try {
      ctx.sys.fs.writeFile(WORLD, `${[...world, ...added].sort().join('\n')}\n`);
    } catch (e) {
      ctx.stderr.write(`ERROR: Unable to write world: ${vfsError(e).text}\n`);
      return 1;
    }
  }
  ctx.stdout.write(okLine(pkgs));
  return 0;
}

function del(ctx: CommandContext, names: string[]): number {
  if (!lockDb(ctx)) return 99;
  const pkgs = installed(ctx);
  const world = readQuiet(ctx, WORLD).split('\n').filter(Boolean);
  const gone = pkgs.filter((p) => names.includes(p.name));
  for (const n of names) if (!world.includes(n) && !gone.some((p) => p.name === n)) ctx.stderr.write(`WARNING: ${n} is not in world\n`);
  gone.forEach((p, i) => ctx.stdout.write(`(${i + 1}/${gone.length}) Purging ${p.name} (${p.version})\n`));
  try {
    if (gone.length > 0) {
      const keep = readQuiet(ctx, INSTALLED)
        .split(/\n\n+/)
        .filter((b) => b.trim() !== '' && !gone.some((g) => b.startsWith(`P:${g.name}\n`)));
      ctx.sys.fs.writeFile(INSTALLED, `${keep.join('\n\n')}\n\n`);
    }
    ctx.sys.fs.writeFile(WORLD, `${world.filter((w) => !names.includes(w)).join('\n')}\n`);
  } catch (e) {
    ctx.stderr.write(`ERROR: Unable to write world: ${vfsError(e).text}\n`);
    return 1;
  }
  ctx.stdout.write(okLine(pkgs.filter((p) => !gone.includes(p))));
  return 0;
}

async function runApk(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const rest = args.filter((a) => !a.startsWith('-'));
  if (flags.includes('--version') || flags.includes('-V')) {
    ctx.stdout.write('apk-tools 2.12.10, compiled for x86_64.\n');
    return 0;
  }
  const [cmd, ...names] = rest;
  if (cmd === undefined || flags.includes('-h') || flags.includes('--help')) {
    ctx.stdout.write(HELP);
    return cmd === undefined && flags.length === 0 ? 1 : 0;
  }
  switch (cmd) {
    case 'update': {
      if (!lockDb(ctx)) return 99;
      const failed = loadIndexes(ctx);
      const n = installed(ctx).length;
      ctx.stdout.write(failed > 0 ? `${failed} unavailable, 0 stale; ${n} distinct packages available\n` : `OK: ${n} distinct packages available\n`);
      return failed;
    }
    case 'add':
      return add(ctx, names);
    case 'del':
      return del(ctx, names);
    case 'upgrade':
      if (!lockDb(ctx)) return 99;
      loadIndexes(ctx);
      ctx.stdout.write(okLine(installed(ctx)));
      return 0;
    case 'info':
    case 'list':
    case 'search': {
      const pkgs = installed(ctx).filter((p) => names.length === 0 || names.some((n) => p.name.includes(n)));
      for (const p of pkgs) ctx.stdout.write(cmd === 'info' ? `${p.name}\n` : cmd === 'search' ? `${p.name}-${p.version}\n` : `${p.name}-${p.version} x86_64 {${p.name}} [installed]\n`);
      return 0;
    }
    default:
      ctx.stderr.write(`apk: applet '${cmd}' not found\n`);
      ctx.stdout.write(HELP);
      return 1;
  }
}

export const apk: Command = { name: 'apk', run: runApk };
