// The wide layout (task panel beside the terminal), rendered on a 130-column fake terminal.
import { render } from 'ink';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/scenarios/session.machine';
import App from '../../src/tui/App';
import { displayWidth } from '../../src/tui/display-width';
import { sampleScenario } from '../scenarios/sample-scenario';
import { FakeShell, KEYS, plain, tick } from './helpers';
import { FakeStdin, SizedStdout } from './wide-screen';

describe('App, wide layout', () => {
  it('puts the task panel left of the terminal with a border between', async () => {
    const stdout = new SizedStdout(130, 30);
    const stdin = new FakeStdin();
    const actor = createActor(sessionMachine, { input: { scenario: sampleScenario } }).start();
    actor.send({ type: 'START' });
    // Streams are structural fakes of Node's tty streams; Ink reads only what they implement.
    const instance = render(<App actor={actor} session={new FakeShell()} lang="en" tickMs={0} />, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await tick(20);
    stdin.write('echo hi');
    await tick(20);
    stdin.write(KEYS.enter);
    await tick(20);
    const rows = plain(stdout.last).split('\n');
    expect(rows[0]).toMatch(/^Tasks · 0\/3 done +│ controlplane \$ echo hi$/);
    expect(rows[1]).toMatch(/^▸ 1\. Read-only root filesystem +│ hi$/);
    expect(rows).toHaveLength(29);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(130);
    instance.unmount();
  });
});
