// Tests for the rootfs tree-spec parser and resolver, and invariants of the shipped assets/rootfs trees.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatTreeSpecError,
  parentPath,
  parseTreeSpec,
  resolveTree,
  type AssetReader,
} from '../../src/world/assets/tree-spec';


const memoryReader =
  (files: Record<string, string>): AssetReader =>
  (rel) =>
    files[rel] ?? null;

describe('parseTreeSpec', () => {
  it.each([
    ['d 0755 0 0 /etc', { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/etc' }],
    ['f 0640 0 42 /etc/shadow', { type: 'file', mode: 0o640, uid: 0, gid: 42, path: '/etc/shadow' }],
    ['x 4755 0 0 /usr/bin/sudo sudo', { type: 'exec', mode: 0o4755, path: '/usr/bin/sudo', program: 'sudo' }],
    ['x 0755 0 0 /usr/bin/[ [', { type: 'exec', program: '[' }],
    ['l 0777 0 0 /bin usr/bin', { type: 'symlink', path: '/bin', target: 'usr/bin' }],
    ['l 0777 0 0 /dev/fd /proc/self/fd', { type: 'symlink', target: '/proc/self/fd' }],
    ['c 0666 0 0 /dev/null 1,3', { type: 'chardev', device: { major: 1, minor: 3 } }],
    ['d 1777 0 0 /tmp', { mode: 0o1777 }],
    ['d\t0755\t1000  1000 /home/vagrant', { uid: 1000, gid: 1000, path: '/home/vagrant' }],
    ['f 644 0 0 /etc/x', { mode: 0o644 }],
  ])('parses %j', (line, expected) => {
    const r = parseTreeSpec(line, 't');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec.entries[0]).toMatchObject({ ...expected, line: 1 });
  });

  it('skips comments and blank lines and keeps line numbers', () => {
    const r = parseTreeSpec('# header\n\n  # indented comment\nd 0755 0 0 /etc\r\n', 't');
    expect(r.ok && r.spec.entries.map((e) => e.line)).toEqual([4]);
  });

  it('collects includes before the first entry', () => {
    const r = parseTreeSpec('include ubuntu-focal\ninclude extra.v2\nd 0755 0 0 /x\n', 'node');
    expect(r.ok && r.spec.includes).toEqual(['ubuntu-focal', 'extra.v2']);
  });

  it.each([
    ['q 0755 0 0 /x', "unknown entry type 'q'"],
    ['d 0755 0 0', 'expected'],
    ['d 0855 0 0 /x', "mode '0855'"],
    ['d 07555 0 0 /x', "mode '07555'"],
    ['d rwx 0 0 /x', "mode 'rwx'"],
    ['d 0755 root 0 /x', "uid 'root' is not a number"],
    ['d 0755 0 -1 /x', "gid '-1' is not a number"],
    ['d 0755 0 99999999999 /x', 'out of range'],
    ['d 0755 0 0 etc', 'is not absolute'],
    ['d 0755 0 0 /etc/', "ends with '/'"],
    ['d 0755 0 0 /etc//x', 'empty component'],
    ['d 0755 0 0 /etc/../x', "'..' component"],
    ['d 0755 0 0 /etc extra', "unexpected 'extra'"],
    ['f 0644 0 0 /etc/x y', "unexpected 'y'"],
    ['x 0755 0 0 /usr/bin/cat', 'names no program'],
    ['x 0755 0 0 /usr/bin/cat ca$t', "program name 'ca$t'"],
    ['l 0777 0 0 /bin', 'has no target'],
    ['l 0755 0 0 /bin usr/bin', 'must have mode 0777'],
    ['c 0666 0 0 /dev/null', "needs 'major,minor'"],
    ['c 0666 0 0 /dev/null 1:3', "needs 'major,minor'"],
    ['f 0755 0 0 /', "'/' must be a directory"],
    ['x 0755 0 0 /usr/bin/a a b', 'too many fields'],
    ['include', 'exactly one tree name'],
    ['include a b', 'exactly one tree name'],
    ['include ../etc', 'not a valid tree name'],
    ['include t', 'includes itself'],
  ])('rejects %j', (line, message) => {
    const r = parseTreeSpec(line, 't');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ tree: 't', line: 1 });
      expect(r.errors[0].message).toContain(message);
    }
  });

  it('reports every bad line with its number', () => {
    const r = parseTreeSpec('d 0755 0 0 /a\nd 9 0 0 /b\n# ok\nd 0755 0 0 /a\ninclude late\n', 't');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.line)).toEqual([2, 4, 5]);
      expect(r.errors[1].message).toBe('/a is already listed on line 1');
      expect(formatTreeSpecError(r.errors[0])).toBe("t/tree.txt:2: mode '9' is not 3 or 4 octal digits");
    }
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseTreeSpec(text, 't');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws on arbitrary entry-shaped lines', () => {
    const token = fc.stringMatching(/^[a-z0-9\/.,\[-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 7 }), (fields) => {
        parseTreeSpec(fields.join(' '), 't');
      }),
    );
  });
});

