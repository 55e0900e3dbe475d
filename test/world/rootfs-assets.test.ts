// Invariants of the shipped assets: every rootfs tree resolves, images and nodes point at trees and
// programs that exist. Reads assets/ through node:fs (tests may; the tree-spec parser never does).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  formatTreeSpecError,
  parentPath,
  parseTreeSpec,
  resolveTree,
  type AssetReader,
  type TreeEntry,
} from '../../src/world/assets/tree-spec';

const ASSETS = join(__dirname, '..', '..', 'assets');
const ROOTFS = join(ASSETS, 'rootfs');
const diskReader: AssetReader = (rel) => {
  const p = join(ROOTFS, rel);
  return existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : null;
};
const treeNames = readdirSync(ROOTFS).filter((n) => existsSync(join(ROOTFS, n, 'tree.txt')));
const resolved = new Map<string, TreeEntry[]>();
for (const name of treeNames) {
  const r = resolveTree(name, diskReader);
  if (r.ok) resolved.set(name, r.entries);
}
const entriesOf = (tree: string): Map<string, TreeEntry> => new Map((resolved.get(tree) ?? []).map((e) => [e.path, e]));

/** Follows symlinks inside one tree, as the kernel would; null when the chain leaves the tree. */
function follow(tree: Map<string, TreeEntry>, path: string, depth = 0): TreeEntry | null {
  if (depth > 20) return null;
  const parts = path.split('/').filter(Boolean);
  let cur = '';
  for (let i = 0; i < parts.length; i++) {
    const next = `${cur}/${parts[i]}`;
    const e = tree.get(next);
    if (!e) return null;
    if (e.type === 'symlink') {
      const base = e.target!.startsWith('/') ? e.target! : `${cur}/${e.target}`;
      const rest = parts.slice(i + 1).join('/');
      return follow(tree, normalise(rest ? `${base}/${rest}` : base), depth + 1);
    }
    cur = next;
  }
  return tree.get(cur || '/') ?? null;
}
function normalise(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}
function passwd(tree: Map<string, TreeEntry>): Array<{ name: string; uid: number; gid: number; home: string; shell: string }> {
  return (tree.get('/etc/passwd')?.content ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.split(':');
      expect(f, line).toHaveLength(7);
      expect(f[2], line).toMatch(/^[0-9]+$/);
      expect(f[3], line).toMatch(/^[0-9]+$/);
      return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] };
    });
}

// Paths the container runtime or the kernel provides at run time, not the image or the package.
const RUNTIME_PROVIDED = ['/proc/', '/dev/', '/sys/', '/run/systemd/journal/'];

