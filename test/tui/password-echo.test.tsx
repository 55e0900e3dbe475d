// While a program reads a password the tty's echo is off: the line editor shows nothing of what is
// typed, not even after Enter, keeps it out of ↑ history, and Tab/↑ do not fill it in.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import SandboxApp from '../../src/tui/SandboxApp';
import { FakeShell, KEYS, plain, type } from './helpers';

/** `su -` as a tty shows it: `Password: ` with echo off, then the failure after the line is read. */
class SuShell extends FakeShell {
  private echoOn = true;
  echo(): boolean {
    return this.echoOn;
  }
  override submit(line: string): void {
    if (line !== 'su -') return super.submit(line);
    this.submitted.push(line);
    this.running = true;
    this.echoOn = false;
    this.notify();
    this.emit('Password: ');
  }
  override sendInput(text: string): void {
    super.sendInput(text);
    this.echoOn = true;
    this.running = false;
    this.emit('\nsu: Authentication failure\n');
    this.notify();
  }
}

function setup() {
  const shell = new SuShell();
  const onQuit = vi.fn();
  const app = render(<SandboxApp session={shell} lang="en" columns={100} rows={24} onQuit={onQuit} />);
  return { shell, onQuit, ...app, frame: () => plain(app.lastFrame()) };
}

describe('a password prompt', () => {
  it('shows nothing of the password while it is typed or after Enter', async () => {
    const s = setup();
    await type(s.stdin, 'su -', KEYS.enter, 's', 'e', 'c', 'ret');
    // The cursor waits after the prompt.
    expect(s.frame()).toMatch(/controlplane \$ su -\nPassword: ?\n/);
    expect(s.frame()).not.toContain('secret');
    expect(s.frame()).not.toContain('sec');
    await type(s.stdin, KEYS.enter);
    expect(s.shell.inputs).toEqual(['secret\n']);
    expect(s.frame()).toContain('controlplane $ su -\nPassword:\nsu: Authentication failure\ncontrolplane $');
    expect(s.frame()).not.toContain('secret');
  });

  it('keeps the password out of the history', async () => {
    const s = setup();
    await type(s.stdin, 'su -', KEYS.enter, 'secret', KEYS.enter, KEYS.up);
    expect(s.frame()).toMatch(/su: Authentication failure\ncontrolplane \$ su - ?\n/);
    await type(s.stdin, KEYS.ctrlU, KEYS.ctrlD);
    expect(s.onQuit).toHaveBeenCalledWith(['su -']);
  });

  it('ignores ↑ and Tab, which would fill in text the learner cannot see', async () => {
    const s = setup();
    await type(s.stdin, 'echo hi', KEYS.enter, 'su -', KEYS.enter, KEYS.up, KEYS.tab, 'pw', KEYS.enter);
    expect(s.shell.inputs).toEqual(['pw\n']);
  });

  it('cancels with Ctrl-C without echoing the hidden line', async () => {
    const s = setup();
    await type(s.stdin, 'su -', KEYS.enter, 'secr', KEYS.ctrlC);
    expect(s.shell.interrupts).toBe(1);
    expect(s.frame()).not.toContain('secr');
    expect(s.frame()).not.toContain('^C');
  });
});
