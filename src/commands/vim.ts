// vim / vi: read the file through the process's view (new file on ENOENT, read-only when unwritable,
// empty on EACCES), hand the text to a real editor, and write it back with vim's save semantics.

import { defineCommand } from './lib/dialect';
import { createSwap, readForEditor, vimSave } from './lib/editor-save';
import { progName } from './lib/io';
import type { CommandContext } from './types';

export async function runVim(ctx: CommandContext): Promise<number> {
  const editor = progName(ctx, 'vim');
  const args = ctx.argv.slice(1);
  let forceReadOnly = editor === 'view';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-R') forceReadOnly = true;
    else if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (a === '-c' || a === '-S' || a === '-u' || a === '-i' || a === '--cmd') i++;
    else if (a.startsWith('+') || (a.startsWith('-') && a.length > 1)) continue;
    else files.push(a);
  }
  const path = files[0] ?? '';
  const buf = readForEditor(ctx, path, forceReadOnly);
  if (buf === 'directory') {
    ctx.stderr.write(`"${path}" is a directory\n`);
    return 1;
  }
  const { content, readOnly } = buf;
  // EACCES: vim shows `"file" [Permission Denied]` with an empty buffer that it may not write.
  const exists = buf.found || buf.unreadable;
  const swap = path !== '' ? createSwap(ctx, path) : null;
  const r = await ctx.openEditor({ editor, path, content, readOnly });
  if (swap) {
    try {
      ctx.sys.fs.unlink(swap);
    } catch {
      /* already gone */
    }
  }
  if (r.error) {
    ctx.stderr.write(`${editor}: ${r.error}\n`);
    return 1;
  }
  if (r.content === null || path === '') return r.status;
  if (exists && r.content === content) return r.status;
  const saved = vimSave(ctx, path, r.content);
  if (!saved.ok) {
    ctx.stderr.write(`"${path}" E212: Can't open file for writing\n`);
    return 1;
  }
  return r.status;
}

export const vim = defineCommand('vim', runVim);
export const vi = defineCommand('vi', runVim);
