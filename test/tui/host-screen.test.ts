// The host terminal switch: alternate screen and bracketed paste around the session, keys to Ink, and
// lending screen and keyboard to the editor and taking them back.
import { describe, expect, it, vi } from 'vitest';
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, HostScreen, PASTE_OFF, PASTE_ON } from '../../src/app/tui-screen';
import { FakeTty } from './fake-tty';

function setup() {
  const tty = new FakeTty(100, 30);
  const screen = new HostScreen(tty.input, tty.output);
  return { tty, screen };
}

describe('HostScreen', () => {
  it('turns on the alternate screen and bracketed paste, and puts everything back on leave (once)', () => {
    const { tty, screen } = setup();
    screen.enter();
    expect(tty.written.startsWith(ALT_SCREEN_ON + PASTE_ON)).toBe(true);
    screen.inkInput.setRawMode(true);
    tty.written = '';
    screen.leave();
    screen.leave();
    expect(tty.written).toBe(`${PASTE_OFF}\x1b[?25h${ALT_SCREEN_OFF}`);
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('restores the terminal when the process exits without leaving', () => {
    const { tty, screen } = setup();
    screen.enter();
    tty.written = '';
    process.emit('exit', 0);
    expect(tty.written).toContain(ALT_SCREEN_OFF);
    screen.leave();
  });

  it('passes keys to Ink and Ink\'s frames to the terminal', () => {
    const { tty, screen } = setup();
    screen.enter();
    tty.type('ls\r');
    expect(screen.inkInput.read()?.toString()).toBe('ls\r');
    tty.written = '';
    screen.inkOutput.write('frame');
    expect(tty.written).toBe('frame');
    expect(screen.inkOutput.columns).toBe(100);
    screen.leave();
  });

  it('lends the screen out: the TUI hides, its frames are dropped and keys go to the borrower', async () => {
    const { tty, screen } = setup();
    screen.enter();
    screen.inkInput.setRawMode(true);
    const changed = vi.fn();
    screen.subscribe(changed);
    const keys: string[] = [];
    screen.onInput((d) => keys.push(d));
    await screen.suspend();
    expect(screen.hidden()).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(tty.written.endsWith(`${PASTE_OFF}\x1b[2J\x1b[H\x1b[?25h`)).toBe(true);
    tty.written = '';
    screen.inkOutput.write('a frame over the editor');
    tty.type(':wq\r');
    expect(tty.written).toBe('');
    expect(keys).toEqual([':wq\r']);
    expect(screen.inkInput.read()).toBeNull();
    screen.setRawMode(false);
    await screen.resume();
    expect(screen.hidden()).toBe(false);
    expect(tty.written).toBe(`${ALT_SCREEN_ON}${PASTE_ON}\x1b[2J\x1b[H\x1b[?25l`);
    // Back to the raw mode Ink had asked for.
    expect(tty.rawModes.at(-1)).toBe(true);
    tty.type('x');
    expect(keys).toEqual([':wq\r']);
    expect(screen.inkInput.read()?.toString()).toBe('x');
    screen.leave();
  });

  it('tells Ink and the borrower about resizes', () => {
    const { tty, screen } = setup();
    screen.enter();
    const ink = vi.fn();
    const borrower = vi.fn();
    screen.inkOutput.on('resize', ink);
    screen.onResize(borrower);
    tty.resize(120, 40);
    expect(ink).toHaveBeenCalled();
    expect(borrower).toHaveBeenCalled();
    expect([screen.columns, screen.rows, screen.inkOutput.rows]).toEqual([120, 40, 40]);
    screen.leave();
  });
});
