// Between views the screen is cleared only when the next view draws its first frame, so "Starting the
// lab…" stays up while a lab opens instead of a blank screen; and the picker says which lab is starting.
import { describe, expect, it } from 'vitest';
import { HostScreen } from '../../src/app/tui-screen';
import { t } from '../../src/tui/i18n';
import { FakeTty } from './fake-tty';

const CLEAR_HOME = '\x1b[2J\x1b[H';
const SYNC_BEGIN = '\x1b[?2026h';

function entered() {
  const tty = new FakeTty(100, 30);
  const screen = new HostScreen(tty.input, tty.output);
  screen.enter();
  return { tty, screen };
}

describe('HostScreen.clearBeforeNextFrame', () => {
  it('keeps what is on screen until Ink writes, then clears inside the synchronized frame', async () => {
    const { tty, screen } = entered();
    screen.clear();
    screen.write('Starting the lab for “Sandbox”…\n');
    screen.clearBeforeNextFrame();
    expect(await tty.screen()).toContain('Starting the lab for “Sandbox”…');
    tty.written = '';
    screen.inkOutput.write(`${SYNC_BEGIN}first frame`);
    screen.inkOutput.write('second frame');
    expect(tty.written).toBe(`${SYNC_BEGIN}${CLEAR_HOME}first framesecond frame`);
    const shown = await tty.screen();
    expect(shown).not.toContain('Starting the lab');
    expect(shown.startsWith('first framesecond frame')).toBe(true);
    screen.leave();
  });

  it('clears before a frame written without synchronization too, and a plain clear cancels the pending one', () => {
    const { tty, screen } = entered();
    screen.clearBeforeNextFrame();
    tty.written = '';
    screen.inkOutput.write('frame');
    expect(tty.written).toBe(`${CLEAR_HOME}frame`);
    screen.clearBeforeNextFrame();
    screen.clear();
    tty.written = '';
    screen.inkOutput.write('frame');
    expect(tty.written).toBe('frame');
    screen.leave();
  });
});

describe('the opening notice', () => {
  it.each([
    ['en', 'Starting the lab for “Falco: catch a shell”…'],
    ['zh', '正在为「Falco: catch a shell」启动实验环境…'],
  ] as const)('names the lab in %s', (lang, text) => {
    expect(t(lang, 'opening', { title: 'Falco: catch a shell' })).toBe(text);
  });
});
