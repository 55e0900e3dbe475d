// Test doubles for the TUI: a scripted shell session, key sequences, and a typing helper that yields
// between writes (ink-testing-library drops input written before useInput-style listeners attach).
import type { Completion, TerminalSession } from '../../src/tui/types';

export const KEYS = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  f1: '\x1bOP',
  f2: '\x1bOQ',
  f5: '\x1b[15~',
  f9: '\x1b[20~',
  tab: '\t',
  backspace: '\x7f',
  ctrlA: '\x01',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlL: '\x0c',
  ctrlU: '\x15',
  ctrlW: '\x17',
  ctrlY: '\x19',
  escape: '\x1b',
} as const;

export const tick = (ms = 5) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Write each chunk as its own keypress, yielding to React and Ink before and after each. */
export async function type(stdin: { write(data: string): void }, ...chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    await tick();
    stdin.write(chunk);
  }
  await tick(20);
}

// Colour codes appear when the test process happens to have a colour-capable stdout.
const SGR = /\x1b\[[0-9;]*m/g;
export const plain = (frame: string | undefined) => (frame ?? '').replace(SGR, '');

/** A shell that answers a few commands from a table and records everything the TUI sends it. */
export class FakeShell implements TerminalSession {
  submitted: string[] = [];
  inputs: string[] = [];
  interrupts = 0;
  eofs = 0;
  promptText = 'controlplane $ ';
  running = false;
  replies: Record<string, string> = {
    'echo hi': 'hi\n',
    'kubectl get po': 'NAME   READY   STATUS    RESTARTS   AGE\nhash   1/1     Running   0          2m\n',
  };
  private outputListeners = new Set<(text: string) => void>();
  private stateListeners = new Set<() => void>();

  prompt(): string {
    return this.promptText;
  }
  busy(): boolean {
    return this.running;
  }
  submit(line: string): void {
    this.submitted.push(line);
    if (line === 'ssh kube-worker-1') {
      this.promptText = 'root@kube-worker-1:~# ';
      this.notify();
      return;
    }
    if (line === 'journalctl -fu falco') {
      this.running = true;
      this.notify();
      return;
    }
    const reply = this.replies[line];
    if (reply) this.emit(reply);
    else if (line.trim() !== '') this.emit(`${line.split(' ')[0]}: command not found\n`);
  }
  interrupt(): void {
    this.interrupts++;
    this.running = false;
    this.notify();
  }
  sendInput(text: string): void {
    this.inputs.push(text);
  }
  sendEof(): void {
    this.eofs++;
  }
  complete(line: string, cursor: number): Completion {
    const start = line.lastIndexOf(' ', cursor - 1) + 1;
    const word = line.slice(start, cursor);
    const verbs = ['get', 'describe', 'delete', 'apply', 'exec', 'logs'];
    return { start, candidates: verbs.filter((v) => v.startsWith(word)) };
  }
  onOutput(listener: (text: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  emit(text: string): void {
    for (const l of this.outputListeners) l(text);
  }
  notify(): void {
    for (const l of this.stateListeners) l();
  }
}
