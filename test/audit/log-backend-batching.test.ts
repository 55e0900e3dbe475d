// The log backend gathers the lines of one call into a single append while they fit the open file;
// what ends up on disk, the rotations and the plugin errors must be exactly those of one write per
// event, as lumberjack does them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAuditEvents,
  defaultAuditConfig,
  ensureAuditLogFile,
  newLumberjackState,
  processLogEvents,
  type AuditEvent,
  type AuditLogFs,
  type AuditLogOptions,
  type AuditRequestInfo,
  type FsErrno,
} from '../../src/audit';

const PATH = '/var/log/kubernetes/audit/audit.log';
const EPOCH = Date.UTC(2023, 2, 1, 10, 15, 30);

/** Files as text, with a count of appends; `failWrites` makes every append fail. */
class TextFs implements AuditLogFs {
  files = new Map<string, { text: string; mode: number }>();
  appends = 0;
  failWrites: FsErrno | null = null;
  mkdirAll() {
    return { ok: true as const };
  }
  touch(path: string, mode: number) {
    if (!this.files.has(path)) this.files.set(path, { text: '', mode });
    return { ok: true as const };
  }
  stat(path: string) {
    const f = this.files.get(path);
    if (f) return { ok: true as const, size: Buffer.byteLength(f.text), mode: f.mode, isDirectory: false };
    return path === '/var/log/kubernetes/audit' ? { ok: true as const, size: 4096, mode: 0o700, isDirectory: true } : { ok: false as const, errno: 'ENOENT' as FsErrno };
  }
  appendFile(path: string, text: string) {
    if (this.failWrites) return { ok: false as const, errno: this.failWrites };
    this.appends++;
    const f = this.files.get(path) ?? { text: '', mode: 0o600 };
    f.text += text;
    this.files.set(path, f);
    return { ok: true as const };
  }
  createFile(path: string, mode: number) {
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
    return { ok: true as const, entries: [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => ({ name: p.slice(dir.length + 1), isDirectory: false })) };
  }
  remove(path: string) {
    return this.files.delete(path) ? { ok: true as const } : { ok: false as const, errno: 'ENOENT' as FsErrno };
  }
}

/** A long-running request with a body of `size` bytes: three events per call. */
function watchEvents(i: number, size: number): AuditEvent[] {
  const info: AuditRequestInfo = {
    auditID: `id-${i}`,
    verb: 'create',
    requestURI: '/api/v1/namespaces/default/pods/web/exec?command=sh',
    user: { username: 'kubernetes-admin', groups: ['system:masters'] },
    sourceIPs: ['192.168.56.10'],
    userAgent: 'kubectl/v1.26.1',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1', subresource: 'exec' },
    requestObject: { kind: 'PodExecOptions', data: 'x'.repeat(size) },
    responseStatus: { code: 200 },
    startedCode: 101,
    times: { epochMs: EPOCH, received: i * 1_000_000, completed: i * 1_000_000 + 500_000 },
  };
  return buildAuditEvents(info, { level: 'Request', omitStages: [], omitManagedFields: false, ruleIndex: 0 });
}

function options(maxSize: number): AuditLogOptions {
  return { ...defaultAuditConfig().log, path: PATH, maxSize, maxBackup: 0 };
}

describe('gathered appends', () => {
  it('leave the same files as one write per event, rotations in the middle of a call included', () => {
    fc.assert(
      // Up to 1.2 MB bodies: some events are over maxsize on their own (lumberjack refuses those writes).
      fc.property(fc.array(fc.integer({ min: 0, max: 1_200_000 }), { minLength: 1, maxLength: 12 }), (sizes) => {
        const together = new TextFs();
        const alone = new TextFs();
        const stateTogether = newLumberjackState();
        const stateAlone = newLumberjackState();
        ensureAuditLogFile(together, PATH);
        ensureAuditLogFile(alone, PATH);
        sizes.forEach((size, i) => {
          const events = watchEvents(i, size);
          const clock = { epochMs: EPOCH, now: i * 1_000_000_000 };
          const r = processLogEvents({ fs: together, stdout: () => {}, clock }, options(1), stateTogether, events);
          const one = events.map((ev) => processLogEvents({ fs: alone, stdout: () => {}, clock }, options(1), stateAlone, [ev]));
          expect(r.pluginErrors).toEqual(one.flatMap((x) => x.pluginErrors));
          expect(r.ok).toBe(one.every((x) => x.ok));
        });
        expect([...together.files.entries()].sort()).toEqual([...alone.files.entries()].sort());
        expect(stateTogether).toEqual(stateAlone);
        expect(together.appends).toBeLessThanOrEqual(alone.appends);
      }),
      { numRuns: 60 },
    );
  });

  it('append the events of one call at once when they fit', () => {
    const fs = new TextFs();
    ensureAuditLogFile(fs, PATH);
    const state = newLumberjackState();
    const sink = { fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } };
    processLogEvents(sink, options(10), state, watchEvents(0, 10)); // opens the file
    const before = fs.appends;
    const events = watchEvents(1, 10);
    expect(processLogEvents(sink, options(10), state, events)).toEqual({ ok: true, pluginErrors: [] });
    expect(fs.appends - before).toBe(1);
    expect(fs.files.get(PATH)!.text.split('\n')).toHaveLength(2 * events.length + 1);
  });

  it('report a failed append once per event it held, as separate writes would', () => {
    const fs = new TextFs();
    ensureAuditLogFile(fs, PATH);
    const state = newLumberjackState();
    const sink = { fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } };
    processLogEvents(sink, options(10), state, watchEvents(0, 10));
    fs.failWrites = 'ENOSPC';
    const r = processLogEvents(sink, options(10), state, watchEvents(1, 10));
    expect(r.ok).toBe(false);
    expect(r.pluginErrors).toHaveLength(3);
    expect(r.pluginErrors[0]).toMatch(/^Error in audit plugin 'log' affecting 1 audit events: write \/var\/log\/kubernetes\/audit\/audit\.log: no space left on device\nImpacted events:\n.* AUDIT: id="id-1" stage="RequestReceived"/);
    expect(r.pluginErrors[2]).toContain('stage="ResponseComplete"');
  });

  it('hand out a fresh result for failures, never the shared one for successes', () => {
    const fs = new TextFs();
    ensureAuditLogFile(fs, PATH);
    const sink = { fs, stdout: () => {}, clock: { epochMs: EPOCH, now: 0 } };
    const ok = processLogEvents(sink, options(10), newLumberjackState(), watchEvents(0, 10));
    fs.failWrites = 'EROFS';
    const failed = processLogEvents(sink, options(10), newLumberjackState(), watchEvents(1, 10));
    expect(failed).not.toBe(ok);
    expect(ok).toEqual({ ok: true, pluginErrors: [] });
    expect(Object.isFrozen(ok)).toBe(true);
  });
});