describe('parentPath', () => {
  it.each([
    ['/', ''],
    ['/etc', '/'],
    ['/etc/falco/rules.d', '/etc/falco'],
  ])('%s -> %j', (path, parent) => expect(parentPath(path)).toBe(parent));
});

describe('resolveTree', () => {
  const base = ['d 0755 0 0 /', 'd 0755 0 0 /etc', 'f 0644 0 0 /etc/hostname', 'f 0644 0 0 /etc/motd'].join('\n');

  it('layers an included tree first and takes file contents from the declaring tree', () => {
    const read = memoryReader({
      'base/tree.txt': base,
      'base/files/etc/hostname': 'base\n',
      'base/files/etc/motd': 'hi\n',
      'node/tree.txt': 'include base\nf 0644 0 0 /etc/hostname\nd 0700 0 0 /root\n',
      'node/files/etc/hostname': 'node\n',
    });
    const r = resolveTree('node', read);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => e.path)).toEqual(['/', '/etc', '/etc/hostname', '/etc/motd', '/root']);
    const byPath = new Map(r.entries.map((e) => [e.path, e]));
    expect(byPath.get('/etc/hostname')?.content).toBe('node\n');
    expect(byPath.get('/etc/motd')?.content).toBe('hi\n');
  });

  it('gives a file without a files/ counterpart empty content', () => {
    const r = resolveTree('base', memoryReader({ 'base/tree.txt': base }));
    expect(r.ok && r.entries.find((e) => e.path === '/etc/motd')?.content).toBe('');
  });

  it('reports a child listed before its parent', () => {
    const r = resolveTree('t', memoryReader({ 't/tree.txt': 'f 0644 0 0 /etc/x\nd 0755 0 0 /etc\n' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ tree: 't', line: 1, message: 'parent directory /etc of /etc/x is listed after it' });
  });

  it('reports a missing parent and a parent that is not a directory', () => {
    const r = resolveTree('t', memoryReader({ 't/tree.txt': 'f 0644 0 0 /a\nf 0644 0 0 /a/b\nf 0644 0 0 /c/d\n' }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.message)).toEqual([
        'parent /a of /a/b is not a directory',
        'parent directory /c of /c/d is not listed',
      ]);
  });

  it('reports a missing included tree and include cycles', () => {
    const missing = resolveTree('a', memoryReader({ 'a/tree.txt': 'include nope\n' }));
    expect(!missing.ok && missing.errors[0].message).toBe("tree 'nope' not found (no nope/tree.txt)");
    const cycle = resolveTree('a', memoryReader({ 'a/tree.txt': 'include b\n', 'b/tree.txt': 'include a\n' }));
    expect(!cycle.ok && cycle.errors[0].message).toBe('include cycle: a -> b -> a');
    const unknown = resolveTree('zzz', memoryReader({}));
    expect(!unknown.ok && unknown.errors[0]).toMatchObject({ tree: 'zzz', line: 0 });
  });

  it('passes parse errors of an included tree through with that tree name', () => {
    const r = resolveTree('a', memoryReader({ 'a/tree.txt': 'include b\n', 'b/tree.txt': '\nd 0755 0 0 x\n' }));
    expect(!r.ok && r.errors[0]).toMatchObject({ tree: 'b', line: 2 });
  });
});
