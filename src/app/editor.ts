// The host editor adapter: `vim`, `nano` and `kubectl edit` in the lab hand their text to a real editor
// on the host — on a private temporary copy, never the learner's own files — and get the saved text back.

import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import type { EditorRequest, EditorResult } from '../world/kernel/program';

/**
 * How the TUI lends its screen to a full-screen host program. suspend() stops Ink drawing and reading
 * keys (keys then arrive through onInput); resume() takes the screen back and redraws.
 */
export interface ScreenHandover {
  suspend(): Promise<void>;
  resume(): Promise<void>;
  readonly columns: number;
  readonly rows: number;
  setRawMode(raw: boolean): void;
  write(data: string): void;
  onInput(listener: (data: string) => void): () => void;
  onResize(listener: () => void): () => void;
}

/** The part of @lydell/node-pty the adapter uses. */
export interface PtyProcess {
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(columns: number, rows: number): void;
}

export interface PtyModule {
  spawn(file: string, args: string[], options: { name: string; cols: number; rows: number; cwd: string; env: Record<string, string> }): PtyProcess;
}

export type HostEnv = Record<string, string | undefined>;

export interface EditorOptions {
  /** The TUI's screen. Absent in headless runs: the editor then gets no terminal. */
  screen?: ScreenHandover;
  env?: HostEnv;
  /** Loads node-pty; tests pass `async () => null` to take the spawnSync path. */
  loadPty?: () => Promise<PtyModule | null>;
}

/** The host command to run, with the temp file's path appended as its last argument. */
export interface EditorCommand {
  file: string;
  args: string[];
  /** What to call it in messages: the $EDITOR text or the program's name. */
  label: string;
}

/** The editors the lab's programs may name; anything else falls back to vi. */
const KNOWN_EDITORS = new Set(['vim', 'vi', 'nano', 'vim.tiny', 'vim.basic', 'nvim']);

