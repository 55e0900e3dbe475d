// sudo 1.8.31 (setuid root): check the sudoers rules for the invoking user, then run the command (or a
// root shell with -i/-s) with the target's credentials and a reset environment.

import { defineCommand } from './lib/dialect';
import { progName } from './lib/io';
import { readPassword } from './lib/prompt';
import { SudoJournal, type SudoRequest } from './lib/sudo-log';
import { loadSudoers, rulesFor } from './lib/sudoers';
import { journalOf } from '../world/systemd/client';
import { UserDb, type PasswdEntry } from './lib/users';
import type { CommandContext } from './types';

export const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-AknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-AknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-AbEHknPS] [-r role] [-t type] [-C num] [-g group] [-h host] [-p prompt] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-AknS] [-r role] [-t type] [-C num] [-g group] [-h host] [-p prompt] [-T timeout] [-u user] file ...
`;

/** Variables sudo's env_reset keeps from the caller (its default env_keep list, abridged). */
const KEEP = ['TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'LC_TIME', 'COLORTERM', 'DISPLAY', 'LS_COLORS', 'TZ', 'COLUMNS', 'LINES'];

interface SudoOpts {
  user: string;
  login: boolean;
  shell: boolean;
  preserveEnv: boolean;
  nonInteractive: boolean;
  list: boolean;
  validate: boolean;
  command: string[];
}

function parseSudo(args: string[]): SudoOpts | string {
  const o: SudoOpts = { user: 'root', login: false, shell: false, preserveEnv: false, nonInteractive: false, list: false, validate: false, command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split('=', 2);
      if (name === 'user') o.user = val ?? args[++i] ?? '';
      else if (name === 'login') o.login = true;
      else if (name === 'shell') o.shell = true;
      else if (name === 'preserve-env') o.preserveEnv = true;
      else if (name === 'non-interactive') o.nonInteractive = true;
      else if (name === 'list') o.list = true;
      else return `sudo: unrecognized option '${a}'`;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'u') {
        o.user = a.slice(j + 1) || args[++i] || '';
        break;
      }
      if (c === 'i') o.login = true;
      else if (c === 's') o.shell = true;
      else if (c === 'E') o.preserveEnv = true;
      else if (c === 'n') o.nonInteractive = true;
      else if (c === 'l') o.list = true;
      else if (c === 'v') o.validate = true;
      else if (c === 'H' || c === 'S' || c === 'k' || c === 'K' || c === 'b' || c === 'A' || c === 'P') continue;
      else return `sudo: invalid option -- '${c}'`;
    }
  }
  o.command = args.slice(i);
  return o;
}

/** How sudo passes a command to `shell -c`: every character but [A-Za-z0-9_-$] backslash-escaped. */
function shellJoin(argv: string[]): string {
  return argv.map((a) => a.replace(/([^A-Za-z0-9_\-$])/g, '\\$1')).join(' ');
}

/** What sudo names in the log when it refuses: the resolved command, the shell, or the mode. */
function deniedCommand(ctx: CommandContext, o: SudoOpts, db: UserDb): string {
  if (o.login || o.shell) return db.userByName(o.user)?.shell || '/bin/sh';
  if (o.command.length === 0) return 'validate';
  const [name, ...args] = o.command;
  const path = name.includes('/') ? name : (ctx.sys.which(name, SECURE_PATH) ?? name);
  return [path, ...args].join(' ');
}

export async function runSudo(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'sudo');
  if (ctx.process.euid !== 0) {
    ctx.stderr.write(`${prog}: effective uid is not 0, is /usr/bin/sudo on a file system with the 'nosuid' option set or an NFS file system without root privileges?\n`);
    return 1;
  }
  const o = parseSudo(ctx.argv.slice(1));
  if (typeof o === 'string') {
    ctx.stderr.write(`${o}\n${USAGE}`);
    return 1;
  }
  const db = UserDb.load(ctx.sys.fs);
  const me = db.userByUid(ctx.process.uid);
  if (!me) {
    ctx.stderr.write(`${prog}: you do not exist in the passwd database\n`);
    return 1;
  }
  const rules = ctx.process.uid === 0 ? [{ who: 'root', spec: 'ALL', nopasswd: true }] : rulesFor(loadSudoers(ctx.sys.fs), me, ctx.process.groups, db);
  if (o.list) {
    if (rules.length === 0) {
      ctx.stdout.write(`Sorry, user ${me.name} may not run sudo on ${ctx.process.hostname}.\n`);
      return 1;
    }
    ctx.stdout.write(
      `Matching Defaults entries for ${me.name} on ${ctx.process.hostname}:\n    env_reset, mail_badpass, secure_path=${SECURE_PATH.replace(/:/g, '\\:')}\n\n` +
        `User ${me.name} may run the following commands on ${ctx.process.hostname}:\n${rules.map((r) => `    ${r.spec.replace(/^\(ALL:ALL\)/, '(ALL : ALL)')}\n`).join('')}`,
    );
    return 0;
  }
  if (o.command.length === 0 && !o.login && !o.shell && !o.validate) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const log = new SudoJournal(journalOf(ctx.sys), me.name);
  const request = (runAs: string, command: string): SudoRequest => ({ tty: ctx.process.tty, cwd: ctx.cwd, runAs, command });
  if (rules.length === 0) {
    ctx.stderr.write(`${me.name} is not in the sudoers file.  This incident will be reported.\n`);
    log.denied(request(o.user, deniedCommand(ctx, o, db)), 'user NOT in sudoers');
    return 1;
  }
  if (!rules.some((r) => r.nopasswd)) {
    // We cannot check a password hash; a terminal user is asked and trusted, a script is refused.
    if (o.nonInteractive) {
      ctx.stderr.write(`${prog}: a password is required\n`);
      return 1;
    }
    if (!ctx.stdin.isTTY) {
      ctx.stderr.write(`${prog}: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n`);
      return 1;
    }
    await readPassword(ctx, `[sudo] password for ${me.name}: `);
    ctx.stderr.write('\n');
  }
  if (o.validate) return 0;
  const target: PasswdEntry | undefined = /^#\d+$/.test(o.user) ? db.userByUid(Number(o.user.slice(1))) : db.userByName(o.user);
  if (!target) {
    ctx.stderr.write(`${prog}: unknown user: ${o.user}\n`);
    return 1;
  }
  const shellPath = target.shell || '/bin/sh';
  const shellName = shellPath.slice(shellPath.lastIndexOf('/') + 1);
  const env: Record<string, string> = o.preserveEnv ? { ...ctx.env } : {};
  if (!o.preserveEnv) for (const k of KEEP) if (ctx.env[k] !== undefined) env[k] = ctx.env[k];
  Object.assign(env, {
    PATH: SECURE_PATH,
    HOME: target.home,
    LOGNAME: target.name,
    USER: target.name,
    SHELL: shellPath,
    MAIL: `/var/mail/${target.name}`,
    SUDO_USER: me.name,
    SUDO_UID: String(me.uid),
    SUDO_GID: String(me.gid),
  });
  let argv: string[];
  if (o.login) argv = o.command.length > 0 ? [shellName, '-l', '-c', shellJoin(o.command)] : [shellName, '-l'];
  else if (o.shell) {
    const sh = (o.preserveEnv ? ctx.env.SHELL : undefined) ?? shellPath;
    const name = sh.slice(sh.lastIndexOf('/') + 1);
    argv = o.command.length > 0 ? [name, '-c', shellJoin(o.command)] : [name];
  } else {
    argv = o.command;
    const found = argv[0].includes('/') ? (ctx.sys.fs.exists(argv[0]) ? argv[0] : null) : ctx.sys.which(argv[0], SECURE_PATH);
    if (found === null) {
      ctx.stderr.write(`${prog}: ${argv[0]}: command not found\n`);
      return 1;
    }
  }
  env.SUDO_COMMAND = o.login || o.shell ? shellPath : [ctx.sys.which(argv[0], SECURE_PATH) ?? argv[0], ...argv.slice(1)].join(' ');
  // sudo logs the command as the shell runs it for -i/-s: `/bin/bash -c ls\ -l`.
  const logged = (o.login || o.shell) && o.command.length > 0 ? `${o.shell && o.preserveEnv && ctx.env.SHELL ? ctx.env.SHELL : shellPath} -c ${shellJoin(o.command)}` : env.SUDO_COMMAND;
  log.allowed(request(target.name, logged));
  log.sessionOpened(target.name, ctx.process.tty === null ? '' : (db.userByUid(ctx.process.loginuid)?.name ?? ''));
  const r = await ctx.sys.spawn(argv, {
    uid: target.uid,
    gid: target.gid,
    groups: db.groupsOf(target),
    env,
    ...(o.login ? { cwd: target.home } : {}),
  });
  log.sessionClosed(target.name);
  if (r.error) {
    ctx.stderr.write(`${prog}: unable to execute ${argv[0]}: ${r.error === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
    return 1;
  }
  return r.status;
}

export const sudo = defineCommand('sudo', runSudo);
