// The host editor adapter: which editor runs, the private temp copy, the text coming back, and the
// screen hand-over to a pty (or to the terminal itself) while the editor runs.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chooseEditor,
  headlessEditor,
  openEditor,
  tuiEditor,
  type PtyModule,
  type PtyProcess,
  type ScreenHandover,
} from '../../src/app/editor';
import type { EditorRequest } from '../../src/world/kernel/program';

const work = mkdtempSync(join(tmpdir(), 'cks-editor-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const request = (over: Partial<EditorRequest> = {}): EditorRequest => ({
  editor: 'vim',
  path: '/etc/falco/falco_rules.local.yaml',
  content: 'priority: WARNING\n',
  readOnly: false,
  ...over,
});

const baseEnv = { PATH: process.env.PATH };

/** A node script as $EDITOR: records what it was given, then applies `edit` to the file. */
function probeEditor(edit: string): { env: Record<string, string | undefined>; seen: () => { name: string; mode: number; dirMode: number; file: string } } {
  const out = join(work, `seen-${Math.random().toString(36).slice(2)}.json`);
  const script = join(work, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    script,
    `import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
const file = process.argv[2];
writeFileSync(${JSON.stringify(out)}, JSON.stringify({ file, name: basename(file), mode: statSync(file).mode & 0o777, dirMode: statSync(dirname(file)).mode & 0o777 }));
const text = readFileSync(file, 'utf8');
${edit}
`,
  );
  return { env: { ...baseEnv, EDITOR: `"${process.execPath}" ${script}` }, seen: () => JSON.parse(readFileSync(out, 'utf8')) };
}

describe('chooseEditor', () => {
  const has = (...names: string[]) => (n: string) => names.includes(n);
  it.each([
    ['VISUAL wins over EDITOR', { VISUAL: 'nano', EDITOR: 'vim' }, request(), has(), { file: 'nano', args: [] }],
    ['EDITOR as a plain program runs directly', { EDITOR: '/usr/bin/vim' }, request(), has(), { file: '/usr/bin/vim', args: [] }],
    ['EDITOR with arguments runs through sh', { EDITOR: 'sed -i s/a/b/' }, request(), has(), { file: '/bin/sh', args: ['-c', 'sed -i s/a/b/ "$@"', 'sh'] }],
    ['the program the learner named, when installed', {}, request({ editor: 'nano' }), has('nano', 'vi'), { file: 'nano', args: [] }],
    ['vi when the named one is missing', {}, request({ editor: 'nano' }), has('vi'), { file: 'vi', args: [] }],
    ['vi for a name that is not an editor', {}, request({ editor: 'emacs; rm -rf /' }), has('vi', 'emacs'), { file: 'vi', args: [] }],
    ['vim read-only with -R', {}, request({ readOnly: true }), has('vim'), { file: 'vim', args: ['-R'] }],
    ['nano read-only with -v', {}, request({ editor: 'nano', readOnly: true }), has('nano'), { file: 'nano', args: ['-v'] }],
  ])('%s', (_name, env, req, hasProgram, expected) => {
    expect(chooseEditor(req, env, hasProgram)).toMatchObject(expected);
  });

  it('finds none when the host has no editor and none is configured', () => {
    expect(chooseEditor(request(), {}, () => false)).toBeNull();
  });
});

describe('openEditor without a screen (the headless shell)', () => {
  it('returns the text the editor saved', async () => {
    const r = await openEditor(request(), { env: { ...baseEnv, EDITOR: 'sed -i s/WARNING/ERROR/' } });
    expect(r).toEqual({ content: 'priority: ERROR\n', status: 0 });
  });

  it('returns null content when the file was left unchanged', async () => {
    const r = await openEditor(request(), { env: { ...baseEnv, EDITOR: 'true' } });
    expect(r).toEqual({ content: null, status: 0 });
  });

  it('edits a private copy named after the file, readable only by the user, removed afterwards', async () => {
    const probe = probeEditor("writeFileSync(file, text + 'x\\n');");
    const r = await openEditor(request(), { env: probe.env });
    const seen = probe.seen();
    expect(r.content).toBe('priority: WARNING\nx\n');
    expect(seen.name).toBe('falco_rules.local.yaml');
    expect(seen.mode).toBe(0o600);
    expect(seen.dirMode).toBe(0o700);
    expect(existsSync(seen.file)).toBe(false);
  });

  it('hands a read-only text over as a read-only file', async () => {
    const probe = probeEditor('');
    await openEditor(request({ readOnly: true }), { env: probe.env });
    expect(probe.seen().mode).toBe(0o400);
  });

  it('reports an editor that cannot be started', async () => {
    const r = await openEditor(request(), { env: { ...baseEnv, EDITOR: '/nonexistent/bin/editor' } });
    expect(r.content).toBeNull();
    expect(r.error).toBe("cannot run the editor '/nonexistent/bin/editor'");
  });

  it('reports a missing editor run through the shell', async () => {
    const r = await openEditor(request(), { env: { ...baseEnv, EDITOR: 'no-such-editor-here --wait' } });
    expect(r.error).toBe("cannot run the editor 'no-such-editor-here --wait'");
  });

  it('reports when no editor exists at all', async () => {
    const r = await openEditor(request(), { env: { PATH: '' } });
    expect(r.error).toMatch(/^no editor found/);
  });

  it('passes the editor\'s exit status on', async () => {
    const r = await openEditor(request(), { env: { ...baseEnv, EDITOR: 'sh -c "exit 3"' } });
    expect(r).toEqual({ content: null, status: 3 });
  });
});

