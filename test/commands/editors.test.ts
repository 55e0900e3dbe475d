import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import type { EditorRequest, EditorResult } from '../../src/commands/types';
import { miniWorld } from '../helpers/mini-world';
import { captureEvents, inodeAt, mountFs } from './world-helpers';

const RULES = '- rule: My rule\n  condition: evt.type = open\n';

/** A world whose "real editor" appends a line (or quits without saving when `save` is false). */
function world(edit: (req: EditorRequest) => EditorResult = (req) => ({ content: `${req.content}# edited\n`, status: 0 })) {
  const w = miniWorld(coreCommands);
  w.put('/etc/falco/falco_rules.local.yaml', { data: RULES, mode: 0o644 });
  w.put('/usr/bin/sudo', { mode: 0o4755, program: 'sudo' });
  w.put('/etc/sudoers.d/vagrant', { mode: 0o440, data: 'vagrant ALL=(ALL) NOPASSWD:ALL\n' });
  const requests: EditorRequest[] = [];
  w.kernel.hooks.openEditor = async (req) => {
    requests.push(req);
    return edit(req);
  };
  return { w, requests };
}

describe('vim', () => {
  it('sudo vim saves by renaming: probe 4913, backup ~, new inode with the old mode and owner', async () => {
    const { w, requests } = world();
    const before = inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino;
    const { result, events } = await captureEvents(w, () => w.run(['sudo', 'vim', '/etc/falco/falco_rules.local.yaml']));
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(requests).toEqual([{ editor: 'vim', path: '/etc/falco/falco_rules.local.yaml', content: RULES, readOnly: false }]);
    expect(w.read('/etc/falco/falco_rules.local.yaml')).toBe(`${RULES}# edited\n`);
    const after = inodeAt(w, '/etc/falco/falco_rules.local.yaml')!;
    expect(after.ino).not.toBe(before);
    expect([after.mode, after.uid]).toEqual([0o644, 0]);
    const names = events.filter((e) => e.type === 'openat' && String(e.args.flags).includes('O_CREAT')).map((e) => e.args.name);
    expect(names).toEqual(['/etc/falco/.falco_rules.local.yaml.swp', '/etc/falco/4913', '/etc/falco/falco_rules.local.yaml']);
    expect(events.some((e) => e.type === 'renameat' && e.args.newpath === '/etc/falco/falco_rules.local.yaml~')).toBe(true);
    expect(inodeAt(w, '/etc/falco/falco_rules.local.yaml~')).toBeUndefined();
    expect(inodeAt(w, '/etc/falco/.falco_rules.local.yaml.swp')).toBeUndefined();
  });

  it('as a user on a root-owned file the buffer is read-only and saving fails with E212', async () => {
    const { w, requests } = world();
    const r = await w.run(['vim', '/etc/falco/falco_rules.local.yaml']);
    expect(requests[0].readOnly).toBe(true);
    expect(r).toEqual({ status: 1, stdout: '', stderr: `"/etc/falco/falco_rules.local.yaml" E212: Can't open file for writing\n` });
    expect(w.read('/etc/falco/falco_rules.local.yaml')).toBe(RULES);
  });

  it('an unreadable file opens empty and read-only', async () => {
    const { w, requests } = world(() => ({ content: null, status: 0 }));
    expect((await w.run(['vi', '/etc/shadow'])).status).toBe(0);
    expect(requests[0]).toEqual({ editor: 'vi', path: '/etc/shadow', content: '', readOnly: true });
  });

  it('creates a new file', async () => {
    const { w } = world((req) => ({ content: 'hello\n', status: 0 }));
    expect((await w.run(['vim', 'notes.txt'])).status).toBe(0);
    expect(w.read('/home/vagrant/notes.txt')).toBe('hello\n');
  });

  it('quitting without writing leaves the file alone', async () => {
    const { w } = world(() => ({ content: null, status: 0 }));
    const before = inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino;
    expect((await w.run(['sudo', 'vim', '/etc/falco/falco_rules.local.yaml'])).status).toBe(0);
    expect(inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino).toBe(before);
  });

  it('a read-only file system gives E212 even for root', async () => {
    const { w } = world();
    mountFs(w, '/ro', { files: { '/etc/nginx.conf': 'x\n' } });
    const r = await w.run(['vim', '/ro/etc/nginx.conf'], { uid: 0 });
    expect(r).toEqual({ status: 1, stdout: '', stderr: `"/ro/etc/nginx.conf" E212: Can't open file for writing\n` });
  });

  it('a file with two links is rewritten in place (copy mode)', async () => {
    const { w } = world();
    const before = inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino;
    await w.run(['ln', '/etc/falco/falco_rules.local.yaml', '/etc/falco/hard'], { uid: 0 });
    expect((await w.run(['vim', '/etc/falco/falco_rules.local.yaml'], { uid: 0 })).status).toBe(0);
    expect(inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino).toBe(before);
    expect(w.read('/etc/falco/hard')).toBe(`${RULES}# edited\n`);
  });

  it('reports when no editor can be started', async () => {
    const { w } = world((_req) => ({ content: null, status: 1, error: 'no terminal to run an editor in' }));
    expect(await w.run(['vim', '/tmp/x'])).toEqual({ status: 1, stdout: '', stderr: 'vim: no terminal to run an editor in\n' });
  });
});

describe('nano', () => {
  it('saves in place, keeping the inode', async () => {
    const { w } = world();
    const before = inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino;
    const { result, events } = await captureEvents(w, () => w.run(['sudo', 'nano', '/etc/falco/falco_rules.local.yaml']));
    expect(result.status).toBe(0);
    expect(inodeAt(w, '/etc/falco/falco_rules.local.yaml')!.ino).toBe(before);
    expect(w.read('/etc/falco/falco_rules.local.yaml')).toBe(`${RULES}# edited\n`);
    expect(events.filter((e) => e.type === 'openat').map((e) => e.args.flags)).toContain('O_WRONLY|O_CREAT|O_TRUNC');
  });
  it('words a failed save the nano way', async () => {
    const { w } = world();
    expect(await w.run(['nano', '/etc/falco/falco_rules.local.yaml'])).toEqual({
      status: 1,
      stdout: '',
      stderr: '[ Error writing /etc/falco/falco_rules.local.yaml: Permission denied ]\n',
    });
  });
});
