// The line being typed wraps exactly at the terminal pane's width, like the echoed line, even behind
// Ubuntu's xterm prompt (which sets the window title with an escape sequence that takes no column):
// while typing, after Tab completion, after ↑, and in the 120-column side layout and the 90-column one.
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/scenarios/session.machine';
import App, { computeLayout } from '../../src/tui/App';
import { displayWidth } from '../../src/tui/display-width';
import SandboxApp from '../../src/tui/SandboxApp';
import { inputRows } from '../../src/tui/terminal-view';
import type { Completion } from '../../src/tui/types';
import { sampleScenario } from '../scenarios/sample-scenario';
import { FakeShell, KEYS, plain } from './helpers';
import { renderSized, type SizedRender } from './wide-screen';

/** PS1 of vagrant on Ubuntu 20.04 with TERM=xterm: title, then the coloured user@host:dir$. */
const XTERM_PROMPT =
  '\x1b]0;vagrant@kube-control-plane: ~\x07\x1b[01;32mvagrant@kube-control-plane\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
const SHOWN_PROMPT = 'vagrant@kube-control-plane:~$ ';
const LONG = 'echo abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz';

/** A shell with the real prompt that completes paths under /etc/falco as bash would. */
class UbuntuShell extends FakeShell {
  constructor() {
    super();
    this.promptText = XTERM_PROMPT;
  }
  override complete(line: string, cursor: number): Completion {
    const start = line.lastIndexOf(' ', cursor - 1) + 1;
    const word = line.slice(start, cursor);
    const files = ['/etc/falco/', '/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml', '/etc/falco/falco.yaml'];
    const dir = word.slice(0, word.lastIndexOf('/') + 1);
    const candidates = files.filter((f) => f.startsWith(word) && f !== dir && f.slice(dir.length).replace(/\/$/, '').indexOf('/') < 0);
    return { start, candidates };
  }
}

const opened: SizedRender[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.instance.unmount();
});

async function lab(columns: number, rows: number) {
  const actor = createActor(sessionMachine, { input: { scenario: sampleScenario } }).start();
  actor.send({ type: 'START' });
  const shell = new UbuntuShell();
  const r = await renderSized(<App actor={actor} session={shell} lang="en" tickMs={0} columns={columns} rows={rows} />, columns, rows);
  opened.push(r);
  const layout = computeLayout(columns, rows);
  const paneLeft = layout.side ? layout.panel.width + 2 : 0;
  const paneTop = layout.side ? 0 : layout.panel.height + 1;
  /** The terminal pane's rows, as the screen shows them (trailing spaces dropped). */
  const pane = () =>
    plain(r.stdout.last)
      .split('\n')
      .slice(paneTop, paneTop + layout.terminal.height)
      .map((row) => sliceColumns(row, paneLeft).trimEnd());
  return { ...r, shell, pane, width: layout.terminal.width };
}

/** The part of a screen row from column `from` on. */
function sliceColumns(row: string, from: number): string {
  let col = 0;
  let i = 0;
  for (const ch of row) {
    if (col >= from) break;
    col += displayWidth(ch);
    i += ch.length;
  }
  return row.slice(i);
}

/** Cut a string into rows of `width` columns, as the terminal shows a long line. */
function rowsOf(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

describe('the input line wraps at the pane width', () => {
  it.each([
    [120, 36, 78],
    [90, 30, 90],
  ])('at %i×%i (a %i-column pane) while typing, and the same after Enter', async (columns, rows, width) => {
    const t = await lab(columns, rows);
    expect(t.width).toBe(width);
    await t.type(LONG);
    const expected = rowsOf(SHOWN_PROMPT + LONG, width);
    expect(t.pane().slice(0, expected.length)).toEqual(expected);
    // The title sequence never reaches the host terminal, where it would shift the drawing.
    expect(t.stdout.last).not.toContain('\x1b]0;');
    await t.type(KEYS.enter);
    expect(t.pane().slice(0, expected.length)).toEqual(expected);
  });

  it('after Tab completion, the completed path continues on the next row without a break of its own', async () => {
    const t = await lab(120, 36);
    const typed = `cat ${'x'.repeat(30)} /etc/fal`;
    await t.type(typed, KEYS.tab, 'falco_r', KEYS.tab);
    const line = `${SHOWN_PROMPT}cat ${'x'.repeat(30)} /etc/falco/falco_rules.`;
    expect(t.pane().slice(0, 2)).toEqual(rowsOf(line, 78));
  });

  it('lists completions on a double Tab in columns that fit the pane, not the screen', async () => {
    const t = await lab(120, 36);
    await t.type('cat /etc/falco/f', KEYS.tab, KEYS.tab);
    const pane = t.pane();
    expect(pane.slice(0, 4)).toEqual([
      `${SHOWN_PROMPT}cat /etc/falco/falco`,
      `/etc/falco/falco.yaml${' '.repeat(14)}/etc/falco/falco_rules.local.yaml`,
      '/etc/falco/falco_rules.yaml',
      `${SHOWN_PROMPT}cat /etc/falco/falco`,
    ]);
  });

  it('after ↑ recalls a long line', async () => {
    const t = await lab(90, 30);
    await t.type(LONG, KEYS.enter, KEYS.up);
    const rows = rowsOf(SHOWN_PROMPT + LONG, 90);
    // The echoed command, its output line, then the recalled line at the bottom of what is shown.
    const pane = t.pane();
    while (pane[pane.length - 1] === '') pane.pop();
    expect(pane.slice(-rows.length)).toEqual(rows);
    expect(pane.slice(0, rows.length)).toEqual(rows);
  });
});

describe('the cursor', () => {
  // The prompt shows 30 columns; the pane has 78.
  it.each([
    ['after a line that fills the row: at the start of the next', 48, 48, 1, 0],
    ['in the middle of the first row', 48, 38, 0, 68],
    ['at the end of the second row', 60, 60, 1, 12],
  ])('%s', (_name, typedLength, cursor, row, column) => {
    const rows = inputRows(
      { partial: '', prompt: XTERM_PROMPT, continuation: '> ', buffer: 'y'.repeat(typedLength), cursor, showCursor: true },
      78,
    );
    const at = rows.findIndex((r) => r.cursor !== undefined);
    expect(at).toBe(row);
    expect(displayWidth(rows[at]!.text.slice(0, rows[at]!.cursor))).toBe(column);
  });
});

describe('the sandbox', () => {
  it('wraps at the full screen width', async () => {
    const shell = new UbuntuShell();
    const r = await renderSized(<SandboxApp session={shell} lang="en" columns={100} rows={30} />, 100, 30);
    opened.push(r);
    await r.type(LONG);
    const rows = plain(r.stdout.last).split('\n');
    expect(rows.slice(0, 2).map((s) => s.trimEnd())).toEqual(rowsOf(SHOWN_PROMPT + LONG, 100));
  });
});
