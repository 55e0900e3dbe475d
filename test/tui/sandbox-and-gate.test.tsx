// The sandbox screen (terminal and status line, no tasks) and the gate that hides the TUI while the
// learner's editor owns the screen without losing what the terminal holds.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import SandboxApp, { sandboxTerminalSize } from '../../src/tui/SandboxApp';
import ScreenGate, { type ScreenGateSource } from '../../src/tui/ScreenGate';
import { FakeShell, KEYS, plain, tick, type } from './helpers';

function sandbox(opts: { columns?: number; rows?: number } = {}) {
  const shell = new FakeShell();
  const onQuit = vi.fn();
  const app = render(<SandboxApp session={shell} lang="en" columns={opts.columns ?? 100} rows={opts.rows ?? 30} history={['echo old']} onQuit={onQuit} />);
  return { shell, onQuit, ...app, frame: () => plain(app.lastFrame()) };
}

class Gate implements ScreenGateSource {
  private on = false;
  private listeners = new Set<() => void>();
  hidden = () => this.on;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(hidden: boolean) {
    this.on = hidden;
    for (const l of this.listeners) l();
  }
}

describe('SandboxApp', () => {
  it('is the terminal over the whole screen with a status line saying where you are', async () => {
    const s = sandbox();
    await tick(20);
    const lines = s.frame().split('\n');
    expect(lines).toHaveLength(29);
    expect(lines[0]).toBe('controlplane $');
    expect(lines[28]).toBe('Sandbox │ F1 help  PageUp/PageDown scroll  Ctrl-D quit');
  });

  it('runs commands and shows their output, with ↑ from the saved history', async () => {
    const s = sandbox();
    await type(s.stdin, 'echo hi', KEYS.enter, KEYS.up, KEYS.up);
    expect(s.shell.submitted).toEqual(['echo hi']);
    expect(s.frame()).toContain('controlplane $ echo hi\nhi\ncontrolplane $ echo old');
  });

  it('shows that a command runs, and quits on Ctrl-D at an empty prompt with the history', async () => {
    const s = sandbox();
    await type(s.stdin, 'journalctl -fu falco', KEYS.enter);
    expect(s.frame()).toContain('Sandbox │ running │');
    await type(s.stdin, KEYS.ctrlC, KEYS.ctrlD);
    expect(s.onQuit).toHaveBeenCalledWith(['echo old', 'journalctl -fu falco']);
  });

  it('has no hint, check or solution keys, but F1 help', async () => {
    const s = sandbox();
    await type(s.stdin, KEYS.f2, KEYS.f5, KEYS.f9, KEYS.f1);
    expect(s.frame()).toContain('Keys: PageUp/PageDown scroll');
    expect(s.frame()).not.toMatch(/Hint|Check|Solution/);
  });

  it('asks for a bigger terminal below 80×24', async () => {
    const s = sandbox({ columns: 70, rows: 20 });
    await tick(20);
    expect(s.frame()).toContain('Terminal too small: 70×20');
  });

  it('gives programs the full width and all rows but the status line and Ink\'s spare one', () => {
    expect(sandboxTerminalSize(100, 30)).toEqual({ width: 100, height: 28 });
  });
});

describe('ScreenGate', () => {
  it('draws nothing while the screen is lent out, and the same view after', async () => {
    const gate = new Gate();
    const shell = new FakeShell();
    const app = render(
      <ScreenGate source={gate}>
        <SandboxApp session={shell} lang="en" columns={90} rows={24} />
      </ScreenGate>,
    );
    await type(app.stdin, 'echo hi', KEYS.enter, 'kubectl');
    const before = plain(app.lastFrame());
    expect(before).toContain('controlplane $ kubectl');
    gate.set(true);
    await tick(20);
    expect(plain(app.lastFrame())).toBe('');
    gate.set(false);
    await tick(20);
    expect(plain(app.lastFrame())).toBe(before);
  });

  it('shows its children when the screen is not lent out', async () => {
    const app = render(
      <ScreenGate source={new Gate()}>
        <Text>lab</Text>
      </ScreenGate>,
    );
    await tick(10);
    expect(app.lastFrame()).toBe('lab');
  });
});
