// The kubelet's hostPath volumes for a static pod: each type's check (and what the *OrCreate types make on
// the node), the MountVolume.SetUp error in `journalctl -u kubelet` when a check fails, and no container.
import { describe, expect, it } from 'vitest';
import { kubeLab } from './harness';

const CP = 'kube-control-plane';

function probeManifest(path: string, type: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: probe',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - name: probe',
    '    image: registry.k8s.io/pause:3.6',
    '    volumeMounts:',
    '    - name: host',
    '      mountPath: /mnt/host',
    '  volumes:',
    '  - name: host',
    '    hostPath:',
    `      path: ${path}`,
    ...(type === '' ? [] : [`      type: ${type}`]),
    '',
  ].join('\n');
}

async function probe(path: string, type: string) {
  const lab = kubeLab();
  const root = lab.kernel.vfsFor(CP, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
  root.writeFile('/etc/kubernetes/manifests/probe.yaml', probeManifest(path, type));
  await lab.advance(5);
  const kind = (() => {
    try {
      return root.stat(path).type;
    } catch {
      return null;
    }
  })();
  const container = Object.values(lab.world.nodes[CP]!.containers).find((c) => c.name === 'probe') ?? null;
  const journal = lab.world.nodes[CP]!.journal.filter((e) => e.unit === 'kubelet.service').map((e) => e.message);
  return { root, kind, container, journal };
}

describe('hostPath volumes of a static pod', () => {
  it.each([
    ['DirectoryOrCreate', '/var/lib/new/dir', null, 'dir'],
    ['DirectoryOrCreate', '/etc/hostname', 'hostPath type check failed: /etc/hostname is not a directory', 'file'],
    ['DirectoryOrCreate', '/etc/hostname/sub', 'mkdir /etc/hostname: not a directory', null],
    ['Directory', '/var/lib/none', 'hostPath type check failed: /var/lib/none is not a directory', null],
    ['FileOrCreate', '/etc/kubernetes/new.yaml', null, 'file'],
    ['FileOrCreate', '/etc/missing-dir/new.yaml', 'open /etc/missing-dir/new.yaml: no such file or directory', null],
    ['File', '/etc/hostname', null, 'file'],
    ['File', '/etc/kubernetes', 'hostPath type check failed: /etc/kubernetes is not a file', 'dir'],
    ['Socket', '/run/none.sock', 'hostPath type check failed: /run/none.sock is not a socket file', null],
    ['CharDevice', '/etc/hostname', 'hostPath type check failed: /etc/hostname is not a character device', 'file'],
    ['BlockDevice', '/dev/sda9', 'hostPath type check failed: /dev/sda9 is not a block device', null],
    ['', '/var/lib/untyped', null, 'dir'],
  ])('%s %s', async (type, path, error, after) => {
    const r = await probe(path, type);
    expect(r.kind).toBe(after);
    if (error === null) {
      expect(r.container?.state).toBe('running');
      expect(r.journal.some((m) => m.includes('MountVolume.SetUp failed'))).toBe(false);
    } else {
      expect(r.container).toBeNull();
      expect(r.journal.some((m) => m.includes('MountVolume.SetUp failed for volume "host"') && m.endsWith(`: ${error}`))).toBe(true);
    }
  });

  it('DirectoryOrCreate makes the directory 0755 with its parents; FileOrCreate an empty 0644 file', async () => {
    const dir = await probe('/var/lib/new/dir', 'DirectoryOrCreate');
    expect(dir.root.stat('/var/lib/new').mode & 0o777).toBe(0o755);
    expect(dir.root.stat('/var/lib/new/dir').mode & 0o777).toBe(0o755);
    const file = await probe('/etc/kubernetes/new.yaml', 'FileOrCreate');
    expect(file.root.stat('/etc/kubernetes/new.yaml').mode & 0o777).toBe(0o644);
    expect(file.root.readFile('/etc/kubernetes/new.yaml')).toBe('');
  });

  it('a type the API does not know (lower-case "file") is an invalid pod', async () => {
    const r = await probe('/etc/hostname', 'file');
    expect(r.container).toBeNull();
    expect(r.journal.some((m) => m.includes('"Could not process manifest file" err="invalid pod: [spec.volumes[0].hostPath.type: Unsupported value: \\"file\\": supported values: '))).toBe(true);
  });
});
