// The audit log backend's file operations over a VFS view: Go's MkdirAll/OpenFile/ReadFile errors, as the
// audit engine words them; and the klog/Go time texts of this layer.
import { describe, expect, it } from 'vitest';
import { ensureAuditLogFile, lumberjackWrite, newLumberjackState } from '../../src/audit';
import { goTimeString, klogHeader, vfsAuditLogFs, vfsReadFile } from '../../src/kube/audit';
import { createFilesystem, fsPut, Vfs, type MountTable } from '../../src/vfs';

function view(readOnlyAt?: string) {
  const root = createFilesystem('root', 'ext4', 0);
  const logs = createFilesystem('logs', 'ext4', 0);
  fsPut(root, '/var/log', { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  fsPut(root, '/ro', { type: 'dir', mode: 0o755, uid: 0, gid: 0 }, 0);
  fsPut(root, '/etc/file', { type: 'file', mode: 0o644, uid: 0, gid: 0, data: 'x' }, 0);
  const mounts: MountTable = {
    mounts: [
      { target: '/', fsId: root.id, rootIno: root.rootIno, readOnly: false, source: 'overlay', fstype: 'overlay' },
      { target: '/ro', fsId: logs.id, rootIno: logs.rootIno, readOnly: readOnlyAt === '/ro', source: '/host/logs', fstype: 'bind' },
    ],
  };
  return new Vfs({ fsTable: { root, logs }, mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => 0 });
}

describe('vfsAuditLogFs', () => {
  it.each([
    ['/var/log/kubernetes/audit/audit.log', null],
    ['/ro/sub/audit.log', 'ensureLogFile: mkdir /ro/sub: read-only file system'],
    ['/ro/audit.log', 'ensureLogFile: open /ro/audit.log: read-only file system'],
    ['/etc/file/audit.log', 'ensureLogFile: mkdir /etc/file: not a directory'],
    ['/var/log', 'ensureLogFile: open /var/log: is a directory'],
  ])('ensureLogFile %s → %s', (path, error) => {
    const vfs = view('/ro');
    expect(ensureAuditLogFile(vfsAuditLogFs(vfs), path)).toBe(error);
  });

  it('makes the directories 0700 and the file 0600, as ensureLogFile asks', () => {
    const vfs = view();
    ensureAuditLogFile(vfsAuditLogFs(vfs), '/var/log/kubernetes/audit/audit.log');
    expect(vfs.stat('/var/log/kubernetes').mode & 0o777).toBe(0o700);
    expect(vfs.stat('/var/log/kubernetes/audit/audit.log').mode & 0o777).toBe(0o600);
  });

  it('lumberjack appends through the view', () => {
    const vfs = view();
    const fs = vfsAuditLogFs(vfs);
    const opts = { path: '/ro/a.log', maxSize: 1, maxBackup: 0, maxAge: 0, compress: false };
    const st = newLumberjackState();
    expect(lumberjackWrite(fs, opts, st, 'one\n', { epochMs: 0, now: 0 })).toBeNull();
    expect(lumberjackWrite(fs, opts, st, 'two\n', { epochMs: 0, now: 0 })).toBeNull();
    expect(vfs.readFile('/ro/a.log')).toBe('one\ntwo\n');
    expect(fs.listDir('/ro')).toEqual({ ok: true, entries: [{ name: 'a.log', isDirectory: false }] });
  });
});

describe('vfsReadFile', () => {
  it.each([
    ['/etc/file', { ok: true, text: 'x' }],
    ['/etc/none', { ok: false, op: 'open', errno: 'ENOENT' }],
    ['/var/log', { ok: false, op: 'read', errno: 'EISDIR' }],
    ['/etc/file/x', { ok: false, op: 'open', errno: 'ENOTDIR' }],
  ])('%s', (path, expected) => {
    expect(vfsReadFile(view(), path)).toEqual(expected);
  });
});

describe('klog and Go time texts', () => {
  it('pads the pid to seven columns', () => {
    expect(klogHeader('E', Date.UTC(2023, 0, 19, 20, 2, 18), 462_305_123, 1, 'run.go:74')).toBe('E0119 20:02:18.462305       1 run.go:74] ');
  });
  it.each([
    [0, '2023-03-01 10:16:40 +0000 UTC'],
    [612_233_000, '2023-03-01 10:16:40.612233 +0000 UTC'],
    [500_000_000, '2023-03-01 10:16:40.5 +0000 UTC'],
  ])('time.String at +%dns', (ns, text) => {
    expect(goTimeString(Date.UTC(2023, 2, 1, 10, 16, 40), ns)).toBe(text);
  });
});
