// getent (glibc): entries of passwd, group, hosts, services… from the files NSS reads; exit 2 when a
// key is not found, 1 for an unknown database.

import { defineCommand, type Dialect } from './lib/dialect';
import { isIPv4, resolveHost } from './lib/netdb';
import type { CommandContext } from './types';

function readQuiet(ctx: CommandContext, path: string): string[] {
  try {
    return ctx.sys.fs.readFile(path).split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  } catch {
    return [];
  }
}

/** A colon database (passwd, group, shadow): key by name or by numeric id (field 3). */
function colonDb(ctx: CommandContext, path: string, keys: string[]): { lines: string[]; missing: boolean } {
  const lines = readQuiet(ctx, path);
  if (keys.length === 0) return { lines, missing: false };
  const out: string[] = [];
  let missing = false;
  for (const k of keys) {
    const hit = lines.find((l) => {
      const f = l.split(':');
      return f[0] === k || (/^\d+$/.test(k) && f[2] === k);
    });
    if (hit) out.push(hit);
    else missing = true;
  }
  return { lines: out, missing };
}

function hostsDb(ctx: CommandContext, keys: string[]): { lines: string[]; missing: boolean } {
  const entries = readQuiet(ctx, '/etc/hosts').map((l) => l.replace(/#.*/, '').trim().split(/\s+/));
  const fmt = (ip: string, names: string[]): string => `${ip.padEnd(15)} ${names.join(' ')}`;
  if (keys.length === 0) return { lines: entries.filter((e) => e.length > 1).map((e) => fmt(e[0], e.slice(1))), missing: false };
  const out: string[] = [];
  let missing = false;
  for (const k of keys) {
    const hit = entries.find((e) => (isIPv4(k) ? e[0] === k : e.slice(1).includes(k)));
    if (hit) {
      out.push(fmt(hit[0], hit.slice(1)));
      continue;
    }
    const r = isIPv4(k) ? null : resolveHost(ctx, k);
    if (r?.ok) out.push(fmt(r.ip, [k]));
    else missing = true;
  }
  return { lines: out, missing };
}

export async function runGetent(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const [db, ...keys] = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  if (db === undefined) {
    ctx.stderr.write("getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n");
    return 1;
  }
  const files: Record<string, string> = { passwd: '/etc/passwd', group: '/etc/group', shadow: '/etc/shadow', gshadow: '/etc/gshadow' };
  let r: { lines: string[]; missing: boolean };
  if (db in files) {
    if ((db === 'shadow' || db === 'gshadow') && ctx.process.euid !== 0) r = { lines: [], missing: keys.length > 0 };
    else r = colonDb(ctx, files[db], keys);
  } else if (db === 'hosts' || db === 'ahosts') r = hostsDb(ctx, keys);
  else if (db === 'services' || db === 'protocols' || db === 'networks') {
    const lines = readQuiet(ctx, `/etc/${db}`);
    const out = keys.length === 0 ? lines : lines.filter((l) => keys.some((k) => l.split(/\s+/).some((f) => f === k || f.startsWith(`${k}/`))));
    r = { lines: out, missing: keys.length > 0 && out.length === 0 };
  } else {
    ctx.stderr.write(`Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  for (const l of r.lines) ctx.stdout.write(`${l}\n`);
  return r.missing ? 2 : 0;
}

export const getent = defineCommand('getent', runGetent);
