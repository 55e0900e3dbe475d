// mountpoint and umount (util-linux): whether a directory is a mount point in this process's mount
// table; unmounting needs root and a mount that nothing holds.

import { resolvePath } from '../vfs';
import { vfsError } from './lib/io';
import type { Command, CommandContext } from './types';

async function runMountpoint(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const quiet = args.includes('-q') || args.includes('--quiet');
  const target = args.find((a) => !a.startsWith('-'));
  if (!target) {
    ctx.stderr.write('mountpoint: bad usage\nTry \'mountpoint --help\' for more information.\n');
    return 1;
  }
  let path: string;
  try {
    ctx.sys.fs.stat(target);
    path = ctx.sys.fs.realpath(target);
  } catch (e) {
    if (!quiet) ctx.stderr.write(`mountpoint: ${target}: ${vfsError(e).text}\n`);
    return 1;
  }
  const is = ctx.sys.fs.mounts().some((m) => m.target === path);
  if (!quiet) ctx.stdout.write(`${target} is ${is ? '' : 'not '}a mountpoint\n`);
  return is ? 0 : 32;
}

async function runUmount(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const targets = args.filter((a) => !a.startsWith('-'));
  if (targets.length === 0) {
    ctx.stderr.write("Usage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>\n");
    return 1;
  }
  let status = 0;
  for (const t of targets) {
    const path = resolvePath(ctx.cwd, t);
    const mounted = ctx.sys.fs.mounts().some((m) => m.target === path || m.source === t);
    if (ctx.process.euid !== 0) {
      ctx.stderr.write(mounted ? `umount: ${t}: must be superuser to unmount.\n` : `umount: ${t}: not mounted.\n`);
      status = 32;
    } else if (!mounted) {
      ctx.stderr.write(`umount: ${t}: not mounted.\n`);
      status = 32;
    } else {
      // Mount changes are the kubelet's and the runtime's; a learner's umount finds the mount in use.
      ctx.stderr.write(`umount: ${t}: target is busy.\n`);
      status = 32;
    }
  }
  return status;
}

async function runSwapoff(ctx: CommandContext): Promise<number> {
  if (ctx.process.euid !== 0) {
    ctx.stderr.write('swapoff: Not superuser.\n');
    return 1;
  }
  // kubeadm nodes run without swap: there is nothing to turn off.
  for (const a of ctx.argv.slice(1).filter((x) => !x.startsWith('-'))) {
    ctx.stderr.write(`swapoff: ${a}: swapoff failed: Invalid argument\n`);
    return 255;
  }
  return 0;
}

export const mountpoint: Command = { name: 'mountpoint', run: runMountpoint };
export const umount: Command = { name: 'umount', run: runUmount };
export const swapoff: Command = { name: 'swapoff', run: runSwapoff };
