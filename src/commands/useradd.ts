// useradd, groupadd and usermod (shadow-utils 4.8.1, Ubuntu defaults: USERGROUPS_ENAB, SHELL=/bin/sh):
// edit the account databases under their locks, with shadow's messages and exit codes.

import { has, lastValue, parseArgs } from './lib/args';
import { daysSinceEpoch, editDatabases, nextId, readAccounts, validName } from './lib/shadow-files';
import type { Command, CommandContext } from './types';

function copySkel(ctx: CommandContext, home: string, uid: number, gid: number): void {
  const fs = ctx.sys.fs;
  fs.mkdir(home, 0o755);
  fs.chown(home, uid, gid);
  let names: string[] = [];
  try {
    names = fs.readdir('/etc/skel');
  } catch {
    names = [];
  }
  for (const n of names) {
    try {
      fs.writeFile(`${home}/${n}`, fs.readFile(`/etc/skel/${n}`), { mode: 0o644 });
      fs.chown(`${home}/${n}`, uid, gid);
    } catch {
      // a skeleton entry that is not a plain file is skipped
    }
  }
}

async function runUseradd(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'c:d:g:G:mMs:u:rN',
    long: { comment: { key: 'c', arg: 'required' }, home: { key: 'd', arg: 'required' }, 'home-dir': { key: 'd', arg: 'required' }, gid: { key: 'g', arg: 'required' }, groups: { key: 'G', arg: 'required' }, 'create-home': { key: 'm', arg: 'none' }, 'no-create-home': { key: 'M', arg: 'none' }, shell: { key: 's', arg: 'required' }, uid: { key: 'u', arg: 'required' }, system: { key: 'r', arg: 'none' } },
  });
  if (!p.ok || p.operands.length !== 1) {
    ctx.stderr.write(`${p.ok ? '' : `useradd: ${p.error}\n`}Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n`);
    return 2;
  }
  const name = p.operands[0];
  if (!validName(name)) {
    ctx.stderr.write(`useradd: invalid user name '${name}'\n`);
    return 3;
  }
  const db = readAccounts(ctx);
  if (db.users.some((u) => u.name === name)) {
    ctx.stderr.write(`useradd: user '${name}' already exists\n`);
    return 9;
  }
  const gOpt = lastValue(p, 'g');
  const primary = gOpt === undefined ? null : db.groups.find((g) => g.name === gOpt || String(g.gid) === gOpt);
  if (gOpt !== undefined && !primary) {
    ctx.stderr.write(`useradd: group '${gOpt}' does not exist\n`);
    return 6;
  }
  const extra = (lastValue(p, 'G') ?? '').split(',').filter(Boolean);
  for (const g of extra) {
    if (!db.groups.some((x) => x.name === g || String(x.gid) === g)) {
      ctx.stderr.write(`useradd: group '${g}' does not exist\n`);
      return 6;
    }
  }
  if (primary === null && db.groups.some((g) => g.name === name)) {
    ctx.stderr.write(`useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
    return 9;
  }
  const uid = lastValue(p, 'u') !== undefined ? Number(lastValue(p, 'u')) : nextId(db.users.map((u) => u.uid));
  // USERGROUPS_ENAB: the user's own group takes the same id when it is free.
  const gid = primary ? primary.gid : db.groups.some((g) => g.gid === uid) ? nextId(db.groups.map((g) => g.gid)) : uid;
  const home = lastValue(p, 'd') ?? `/home/${name}`;
  const shell = lastValue(p, 's') ?? '/bin/sh';
  const edits: Record<string, (l: string[]) => string[]> = {
    '/etc/passwd': (l) => [...l, `${name}:x:${uid}:${gid}:${lastValue(p, 'c') ?? ''}:${home}:${shell}`],
    '/etc/shadow': (l) => [...l, `${name}:!:${daysSinceEpoch(ctx)}:0:99999:7:::`],
  };
  if (!primary || extra.length > 0) {
    edits['/etc/group'] = (l) => {
      const out = l.map((line) => {
        const f = line.split(':');
        if (!extra.includes(f[0]) && !extra.includes(f[2])) return line;
        f[3] = [...(f[3] ? f[3].split(',') : []), name].join(',');
        return f.join(':');
      });
      return primary ? out : [...out, `${name}:x:${gid}:`];
    };
    edits['/etc/gshadow'] = (l) => (primary ? l : [...l, `${name}:!::`]);
  }
  if (!editDatabases(ctx, 'useradd', edits)) return 1;
  if (has(p, 'm')) {
    try {
      copySkel(ctx, home, uid, gid);
    } catch {
      ctx.stderr.write(`useradd: cannot create directory ${home}\n`);
      return 12;
    }
  }
  return 0;
}

async function runGroupadd(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'g:rf', long: { gid: { key: 'g', arg: 'required' }, system: { key: 'r', arg: 'none' }, force: { key: 'f', arg: 'none' } } });
  if (!p.ok || p.operands.length !== 1) {
    ctx.stderr.write(`${p.ok ? '' : `groupadd: ${p.error}\n`}Usage: groupadd [options] GROUP\n`);
    return 2;
  }
  const name = p.operands[0];
  if (!validName(name)) {
    ctx.stderr.write(`groupadd: '${name}' is not a valid group name\n`);
    return 3;
  }
  const db = readAccounts(ctx);
  if (db.groups.some((g) => g.name === name)) {
    if (has(p, 'f')) return 0;
    ctx.stderr.write(`groupadd: group '${name}' already exists\n`);
    return 9;
  }
  const gid = lastValue(p, 'g') !== undefined ? Number(lastValue(p, 'g')) : nextId(db.groups.map((g) => g.gid));
  const ok = editDatabases(ctx, 'groupadd', { '/etc/group': (l) => [...l, `${name}:x:${gid}:`], '/etc/gshadow': (l) => [...l, `${name}:!::`] });
  return ok ? 0 : 10;
}

async function runUsermod(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'aG:s:LUc:d:g:', long: { append: { key: 'a', arg: 'none' }, groups: { key: 'G', arg: 'required' }, shell: { key: 's', arg: 'required' }, lock: { key: 'L', arg: 'none' }, unlock: { key: 'U', arg: 'none' }, comment: { key: 'c', arg: 'required' } } });
  if (!p.ok || p.operands.length !== 1) {
    ctx.stderr.write(`${p.ok ? '' : `usermod: ${p.error}\n`}Usage: usermod [options] LOGIN\n`);
    return 2;
  }
  const name = p.operands[0];
  const db = readAccounts(ctx);
  if (!db.users.some((u) => u.name === name)) {
    ctx.stderr.write(`usermod: user '${name}' does not exist\n`);
    return 6;
  }
  const groups = (lastValue(p, 'G') ?? '').split(',').filter(Boolean);
  for (const g of groups) {
    if (!db.groups.some((x) => x.name === g)) {
      ctx.stderr.write(`usermod: group '${g}' does not exist\n`);
      return 6;
    }
  }
  const edits: Record<string, (l: string[]) => string[]> = {
    '/etc/passwd': (l) =>
      l.map((line) => {
        const f = line.split(':');
        if (f[0] !== name) return line;
        if (lastValue(p, 's') !== undefined) f[6] = lastValue(p, 's')!;
        if (lastValue(p, 'c') !== undefined) f[4] = lastValue(p, 'c')!;
        return f.join(':');
      }),
  };
  if (has(p, 'L') || has(p, 'U')) {
    edits['/etc/shadow'] = (l) => l.map((line) => (line.startsWith(`${name}:`) ? line.replace(/^([^:]*):!?/, has(p, 'L') ? '$1:!' : '$1:') : line));
  }
  if (groups.length > 0) {
    edits['/etc/group'] = (l) =>
      l.map((line) => {
        const f = line.split(':');
        let members = f[3] ? f[3].split(',') : [];
        if (groups.includes(f[0]) && !members.includes(name)) members.push(name);
        else if (!groups.includes(f[0]) && !has(p, 'a')) members = members.filter((m) => m !== name);
        f[3] = members.join(',');
        return f.join(':');
      });
  }
  return editDatabases(ctx, 'usermod', edits) ? 0 : 1;
}

export const useradd: Command = { name: 'useradd', run: runUseradd };
export const groupadd: Command = { name: 'groupadd', run: runGroupadd };
export const usermod: Command = { name: 'usermod', run: runUsermod };
