// Tab in the TUI, end to end: the line editor asks the lab's terminal, the login shell on the node answers
// from the node's files through its own process (permissions, cwd, the node it runs on).
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import { LabTerminal } from '../../src/app/terminal-session';
import { createLineEditor, reduceLineEditor } from '../../src/tui/line-editor';
import type { SyscallEvent } from '../../src/world/events';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface LabSession {
  lab: Lab;
  session: LabTerminal;
  output: () => string;
  /** Type a command line and wait for the next prompt. */
  run(line: string): Promise<void>;
}

async function idle(lab: Lab, session: LabTerminal): Promise<void> {
  for (let i = 0; i < 200 && session.busy(); i++) {
    await lab.scheduler.quiesce();
    await settle();
  }
  expect(session.busy()).toBe(false);
}

async function loggedIn(): Promise<LabSession> {
  const lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 2 });
  const session = new LabTerminal({ columns: 100 });
  let out = '';
  session.onOutput((text) => (out += text));
  void lab.login(session.terminal, { node: 'kube-control-plane', user: 'vagrant', termType: 'dumb' });
  await idle(lab, session);
  return {
    lab,
    session,
    output: () => out,
    async run(line) {
      session.submit(line);
      await idle(lab, session);
    },
  };
}

/** The line after one Tab, as the TUI's line editor applies the session's answer. */
function tab(session: LabTerminal, line: string): string {
  let s = reduceLineEditor(createLineEditor(), { type: 'insert', text: line });
  s = reduceLineEditor(s, { type: 'tab' });
  const effect = s.effect;
  if (effect?.type !== 'complete') throw new Error('Tab asked for no completion');
  s = reduceLineEditor(s, { type: 'completion', ...session.complete(effect.line, effect.cursor) });
  return s.buffer;
}

describe('Tab completion in a lab session', () => {
  it('completes commands on PATH and files as the login shell sees them', async () => {
    const { session } = await loggedIn();
    expect(tab(session, 'kubec')).toBe('kubectl ');
    expect(tab(session, 'cat /etc/pass')).toBe('cat /etc/passwd ');
    expect(tab(session, 'ls /etc/kuber')).toBe('ls /etc/kubernetes/');
    expect(tab(session, 'ls /etc/kubernetes/man')).toBe('ls /etc/kubernetes/manifests/');
  }, 30_000);

  it('follows the shell: its cwd after cd, its aliases, its variables', async () => {
    const s = await loggedIn();
    await s.run('cd /etc/kubernetes');
    await s.run('alias kgp="kubectl get pods"');
    await s.run('export LAB_TARGET=/etc/kubernetes');
    expect(tab(s.session, 'cat man')).toBe('cat manifests/');
    expect(tab(s.session, 'kgp')).toBe('kgp ');
    expect(tab(s.session, 'echo $LAB_T')).toBe('echo $LAB_TARGET/');
  }, 30_000);

  it("respects the user's permissions: vagrant cannot list /root", async () => {
    const { session } = await loggedIn();
    expect(session.complete('ls /root/', 9).candidates).toEqual([]);
  }, 30_000);

  it('completes on the node the shell runs on, after ssh and back', async () => {
    const s = await loggedIn();
    expect(tab(s.session, 'ls /etc/fal')).toBe('ls /etc/fal');
    await s.run("ssh kube-worker-1");
    expect(s.session.prompt()).toContain('kube-worker-1');
    expect(tab(s.session, 'ls /etc/fal')).toBe('ls /etc/falco/');
    await s.run('exit');
    expect(s.session.prompt()).toContain('kube-control-plane');
    expect(tab(s.session, 'ls /etc/fal')).toBe('ls /etc/fal');
  }, 30_000);

  it('dash has no line editor: Tab offers nothing until bash prompts again', async () => {
    const s = await loggedIn();
    await s.run('dash');
    expect(s.session.prompt()).not.toContain('vagrant@');
    expect(s.session.complete('kubec', 5).candidates).toEqual([]);
    await s.run('exit');
    expect(tab(s.session, 'kubec')).toBe('kubectl ');
  }, 30_000);

  it('only opens directories, as bash does: no execve, no file read, no write', async () => {
    const { lab, session } = await loggedIn();
    const events: SyscallEvent[] = [];
    const stop = lab.kernel.bus('kube-control-plane').subscribe((e) => events.push(e));
    tab(session, 'kubec');
    tab(session, 'cat /etc/pass');
    tab(session, 'cat ~/');
    stop();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.type).toBe('openat');
      expect(String(e.args.flags)).toContain('O_DIRECTORY');
    }
  }, 30_000);

  it('offers nothing while a command runs: the typed line belongs to the program', async () => {
    const { session } = await loggedIn();
    session.submit('cat');
    await settle();
    expect(session.busy()).toBe(true);
    expect(session.complete('kubec', 5)).toEqual({ start: 5, candidates: [] });
    session.sendEof();
  }, 30_000);
});