/** Whether `name` is an executable on PATH (or, with a slash, at that path). */
export function hostHasProgram(name: string, env: HostEnv): boolean {
  const candidates = name.includes('/') ? [name] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, name));
  return candidates.some((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * $VISUAL or $EDITOR when set (run through /bin/sh when it carries arguments, as git does), else the
 * program the learner named if the host has it, else vi. Null when none can run.
 */
export function chooseEditor(req: Pick<EditorRequest, 'editor' | 'readOnly'>, env: HostEnv, has: (name: string) => boolean = (n) => hostHasProgram(n, env)): EditorCommand | null {
  const configured = (env.VISUAL || env.EDITOR || '').trim();
  if (configured !== '') {
    if (/^[\w./+-]+$/.test(configured)) return { file: configured, args: [], label: configured };
    return { file: '/bin/sh', args: ['-c', `${configured} "$@"`, 'sh'], label: configured };
  }
  const named = KNOWN_EDITORS.has(req.editor) ? req.editor : 'vi';
  for (const name of named === 'vi' ? ['vi'] : [named, 'vi']) {
    if (!has(name)) continue;
    const args = req.readOnly ? (name === 'nano' ? ['-v'] : ['-R']) : [];
    return { file: name, args, label: name };
  }
  return null;
}

/** A private directory (0700) holding the text as the file's own name, so the editor's title and syntax fit. */
function writeTempCopy(req: EditorRequest): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cks-lab-edit-'));
  const name = basename(req.path);
  const file = join(dir, name === '' || name === '.' || name === '..' || name === '/' ? 'untitled' : name);
  writeFileSync(file, req.content, { mode: 0o600, flag: 'wx' });
  if (req.readOnly) chmodSync(file, 0o400);
  return { dir, file };
}

function readBack(file: string, before: string): string | null {
  try {
    const after = readFileSync(file, 'utf8');
    return after === before ? null : after;
  } catch {
    return null;
  }
}

function hostEnv(env: HostEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Load the optional native pty; null when it is not installed or not built for this platform. */
export async function loadNodePty(): Promise<PtyModule | null> {
  try {
    const mod = (await import('@lydell/node-pty')) as unknown as Partial<PtyModule> & { default?: PtyModule };
    if (typeof mod.spawn === 'function') return mod as PtyModule;
    return mod.default && typeof mod.default.spawn === 'function' ? mod.default : null;
  } catch {
    return null;
  }
}

/** Run the editor in a pty that mirrors the host terminal, so the lab keeps running meanwhile. */
function runInPty(pty: PtyModule, cmd: EditorCommand, file: string, cwd: string, screen: ScreenHandover, env: HostEnv): Promise<number> {
  return new Promise((resolve) => {
    let child: PtyProcess;
    try {
      child = pty.spawn(cmd.file, [...cmd.args, file], {
        name: env.TERM || 'xterm-256color',
        cols: screen.columns,
        rows: screen.rows,
        cwd,
        env: hostEnv(env),
      });
    } catch {
      resolve(127);
      return;
    }
    screen.setRawMode(true);
    const out = child.onData((data) => screen.write(data));
    const offInput = screen.onInput((data) => child.write(data));
    const offResize = screen.onResize(() => child.resize(screen.columns, screen.rows));
    const exit = child.onExit(({ exitCode }) => {
      out.dispose();
      exit.dispose();
      offInput();
      offResize();
      resolve(exitCode);
    });
  });
}

/** Run the editor on the host terminal itself; the event loop (and the lab's clock) waits meanwhile. */
function runInherited(cmd: EditorCommand, file: string, cwd: string, screen: ScreenHandover, env: HostEnv): number {
  screen.setRawMode(false);
  const r = spawnSync(cmd.file, [...cmd.args, file], { stdio: 'inherit', cwd, env: hostEnv(env) });
  return r.error ? 127 : (r.status ?? 128 + 1);
}

/** One round-trip through a host editor. Never throws: failures come back as `error`. */
export async function openEditor(req: EditorRequest, opts: EditorOptions = {}): Promise<EditorResult> {
  const env = opts.env ?? process.env;
  const cmd = chooseEditor(req, env);
  if (!cmd) return { content: null, status: 127, error: 'no editor found on this computer (set EDITOR, or install vim or nano)' };
  let temp: { dir: string; file: string };
  try {
    temp = writeTempCopy(req);
  } catch (e) {
    return { content: null, status: 1, error: `cannot create a temporary file: ${(e as Error).message}` };
  }
  try {
    let status: number;
    if (!opts.screen) {
      const r = spawnSync(cmd.file, [...cmd.args, temp.file], { stdio: ['ignore', 'ignore', 'inherit'], cwd: temp.dir, env: hostEnv(env) });
      status = r.error ? 127 : (r.status ?? 128 + 1);
    } else {
      const pty = await (opts.loadPty ?? loadNodePty)();
      await opts.screen.suspend();
      try {
        status = pty ? await runInPty(pty, cmd, temp.file, temp.dir, opts.screen, env) : runInherited(cmd, temp.file, temp.dir, opts.screen, env);
      } finally {
        await opts.screen.resume();
      }
    }
    const content = readBack(temp.file, req.content);
    // 127 is what a shell says when the program is missing; a missing editor saved nothing.
    if (status === 127 && content === null) return { content: null, status, error: `cannot run the editor '${cmd.label}'` };
    return { content, status };
  } finally {
    rmSync(temp.dir, { recursive: true, force: true });
  }
}

/** The TUI's editor hook: one editor at a time on the learner's screen. */
export function tuiEditor(screen: ScreenHandover, opts: Omit<EditorOptions, 'screen'> = {}): (req: EditorRequest) => Promise<EditorResult> {
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    const run = queue.then(() => openEditor(req, { ...opts, screen }));
    queue = run.catch(() => {});
    return run;
  };
}

/**
 * The headless shell's editor hook (`cks-lab sh`): only when EDITOR (or VISUAL) is set — a script that
 * edits the file, e.g. `sed -i …` — since a headless run has no terminal to lend an interactive editor.
 */
export function headlessEditor(env: HostEnv = process.env): ((req: EditorRequest) => Promise<EditorResult>) | undefined {
  if (!(env.VISUAL || env.EDITOR)) return undefined;
  return (req) => openEditor(req, { env });
}
