// apt's operations on an offline node: update (every source fails to resolve), install (already
// installed, unknown, or a download that cannot resolve the mirror), remove via dpkg, upgrade.

import { readLines } from '../../core/stream';
import { ERRNO_NUMBER } from '../../vfs';
import type { CommandContext } from '../types';
import { archiveFor, aptSources, hostOf, installedPackages, poolPath, type Release } from './debian-pkgs';
import { vfsError } from './io';

export interface AptRun {
  ctx: CommandContext;
  release: Release;
  /** `apt` (the user-facing front end) rather than apt-get. */
  front: boolean;
  yes: boolean;
}

const err = (r: AptRun, line: string): void => r.ctx.stderr.write(`${line}\n`);
const out = (r: AptRun, line: string): void => r.ctx.stdout.write(`${line}\n`);

/** apt's SizeToStr: decimal units, one decimal below 100, thousands separators. */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let v = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (v < 100 && i !== 0) return `${v.toFixed(1)} ${ext[i]}B`;
    if (v < 10000) return `${Math.round(v).toLocaleString('en-US')} ${ext[i]}B`;
    v /= 1000;
  }
  return `${Math.round(v)} PB`;
}

/** Open a lock file as apt does (O_RDWR|O_CREAT, 0640); the errno text on failure. */
function openLock(r: AptRun, path: string): string | null {
  try {
    r.ctx.sys.fs.open(path, { read: true, write: true, create: true }, 0o640).close();
    return null;
  } catch (e) {
    const v = vfsError(e);
    return `(${ERRNO_NUMBER[v.code]}: ${v.text})`;
  }
}

export function readingLines(r: AptRun, withTree = true): void {
  const tty = r.ctx.stdout.isTTY;
  out(r, tty ? 'Reading package lists... Done' : 'Reading package lists...');
  if (!withTree) return;
  if (!tty) out(r, 'Building dependency tree...');
  else out(r, r.release.aptVersion.startsWith('2.0') ? 'Building dependency tree       ' : 'Building dependency tree... Done');
  out(r, tty ? 'Reading state information... Done' : 'Reading state information...');
}

/** Both dpkg locks, as install/remove/upgrade take them before anything else. */
export function lockDpkg(r: AptRun): boolean {
  const fe = openLock(r, '/var/lib/dpkg/lock-frontend');
  if (fe) {
    err(r, `E: Could not open lock file /var/lib/dpkg/lock-frontend - open ${fe}`);
    err(r, 'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?');
    return false;
  }
  const admin = openLock(r, '/var/lib/dpkg/lock');
  if (admin) {
    err(r, `E: Could not open lock file /var/lib/dpkg/lock - open ${admin}`);
    err(r, 'E: Unable to lock the administration directory (/var/lib/dpkg/), are you root?');
    return false;
  }
  return true;
}

export function aptUpdate(r: AptRun): number {
  const fs = r.ctx.sys.fs;
  const sources = aptSources(fs);
  const lists = '/var/lib/apt/lists/';
  if (!fs.exists(`${lists}partial`)) {
    try {
      fs.mkdir(`${lists}partial`, 0o700);
    } catch (e) {
      const v = vfsError(e);
      // A missing partial/ only stops apt when it cannot be created at all (a read-only root).
      if (v.code === 'EROFS') {
        out(r, r.ctx.stdout.isTTY ? 'Reading package lists... Done' : 'Reading package lists...');
        err(r, `E: List directory ${lists}partial is missing. - Acquire (${ERRNO_NUMBER[v.code]}: ${v.text})`);
        return 100;
      }
    }
  }
  const lock = openLock(r, `${lists}lock`);
  if (lock) {
    out(r, r.ctx.stdout.isTTY ? 'Reading package lists... Done' : 'Reading package lists...');
    err(r, `E: Could not open lock file ${lists}lock - open ${lock}`);
    err(r, `E: Unable to lock directory ${lists}`);
    for (const cache of ['/var/cache/apt/pkgcache.bin', '/var/cache/apt/srcpkgcache.bin']) {
      if (fs.exists(cache) && r.ctx.process.euid !== 0) err(r, `W: Problem unlinking the file ${cache} - RemoveCaches (13: Permission denied)`);
    }
    return 100;
  }
  const warnings: string[] = [];
  sources.forEach((s, i) => {
    const host = hostOf(s.uri);
    out(r, `Err:${i + 1} ${s.uri} ${s.suite} InRelease`);
    out(r, `  Temporary failure resolving '${host}'`);
    warnings.push(`W: Failed to fetch ${s.uri}/dists/${s.suite}/InRelease  Temporary failure resolving '${host}'`);
  });
  if (r.front) {
    readingLines(r);
    out(r, 'All packages are up to date.');
  } else readingLines(r, false);
  for (const w of warnings) err(r, w);
  if (warnings.length > 0) err(r, 'W: Some index files failed to download. They have been ignored, or old ones used instead.');
  return 0;
}

