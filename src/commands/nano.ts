// nano 4.8: like vim it edits a copy in a real editor, but saves in place (same inode) and words its
// errors the nano way.

import { defineCommand } from './lib/dialect';
import { readForEditor, saveInPlace } from './lib/editor-save';
import type { CommandContext } from './types';

export async function runNano(ctx: CommandContext): Promise<number> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  const path = files[0] ?? '';
  const buf = readForEditor(ctx, path, ctx.argv.includes('-v') || ctx.argv.includes('--view'));
  if (buf === 'directory') {
    ctx.stderr.write(`"${path}" is a directory\n`);
    return 1;
  }
  const { content, readOnly } = buf;
  const exists = buf.found;
  const r = await ctx.openEditor({ editor: 'nano', path, content, readOnly });
  if (r.error) {
    ctx.stderr.write(`nano: ${r.error}\n`);
    return 1;
  }
  if (r.content === null || path === '' || (exists && r.content === content)) return r.status;
  const saved = saveInPlace(ctx, path, r.content);
  if (!saved.ok) {
    ctx.stderr.write(`[ Error writing ${path}: ${saved.text} ]\n`);
    return 1;
  }
  return r.status;
}

export const nano = defineCommand('nano', runNano);
