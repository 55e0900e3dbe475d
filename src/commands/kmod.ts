// kmod (27): lsmod, modprobe, rmmod, insmod by the name it is called under. Loaded modules come from
// the optional `kmod` service; without it, the kubeadm node's usual set plus any DKMS-built module
// (Falco's driver) whose .ko is installed, in use while a process of that name runs.

import { nodeInfo } from './lib/node-info';
import type { Command, CommandContext } from './types';

export interface LoadedModule {
  name: string;
  size: number;
  usedBy: string[];
  refs: number;
}

/** Kernel module state of a node, when an area provides it. */
export interface KmodService {
  list(): LoadedModule[];
  load(name: string): 'ok' | 'EEXIST';
  unload(name: string): 'ok' | 'EBUSY' | 'ENOENT';
}

const BASE: LoadedModule[] = [
  { name: 'ipip', size: 20480, usedBy: [], refs: 0 },
  { name: 'tunnel4', size: 16384, usedBy: ['ipip'], refs: 1 },
  { name: 'ip_tunnel', size: 24576, usedBy: ['ipip'], refs: 1 },
  { name: 'xt_set', size: 20480, usedBy: [], refs: 10 },
  { name: 'ip_set', size: 45056, usedBy: ['xt_set'], refs: 1 },
  { name: 'xt_conntrack', size: 16384, usedBy: [], refs: 11 },
  { name: 'xt_MASQUERADE', size: 20480, usedBy: [], refs: 3 },
  { name: 'nf_conntrack_netlink', size: 45056, usedBy: [], refs: 0 },
  { name: 'xt_addrtype', size: 16384, usedBy: [], refs: 2 },
  { name: 'iptable_nat', size: 16384, usedBy: [], refs: 1 },
  { name: 'nf_nat', size: 40960, usedBy: ['iptable_nat', 'xt_MASQUERADE'], refs: 2 },
  { name: 'nf_conntrack', size: 139264, usedBy: ['xt_conntrack', 'nf_nat', 'nf_conntrack_netlink', 'xt_MASQUERADE'], refs: 4 },
  { name: 'nf_defrag_ipv6', size: 24576, usedBy: ['nf_conntrack'], refs: 1 },
  { name: 'nf_defrag_ipv4', size: 16384, usedBy: ['nf_conntrack'], refs: 1 },
  { name: 'br_netfilter', size: 28672, usedBy: [], refs: 0 },
  { name: 'bridge', size: 176128, usedBy: ['br_netfilter'], refs: 1 },
  { name: 'stp', size: 16384, usedBy: ['bridge'], refs: 1 },
  { name: 'llc', size: 16384, usedBy: ['bridge', 'stp'], refs: 2 },
  { name: 'overlay', size: 118784, usedBy: [], refs: 6 },
  { name: 'iptable_filter', size: 16384, usedBy: [], refs: 1 },
  { name: 'ip_tables', size: 32768, usedBy: ['iptable_filter', 'iptable_nat'], refs: 2 },
  { name: 'x_tables', size: 40960, usedBy: ['xt_conntrack', 'iptable_filter', 'xt_addrtype', 'ip_tables', 'xt_MASQUERADE', 'xt_set'], refs: 6 },
  { name: 'vboxguest', size: 348160, usedBy: [], refs: 0 },
];

function moduleDir(ctx: CommandContext): string {
  return `/lib/modules/${nodeInfo(ctx).kernelRelease}`;
}

/** DKMS and out-of-tree modules installed for the running kernel. */
function installedExtra(ctx: CommandContext): string[] {
  const out: string[] = [];
  for (const sub of ['updates/dkms', 'extra']) {
    try {
      for (const f of ctx.sys.fs.readdir(`${moduleDir(ctx)}/${sub}`)) if (f.endsWith('.ko')) out.push(f.slice(0, -3));
    } catch {
      // no such directory for this kernel
    }
  }
  return out;
}

function loaded(ctx: CommandContext): LoadedModule[] {
  const svc = ctx.sys.services.get<KmodService>('kmod');
  if (svc) return svc.list();
  const procs = ctx.sys.processes();
  const extra = installedExtra(ctx).map((name) => ({ name, size: name === 'falco' ? 634880 : 45056, usedBy: [], refs: procs.filter((p) => p.comm === name).length * 2 }));
  return [...extra, ...BASE];
}

const known = (ctx: CommandContext, name: string): boolean => BASE.some((m) => m.name === name) || installedExtra(ctx).includes(name);

function lsmod(ctx: CommandContext): number {
  let out = 'Module                  Size  Used by\n';
  for (const m of loaded(ctx)) out += `${m.name.padEnd(19)} ${String(m.size).padStart(8)}  ${m.refs}${m.usedBy.length ? ` ${m.usedBy.join(',')}` : ''}\n`;
  ctx.stdout.write(out);
  return 0;
}