describe('shipped rootfs trees', () => {
  it('include the node and image trees', () => {
    expect(treeNames).toEqual(
      expect.arrayContaining(['ubuntu-focal', 'kube-control-plane', 'kube-worker-1', 'alpine-3.17.1', 'nginx-1.23.3', 'pause-3.9']),
    );
  });

  it.each(treeNames)('%s resolves without errors', (name) => {
    const r = resolveTree(name, diskReader);
    expect(r.ok ? [] : r.errors.map(formatTreeSpecError)).toEqual([]);
  });

  it.each(treeNames)('%s ships no content file without an f entry', (name) => {
    const own = parseTreeSpec(diskReader(`${name}/tree.txt`) ?? '', name);
    const declared = new Set(own.ok ? own.spec.entries.filter((e) => e.type === 'file').map((e) => e.path) : []);
    const orphans = filesUnder(join(ROOTFS, name, 'files'))
      .map((f) => `/${relative(join(ROOTFS, name, 'files'), f).split('\\').join('/')}`)
      .filter((p) => !declared.has(p));
    expect(orphans).toEqual([]);
  });

  it.each(treeNames)('%s has symlinks that land inside the tree', (name) => {
    const tree = entriesOf(name);
    const dangling = [...tree.values()]
      .filter((e) => e.type === 'symlink')
      .filter((e) => follow(tree, e.path) === null)
      .filter((e) => {
        const target = normalise(e.target!.startsWith('/') ? e.target! : `${parentPath(e.path)}/${e.target}`);
        return !RUNTIME_PROVIDED.some((p) => `${target}/`.startsWith(p));
      })
      .map((e) => `${e.path} -> ${e.target}`);
    expect(dangling).toEqual([]);
  });

  it.each(treeNames)('%s has an /etc/passwd whose homes and ids make sense', (name) => {
    const tree = entriesOf(name);
    if (name === 'pause-3.9') return; // the pause image is a single static binary
    const users = passwd(tree);
    expect(users[0]).toMatchObject({ name: 'root', uid: 0, gid: 0 });
    const groups = new Set((tree.get('/etc/group')?.content ?? '').split('\n').filter(Boolean).map((l) => Number(l.split(':')[2])));
    for (const u of users) expect(groups.has(u.gid) || u.gid === 65534 || u.gid === 1, `${u.name} gid ${u.gid}`).toBe(true);
    expect(follow(tree, users[0].shell)?.type, `root shell ${users[0].shell}`).toBe('exec');
  });

  it.each(['kube-control-plane', 'kube-worker-1'])('%s has vagrant (uid 1000) owning /home/vagrant', (node) => {
    const tree = entriesOf(node);
    expect(passwd(tree).find((u) => u.name === 'vagrant')).toMatchObject({ uid: 1000, gid: 1000, home: '/home/vagrant' });
    const home = [...tree.values()].filter((e) => e.path === '/home/vagrant' || e.path.startsWith('/home/vagrant/'));
    expect(home.length).toBeGreaterThan(5);
    expect(home.filter((e) => e.uid !== 1000 || e.gid !== 1000).map((e) => e.path)).toEqual([]);
    expect(tree.get('/home/vagrant/.kube/config')?.content).toContain('server: https://192.168.56.10:6443');
    expect(tree.get('/etc/hostname')?.content).toBe(`${node}\n`);
    expect(tree.get('/etc/shadow')).toMatchObject({ mode: 0o640, uid: 0, gid: 42 });
    expect(tree.get('/etc/sudoers.d/vagrant')?.content).toContain('NOPASSWD:ALL');
    expect(tree.get('/usr/bin/sudo')).toMatchObject({ type: 'exec', mode: 0o4755 });
    expect(tree.get('/tmp')?.mode).toBe(0o1777);
    expect([...tree.keys()].filter((p) => p.startsWith('/etc/kubernetes/manifests/'))).toEqual([]);
  });

  it.each([
    ['kube-control-plane', ['kubectl', 'kubeadm', 'crictl', 'journalctl', 'systemctl', 'vim', 'vi', 'tail', 'grep', 'sh', 'bash']],
    ['kube-worker-1', ['falco', 'falco-driver-loader', 'crictl', 'journalctl', 'systemctl', 'sudo', 'nano', 'kubectl']],
    ['alpine-3.17.1', ['sh', 'ash', 'cat', 'echo', 'md5sum', 'head', 'sleep', 'mkdir', 'touch', 'ps', 'apk', '[']],
    ['nginx-1.23.3', ['bash', 'sh', 'nginx', 'cat', 'ls', 'touch', 'mkdir', 'apt', 'apt-get', 'sed', 'grep', 'md5sum']],
  ])('%s finds the chapter\'s commands on its PATH', (tree, commands) => {
    const t = entriesOf(tree);
    const path = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
    const missing = commands.filter((c) => !path.some((d) => follow(t, `${d}/${c}`)?.type === 'exec'));
    expect(missing).toEqual([]);
  });

  it('installs Falco only on the worker', () => {
    expect(entriesOf('kube-worker-1').get('/usr/bin/falco')).toMatchObject({ type: 'exec', program: 'falco' });
    expect(entriesOf('kube-worker-1').get('/etc/falco/rules.d')?.type).toBe('dir');
    expect(entriesOf('kube-control-plane').has('/usr/bin/falco')).toBe(false);
    expect(entriesOf('kube-control-plane').has('/etc/falco')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Image configs and node descriptions point at trees and programs that exist.

interface ImageJson {
  name: string;
  repository: string;
  tag: string;
  digest: string;
  id: string;
  tree: string;
  size: string;
  config: { Entrypoint: string[] | null; Cmd: string[] | null; Env: string[]; WorkingDir: string; User: string };
}
interface NodeJson {
  hostname: string;
  ip: string;
  tree: string;
  users: Array<{ name: string; uid: number; home: string }>;
  units: Array<{ name: string; description: string; fragmentPath: string; execStart: string[]; enabled: boolean; active: boolean }>;
}
const readJson = <T,>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const imageNames = readdirSync(join(ASSETS, 'images'));
const nodeFiles = readdirSync(join(ASSETS, 'nodes')).filter((f) => f.endsWith('.json'));

describe('shipped images', () => {
  it.each(imageNames)('%s has a well-formed config whose command runs in its tree', (dir) => {
    const img = readJson<ImageJson>(join(ASSETS, 'images', dir, 'image.json'));
    expect(img.name).toBe(`${img.repository}:${img.tag}`);
    expect(img.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(img.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(img.size).toMatch(/^[0-9.]+(kB|MB)$/);
    expect(resolved.has(img.tree), `tree ${img.tree}`).toBe(true);
    const tree = entriesOf(img.tree);
    const argv = [...(img.config.Entrypoint ?? []), ...(img.config.Cmd ?? [])];
    expect(argv.length).toBeGreaterThan(0);
    const pathVar = img.config.Env.find((e) => e.startsWith('PATH='))!.slice(5).split(':');
    const candidates = argv[0].includes('/') ? [argv[0]] : pathVar.map((d) => `${d}/${argv[0]}`);
    const exe = candidates.map((c) => follow(tree, c)).find((e) => e !== null);
    expect(exe?.mode ?? 0, `${argv[0]} must be executable`).toBeGreaterThan(0);
    expect((exe!.mode & 0o111) !== 0, `${argv[0]} mode`).toBe(true);
  });

  it('nginx runs its entrypoint scripts and logs to the container streams', () => {
    const tree = entriesOf('nginx-1.23.3');
    const entry = tree.get('/docker-entrypoint.sh')!;
    expect(entry.content).toMatch(/^#!\/bin\/sh\n/);
    expect(entry.content).toContain('exec "$@"');
    expect(entry.content).toContain('$0: Configuration complete; ready for start up');
    expect(tree.get('/var/log/nginx/access.log')).toMatchObject({ type: 'symlink', target: '/dev/stdout' });
    expect(tree.get('/var/log/nginx/error.log')).toMatchObject({ type: 'symlink', target: '/dev/stderr' });
    expect(tree.get('/var/run')).toMatchObject({ type: 'symlink', target: '/run' });
    expect(tree.get('/var/cache/nginx')?.type).toBe('dir');
    expect(passwd(tree).find((u) => u.name === 'nginx')).toMatchObject({ uid: 101, gid: 101 });
    expect(tree.get('/etc/nginx/nginx.conf')?.content?.split('\n')[1]).toBe('user  nginx;');
    const scripts = [...tree.keys()].filter((p) => p.startsWith('/docker-entrypoint.d/'));
    expect(scripts).toEqual([
      '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '/docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.d/30-tune-worker-processes.sh',
    ]);
  });
});

describe('shipped nodes', () => {
  it.each(nodeFiles)('%s matches its tree', (file) => {
    const node = readJson<NodeJson>(join(ASSETS, 'nodes', file));
    expect(file).toBe(`${node.hostname}.json`);
    expect(node.ip).toMatch(/^192\.168\.56\.[0-9]+$/);
    const tree = entriesOf(node.tree);
    expect(tree.get('/etc/hostname')?.content).toBe(`${node.hostname}\n`);
    expect(tree.get('/etc/netplan/50-vagrant.yaml')?.content).toContain(`- ${node.ip}/24`);
    for (const u of node.users) expect(passwd(tree).find((p) => p.name === u.name)).toMatchObject({ uid: u.uid, home: u.home });
    for (const unit of node.units) {
      expect(follow(tree, unit.fragmentPath)?.content, unit.fragmentPath).toContain(`Description=${unit.description}`);
      expect(follow(tree, unit.execStart[0])?.type, `${unit.name} runs ${unit.execStart[0]}`).toBe('exec');
    }
  });

  it('runs containerd and kubelet on both nodes and Falco on the worker only', () => {
    const units = (n: string) => readJson<NodeJson>(join(ASSETS, 'nodes', `${n}.json`)).units.map((u) => u.name);
    expect(units('kube-control-plane')).toEqual(expect.arrayContaining(['containerd.service', 'kubelet.service']));
    expect(units('kube-control-plane')).not.toContain('falco.service');
    expect(units('kube-worker-1')).toEqual(expect.arrayContaining(['containerd.service', 'kubelet.service', 'falco.service']));
  });
});
