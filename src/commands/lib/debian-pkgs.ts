// What apt, dpkg and command-not-found know about a Debian/Ubuntu system: the dpkg status database,
// the configured sources, the release, and a small catalogue of archive packages learners ask for.

import type { CommandContext, ProcessFs } from '../types';

export interface DpkgStanza {
  /** Fields in file order (dpkg -s prints them so). */
  fields: [string, string][];
  get(name: string): string | undefined;
}

export const DPKG_STATUS = '/var/lib/dpkg/status';

export function parseDpkgStatus(text: string): DpkgStanza[] {
  const out: DpkgStanza[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields: [string, string][] = [];
    for (const line of block.split('\n')) {
      if (line === '') continue;
      if (/^\s/.test(line) && fields.length > 0) {
        fields[fields.length - 1][1] += `\n${line}`;
        continue;
      }
      const i = line.indexOf(':');
      if (i > 0) fields.push([line.slice(0, i), line.slice(i + 1).trim()]);
    }
    if (fields.length === 0) continue;
    out.push({ fields, get: (n) => fields.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1] });
  }
  return out;
}

export function formatDpkgStanza(s: DpkgStanza): string {
  return s.fields.map(([k, v]) => `${k}: ${v}\n`).join('');
}

/** Installed packages (Status `install ok installed`), read as dpkg does (an open event per read). */
export function installedPackages(fs: ProcessFs): DpkgStanza[] {
  try {
    return parseDpkgStatus(fs.readFile(DPKG_STATUS)).filter((s) => /installed$/.test(s.get('Status') ?? ''));
  } catch {
    return [];
  }
}

export interface Release {
  id: 'ubuntu' | 'debian';
  codename: string;
  /** apt's version: 2.0.9 on focal, 2.2.4 on bullseye (progress lines differ). */
  aptVersion: string;
}

export function readRelease(fs: ProcessFs): Release {
  let text = '';
  try {
    text = fs.readFile('/etc/os-release');
  } catch {
    text = '';
  }
  const field = (k: string): string | undefined => new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1];
  const id = field('ID') === 'debian' ? 'debian' : 'ubuntu';
  const codename = field('VERSION_CODENAME') ?? (id === 'debian' ? 'bullseye' : 'focal');
  return { id, codename, aptVersion: id === 'debian' ? '2.2.4' : '2.0.9' };
}

export interface AptSource {
  /** Without the trailing slash, as apt prints it in `Err:` lines. */
  uri: string;
  suite: string;
}

/** Distinct (uri, suite) pairs of `deb` lines in sources.list and sources.list.d/*.list, in order. */
export function aptSources(fs: ProcessFs): AptSource[] {
  const texts: string[] = [];
  const read = (p: string): void => {
    try {
      texts.push(fs.readFile(p));
    } catch {
      // a missing sources.list is not an error for apt
    }
  };
  read('/etc/apt/sources.list');
  let names: string[] = [];
  try {
    names = fs.readdir('/etc/apt/sources.list.d').filter((n) => n.endsWith('.list')).sort();
  } catch {
    names = [];
  }
  for (const n of names) read(`/etc/apt/sources.list.d/${n}`);
  const out: AptSource[] = [];
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, ' ').trim();
      const f = line.split(/\s+/);
      if (f[0] !== 'deb' || f.length < 3) continue;
      const uri = f[1].replace(/\/+$/, '');
      if (!out.some((s) => s.uri === uri && s.suite === f[2])) out.push({ uri, suite: f[2] });
    }
  }
  return out;
}

export function hostOf(uri: string): string {
  return /^[a-z]+:\/\/([^/:]+)/.exec(uri)?.[1] ?? uri;
}

/** A package of the Ubuntu focal archive (sizes as apt prints them; plausible, not looked up). */
export interface ArchivePackage {
  name: string;
  version: string;
  component: 'main' | 'universe';
  download: string;
  installed: string;
  commands: string[];
}

export const FOCAL_ARCHIVE: ArchivePackage[] = [
  { name: 'tree', version: '1.8.0-1', component: 'universe', download: '43.0 kB', installed: '115 kB', commands: ['tree'] },
  { name: 'net-tools', version: '1.60+git20180626.aebd88e-1ubuntu1', component: 'main', download: '196 kB', installed: '864 kB', commands: ['ifconfig', 'netstat', 'route', 'arp'] },
  { name: 'traceroute', version: '1:2.1.0-2', component: 'universe', download: '45.4 kB', installed: '152 kB', commands: ['traceroute'] },
  { name: 'jq', version: '1.6-1ubuntu0.20.04.1', component: 'universe', download: '50.2 kB', installed: '102 kB', commands: ['jq'] },
  { name: 'nmap', version: '7.80+dfsg1-2build1', component: 'universe', download: '1,662 kB', installed: '4,404 kB', commands: ['nmap'] },
  { name: 'ncat', version: '7.80+dfsg1-2build1', component: 'universe', download: '168 kB', installed: '453 kB', commands: ['ncat'] },
  { name: 'sysdig', version: '0.26.4-1', component: 'universe', download: '794 kB', installed: '3,190 kB', commands: ['sysdig', 'csysdig'] },
  { name: 'auditd', version: '1:2.8.5-2ubuntu6', component: 'main', download: '193 kB', installed: '694 kB', commands: ['auditctl', 'ausearch', 'aureport'] },
  { name: 'etcd-client', version: '3.2.26+dfsg-6', component: 'universe', download: '5,496 kB', installed: '22.2 MB', commands: ['etcdctl'] },
  { name: 'gcc', version: '4:9.3.0-1ubuntu2', component: 'main', download: '5,208 B', installed: '51.2 kB', commands: ['gcc'] },
  { name: 'docker.io', version: '20.10.21-0ubuntu1~20.04.2', component: 'universe', download: '36.0 MB', installed: '187 MB', commands: ['docker'] },
];

/** Snaps command-not-found offers next to debs (name, version). */
export const FOCAL_SNAPS: Record<string, { snap: string; version: string }> = {
  docker: { snap: 'docker', version: '20.10.17' },
  nmap: { snap: 'nmap', version: '7.93' },
  jq: { snap: 'jq', version: '1.5+dfsg-1' },
};

/** The archive as this system's apt sees it: the Ubuntu nodes keep their lists; the images ship none. */
export function archiveFor(release: Release): ArchivePackage[] {
  return release.id === 'ubuntu' ? FOCAL_ARCHIVE : [];
}

/** `pool/universe/t/tree/tree_1.8.0-1_amd64.deb` (the epoch is not part of file names). */
export function poolPath(p: ArchivePackage): string {
  const prefix = p.name.startsWith('lib') ? p.name.slice(0, 4) : p.name[0];
  return `pool/${p.component}/${prefix}/${p.name}/${p.name}_${p.version.replace(/^\d+:/, '')}_amd64.deb`;
}

/** Whether the caller may use sudo as command-not-found judges it: member of sudo or admin. */
export function isAdmin(ctx: CommandContext, groupNames: (gid: number) => string): boolean {
  return ctx.process.groups.some((g) => ['sudo', 'admin'].includes(groupNames(g)));
}
