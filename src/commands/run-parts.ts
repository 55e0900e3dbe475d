// run-parts (debianutils 4.11): run the executables of a directory in name order (names of letters,
// digits, `_` and `-`), or list them with --test/--list.

import { joinPath } from '../vfs';
import { vfsError } from './lib/io';
import type { Command, CommandContext } from './types';

async function runRunParts(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const opts = args.filter((a) => a.startsWith('--'));
  const dirs = args.filter((a) => !a.startsWith('-'));
  const flag = (f: string): boolean => opts.includes(f);
  const passArgs = opts.filter((o) => o.startsWith('--arg=')).map((o) => o.slice(6));
  if (dirs.length !== 1) {
    ctx.stderr.write(`run-parts: ${dirs.length === 0 ? 'missing argument' : 'too many arguments'}\nUsage: run-parts [OPTION]... DIRECTORY\n`);
    return 1;
  }
  const dir = dirs[0];
  let names: string[];
  try {
    names = ctx.sys.fs.readdir(dir).sort();
  } catch (e) {
    ctx.stderr.write(`run-parts: failed to open directory ${dir}: ${vfsError(e).text}\n`);
    return 1;
  }
  const valid = flag('--lsbsysinit') ? /^(?:[a-z0-9]+|_?[a-z0-9-]+|[a-zA-Z0-9_-]+)$/ : /^[a-zA-Z0-9_-]+$/;
  let status = 0;
  for (const n of names.filter((x) => valid.test(x))) {
    const path = joinPath(dir, n);
    let st;
    try {
      st = ctx.sys.fs.stat(path);
    } catch {
      continue;
    }
    if (st.type !== 'file') continue;
    const exec = (st.mode & 0o111) !== 0;
    if (flag('--list')) {
      ctx.stdout.write(`${path}\n`);
      continue;
    }
    if (!exec) continue;
    if (flag('--test')) {
      ctx.stdout.write(`${path}\n`);
      continue;
    }
    if (flag('--verbose')) ctx.stderr.write(`run-parts: executing ${path}\n`);
    if (flag('--report')) ctx.stdout.write(`${path}:\n`);
    const r = await ctx.sys.spawn([path, ...passArgs], { searchPath: false });
    if (r.error) {
      ctx.stderr.write(`run-parts: failed to exec ${path}: ${r.error === 'EACCES' ? 'Permission denied' : 'Exec format error'}\n`);
      status = 1;
    } else if (r.status !== 0) {
      ctx.stderr.write(`run-parts: ${path} exited with return code ${r.status}\n`);
      status = 1;
      if (flag('--exit-on-error')) return r.status;
    }
  }
  return status;
}

export const runParts: Command = { name: 'run-parts', run: runRunParts };