describe('headlessEditor', () => {
  it('exists only when EDITOR (or VISUAL) is set', async () => {
    expect(headlessEditor({ PATH: '/usr/bin' })).toBeUndefined();
    const hook = headlessEditor({ ...baseEnv, EDITOR: 'sed -i s/WARNING/NOTICE/' });
    expect(await hook!(request())).toEqual({ content: 'priority: NOTICE\n', status: 0 });
  });
});

/** A screen that records what the adapter does with it. */
function fakeScreen() {
  const calls: string[] = [];
  const inputs = new Set<(d: string) => void>();
  const resizes = new Set<() => void>();
  const screen: ScreenHandover & { calls: string[]; type(d: string): void; resize(c: number, r: number): void } = {
    calls,
    columns: 120,
    rows: 40,
    async suspend() {
      calls.push('suspend');
    },
    async resume() {
      calls.push('resume');
    },
    setRawMode(raw) {
      calls.push(`raw:${raw}`);
    },
    write(data) {
      calls.push(`write:${data}`);
    },
    onInput(l) {
      inputs.add(l);
      return () => inputs.delete(l);
    },
    onResize(l) {
      resizes.add(l);
      return () => resizes.delete(l);
    },
    type(d) {
      for (const l of inputs) l(d);
    },
    resize(c, r) {
      (screen as { columns: number }).columns = c;
      (screen as { rows: number }).rows = r;
      for (const l of resizes) l();
    },
  };
  return screen;
}

/** A pty whose "editor" draws a line, and on `:wq\r` appends to the file and exits. */
function fakePty(log: string[]): PtyModule {
  return {
    spawn(file, args, options) {
      log.push(['spawn', file, ...args.slice(0, -1), `${options.cols}x${options.rows}`].join(' '));
      const path = args[args.length - 1]!;
      let onData: (d: string) => void = () => {};
      let onExit: (e: { exitCode: number }) => void = () => {};
      const child: PtyProcess = {
        onData(l) {
          onData = l;
          setTimeout(() => onData('~ editor ~'), 1);
          return { dispose: () => {} };
        },
        onExit(l) {
          onExit = l;
          return { dispose: () => {} };
        },
        write(data) {
          log.push(`key ${JSON.stringify(data)}`);
          if (data === ':wq\r') {
            writeFileSync(path, readFileSync(path, 'utf8') + 'saved\n');
            setTimeout(() => onExit({ exitCode: 0 }), 1);
          }
        },
        resize(c, r) {
          log.push(`resize ${c}x${r}`);
        },
      };
      return child;
    },
  };
}

describe('openEditor on the TUI screen', () => {
  it('runs the editor in a pty while the TUI is suspended, forwarding keys, output and resizes', async () => {
    const screen = fakeScreen();
    const log: string[] = [];
    const pending = openEditor(request(), { screen, env: { ...baseEnv, EDITOR: 'vim' }, loadPty: async () => fakePty(log) });
    await new Promise((r) => setTimeout(r, 10));
    screen.resize(100, 30);
    screen.type(':wq\r');
    const r = await pending;
    expect(r).toEqual({ content: 'priority: WARNING\nsaved\n', status: 0 });
    expect(screen.calls).toEqual(['suspend', 'raw:true', 'write:~ editor ~', 'resume']);
    expect(log).toEqual(['spawn vim 120x40', 'resize 100x30', 'key ":wq\\r"']);
  });

  it('without node-pty, gives the editor the terminal itself in cooked mode', async () => {
    const screen = fakeScreen();
    const r = await openEditor(request(), { screen, env: { ...baseEnv, EDITOR: 'sed -i s/WARNING/ALERT/' }, loadPty: async () => null });
    expect(r).toEqual({ content: 'priority: ALERT\n', status: 0 });
    expect(screen.calls).toEqual(['suspend', 'raw:false', 'resume']);
  });

  it('opens one editor at a time', async () => {
    const screen = fakeScreen();
    const edit = tuiEditor(screen, { env: { ...baseEnv, EDITOR: 'true' }, loadPty: async () => null });
    await Promise.all([edit(request()), edit(request({ path: '/tmp/other' }))]);
    expect(screen.calls).toEqual(['suspend', 'raw:false', 'resume', 'suspend', 'raw:false', 'resume']);
  });
});
