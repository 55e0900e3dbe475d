// The real binary under a pseudo-terminal: `cks-lab start sandbox` draws the lab, runs a command typed
// at the keyboard, and Ctrl-D at the prompt quits with the terminal put back. Needs the built bundle
// (`npm test` builds it first) and the optional @lydell/node-pty.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import xtermHeadless from '@xterm/headless';
import { afterAll, describe, expect, it } from 'vitest';

const { Terminal } = xtermHeadless;
const ROOT = resolve(__dirname, '..', '..');
const COLS = 100;
const ROWS = 30;

type Pty = typeof import('@lydell/node-pty');
let pty: Pty | null = null;
let whyNot = '';
try {
  pty = await import('@lydell/node-pty');
  // Loading is not enough: the native part must also start a process here.
  await new Promise<void>((done, fail) => {
    const probe = pty!.spawn(process.execPath, ['-e', ''], { cols: 20, rows: 5 });
    const timer = setTimeout(() => fail(new Error('node-pty did not start a process')), 5000);
    probe.onExit(() => {
      clearTimeout(timer);
      done();
    });
  });
} catch (e) {
  pty = null;
  whyNot = `@lydell/node-pty cannot run here (${(e as Error).message})`;
}

const state = mkdtempSync(join(tmpdir(), 'cks-tui-pty-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

/** The binary on a pty, its screen rendered by @xterm/headless. */
function launch(args: string[]) {
  const screen = new Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const run = { written: '' };
  const child = pty!.spawn(process.execPath, [join(ROOT, 'bin', 'cks-lab.js'), ...args], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd: ROOT,
    env: { ...process.env, CI: 'false', TERM: 'xterm-256color', XDG_STATE_HOME: state, LANG: 'C.UTF-8', EDITOR: '', VISUAL: '' },
  });
  let pending = Promise.resolve();
  child.onData((data) => {
    run.written += data;
    pending = pending.then(() => new Promise<void>((done) => screen.write(data, done)));
  });
  const exited = new Promise<number>((done) => child.onExit(({ exitCode }) => done(exitCode)));
  const text = async () => {
    await pending;
    const b = screen.buffer.active;
    return Array.from({ length: ROWS }, (_, y) => b.getLine(b.viewportY + y)?.translateToString(true) ?? '').join('\n');
  };
  const waitFor = async (want: (s: string) => boolean, what: string) => {
    const deadline = Date.now() + 15000;
    for (;;) {
      const s = await text();
      if (want(s)) return s;
      if (Date.now() > deadline) throw new Error(`never saw ${what}; screen:\n${s}\n(raw tail: ${JSON.stringify(run.written.slice(-400))})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, run, exited, waitFor };
}

const PROMPT = 'vagrant@kube-control-plane:~$';

describe.skipIf(!pty)(`cks-lab start under a pty${pty ? '' : ` — skipped: ${whyNot}`}`, () => {
  it('runs `echo hello` in the sandbox and quits on Ctrl-D', async () => {
    const { child, run, exited, waitFor } = launch(['start', 'sandbox']);
    try {
      await waitFor((s) => s.includes(PROMPT), 'the prompt');
      expect(run.written).toContain('\x1b[?1049h');
      child.write('echo hello\r');
      const after = await waitFor((s) => /\nhello\n/.test(s), 'the output of echo');
      expect(after).toContain(`${PROMPT} echo hello\nhello`);
      child.write('\x04');
      expect(await exited).toBe(0);
      expect(run.written.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(run.written.lastIndexOf('\x1b[?1049h'));
    } finally {
      child.kill();
    }
  }, 40000);

  it('on SIGTERM puts the terminal back, draws nothing after it, and keeps the work', async () => {
    const { child, run, exited, waitFor } = launch(['start', 'sandbox']);
    try {
      await waitFor((s) => s.includes(PROMPT), 'the prompt');
      child.write('echo kept > /tmp/kept\r');
      await waitFor((s) => s.includes(`kept\n${PROMPT}`), 'the next prompt');
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      const restored = run.written.lastIndexOf('\x1b[?1049l');
      expect(restored).toBeGreaterThan(run.written.lastIndexOf('\x1b[?1049h'));
      expect(run.written.slice(restored)).not.toContain('Sandbox');
      expect(readFileSync(join(state, 'cks-lab', 'sandbox', 'world.json'), 'utf8')).toContain('"kept"');
    } finally {
      child.kill();
    }
  }, 40000);
});
