// Ctrl-C in the learner's terminal: a program blocked reading the terminal dies of it like any other,
// the shell starts a new line and takes the next command, here and over ssh.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import { LabTerminal } from '../../src/app/terminal-session';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 40; i++) await new Promise((r) => setImmediate(r));
};

let lab: Lab;
beforeAll(async () => {
  lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 5 });
});

async function login(): Promise<{ term: LabTerminal; screen: () => string; type: (line: string) => Promise<void> }> {
  const term = new LabTerminal({ columns: 100 });
  let text = '';
  term.onOutput((t) => (text += t));
  void lab.login(term.terminal, { node: 'kube-control-plane', user: 'vagrant' });
  await settle();
  return {
    term,
    screen: () => text,
    type: async (line) => {
      if (term.busy()) term.sendInput(`${line}\n`);
      else term.submit(line);
      term.pump();
      await settle();
    },
  };
}

describe('Ctrl-C at the terminal', () => {
  it('kills cat waiting for a line: status 130, a new line, and the next command goes to the shell', async () => {
    const t = await login();
    await t.type('cat');
    expect(t.term.busy()).toBe(true);
    await t.type('typed to cat');
    t.term.interrupt();
    await settle();
    expect(t.term.busy()).toBe(false);
    const mark = t.screen().length;
    await t.type('echo status=$?');
    expect(t.screen().slice(mark)).toBe('status=130\n');
    expect(t.screen()).toContain('typed to cat\n\n');
  });

  it('does the same for a program read over ssh, and the ssh session stays', async () => {
    const t = await login();
    await t.type('ssh kube-worker-1');
    await t.type('read -r line; echo "got $line"');
    expect(t.term.busy()).toBe(true);
    t.term.interrupt();
    await settle();
    const mark = t.screen().length;
    await t.type('echo status=$? on $(hostname)');
    expect(t.screen().slice(mark)).toBe('status=130 on kube-worker-1\n');
  });
});
