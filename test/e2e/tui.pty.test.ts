// The real binary under a pseudo-terminal: `cks-lab start sandbox` draws the lab, runs a command typed
// at the keyboard, and Ctrl-D at the prompt quits with the terminal put back. Needs the built bundle
// (`npm test` builds it first) and the optional @lydell/node-pty.
import { mkdtempSync, rmSync } from 'node:fs';
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

describe.skipIf(!pty)(`cks-lab start under a pty${pty ? '' : ` — skipped: ${whyNot}`}`, () => {
  it('runs `echo hello` in the sandbox and quits on Ctrl-D', async () => {
    const screen = new Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
    let written = '';
    const child = pty!.spawn(process.execPath, [join(ROOT, 'bin', 'cks-lab.js'), 'start', 'sandbox'], {
      name: 'xterm-256color',
      cols: COLS,
      rows: ROWS,
      cwd: ROOT,
      env: { ...process.env, CI: 'false', TERM: 'xterm-256color', XDG_STATE_HOME: state, LANG: 'C.UTF-8', EDITOR: '', VISUAL: '' },
    });
    let pending = Promise.resolve();
    child.onData((data) => {
      written += data;
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
        if (Date.now() > deadline) throw new Error(`never saw ${what}; screen:\n${s}\n(raw tail: ${JSON.stringify(written.slice(-400))})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    try {
      await waitFor((s) => s.includes('vagrant@kube-control-plane:~$'), 'the prompt');
      expect(written).toContain('\x1b[?1049h');
      child.write('echo hello\r');
      const after = await waitFor((s) => /\nhello\n/.test(s), 'the output of echo');
      expect(after).toContain('vagrant@kube-control-plane:~$ echo hello\nhello');
      child.write('\x04');
      expect(await exited).toBe(0);
      expect(written.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(written.lastIndexOf('\x1b[?1049h'));
    } finally {
      child.kill();
    }
  }, 40000);
});
