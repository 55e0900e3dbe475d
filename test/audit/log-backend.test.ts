import { describe, expect, it } from 'vitest';
import {
  backupName,
  buildAuditEvents,
  defaultAuditConfig,
  ensureAuditLogFile,
  lumberjackWrite,
  newLumberjackState,
  processLogEvents,
  type AuditLogFs,
  type AuditRequestInfo,
  type FsErrno,
  type RotationOptions,
} from '../../src/audit';

/** A flat in-memory file system: enough of Linux for the log backend. */
class MemFs implements AuditLogFs {
  files = new Map<string, { text: string; mode: number }>();
  dirs = new Set<string>(['/']);
  readOnly = new Set<string>();

  private ro(path: string): boolean {
    return [...this.readOnly].some((p) => path === p || path.startsWith(`${p}/`));
  }
  mkdirAll(dir: string, _mode: number) {
    const parts = dir.split('/').filter(Boolean);
    let cur = '';
    for (const p of parts) {
      cur += `/${p}`;
      if (this.files.has(cur)) return { ok: false as const, errno: 'ENOTDIR' as FsErrno, path: cur };
      if (this.dirs.has(cur)) continue;
      if (this.ro(cur)) return { ok: false as const, errno: 'EROFS' as FsErrno, path: cur };
      this.dirs.add(cur);
    }
    return { ok: true as const };
  }
  touch(path: string, mode: number) {
    if (this.dirs.has(path)) return { ok: false as const, errno: 'EISDIR' as FsErrno };
    if (this.files.has(path)) return { ok: true as const };
    if (this.ro(path)) return { ok: false as const, errno: 'EROFS' as FsErrno };
    this.files.set(path, { text: '', mode });
    return { ok: true as const };
  }
  stat(path: string) {
    if (this.dirs.has(path)) return { ok: true as const, size: 4096, mode: 0o755, isDirectory: true };
    const f = this.files.get(path);
    if (!f) return { ok: false as const, errno: 'ENOENT' as FsErrno };
    return { ok: true as const, size: Buffer.byteLength(f.text), mode: f.mode, isDirectory: false };
  }
  appendFile(path: string, text: string) {
    const f = this.files.get(path);
    if (!f) return { ok: false as const, errno: 'ENOENT' as FsErrno };
    f.text += text;
    return { ok: true as const };
  }
  createFile(path: string, mode: number) {
    if (this.ro(path)) return { ok: false as const, errno: 'EROFS' as FsErrno };
    this.files.set(path, { text: '', mode });
    return { ok: true as const };
  }
  rename(from: string, to: string) {
    const f = this.files.get(from);
    if (!f) return { ok: false as const, errno: 'ENOENT' as FsErrno };
    this.files.delete(from);
    this.files.set(to, f);
    return { ok: true as const };
  }
  listDir(dir: string) {
    const entries = [...this.files.keys()]
      .filter((p) => p.slice(0, p.lastIndexOf('/')) === dir)
      .map((p) => ({ name: p.slice(p.lastIndexOf('/') + 1), isDirectory: false }));
    return { ok: true as const, entries };
  }
  remove(path: string) {
    this.files.delete(path);
    return { ok: true as const };
  }
  gzip(from: string, to: string) {
    const f = this.files.get(from)!;
    this.files.delete(from);
    this.files.set(to, { text: `gz:${f.text}`, mode: f.mode });
    return { ok: true as const };
  }
  names(dir: string): string[] {
    return this.listDir(dir).entries.map((e) => e.name).sort();
  }
}

const DIR = '/var/log/kubernetes/audit/logs';
const PATH = `${DIR}/apiserver.log`;
const EPOCH = Date.UTC(2023, 2, 1, 10, 15, 30, 123);
const DAY_NS = 24 * 3600 * 1e9;
const MB = 1024 * 1024;

const rotation = (o: Partial<RotationOptions> = {}): RotationOptions => ({ path: PATH, maxSize: 1, maxBackup: 0, maxAge: 0, compress: false, ...o });

