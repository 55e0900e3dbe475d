// A password prompt turns the simulated tty's echo off, as getpass does: the TUI's terminal reports it
// (and hides the line), the password never reaches the saved history, the headless transcript does not
// show it, and the next shell prompt has echo on again, also after Ctrl-C.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { runHeadless } from '../../src/app/headless';
import { bootLab, type Lab } from '../../src/app/lab';
import { LabTerminal } from '../../src/app/terminal-session';
import { Terminal } from '../../src/shell/terminal';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 40; i++) await new Promise((r) => setImmediate(r));
};

let lab: Lab;
beforeAll(async () => {
  lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 5 });
});

async function login() {
  const changes = vi.fn();
  const term = new LabTerminal({ columns: 100 });
  let text = '';
  term.onOutput((t) => (text += t));
  term.onStateChange(changes);
  void lab.login(term.terminal, { node: 'kube-control-plane', user: 'vagrant' });
  await settle();
  const type = async (line: string) => {
    if (term.busy()) term.sendInput(`${line}\n`);
    else term.submit(line);
    term.pump();
    await settle();
  };
  return { term, changes, type, screen: () => text };
}

describe('a password prompt on the lab terminal', () => {
  it('su - reads the password with echo off, then fails like util-linux su', async () => {
    const t = await login();
    expect(t.term.echo()).toBe(true);
    await t.type('su -');
    expect(t.term.busy()).toBe(true);
    expect(t.term.echo()).toBe(false);
    expect(t.screen().endsWith('Password: ')).toBe(true);
    t.changes.mockClear();
    await t.type('secret');
    expect(t.changes).toHaveBeenCalled();
    expect(t.term.echo()).toBe(true);
    expect(t.screen()).toContain('Password: \nsu: Authentication failure\n');
    expect(t.screen()).not.toContain('secret');
    expect(t.term.history()).toEqual(['su -']);
    expect(t.term.busy()).toBe(false);
  });

  it('has echo on again at the next prompt when the password read is interrupted', async () => {
    const t = await login();
    await t.type('su -');
    expect(t.term.echo()).toBe(false);
    t.term.interrupt();
    await settle();
    expect(t.term.busy()).toBe(false);
    expect(t.term.echo()).toBe(true);
    await t.type('echo typed');
    expect(t.screen()).toContain('typed\n');
    expect(t.term.history()).toEqual(['su -', 'echo typed']);
  });
});

describe('Terminal echo', () => {
  it('is on by default, reported when it changes, and turned on by a shell prompt', () => {
    const onEcho = vi.fn();
    const term = new Terminal(() => {}, 'pts/0', 80, () => {}, onEcho);
    expect(term.input.echo).toBe(true);
    term.input.setEcho?.(false);
    term.input.setEcho?.(false);
    expect(term.echo).toBe(false);
    expect(onEcho).toHaveBeenCalledTimes(1);
    term.input.prompt('$ ');
    expect(term.echo).toBe(true);
    expect(onEcho).toHaveBeenLastCalledWith(true);
  });
});

describe('headless --echo', () => {
  it('does not show the line a password prompt reads, and goes on with the next command', async () => {
    const fresh = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 2 });
    let out = '';
    await runHeadless(fresh, ['su -', 'sudo -l', 'echo after'], { echo: true, write: (s) => (out += s) });
    expect(out).toContain('vagrant@kube-control-plane:~$ su -\nPassword: \nsu: Authentication failure\nvagrant@kube-control-plane:~$ echo after\nafter\n');
    expect(out).not.toContain('sudo -l');
  });
});
