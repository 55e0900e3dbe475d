// Streams for rendering with Ink at any size (ink-testing-library fixes 100 columns): the last frame
// written, and a stdin that hands Ink one chunk per read.
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import { tick } from './helpers';

export class SizedStdout extends EventEmitter {
  last = '';
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.last = frame;
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface SizedRender {
  stdout: SizedStdout;
  stdin: FakeStdin;
  instance: Instance;
  /** Type each chunk as its own key press, letting React render in between. */
  type(...chunks: string[]): Promise<void>;
}

export async function renderSized(element: ReactElement, columns: number, rows: number): Promise<SizedRender> {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new FakeStdin();
  // Streams are structural fakes of Node's tty streams; Ink reads only what they implement.
  const instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await tick(20);
  return {
    stdout,
    stdin,
    instance,
    async type(...chunks) {
      for (const chunk of chunks) {
        stdin.write(chunk);
        await tick(10);
      }
      await tick(20);
    },
  };
}