function modprobe(ctx: CommandContext, args: string[]): number {
  const remove = args.some((a) => a === '-r' || a === '--remove');
  const quiet = args.some((a) => a === '-q' || a === '--quiet');
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    ctx.stderr.write('modprobe: ERROR: missing parameters. See -h.\n');
    return 1;
  }
  const name = names[0].replace(/-/g, '_');
  const isLoaded = loaded(ctx).some((m) => m.name === name);
  if (remove) {
    if (!isLoaded) return 0;
    if (ctx.process.euid !== 0) {
      ctx.stderr.write(`modprobe: ERROR: could not remove '${name}': Operation not permitted\n`);
      return 1;
    }
    const m = loaded(ctx).find((x) => x.name === name)!;
    const svc = ctx.sys.services.get<KmodService>('kmod');
    if (m.refs > 0 || (svc && svc.unload(name) === 'EBUSY')) {
      ctx.stderr.write(`modprobe: FATAL: Module ${name} is in use.\n`);
      return 1;
    }
    return 0;
  }
  if (!known(ctx, name)) {
    if (!quiet) ctx.stderr.write(`modprobe: FATAL: Module ${names[0]} not found in directory ${moduleDir(ctx)}\n`);
    return 1;
  }
  if (isLoaded) return 0;
  if (ctx.process.euid !== 0) {
    ctx.stderr.write(`modprobe: ERROR: could not insert '${name}': Operation not permitted\n`);
    return 1;
  }
  ctx.sys.services.get<KmodService>('kmod')?.load(name);
  return 0;
}

function rmmod(ctx: CommandContext, args: string[]): number {
  const names = args.filter((a) => !a.startsWith('-')).map((n) => n.replace(/\.ko$/, '').split('/').pop()!);
  if (names.length === 0) {
    ctx.stderr.write('rmmod: ERROR: missing module name.\n');
    return 1;
  }
  let status = 0;
  for (const name of names) {
    const m = loaded(ctx).find((x) => x.name === name);
    if (!m) {
      ctx.stderr.write(`rmmod: ERROR: Module ${name} is not currently loaded\n`);
      status = 1;
    } else if (ctx.process.euid !== 0) {
      ctx.stderr.write(`rmmod: ERROR: could not remove module ${name}: Operation not permitted\n`);
      status = 1;
    } else if (m.refs > 0 || ctx.sys.services.get<KmodService>('kmod')?.unload(name) === 'EBUSY') {
      ctx.stderr.write(`rmmod: ERROR: Module ${name} is in use${m.usedBy.length ? ` by: ${m.usedBy.join(' ')}` : ''}\n`);
      status = 1;
    }
  }
  return status;
}

function insmod(ctx: CommandContext, args: string[]): number {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) {
    ctx.stderr.write('insmod: ERROR: missing filename.\n');
    return 1;
  }
  if (!ctx.sys.fs.exists(file)) {
    ctx.stderr.write(`insmod: ERROR: could not load module ${file}: No such file or directory\n`);
    return 1;
  }
  const name = file.split('/').pop()!.replace(/\.ko$/, '');
  if (ctx.process.euid !== 0) {
    ctx.stderr.write(`insmod: ERROR: could not insert module ${file}: Operation not permitted\n`);
    return 1;
  }
  if (loaded(ctx).some((m) => m.name === name)) {
    ctx.stderr.write(`insmod: ERROR: could not insert module ${file}: File exists\n`);
    return 1;
  }
  ctx.sys.services.get<KmodService>('kmod')?.load(name);
  return 0;
}

async function runKmod(ctx: CommandContext): Promise<number> {
  const called = (ctx.argv[0] ?? 'kmod').split('/').pop()!;
  const args = ctx.argv.slice(1);
  switch (called) {
    case 'lsmod':
      return lsmod(ctx);
    case 'modprobe':
      return modprobe(ctx, args);
    case 'rmmod':
      return rmmod(ctx, args);
    case 'insmod':
      return insmod(ctx, args);
  }
  if (args[0] === '--version' || args[0] === '-V') {
    ctx.stdout.write('kmod version 27\n+XZ +ZLIB +LIBCRYPTO -EXPERIMENTAL\n');
    return 0;
  }
  if (args[0] === 'list') return lsmod(ctx);
  if (args[0] === 'static-nodes') return 0;
  ctx.stderr.write(args[0] === undefined ? 'missing command\nkmod - Manage kernel modules: list, load, unload, etc\nUsage:\n\tkmod [options] command [command_options]\n' : `kmod: ERROR: unknown command '${args[0]}'\n`);
  return 1;
}

export const kmod: Command = { name: 'kmod', run: runKmod };
