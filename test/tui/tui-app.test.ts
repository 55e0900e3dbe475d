// The TUI wired to a real lab, in-process on a fake host terminal: the picker, a scenario with its
// briefing, hints and resume, the sandbox, saving after commands, quitting, and the errors before the screen.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../src/app/lab';
import type { CliIo } from '../../src/app/cli';
import { bash } from '../../src/commands/shell/bash';
import type { Command } from '../../src/commands/types';
import type { PtyModule } from '../../src/app/editor';
import { FakeTty } from './fake-tty';

// Ink checks CI once, when it loads; a CI runner would otherwise get Ink's print-once mode.
process.env.CI = 'false';

vi.mock('../../src/app/catalogue', async (original) => {
  const { sampleScenario } = await import('../scenarios/sample-scenario');
  const real = await original<typeof import('../../src/app/catalogue')>();
  return { ...real, loadCatalogue: () => ({ entries: [{ file: 'immutable-hash.yaml', scenario: sampleScenario }], problems: [] }) };
});

let startTui: typeof import('../../src/app/tui-app').startTui;
beforeAll(async () => {
  ({ startTui } = await import('../../src/app/tui-app'));
});

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A stand-in for the lab's vim: the file's text through the host editor and back. */
const fakeVim: Command = {
  name: 'vim',
  async run(ctx) {
    const path = ctx.argv[1]!;
    const content = ctx.sys.fs.exists(path) ? ctx.sys.fs.readFile(path) : '';
    const r = await ctx.openEditor({ editor: 'vim', path, content, readOnly: false });
    if (r.error) ctx.stderr.write(`vim: ${r.error}\n`);
    if (r.content !== null) ctx.sys.fs.writeFile(path, r.content);
    return r.status;
  },
};

/** Until the lead registers `bash` (and another helper `vim`), give the lab the programs these tests use. */
function withPrograms(lab: Lab): void {
  if (!lab.registry.get('bash')) lab.registry.add(bash);
  if (!lab.registry.get('vim')) lab.registry.add(fakeVim);
}

function run(args: string[], opts: { root?: string; tty?: FakeTty; loadPty?: () => Promise<PtyModule | null> } = {}) {
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'cks-tui-'));
  roots.push(root);
  const tty = opts.tty ?? new FakeTty(100, 30);
  let stderr = '';
  const io: CliIo = { stdout: () => {}, stderr: (s) => (stderr += s), readStdin: () => '' };
  const stateDir = (id: string | undefined) => join(root, id ?? 'sandbox');
  const status = startTui(args, io, 'en', {
    stdin: tty.input,
    stdout: tty.output,
    stateDir,
    labOptions: { seed: 3 },
    prepareLab: withPrograms,
    signals: [],
    catchCrashes: false,
    loadPty: opts.loadPty ?? (async () => null),
  });
  return { tty, status, root, stateDir, stderr: () => stderr };
}

const PROMPT = 'vagrant@kube-control-plane:~$';
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('cks-lab start', () => {
  it('opens the sandbox, runs a command, saves the world after it, and quits on Ctrl-D', async () => {
    const r = run(['sandbox']);
    await r.tty.waitFor(PROMPT);
    expect(await r.tty.screen()).toContain('Sandbox │ F1 help');
    r.tty.type('echo hello > /tmp/greeting; cat /tmp/greeting\r');
    await r.tty.waitFor((s) => s.includes('\nhello\n'));
    await vi.waitFor(() => expect(readFileSync(join(r.stateDir(undefined), 'world.json'), 'utf8')).toContain('greeting'), { timeout: 3000 });
    r.tty.type('\x04');
    expect(await r.status).toBe(0);
    expect(r.tty.written.endsWith('\x1b[?2004l\x1b[?25h\x1b[?1049l')).toBe(true);
    expect(json(join(r.stateDir(undefined), 'tui.json')).history).toEqual(['echo hello > /tmp/greeting; cat /tmp/greeting']);
    expect(json(join(r.stateDir(undefined), 'session.json')).scenario).toBeNull();
  });

  it('shows the briefing, records hints in session.json, and resumes past the briefing with them', async () => {
    const first = run(['immutable-hash']);
    await first.tty.waitFor('Press Enter to start.');
    first.tty.type('\r');
    await first.tty.waitFor('Tasks · 0/3 done');
    first.tty.type('\x1bOQ');
    await first.tty.waitFor('Hint 1/2 for "Read-only root filesystem":');
    first.tty.type('\x04');
    expect(await first.status).toBe(0);
    const dir = first.stateDir('immutable-hash');
    expect(json(join(dir, 'session.json'))).toMatchObject({ scenario: 'immutable-hash', hintsRevealed: { 'read-only-root': 1 }, solutionRevealed: false, passed: false });
    expect(json(join(dir, 'tui.json')).started).toBe(true);

    const again = run(['immutable-hash'], { root: first.root });
    const screen = await again.tty.waitFor(PROMPT);
    expect(screen).not.toContain('Press Enter to start.');
    expect(screen).toContain('Hint 1/2: Pods cannot be patched: delete and recreate.');
    again.tty.type('exit\r');
    expect(await again.status).toBe(0);
  });

  it('rejects an unknown scenario before touching the screen', async () => {
    const r = run(['no-such-scenario']);
    expect(await r.status).toBe(2);
    expect(r.stderr()).toBe("cks-lab start: unknown scenario 'no-such-scenario' (see 'cks-lab list')\n");
    expect(r.tty.written).toBe('');
  });

  it('needs a terminal', async () => {
    const tty = new FakeTty();
    (tty.input as { isTTY: boolean }).isTTY = false;
    const r = run(['sandbox'], { tty });
    expect(await r.status).toBe(2);
    expect(r.stderr()).toContain("the lab needs a terminal; for scripts use 'cks-lab sh'");
  });

  it('follows a resize of the window: a wide terminal puts the tasks beside the shell', async () => {
    const r = run(['immutable-hash']);
    await r.tty.waitFor('Press Enter to start.');
    r.tty.type('\r');
    await r.tty.waitFor('Tasks · 0/3 done');
    expect((await r.tty.screen()).split('\n')[0]).toBe('Tasks · 0/3 done');
    r.tty.resize(130, 30);
    await r.tty.waitFor((s) => /^Tasks · 0\/3 done +│/.test(s.split('\n')[0]!));
    r.tty.type('exit\r');
    expect(await r.status).toBe(0);
  });
});

