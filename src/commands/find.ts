// find (findutils 4.7): walk directory trees and evaluate an expression per file; messages use
// locale quotes (`find: ‘/root’: Permission denied`) and any error makes the exit status 1.

import type { Stat } from '../vfs';
import { fnmatch } from '../core/fnmatch';
import { defineCommand } from './lib/dialect';
import { errText, progName } from './lib/io';
import { parseFind, FindSyntaxError, type FindNode, type FindOptions } from './lib/find-expr';
import { modeString } from './lib/mode';
import { applyChmodMode } from './lib/mode';
import { quoteLocale } from './lib/quote';
import { lsDate } from './lib/timefmt';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

const TYPE_LETTER: Record<string, string> = { file: 'f', dir: 'd', symlink: 'l', chardev: 'c', fifo: 'p', socket: 's' };

function numCmp(arg: string, value: number): boolean {
  const m = /^([-+]?)(\d+)$/.exec(arg);
  if (!m) return false;
  const n = Number(m[2]);
  return m[1] === '+' ? value > n : m[1] === '-' ? value < n : value === n;
}

export async function runFind(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'find');
  const q = (s: string): string => quoteLocale(s, ctx.env);
  let args = ctx.argv.slice(1);
  const opts: FindOptions = { maxdepth: Infinity, mindepth: 0, depthFirst: false, follow: false };
  while (args[0] === '-L' || args[0] === '-H' || args[0] === '-P') {
    if (args[0] === '-L') opts.follow = true;
    args = args.slice(1);
  }
  let split = args.findIndex((a) => a.startsWith('-') || a === '!' || a === '(');
  if (split < 0) split = args.length;
  const starts = split === 0 ? ['.'] : args.slice(0, split);
  let parsed: { expr: FindNode; hasAction: boolean };
  try {
    parsed = parseFind(args.slice(split), opts);
  } catch (e) {
    if (e instanceof FindSyntaxError) {
      ctx.stderr.write(`${prog}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const fs = ctx.sys.fs;
  const db = UserDb.load(fs);
  let status = 0;
  let quit = false;
  const batches = new Map<FindNode, string[]>();
  const now = ctx.sys.now();

  const runExec = async (node: Extract<FindNode, { kind: 'exec' }>, paths: string[]): Promise<boolean> => {
    const argv = node.batch ? node.argv.flatMap((a) => (a === '{}' ? paths : [a])) : node.argv.map((a) => a.split('{}').join(paths[0]));
    const r = await ctx.sys.spawn(argv);
    if (r.error) {
      ctx.stderr.write(`${prog}: ${q(argv[0])}: ${r.error === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
      status = 1;
      return false;
    }
    if (node.batch && r.status !== 0) status = 1;
    return r.status === 0;
  };

  const test = (name: string, arg: string, path: string, st: Stat): boolean => {
    const base = path === '/' ? '/' : path.replace(/\/+$/, '').split('/').pop()!;
    switch (name) {
      case '-name':
        return fnmatch(arg, base);
      case '-iname':
        return fnmatch(arg, base, { casefold: true });
      case '-path':
      case '-wholename':
        return fnmatch(arg, path);
      case '-ipath':
      case '-iwholename':
        return fnmatch(arg, path, { casefold: true });
      case '-regex':
      case '-iregex':
        try {
          return new RegExp(`^(?:${arg})$`, name === '-iregex' ? 'i' : '').test(path);
        } catch {
          return false;
        }
      case '-type':
        return arg.split(',').includes(TYPE_LETTER[st.type] ?? '?');
      case '-user':
        return db.userName(st.uid) === arg || String(st.uid) === arg;
      case '-group':
        return db.groupName(st.gid) === arg || String(st.gid) === arg;
      case '-uid':
        return numCmp(arg, st.uid);
      case '-gid':
        return numCmp(arg, st.gid);
      case '-links':
        return numCmp(arg, st.nlink);
      case '-inum':
        return numCmp(arg, st.ino);
      case '-nouser':
        return !db.userByUid(st.uid);
      case '-nogroup':
        return !db.groupByGid(st.gid);
      case '-perm': {
        const mode = st.mode & 0o7777;
        const spec = arg.replace(/^[-/]/, '');
        const want = applyChmodMode(spec, 0, st.type === 'dir', 0);
        if (want === null) return false;
        if (arg.startsWith('-')) return (mode & want) === want;
        if (arg.startsWith('/')) return want === 0 || (mode & want) !== 0;
        return mode === want;
      }
      case '-size': {
        const m = /^([-+]?)(\d+)([bckwMG]?)$/.exec(arg);
        if (!m) return false;
        const unit = { '': 512, b: 512, c: 1, k: 1024, w: 2, M: 1024 ** 2, G: 1024 ** 3 }[m[3]]!;
        const size = Math.ceil(st.size / unit);
        return numCmp(`${m[1]}${m[2]}`, size);
      }
      case '-mtime':
        return numCmp(arg, Math.floor((now - st.mtime) / 86400e9));
      case '-mmin':
        return numCmp(arg, Math.ceil((now - st.mtime) / 60e9));
      case '-newer':
        try {
          return st.mtime > fs.stat(arg).mtime;
        } catch {
          return false;
        }
      case '-empty':
        if (st.type === 'file') return st.size === 0;
        if (st.type === 'dir') {
          try {
            return fs.readdir(path).length === 0;
          } catch {
            return false;
          }
        }
        return false;
      case '-executable':
      case '-readable':
      case '-writable':
        try {
          fs.access(path, name === '-executable' ? 1 : name === '-readable' ? 4 : 2);
          return true;
        } catch {
          return false;
        }
      case '-lname':
        return st.type === 'symlink' && fnmatch(arg, st.target ?? '');
      default:
        return false;
    }
  };

  let pruned = false;
  const evaluate = async (n: FindNode, path: string, st: Stat): Promise<boolean> => {
    switch (n.kind) {
      case 'true':
        return true;
      case 'and':
        return (await evaluate(n.left, path, st)) && evaluate(n.right, path, st);
      case 'or':
        return (await evaluate(n.left, path, st)) || evaluate(n.right, path, st);
      case 'not':
        return !(await evaluate(n.operand, path, st));
      case 'test':
        return test(n.name, n.arg, path, st);
      case 'exec':
        if (n.batch) {
          const list = batches.get(n) ?? [];
          list.push(path);
          batches.set(n, list);
          return true;
        }
        return runExec(n, [path]);
      case 'action':
        switch (n.name) {
          case '-print':
            ctx.stdout.write(`${path}\n`);
            return true;
          case '-print0':
            ctx.stdout.write(`${path}\0`);
            return true;
          case '-ls': {
            const size = String(st.size).padStart(8);
            ctx.stdout.write(
              `${String(st.ino).padStart(9)} ${String(Math.ceil(st.size / 4096) * 4).padStart(6)} ${modeString(st.type, st.mode)} ${String(st.nlink).padStart(3)} ${db.userName(st.uid).padEnd(8)} ${db.groupName(st.gid).padEnd(8)} ${size} ${lsDate(ctx.sys.wall(st.mtime), ctx.sys.wall(now), st.mtime, now)} ${path}${st.type === 'symlink' ? ` -> ${st.target}` : ''}\n`,
            );
            return true;
          }
          case '-delete':
            try {
              if (st.type === 'dir') fs.rmdir(path);
              else fs.unlink(path);
              return true;
            } catch (e) {
              ctx.stderr.write(`${prog}: cannot delete ${q(path)}: ${errText(e)}\n`);
              status = 1;
              return false;
            }
          case '-prune':
            pruned = true;
            return true;
          case '-quit':
            quit = true;
            return true;
          case '-false':
            return false;
        }
        return true;
    }
  };

  const expr: FindNode = parsed.hasAction ? parsed.expr : { kind: 'and', left: parsed.expr, right: { kind: 'action', name: '-print' } };

  const visit = async (path: string, depth: number): Promise<void> => {
    if (quit) return;
    let st: Stat;
    try {
      st = opts.follow || depth === 0 ? fs.stat(path) : fs.lstat(path);
    } catch (e) {
      try {
        st = fs.lstat(path);
      } catch {
        ctx.stderr.write(`${prog}: ${q(path)}: ${errText(e)}\n`);
        status = 1;
        return;
      }
    }
    pruned = false;
    const here = depth >= opts.mindepth;
    if (here && !opts.depthFirst) await evaluate(expr, path, st);
    if (st.type === 'dir' && depth < opts.maxdepth && !pruned && !quit) {
      let names: string[] = [];
      try {
        names = fs.readdir(path);
      } catch (e) {
        ctx.stderr.write(`${prog}: ${q(path)}: ${errText(e)}\n`);
        status = 1;
      }
      for (const n of names) await visit(path.endsWith('/') ? `${path}${n}` : `${path}/${n}`, depth + 1);
    }
    if (here && opts.depthFirst && !quit) await evaluate(expr, path, st);
  };

  for (const s of starts) await visit(s, 0);
  for (const [node, paths] of batches) if (node.kind === 'exec') await runExec(node, paths);
  return status;
}

export const find = defineCommand('find', runFind);
