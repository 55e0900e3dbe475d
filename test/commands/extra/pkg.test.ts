import { describe, expect, it } from 'vitest';
import { captureEvents } from '../world-helpers';
import { miniWorld, type MiniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { rootReadOnly } from './nginx-world';

const STATUS = `Package: bash
Status: install ok installed
Priority: required
Section: shells
Installed-Size: 1664
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Architecture: amd64
Version: 5.0-6ubuntu1.2
Description: GNU Bourne Again SHell

Package: curl
Status: install ok installed
Priority: optional
Section: web
Installed-Size: 411
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Architecture: amd64
Version: 7.68.0-1ubuntu2.15
Description: command line tool for transferring data with URL syntax
`;

function focal(): MiniWorld {
  const w = miniWorld(extraCommands);
  for (const d of ['/etc/apt', '/etc/apt/sources.list.d', '/var', '/var/lib', '/var/lib/apt', '/var/lib/apt/lists', '/var/lib/dpkg', '/var/cache', '/var/cache/apt']) w.put(d, { type: 'dir', mode: 0o755 });
  w.put('/etc/os-release', { data: 'NAME="Ubuntu"\nVERSION_ID="20.04"\nID=ubuntu\nVERSION_CODENAME=focal\n' });
  w.put('/etc/apt/sources.list', { data: 'deb http://archive.ubuntu.com/ubuntu focal main restricted\ndeb http://archive.ubuntu.com/ubuntu focal universe\ndeb http://archive.ubuntu.com/ubuntu focal-updates main\n# deb-src http://x y\ndeb http://security.ubuntu.com/ubuntu focal-security main\n' });
  w.put('/etc/apt/sources.list.d/kubernetes.list', { data: 'deb [signed-by=/usr/share/keyrings/kubernetes-archive-keyring.gpg] https://apt.kubernetes.io/ kubernetes-xenial main\n' });
  w.put('/var/lib/dpkg/status', { data: STATUS });
  return w;
}

describe('apt-get / apt update offline', () => {
  it('apt-get update reports every source as unresolvable, then the warnings', async () => {
    const w = focal();
    expect(await w.run(['apt-get', 'update'], { uid: 0 })).toEqual({
      status: 0,
      stdout: `Err:1 http://archive.ubuntu.com/ubuntu focal InRelease
  Temporary failure resolving 'archive.ubuntu.com'
Err:2 http://archive.ubuntu.com/ubuntu focal-updates InRelease
  Temporary failure resolving 'archive.ubuntu.com'
Err:3 http://security.ubuntu.com/ubuntu focal-security InRelease
  Temporary failure resolving 'security.ubuntu.com'
Err:4 https://apt.kubernetes.io kubernetes-xenial InRelease
  Temporary failure resolving 'apt.kubernetes.io'
Reading package lists...
`,
      stderr: `W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/focal/InRelease  Temporary failure resolving 'archive.ubuntu.com'
W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/focal-updates/InRelease  Temporary failure resolving 'archive.ubuntu.com'
W: Failed to fetch http://security.ubuntu.com/ubuntu/dists/focal-security/InRelease  Temporary failure resolving 'security.ubuntu.com'
W: Failed to fetch https://apt.kubernetes.io/dists/kubernetes-xenial/InRelease  Temporary failure resolving 'apt.kubernetes.io'
W: Some index files failed to download. They have been ignored, or old ones used instead.
`,
    });
  });

  it('apt update piped warns about its CLI and ends with the cache summary', async () => {
    const w = focal();
    const r = await w.run(['apt', 'update'], { uid: 0 });
    expect(r.stderr.startsWith('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n')).toBe(true);
    expect(r.stdout.endsWith('Reading package lists...\nBuilding dependency tree...\nReading state information...\nAll packages are up to date.\n')).toBe(true);
  });

  it('as a user cannot take the lists lock', async () => {
    const w = focal();
    w.put('/var/lib/apt/lists/partial', { type: 'dir', mode: 0o700 });
    expect(await w.run(['apt-get', 'update'])).toEqual({
      status: 100,
      stdout: 'Reading package lists...\n',
      stderr: 'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n',
    });
  });

  it('on a read-only root cannot create lists/partial', async () => {
    const w = focal();
    rootReadOnly(w);
    expect(await w.run(['apt-get', 'update'], { uid: 0 })).toMatchObject({
      status: 100,
      stderr: 'E: List directory /var/lib/apt/lists/partial is missing. - Acquire (30: Read-only file system)\n',
    });
  });
});

describe('apt-get install', () => {
  it('cannot locate an unknown package', async () => {
    const w = focal();
    expect(await w.run(['apt-get', 'install', '-y', 'nosuchpkg'], { uid: 0 })).toEqual({
      status: 100,
      stdout: 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n',
      stderr: 'E: Unable to locate package nosuchpkg\n',
    });
  });

  it('reports an installed package as newest', async () => {
    const w = focal();
    expect((await w.run(['apt-get', 'install', 'curl'], { uid: 0 })).stdout).toContain('curl is already the newest version (7.68.0-1ubuntu2.15).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
  });

  it('fails to download an archive package offline', async () => {
    const w = focal();
    const r = await w.run(['apt-get', 'install', 'tree'], { uid: 0 });
    expect(r.status).toBe(100);
    expect(r.stdout).toContain('The following NEW packages will be installed:\n  tree\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 43.0 kB of archives.\nAfter this operation, 115 kB of additional disk space will be used.\nErr:1 http://archive.ubuntu.com/ubuntu focal/universe amd64 tree amd64 1.8.0-1\n');
    expect(r.stderr).toBe("E: Failed to fetch http://archive.ubuntu.com/ubuntu/pool/universe/t/tree/tree_1.8.0-1_amd64.deb  Temporary failure resolving 'archive.ubuntu.com'\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n");
  });

  it('as a user cannot take the dpkg frontend lock, after opening it (the event Falco sees)', async () => {
    const w = focal();
    const { result, events } = await captureEvents(w, () => w.run(['apt-get', 'install', 'tree']));
    expect(result).toEqual({
      status: 100,
      stdout: '',
      stderr: 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n',
    });
    expect(events.find((e) => e.type === 'execve')?.args.exe).toBe('/usr/bin/apt-get');
    expect(events.some((e) => e.type === 'openat' && e.args.name === '/var/lib/dpkg/lock-frontend' && e.res < 0)).toBe(true);
  });

  it('rejects unknown options and operations as apt does', async () => {
    const w = focal();
    expect(await w.run(['apt-get', '-j', 'update'], { uid: 0 })).toMatchObject({ status: 100, stderr: "E: Command line option 'j' [from -j] is not understood in combination with the other options.\n" });
    expect(await w.run(['apt-get', 'frobnicate'], { uid: 0 })).toMatchObject({ status: 100, stderr: 'E: Invalid operation frobnicate\n' });
  });

  it('remove asks, and dpkg rewrites the status database', async () => {
    const w = focal();
    const r = await w.run(['apt-get', 'remove', 'curl'], { uid: 0, stdin: 'y\n' });
    expect(r.stdout).toContain('The following packages will be REMOVED:\n  curl\n0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.\nAfter this operation, 421 kB disk space will be freed.\nDo you want to continue? [Y/n] ');
    expect(r.stdout).toContain('Removing curl (7.68.0-1ubuntu2.15) ...\n');
    expect(r.status).toBe(0);
    expect(w.read('/var/lib/dpkg/status')).not.toContain('Package: curl');
    expect((await w.run(['apt-get', 'remove', 'bash'], { uid: 0, stdin: 'n\n' })).stdout.endsWith('Abort.\n')).toBe(true);
  });
});

describe('dpkg', () => {
  it('-l lists with the legend and columns sized to the entries', async () => {
    const w = focal();
    expect((await w.run(['dpkg', '-l'])).stdout).toBe(`Desired=Unknown/Install/Remove/Purge/Hold
| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend
|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)
||/ Name           Version            Architecture Description
+++-==============-==================-============-=======================================================
ii  bash           5.0-6ubuntu1.2     amd64        GNU Bourne Again SHell
ii  curl           7.68.0-1ubuntu2.15 amd64        command line tool for transferring data with URL syntax
`);
  });
  it('-l with an unmatched pattern says so and exits 1', async () => {
    const w = focal();
    expect(await w.run(['dpkg', '-l', 'falco'])).toEqual({ status: 1, stdout: '', stderr: 'dpkg-query: no packages found matching falco\n' });
  });
  it('-s prints the stanza, or the not-installed message', async () => {
    const w = focal();
    expect((await w.run(['dpkg', '-s', 'curl'])).stdout).toContain('Package: curl\nStatus: install ok installed\n');
    expect(await w.run(['dpkg', '-s', 'nope'])).toEqual({
      status: 1,
      stdout: '',
      stderr: "dpkg-query: package 'nope' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n",
    });
  });
  it('needs an action and root for changes', async () => {
    const w = focal();
    expect((await w.run(['dpkg'])).stderr.split('\n')[0]).toBe('dpkg: error: need an action option');
    expect(await w.run(['dpkg', '-r', 'curl'])).toEqual({ status: 2, stdout: '', stderr: 'dpkg: error: requested operation requires superuser privilege\n' });
  });
});

describe('apk', () => {
  function alpine(): MiniWorld {
    const w = miniWorld(extraCommands);
    for (const d of ['/lib', '/lib/apk', '/lib/apk/db', '/etc/apk']) w.put(d, { type: 'dir', mode: 0o755 });
    w.put('/etc/apk/repositories', { data: 'https://dl-cdn.alpinelinux.org/alpine/v3.17/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.17/community\n' });
    w.put('/etc/apk/world', { data: 'alpine-baselayout\nbusybox\n' });
    w.put('/lib/apk/db/installed', { data: 'P:musl\nV:1.2.3-r4\n\nP:busybox\nV:1.35.0-r29\n\nP:alpine-baselayout\nV:3.4.0-r0\n\n' });
    w.put('/lib/apk/db/lock', { data: '' });
    return w;
  }
  it('update fails every repository and exits with their count', async () => {
    const w = alpine();
    expect(await w.run(['apk', 'update'], { uid: 0 })).toEqual({
      status: 2,
      stdout: 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.17/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.17/community/x86_64/APKINDEX.tar.gz\n2 unavailable, 0 stale; 3 distinct packages available\n',
      stderr: 'WARNING: Ignoring https://dl-cdn.alpinelinux.org/alpine/v3.17/main: temporary error (try again later)\nWARNING: Ignoring https://dl-cdn.alpinelinux.org/alpine/v3.17/community: temporary error (try again later)\n',
    });
  });
  it('add of a package not installed cannot be selected', async () => {
    const w = alpine();
    const r = await w.run(['apk', 'add', 'curl'], { uid: 0 });
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith('ERROR: unable to select packages:\n  curl (no such package):\n    required by: world[curl]\n')).toBe(true);
  });
  it('cannot lock the database on a read-only root', async () => {
    const w = alpine();
    rootReadOnly(w);
    expect(await w.run(['apk', 'add', 'curl'], { uid: 0 })).toEqual({ status: 99, stdout: '', stderr: 'ERROR: Unable to lock database: Read-only file system\nERROR: Failed to open apk database: Read-only file system\n' });
  });
});