describe('cks-lab (the picker)', () => {
  it('lists the scenarios and the sandbox, goes into the sandbox and comes back with its progress', async () => {
    const r = run([]);
    await r.tty.waitFor('cks-lab · Monitoring, Logging and Runtime Security');
    const picker = await r.tty.screen();
    expect(picker).toContain('› · new  Immutable container');
    expect(picker).toContain('\n         Sandbox');
    r.tty.type('\x1b[B');
    await r.tty.waitFor('›        Sandbox');
    expect(await r.tty.screen()).not.toContain('What you did there last time is still there.');
    r.tty.type('\r');
    await r.tty.waitFor(PROMPT);
    expect(r.tty.written).toContain('Starting the lab for “Sandbox”…');
    r.tty.type('exit\r');
    // The sandbox has no progress to show; its summary says the world was kept.
    await r.tty.waitFor('What you did there last time is still there.');
    expect(await r.tty.screen()).toContain('›        Sandbox');
    expect(existsSync(join(r.stateDir(undefined), 'world.json'))).toBe(true);
    r.tty.type('q');
    expect(await r.status).toBe(0);
  });
});

/** A pty "editor" that draws a line and, on `:wq` typed on the host terminal, appends to the file. */
function drawingEditor(): PtyModule {
  return {
    spawn(_file, args) {
      const path = args[args.length - 1]!;
      let exit: (e: { exitCode: number }) => void = () => {};
      return {
        onData(listener) {
          setTimeout(() => listener('\x1b[2J\x1b[HEDITING ' + path.split('/').pop()), 5);
          return { dispose() {} };
        },
        onExit(listener) {
          exit = listener;
          return { dispose() {} };
        },
        write(data) {
          if (data.includes(':wq')) {
            writeFileSync(path, readFileSync(path, 'utf8') + 'from the editor\n');
            setTimeout(() => exit({ exitCode: 0 }), 5);
          }
        },
        resize() {},
      };
    },
  };
}

describe('the host editor inside the TUI', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('lends the screen to the editor and repaints the lab as it was when it returns', async () => {
    vi.stubEnv('EDITOR', 'vim');
    const r = run(['sandbox'], { loadPty: async () => drawingEditor() });
    await r.tty.waitFor(PROMPT);
    r.tty.type('echo first > /tmp/notes\r');
    await r.tty.waitFor((s) => s.split('\n').filter((l) => l.startsWith(PROMPT)).length >= 2);
    r.tty.type('vim /tmp/notes\r');
    const editing = await r.tty.waitFor('EDITING notes');
    expect(editing).not.toContain('Sandbox │');
    r.tty.type(':wq\r');
    // The lab is drawn again, and the shell prompts once vim has written the file.
    await r.tty.waitFor((s) => s.includes('Sandbox │') && s.includes(`vim /tmp/notes\n${PROMPT}`));
    r.tty.type('cat /tmp/notes\r');
    const after = await r.tty.waitFor('from the editor');
    expect(after).toContain(`${PROMPT} echo first > /tmp/notes\n${PROMPT} vim /tmp/notes\n${PROMPT} cat /tmp/notes\nfirst\nfrom the editor`);
    r.tty.type('\x04');
    expect(await r.status).toBe(0);
  });

  it('runs $EDITOR on the terminal itself when node-pty is missing', async () => {
    vi.stubEnv('EDITOR', 'sed -i s/draft/final/');
    const r = run(['sandbox']);
    await r.tty.waitFor(PROMPT);
    r.tty.type('echo draft > /tmp/doc; vim /tmp/doc; cat /tmp/doc\r');
    await r.tty.waitFor((s) => s.includes('\nfinal'));
    expect(r.tty.rawModes.slice(-2)).toEqual([false, true]);
    r.tty.type('\x04');
    expect(await r.status).toBe(0);
  });
});