export function aptInstall(r: AptRun, names: string[]): number {
  if (!lockDpkg(r)) return 100;
  readingLines(r);
  const installed = installedPackages(r.ctx.sys.fs);
  const archive = archiveFor(r.release);
  const unknown = names.filter((n) => !installed.some((p) => p.get('Package') === n) && !archive.some((p) => p.name === n));
  if (unknown.length > 0) {
    for (const n of unknown) err(r, `E: Unable to locate package ${n}`);
    return 100;
  }
  const fresh = archive.filter((p) => names.includes(p.name) && !installed.some((i) => i.get('Package') === p.name));
  for (const n of names) {
    const have = installed.find((p) => p.get('Package') === n);
    if (have) out(r, `${n} is already the newest version (${have.get('Version')}).`);
  }
  if (fresh.length === 0) {
    out(r, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.');
    return 0;
  }
  out(r, 'The following NEW packages will be installed:');
  out(r, `  ${fresh.map((p) => p.name).join(' ')}`);
  out(r, `0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.`);
  out(r, `Need to get ${fresh.length === 1 ? fresh[0].download : sumSizes(fresh.map((p) => p.download))} of archives.`);
  out(r, `After this operation, ${fresh.length === 1 ? fresh[0].installed : sumSizes(fresh.map((p) => p.installed))} of additional disk space will be used.`);
  const mirror = aptSources(r.ctx.sys.fs).find((s) => s.suite === r.release.codename) ?? { uri: 'http://archive.ubuntu.com/ubuntu', suite: r.release.codename };
  const host = hostOf(mirror.uri);
  fresh.forEach((p, i) => {
    const suite = /ubuntu0\.20\.04|~20\.04/.test(p.version) ? `${r.release.codename}-updates` : r.release.codename;
    out(r, `Err:${i + 1} ${mirror.uri} ${suite}/${p.component} amd64 ${p.name} amd64 ${p.version}`);
    out(r, `  Temporary failure resolving '${host}'`);
  });
  for (const p of fresh) err(r, `E: Failed to fetch ${mirror.uri}/${poolPath(p)}  Temporary failure resolving '${host}'`);
  err(r, 'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?');
  return 100;
}

function sumSizes(sizes: string[]): string {
  const unit: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };
  let total = 0;
  for (const s of sizes) {
    const m = /^([\d,.]+) (\w+)$/.exec(s);
    if (m) total += Number(m[1].replace(/,/g, '')) * (unit[m[2]] ?? 1);
  }
  return aptSize(total);
}

export async function aptRemove(r: AptRun, names: string[], purge: boolean): Promise<number> {
  if (!lockDpkg(r)) return 100;
  readingLines(r);
  const installed = installedPackages(r.ctx.sys.fs);
  const targets = installed.filter((p) => names.includes(p.get('Package') ?? ''));
  for (const n of names) {
    if (!targets.some((p) => p.get('Package') === n)) {
      if (!archiveFor(r.release).some((p) => p.name === n)) {
        err(r, `E: Unable to locate package ${n}`);
        return 100;
      }
      out(r, `Package '${n}' is not installed, so not removed`);
    }
  }
  if (targets.length === 0) {
    out(r, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.');
    return 0;
  }
  out(r, 'The following packages will be REMOVED:');
  out(r, `  ${targets.map((p) => `${p.get('Package')}${purge ? '*' : ''}`).join(' ')}`);
  out(r, `0 upgraded, 0 newly installed, ${targets.length} to remove and 0 not upgraded.`);
  const kib = targets.reduce((a, p) => a + Number(p.get('Installed-Size') ?? 0), 0);
  out(r, `After this operation, ${aptSize(kib * 1024)} disk space will be freed.`);
  if (!r.yes) {
    r.ctx.stdout.write('Do you want to continue? [Y/n] ');
    let answer: string | null = null;
    for await (const line of readLines(r.ctx.stdin)) {
      answer = line;
      break;
    }
    if (answer === null || !/^(y|yes|)$/i.test(answer.trim())) {
      out(r, 'Abort.');
      return 1;
    }
  }
  const res = await r.ctx.sys.spawn(['/usr/bin/dpkg', purge ? '--purge' : '--remove', ...targets.map((p) => p.get('Package')!)], { searchPath: false });
  if (res.error || res.status !== 0) {
    err(r, `E: Sub-process /usr/bin/dpkg returned an error code (${res.error ? 2 : res.status})`);
    return 100;
  }
  return 0;
}

export function aptUpgrade(r: AptRun): number {
  if (!lockDpkg(r)) return 100;
  readingLines(r);
  out(r, r.ctx.stdout.isTTY ? 'Calculating upgrade... Done' : 'Calculating upgrade...');
  out(r, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.');
  return 0;
}