describe('ensureLogFile at start-up', () => {
  it('creates the directory and an empty 0600 file', () => {
    const fs = new MemFs();
    expect(ensureAuditLogFile(fs, PATH)).toBeNull();
    expect(fs.dirs.has(DIR)).toBe(true);
    expect(fs.files.get(PATH)).toEqual({ text: '', mode: 0o600 });
  });

  it('fails on a read-only mount with the Go error text', () => {
    const fs = new MemFs();
    fs.dirs.add('/var').add('/var/log');
    fs.readOnly.add('/var/log');
    expect(ensureAuditLogFile(fs, PATH)).toBe('ensureLogFile: mkdir /var/log/kubernetes: read-only file system');
  });

  it('fails when the path is a directory', () => {
    const fs = new MemFs();
    fs.mkdirAll(PATH, 0o755);
    expect(ensureAuditLogFile(fs, PATH)).toBe(`ensureLogFile: open ${PATH}: is a directory`);
  });
});

describe('lumberjack rotation', () => {
  it('names backups <name>-<UTC time with ms><ext>', () => {
    expect(backupName(PATH, { epochMs: EPOCH, now: 0 })).toBe(`${DIR}/apiserver-2023-03-01T10-15-30.123.log`);
    expect(backupName('/tmp/audit', { epochMs: EPOCH, now: 5e6 })).toBe('/tmp/audit-2023-03-01T10-15-30.128');
  });

  it('rotates before a write that would pass maxsize, keeping the file mode', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    const st = newLumberjackState();
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 1024; i++) expect(lumberjackWrite(fs, rotation(), st, line, { epochMs: EPOCH, now: 0 })).toBeNull();
    expect(fs.names(DIR)).toEqual(['apiserver.log']);
    expect(lumberjackWrite(fs, rotation(), st, line, { epochMs: EPOCH, now: 1e9 })).toBeNull();
    expect(fs.names(DIR)).toEqual(['apiserver-2023-03-01T10-15-31.123.log', 'apiserver.log']);
    expect(fs.files.get(PATH)).toEqual({ text: line, mode: 0o600 });
    expect(fs.files.get(`${DIR}/apiserver-2023-03-01T10-15-31.123.log`)!.text.length).toBe(MB);
  });

  it('keeps only the newest maxbackup backups', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    const st = newLumberjackState();
    const chunk = 'y'.repeat(MB - 1) + '\n';
    for (let i = 0; i < 5; i++) lumberjackWrite(fs, rotation({ maxBackup: 2 }), st, chunk, { epochMs: EPOCH, now: i * 1e9 });
    expect(fs.names(DIR)).toEqual(['apiserver-2023-03-01T10-15-33.123.log', 'apiserver-2023-03-01T10-15-34.123.log', 'apiserver.log']);
  });

  it('deletes backups whose name is older than maxage days, and leaves foreign files alone', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    fs.files.set(`${DIR}/apiserver-2023-02-20T00-00-00.000.log`, { text: 'old', mode: 0o600 });
    fs.files.set(`${DIR}/apiserver-2023-02-27T00-00-00.000.log`, { text: 'recent', mode: 0o600 });
    fs.files.set(`${DIR}/apiserver-notes.log`, { text: 'mine', mode: 0o644 });
    fs.files.get(PATH)!.text = 'z'.repeat(MB);
    const st = newLumberjackState();
    expect(lumberjackWrite(fs, rotation({ maxAge: 5 }), st, 'a\n', { epochMs: EPOCH, now: 0 })).toBeNull();
    expect(fs.names(DIR)).toEqual([
      'apiserver-2023-02-27T00-00-00.000.log',
      'apiserver-2023-03-01T10-15-30.123.log',
      'apiserver-notes.log',
      'apiserver.log',
    ]);
  });

  it('counts a backup and its .gz once, and compresses when asked', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    const st = newLumberjackState();
    const chunk = 'y'.repeat(MB);
    for (let i = 0; i < 3; i++) lumberjackWrite(fs, rotation({ maxBackup: 1, compress: true }), st, chunk, { epochMs: EPOCH, now: i * DAY_NS });
    expect(fs.names(DIR)).toEqual(['apiserver-2023-03-03T10-15-30.123.log.gz', 'apiserver.log']);
  });

  it('rotates on the first write after a restart when the file is already full', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    fs.files.get(PATH)!.text = 'q'.repeat(MB - 1);
    expect(lumberjackWrite(fs, rotation(), newLumberjackState(), 'ab', { epochMs: EPOCH, now: 0 })).toBeNull();
    expect(fs.files.get(PATH)!.text).toBe('ab');
  });

  it('defaults maxsize 0 to 100 MB and refuses a single write over the limit', () => {
    const fs = new MemFs();
    ensureAuditLogFile(fs, PATH);
    expect(lumberjackWrite(fs, rotation({ maxSize: 0 }), newLumberjackState(), 'x'.repeat(100 * MB + 1), { epochMs: EPOCH, now: 0 })).toBe(
      'write length 104857601 exceeds maximum file size 104857600',
    );
  });
});

