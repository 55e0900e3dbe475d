// Figures procps-style tools print about the machine (uptime, users, load, memory), derived from the
// node's size and its processes so they stay plausible and deterministic.

import type { CommandContext, PsEntry } from '../types';
import { nodeInfo } from './node-info';

export interface MemoryKiB {
  total: number;
  used: number;
  free: number;
  shared: number;
  buffCache: number;
  available: number;
}

/** Memory as free(1) sees it: a kubeadm node uses about 40% with page cache on top; no swap. */
export function memoryKiB(ctx: CommandContext): MemoryKiB {
  const info = nodeInfo(ctx);
  // The kernel reserves some memory: MemTotal is a little under the VM's size.
  const total = Math.floor(info.memoryMiB * 1024 * 0.9707);
  const procs = ctx.sys.processes();
  const rss = procs.reduce((a, p) => a + p.rss, 0);
  const used = Math.min(Math.floor(total * 0.36) + rss, Math.floor(total * 0.8));
  const buffCache = Math.floor(total * 0.34);
  const shared = 1108 + procs.length * 4;
  const free = Math.max(0, total - used - buffCache);
  const available = Math.max(0, total - used - shared + Math.floor(buffCache * 0.6));
  return { total, used, free, shared, buffCache, available };
}

/** Logged-in users as utmp counts them: one per terminal session with a login shell. */
export function loggedInUsers(procs: PsEntry[]): number {
  const ttys = new Set<string>();
  for (const p of procs) if (p.tty && /^-?(bash|sh|dash|zsh)$/.test(p.comm.replace(/^-/, '')) && p.argv[0]?.startsWith('-')) ttys.add(p.tty);
  return ttys.size;
}

/** Load averages: low and steady, a little higher with more runnable processes. */
export function loadAverages(procs: PsEntry[]): [number, number, number] {
  const running = procs.filter((p) => p.state === 'R').length;
  const base = 0.04 + Math.min(procs.length, 400) / 4000;
  return [base + running * 0.02, base * 0.6, base * 0.3].map((v) => Math.round(v * 100) / 100) as [number, number, number];
}

export function uptimeSeconds(ctx: CommandContext): number {
  return Math.max(0, Math.floor((ctx.sys.now() - nodeInfo(ctx).bootNs) / 1e9));
}
