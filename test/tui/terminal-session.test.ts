// The TUI's terminal over the lab's simulated tty: busy from the shell's prompts, pasted and typed-ahead
// lines fed one reader at a time, programs reading the terminal, Ctrl-C, Ctrl-D, history.
import { describe, expect, it, vi } from 'vitest';
import { LabTerminal } from '../../src/app/terminal-session';
import type { Terminal } from '../../src/shell/terminal';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A tiny interactive shell on the terminal: prompts `$ `, runs `echo …`, `cat` (reads lines to EOF),
 * `wait` (a foreground job until Ctrl-C or release()), and logs out at end of file.
 */
function fakeShell(term: Terminal) {
  const ran: string[] = [];
  let release: (() => void) | null = null;
  const done = (async () => {
    for (;;) {
      term.input.prompt('$ ');
      const raw = await term.input.read();
      if (raw === null) {
        term.output.write('logout\n');
        return 0;
      }
      const line = raw.replace(/\n$/, '');
      ran.push(line);
      if (line.startsWith('echo ')) term.output.write(`${line.slice(5)}\n`);
      else if (line === 'cat') {
        for (;;) {
          const got = await term.input.read();
          if (got === null) break;
          term.output.write(got);
        }
      } else if (line === 'wait') {
        const job = new AbortController();
        const pop = term.input.pushForeground(job);
        await new Promise<void>((resolve) => {
          release = resolve;
          job.signal.addEventListener('abort', () => resolve());
        });
        pop();
      }
    }
  })();
  return { ran, done, release: () => release?.() };
}

function setup() {
  const onCommandDone = vi.fn();
  const session = new LabTerminal({ columns: 100, onCommandDone, history: ['ls'] });
  let out = '';
  const changes = vi.fn();
  session.onStateChange(changes);
  const shell = fakeShell(session.terminal);
  const subscribe = () => session.onOutput((text) => (out += text));
  return { session, shell, onCommandDone, changes, subscribe, output: () => out };
}

describe('LabTerminal', () => {
  it('is busy until the shell shows its prompt, then shows that prompt', async () => {
    const session = new LabTerminal();
    const changes = vi.fn();
    session.onStateChange(changes);
    expect(session.busy()).toBe(true);
    expect(session.prompt()).toBe('');
    expect(session.reachedPrompt).toBe(false);
    fakeShell(session.terminal);
    await settle();
    expect(session.busy()).toBe(false);
    expect(session.prompt()).toBe('$ ');
    expect(session.reachedPrompt).toBe(true);
    expect(changes).toHaveBeenCalled();
  });

  it('runs a submitted line, delivers its output and reports the finished command', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.submit('echo hello');
    expect(s.session.busy()).toBe(true);
    expect(s.session.prompt()).toBe('');
    await settle();
    expect(s.output()).toBe('hello\n');
    expect(s.session.busy()).toBe(false);
    expect(s.onCommandDone).toHaveBeenCalledTimes(1);
  });

  it('replays output printed before the TUI subscribed (the login banner)', async () => {
    const s = setup();
    s.session.terminal.output.write('Welcome\n');
    s.subscribe();
    expect(s.output()).toBe('Welcome\n');
  });

  it('runs pasted lines one after another and stays busy until the last has finished', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.submit('echo one\nwait\necho three');
    await settle();
    expect(s.shell.ran).toEqual(['echo one', 'wait']);
    expect(s.session.busy()).toBe(true);
    s.shell.release();
    await settle();
    expect(s.shell.ran).toEqual(['echo one', 'wait', 'echo three']);
    expect(s.output()).toBe('one\nthree\n');
    expect(s.session.busy()).toBe(false);
  });

  it('keeps a line typed ahead for the shell until the running command has finished', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.submit('wait');
    await settle();
    s.session.sendInput('echo next\n');
    await settle();
    s.session.pump();
    expect(s.shell.ran).toEqual(['wait']);
    s.shell.release();
    await settle();
    expect(s.shell.ran).toEqual(['wait', 'echo next']);
    expect(s.output()).toBe('next\n');
  });

  it('hands typed lines and Ctrl-D to a program reading the terminal', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.submit('cat');
    await settle();
    s.session.sendInput('first line\n');
    s.session.pump();
    await settle();
    expect(s.output()).toBe('first line\n');
    s.session.sendEof();
    await settle();
    expect(s.session.busy()).toBe(false);
    s.session.submit('echo after');
    await settle();
    expect(s.output()).toBe('first line\nafter\n');
  });

  it('Ctrl-C interrupts the foreground job and drops lines not yet read', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.submit('wait\necho never');
    await settle();
    s.session.interrupt();
    await settle();
    expect(s.shell.ran).toEqual(['wait']);
    expect(s.session.busy()).toBe(false);
  });

  it('logs out on Ctrl-D at the prompt, leaving the prompt in the output as a terminal would', async () => {
    const s = setup();
    s.subscribe();
    await settle();
    s.session.logout();
    expect(await s.shell.done).toBe(0);
    expect(s.output()).toBe('$ logout\n');
  });

  it('remembers typed lines for ↑, after the saved history, leaving out blanks and repeats', async () => {
    const s = setup();
    await settle();
    s.session.submit('echo a');
    await settle();
    s.session.submit('echo a');
    await settle();
    s.session.submit('  ');
    await settle();
    s.session.submit('echo b');
    expect(s.session.history()).toEqual(['ls', 'echo a', 'echo b']);
  });

  it('keeps the end of the output to explain a failed login', () => {
    const s = setup();
    s.session.terminal.output.write('x'.repeat(5000) + 'Permission denied\n');
    expect(s.session.tail().endsWith('Permission denied\n')).toBe(true);
    expect(s.session.tail().length).toBeLessThanOrEqual(4000);
  });

  it('gives programs the pane width as the terminal width', () => {
    const s = setup();
    s.session.setColumns(132);
    expect(s.session.terminal.output.columns).toBe(132);
  });
});
