// su (util-linux 2.34, setuid root): root switches user freely; anyone else is asked a password that
// cannot be right (root has none on Ubuntu), so the attempt fails after the prompt.

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import { readPassword } from './lib/prompt';
import { UserDb } from './lib/users';
import type { CommandContext } from './types';

export async function runSu(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'su');
  const args = ctx.argv.slice(1);
  let login = false;
  let command: string | null = null;
  let shell: string | null = null;
  let preserve = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || a === '-l' || a === '--login') login = true;
    else if (a === '-c' || a === '--command') command = args[++i] ?? '';
    else if (a.startsWith('--command=')) command = a.slice(10);
    else if (a === '-s' || a === '--shell') shell = args[++i] ?? '';
    else if (a === '-m' || a === '-p' || a === '--preserve-environment') preserve = true;
    else if (a.startsWith('-') && rest.length === 0) {
      ctx.stderr.write(`${prog}: invalid option -- '${a.slice(1, 2)}'\nTry 'su --help' for more information.\n`);
      return 1;
    } else rest.push(a);
  }
  const name = rest[0] ?? 'root';
  const db = UserDb.load(ctx.sys.fs);
  const target = db.userByName(name);
  if (!target) {
    ctx.stderr.write(`${prog}: user ${name} does not exist\n`);
    return 1;
  }
  if (ctx.process.uid !== 0) {
    await readPassword(ctx, 'Password: ');
    ctx.stderr.write(`\n${prog}: Authentication failure\n`);
    return 1;
  }
  const shellPath = shell ?? target.shell ?? '/bin/sh';
  const shellName = shellPath.slice(shellPath.lastIndexOf('/') + 1);
  const env: Record<string, string> = login
    ? { TERM: ctx.env.TERM ?? 'xterm', PATH: target.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games' }
    : { ...ctx.env };
  if (!preserve) Object.assign(env, { HOME: target.home, SHELL: shellPath, USER: target.name, LOGNAME: target.name });
  const argv = [shellName, ...(login ? ['-l'] : []), ...(command !== null ? ['-c', command] : []), ...rest.slice(1)];
  const r = await ctx.sys.spawn(argv, { uid: target.uid, gid: target.gid, groups: db.groupsOf(target), env, ...(login ? { cwd: target.home } : {}) });
  if (r.error) {
    ctx.stderr.write(`${prog}: failed to execute ${shellPath}: No such file or directory\n`);
    return 1;
  }
  return r.status;
}

export const su = defineCommand('su', runSu);