describe('processLogEvents', () => {
  const info: AuditRequestInfo = {
    auditID: 'id-1',
    verb: 'create',
    requestURI: '/api/v1/namespaces/default/configmaps',
    user: { username: 'kubernetes-admin', groups: ['system:masters'] },
    sourceIPs: ['192.168.56.10'],
    userAgent: 'kubectl',
    objectRef: { resource: 'configmaps', namespace: 'default', apiVersion: 'v1' },
    requestObject: { metadata: { name: 'db-user' }, data: { username: 'tom' } },
    responseStatus: { code: 201 },
    times: { epochMs: EPOCH, received: 0, completed: 1e6 },
  };
  const events = buildAuditEvents(info, { level: 'Request', omitStages: ['RequestReceived'], omitManagedFields: false, ruleIndex: 0 });

  it('appends one JSON line per event to the file', () => {
    const fs = new MemFs();
    const c = defaultAuditConfig().log;
    c.path = PATH;
    ensureAuditLogFile(fs, PATH);
    const r = processLogEvents({ fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } }, c, newLumberjackState(), events);
    expect(r).toEqual({ ok: true, pluginErrors: [] });
    const text = fs.files.get(PATH)!.text;
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text)).toMatchObject({ level: 'Request', stage: 'ResponseComplete', objectRef: { name: 'db-user' } });
  });

  it('writes to standard output for path "-"', () => {
    const out: string[] = [];
    const c = defaultAuditConfig().log;
    c.path = '-';
    c.format = 'legacy';
    processLogEvents({ fs: new MemFs(), stdout: (t) => out.push(t), clock: { epochMs: EPOCH, now: 0 } }, c, newLumberjackState(), events);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^2023-03-01T10:15:30.123Z AUDIT: id="id-1" stage="ResponseComplete" .* response="201"\n$/);
  });

  it('reports a failed write as an audit plugin error', () => {
    const fs = new MemFs();
    fs.dirs.add('/var').add('/var/log');
    fs.readOnly.add('/var/log');
    const c = defaultAuditConfig().log;
    c.path = PATH;
    const r = processLogEvents({ fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } }, c, newLumberjackState(), events);
    expect(r.ok).toBe(false);
    expect(r.pluginErrors[0]).toMatch(
      /^Error in audit plugin 'log' affecting 1 audit events: can't make directories for new logfile: mkdir \/var\/log\/kubernetes: read-only file system\nImpacted events:\n.* AUDIT: id="id-1"/,
    );
  });

  it('drops bodies of oversized events when truncation is on', () => {
    const fs = new MemFs();
    const c = defaultAuditConfig().log;
    c.path = PATH;
    c.truncate = { enabled: true, maxBatchSize: 10 * MB, maxEventSize: 610 };
    ensureAuditLogFile(fs, PATH);
    processLogEvents({ fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } }, c, newLumberjackState(), events);
    const ev = JSON.parse(fs.files.get(PATH)!.text);
    expect(ev.requestObject).toBeUndefined();
    expect(ev.annotations).toEqual({ 'audit.k8s.io/truncated': 'true' });
  });
});
