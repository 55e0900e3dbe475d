// How kubectl edit runs the learner's editor (pkg/cmd/util/editor/editor.go): $KUBE_EDITOR, then
// $EDITOR, else vi; run as a child process on the node (so the TUI hands the terminal to a real vim
// through that program), on a temp file kubectl writes with O_CREAT|O_EXCL and mode 0600.

import type { Kubectl } from './session';

export interface EditorCommand {
  argv: string[];
  /** The editor fed through `$SHELL -c` because it carries quotes or backslashes. */
  shell: boolean;
}

/** defaultEnvEditor: a bare word, words split on spaces, or a shell line when quoting is involved. */
export function editorCommand(env: Record<string, string>): EditorCommand {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  if (!editor.includes(' ')) return { argv: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { argv: editor.split(' '), shell: false };
  return { argv: [env.SHELL || '/bin/bash', '-c', editor], shell: true };
}

export type LaunchResult = { ok: true; text: string } | { ok: false; error: string };

/** Go's %q of a path (plain ASCII paths only need the quotes and escapes JSON gives them too). */
const goQuoted = (s: string): string => JSON.stringify(s);

/** Write `content` to `path`, run the editor on it, and read the file back (LaunchTempFile). */
export async function launchEditor(k: Kubectl, path: string, content: string): Promise<LaunchResult> {
  const fs = k.ctx.sys.fs;
  try {
    const h = fs.open(path, { read: true, write: true, create: true, excl: true }, 0o600);
    h.write(content);
    h.close();
  } catch (e) {
    return { ok: false, error: `open ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const cmd = editorCommand(k.ctx.env);
  const label = cmd.argv.join(' ');
  const argv = cmd.shell ? [...cmd.argv.slice(0, -1), `${cmd.argv[cmd.argv.length - 1]} ${goQuoted(path)}`] : [...cmd.argv, path];
  const r = await k.ctx.sys.spawn(argv, { signal: k.ctx.signal });
  if (r.error === 'ENOENT') return { ok: false, error: `unable to launch the editor ${goQuoted(label)}` };
  if (r.error || r.status !== 0) return { ok: false, error: `there was a problem with the editor ${goQuoted(label)}` };
  try {
    return { ok: true, text: fs.readFile(path) };
  } catch {
    return { ok: false, error: `open ${path}: no such file or directory` };
  }
}

/** Remove a temp file; it may already be gone (the editor renamed over it, or the learner deleted it). */
export function removeQuietly(k: Kubectl, path: string): void {
  try {
    k.ctx.sys.fs.unlink(path);
  } catch {
    /* nothing to remove */
  }
}

/** preservedFile: point at the kept copy when it still exists. */
export function preservedFileLine(k: Kubectl, path: string): string {
  return path !== '' && k.ctx.sys.fs.exists(path) ? `A copy of your changes has been stored to ${goQuoted(path)}\n` : '';
}
